"""Settings and engine objects for the app: built once per session (settings) or per process
(models, stores), from defaults, environment and `.streamlit/secrets.toml`; plus the bookkeeping
that lets long work (ingestion, gap checks) be cancelled."""
from __future__ import annotations

import contextlib
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Iterator

import streamlit as st
from pydantic import SecretStr

from disclosure.errors import DisclosureError
from disclosure.settings import Settings, load_settings

from .i18n import lang, t


def get_settings() -> Settings:
    if "settings" not in st.session_state:
        st.session_state["settings"] = load_settings()
    return st.session_state["settings"]


def set_settings(settings: Settings) -> None:
    """Use ``settings`` for the rest of this session. The evidence base is cached by its settings, so
    the next ``get_evidence_base()`` opens the store and embedder the new settings name."""
    st.session_state["settings"] = settings


@st.cache_resource(show_spinner=False, max_entries=8)
def _evidence_base(settings_json: str, token_digest: str = "", _chroma_token: str = ""):
    from disclosure.evidence import EvidenceBase

    s = Settings.model_validate_json(settings_json)
    if _chroma_token:  # a SecretStr does not survive JSON; the token is passed beside it (unhashed)
        s = s.model_copy(update={"chroma_token": SecretStr(_chroma_token)})
    return EvidenceBase(s)


def evidence_key(s: Settings) -> str:
    # The API key and LLM choices are not part of the evidence base's identity; secrets are stripped
    # before the settings become a cache key. The workspace is part of it: one base per workspace.
    return s.model_copy(update={"llm_api_key": SecretStr(""), "chroma_token": SecretStr("")}).model_dump_json()


def get_evidence_base():
    """The current workspace's whole evidence base (documents of every role)."""
    import hashlib

    s = get_settings()
    token = s.chroma_token.get_secret_value()
    # a new token opens a new client; the cache key holds only a digest of it
    return _evidence_base(evidence_key(s), hashlib.sha256(token.encode()).hexdigest() if token else "", token)


def get_own_evidence():
    """The current workspace's own documents only: what drafts, answers and figures are given."""
    return get_evidence_base().own_evidence()


def set_workspace(name: str) -> None:
    """Switch this session to workspace ``name`` (its evidence base opens on next use)."""
    from disclosure.workspace import workspace_settings

    set_settings(workspace_settings(get_settings(), name))
    for key in ("last_report", "ingest_notice", "sample_notice"):
        st.session_state.pop(key, None)


def mask_secret(text: str, secret: str = "") -> str:
    """``text`` with the API key (and anything shaped like one) replaced by ***."""
    if secret:
        text = text.replace(secret, "***")
    return re.sub(r"\b(sk|pk|key)-[A-Za-z0-9_\-*]{6,}", r"\1-***", text)


def error_message(exc: BaseException) -> str:
    """One readable line for an error: the engine's own message, or the exception's first line."""
    if isinstance(exc, DisclosureError):
        msg = exc.message
    else:
        first = (str(exc).strip().splitlines() or [""])[0][:400]
        msg = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    key = st.session_state["settings"].llm_api_key.get_secret_value() if "settings" in st.session_state else ""
    return mask_secret(msg, key)


def show_error(exc: Exception) -> None:
    """Engine errors as a message in the page, never a stack trace (the app keeps working)."""
    st.error(f"{t('error')}: {error_message(exc)}")


# ------------------------------------------------------------------------------------ long work
# The engine's progress messages are English; these prefixes are shown in the interface language.
_PROGRESS_ZH = [("embedding passages", "計算段落向量"), ("embedding ", "計算向量："), ("reading ", "讀取："),
                ("writing ", "寫入："), ("checking ", "檢查："), ("claim checks", "檢查聲明"), ("done", "完成")]


def progress_text(message: str) -> str:
    """An engine progress message in the interface language (the file or requirement named in it kept)."""
    if not lang().startswith("zh") or not message:
        return message
    for en, zh in _PROGRESS_ZH:
        if message.startswith(en):
            return zh + message[len(en):]
    return message


@dataclass
class LongTask:
    """One piece of long work of this session (an ingestion, a gap check).

    Streamlit stops a running script as soon as the person interacts with the page (the Cancel
    button, or any other widget): the old run gets a StopException at its next progress update while
    a new run starts at once, in parallel. So the run that starts the work marks the task running and
    holds ``lock``; a later run that finds it still running (or stopped half-way) sets ``cancel`` —
    which the engine's cancel callback reads — and waits for the lock, i.e. for the old run to have
    unwound, before it reports what was finished. The engine writes each document all-or-nothing,
    so an interrupted run never leaves half a document behind.
    """

    lock: threading.Lock = field(default_factory=threading.Lock)
    cancel: threading.Event = field(default_factory=threading.Event)
    status: str = "idle"  # idle | running | finished | stopped | failed
    data: dict[str, Any] = field(default_factory=dict)

    def start(self, **data) -> None:
        if not self.lock.acquire(timeout=600):
            raise DisclosureError("the previous run of this work has not stopped yet — wait a moment and try again")
        self.cancel.clear()
        self.status = "running"
        self.data = dict(data)

    def end(self, status: str) -> None:
        self.status = status
        if self.lock.locked():
            self.lock.release()

    @property
    def interrupted(self) -> bool:
        return self.status in ("running", "stopped")

    def stop_and_wait(self, timeout: float = 300.0) -> bool:
        """Ask the interrupted run to stop and wait until it has; True when it has."""
        self.cancel.set()
        if self.lock.acquire(timeout=timeout):
            self.lock.release()
            return True
        return False

    def reset(self) -> None:
        self.status = "idle"
        self.data = {}
        self.cancel.clear()


def long_task(name: str) -> LongTask:
    key = f"_task_{name}"
    if key not in st.session_state:
        st.session_state[key] = LongTask()
    return st.session_state[key]


@dataclass
class RunControls:
    """What a block run under :func:`cancellable` gets: the progress bar, and ``outcome`` to set
    when the engine stopped on a cancel ('stopped') instead of finishing."""

    bar: Any
    outcome: str | None = None


@contextlib.contextmanager
def cancellable(task: LongTask, cancel_key: str, raise_errors: bool = False, **data) -> Iterator[RunControls]:
    """Run the block as ``task``, with a Cancel button and a progress bar that exist only while it
    runs. The task ends 'finished' when the block completes (or with the block's ``outcome``),
    'failed' on an error — shown as a message, or re-raised with ``raise_errors`` — and 'stopped'
    when Streamlit stops the run because the person clicked. That stop surfaces at the block's next
    page call, so a block keeps its result in session state before drawing anything. ``data`` is
    kept on the task for the run that finds it stopped."""
    task.start(**data)
    holder = st.empty()
    with holder.container():
        st.button(t("cancel"), key=cancel_key, icon=":material/stop_circle:", help=t("cancel_help"))
        controls = RunControls(st.progress(0.0, text=t("working")))
    status = "stopped"
    try:
        yield controls
        status = controls.outcome or "finished"
        holder.empty()
    except Exception as exc:
        status = "failed"
        holder.empty()
        if raise_errors:
            raise
        show_error(exc)
    finally:
        task.end(status)


def ingest_with_progress(eb, files, task_name: str = "ingest", role: str | None = None):
    """Ingest ``files`` (PendingFile) one by one with a progress bar and a Cancel button, and return
    the IngestReport. When Streamlit stops the run half-way the StopException passes through; the
    next run reports what was finished through :func:`take_interrupted_ingest`."""
    from disclosure import services
    from disclosure.models import IngestReport

    task = long_task(task_name)
    report = IngestReport()
    st.session_state.pop(f"{task_name}_notice", None)
    n = max(1, len(files))
    with cancellable(task, f"{task_name}_cancel", raise_errors=True, names=[f.name for f in files],
                     report=report) as run:
        for i, f in enumerate(files):
            if task.cancel.is_set():
                break
            r = services.ingest(eb, files=[f], role=role, progress=lambda fr, m, i=i: run.bar.progress(
                min(1.0, (i + fr) / n), text=f"{i + 1}/{n} · {progress_text(m)}"[:120]))
            report.notices += r.notices
            report.added += r.added
            report.replaced += r.replaced
            report.unchanged += r.unchanged
            report.skipped += r.skipped
        _mark_not_added(report, task.data["names"])
    return report


def _mark_not_added(report, names: list[str]) -> None:
    from disclosure.evidence import safe_filename
    from disclosure.models import SkippedFile

    seen = {d.source for d in report.added + report.replaced} | {s.source for s in report.skipped} | {
        getattr(s, "source", s) for s in report.unchanged}
    for name in names:
        if safe_filename(name) not in seen:
            report.skipped.append(SkippedFile(source=name, reason=t("not_added_cancelled"), error_type="Cancelled"))


def take_interrupted_ingest(task_name: str = "ingest"):
    """If an ingestion of this session was stopped half-way, wait for it to unwind and return its
    report (files finished before the stop, the others marked not added); else None."""
    task = long_task(task_name)
    if not task.interrupted:
        return None
    with st.spinner(t("stopping")):
        task.stop_and_wait()
    report = task.data.get("report")
    if report is not None:  # the old run may have finished after all; then nothing is marked
        _mark_not_added(report, task.data.get("names", []))
    task.reset()
    return report
