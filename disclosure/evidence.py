"""The evidence base: a company's documents, read, chunked, embedded and indexed with provenance.

This is the service the CLI and the app call for ingestion, the document list and search.
"""
from __future__ import annotations

import copy
import hashlib
import logging
import re
import shutil
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .chunking import chunk_text
from .converters import EXTENSIONS, LEGACY_HINTS, ConvertedDocument, convert
from .embeddings import Embedder, make_embedder
from .errors import ConfigurationError, DocumentNotFoundError, FileTooLargeError, IngestionError
from .models import ROLES, Chunk, DocumentRecord, DocumentRole, Evidence, IngestReport, Location, RoleNotice, SkippedFile
from .normalization import detect_language, find_roc_years, find_years
from .pages import classify_pages
from .retrieval import HybridRetriever, SearchFilters, index_text
from .settings import Settings
from .store import ChunkStore
from .vector_cache import EmbeddingCache, ShippedVectors, default_cache_dir, document_bucket, embed_with_shipped

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]


def _noop(_f: float, _m: str) -> None:
    pass


def _skipped(name: str, exc: IngestionError) -> SkippedFile:
    """The reason without the file name (the report shows the name beside it)."""
    reason = exc.reason + (f" — {exc.hint}" if exc.hint else "")
    return SkippedFile(source=name, reason=reason, error_type=type(exc).__name__)


def safe_filename(name: str, max_bytes: int = 180) -> str:
    """A display/storage name with no directories, control characters or path tricks, kept readable
    (Chinese names stay Chinese) and short enough for any filesystem."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/").split("/")[-1]
    # C0/C1 controls, and bidi overrides that make "fdp.exe" display as "exe.pdf"
    name = re.sub(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", name).strip().lstrip(".").rstrip(". ").strip()
    name = re.sub(r'[<>:"|?*]', "_", name)
    if not name or name in {".", ".."}:
        name = "document"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = ext[:10]
    while len((stem + "." + ext).encode("utf-8")) > max_bytes and stem:
        stem = stem[:-1]
    return f"{stem}.{ext}" if ext else stem


@dataclass
class PendingFile:
    """A file to ingest: its display name and its bytes (already read)."""

    name: str
    data: bytes


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[SkippedFile]]:
    """Expand directories (recursively, supported types only, hidden files skipped)."""
    files: list[Path] = []
    skipped: list[SkippedFile] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    if f.suffix.lower() in EXTENSIONS:
                        files.append(f)
                    elif f.suffix.lower() in LEGACY_HINTS:  # tell, rather than silently skip, old Office files
                        ext = f.suffix.lower()
                        skipped.append(SkippedFile(source=f.name, error_type="UnsupportedFileError",
                                                   reason=f"the old {ext} format is not supported — {LEGACY_HINTS[ext]}"))
        elif p.is_file():
            files.append(p)
        else:
            skipped.append(SkippedFile(source=str(p), reason="no such file or directory", error_type="NotFound"))
    return files, skipped


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ConfigurationError(f"unknown document role '{role}' — use one of {', '.join(ROLES)}")


class EvidenceBase:
    """The documents of one workspace. ``own_evidence()`` is the same base restricted to the
    company's own documents (role ``evidence``): what drafts, answers and checks are given."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, store: ChunkStore | None = None):
        self.settings = settings
        self.embedder = embedder or make_embedder(settings)
        self.store = store or ChunkStore(settings, self.embedder.model_id)
        self.retriever = HybridRetriever(settings, self.store, self.embedder)
        self.shipped_vectors = ShippedVectors(settings.shipped_vectors_dir, self.embedder)
        self.roles: frozenset[str] | None = None  # None: every document; else only these roles

    def own_evidence(self) -> "EvidenceBase":
        """A view of this evidence base that sees only the company's own documents (role
        ``evidence``): same store, embedder and retriever, nothing re-read. Hand it to every engine
        that speaks as the company (drafts, answers, Home figures, GHG consistency)."""
        view = copy.copy(self)
        view.roles = frozenset({"evidence"})
        return view

    def profile(self):
        """The workspace's company profile (read fresh: it may be edited while the base is open)."""
        from .workspace import effective_profile

        return effective_profile(self.settings, self.all_documents())

    # ------------------------------------------------------------ documents
    def all_documents(self) -> list[DocumentRecord]:
        """Every committed document, whatever its role."""
        return self.store.list_documents()

    def documents(self) -> list[DocumentRecord]:
        """The committed documents this base (or view) sees."""
        docs = self.all_documents()
        return docs if self.roles is None else [d for d in docs if d.role in self.roles]

    def find_document(self, ref: str) -> DocumentRecord:
        """A document by id, id prefix (≥ 6 characters) or file name."""
        docs = self.documents()
        for d in docs:
            if ref in (d.doc_id, d.source):
                return d
        matches = [d for d in docs if len(ref) >= 6 and d.doc_id.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        raise DocumentNotFoundError(ref)

    def set_role(self, ref: str, role: DocumentRole) -> DocumentRecord:
        """Change a document's role. Only its record is rewritten: chunks and vectors stay."""
        _check_role(role)
        rec = self.find_document(ref)
        with self.store.write_lock():
            current = next((d for d in self.store.list_documents() if d.doc_id == rec.doc_id), rec)
            updated = current.model_copy(update={"role": role})
            self.store.commit_document(updated)
        return updated

    def remove(self, ref: str) -> DocumentRecord:
        rec = self.find_document(ref)
        with self.store.write_lock():
            self.store.uncommit_document(rec.doc_id)  # invisible first, then clean up
            self.store.delete_chunks_of(rec.doc_id)
        if rec.stored_path:
            shutil.rmtree(Path(rec.stored_path).parent, ignore_errors=True)
        return rec

    # ------------------------------------------------------------ ingestion
    def ingest_paths(self, paths: Iterable[str | Path], progress: Progress = _noop,
                     role: DocumentRole | None = None) -> IngestReport:
        files, skipped = collect_files(paths)
        pending: list[PendingFile | SkippedFile] = []
        for f in files:
            try:
                size = f.stat().st_size
                if size > self.settings.max_upload_bytes:
                    raise FileTooLargeError(f.name, f"the file is {size / 1048576:.1f} MB, over the "
                                            f"{self.settings.max_upload_mb} MB limit", "split it, or raise max_upload_mb")
                pending.append(PendingFile(f.name, f.read_bytes()))
            except IngestionError as exc:
                pending.append(_skipped(f.name, exc))
            except OSError as exc:
                pending.append(SkippedFile(source=f.name, reason=f"cannot read the file ({exc.strerror})", error_type="OSError"))
        report = self.ingest_files([p for p in pending if isinstance(p, PendingFile)], progress, role=role)
        report.skipped = skipped + [p for p in pending if isinstance(p, SkippedFile)] + report.skipped
        return report

    def ingest_files(self, files: list[PendingFile], progress: Progress = _noop,
                     role: DocumentRole | None = None) -> IngestReport:
        """Add files to the evidence base. A bad file is reported and skipped; the rest land.
        Same content twice adds nothing; a changed file (same name) replaces its old version.

        ``role``: 'evidence' or 'reference' as the user chose; None lets the entity check decide
        (a document plainly about another organisation becomes 'reference', with a notice)."""
        if role is not None:
            _check_role(role)
        report = IngestReport()
        existing = {d.content_hash: d for d in self.all_documents()}
        self._cleanup_orphans()
        n = max(1, len(files))
        for i, f in enumerate(files):
            base = i / n
            name = safe_filename(f.name)
            progress(base, f"reading {name}")
            try:
                h = hashlib.sha256(f.data).hexdigest()
                if h not in existing:  # another session or process may have added it since the batch began
                    existing.update({d.content_hash: d for d in self.all_documents()})
                if h in existing:
                    prev = existing[h]
                    why = "already indexed, unchanged" if prev.source == name else f"identical to already indexed '{prev.source}'"
                    report.unchanged.append(SkippedFile(source=name, reason=why, error_type="Duplicate"))
                    continue
                from .workspace import adopt_sample_profile

                adopt_sample_profile(self.settings, h)
                # Read for each file: the files before it in the batch may have told whose workspace it is.
                record, replaced, notice = self._ingest_one(name, f.data, h, lambda fr, m, b=base: progress(b + fr / n, m),
                                                            role, self.profile())
                existing[h] = record
                (report.replaced if replaced else report.added).append(record)
                if notice is not None:
                    report.notices.append(notice)
            except IngestionError as exc:
                report.skipped.append(_skipped(name, exc))
            except Exception as exc:
                if self.settings.strict:
                    raise
                log.exception("unexpected error ingesting %s", name)
                report.skipped.append(SkippedFile(source=name, reason=f"unexpected error: {type(exc).__name__}: {exc}",
                                                  error_type=type(exc).__name__))
        progress(1.0, "done")
        return report

    def _cleanup_orphans(self) -> None:
        try:
            committed = {d.doc_id for d in self.all_documents()}
            removed = self.store.remove_orphans(committed)
            if removed:
                log.info("removed chunks of %d uncommitted document(s) left by an interrupted ingest", removed)
        except Exception as exc:  # cleanup is best effort; never block an ingest on it
            log.warning("orphan cleanup skipped: %s", exc)

    def build_chunks(self, name: str, converted: ConvertedDocument, content_hash: str) -> list[Chunk]:
        doc_id = content_hash[:16]
        chunks: list[Chunk] = []
        page_kinds = classify_pages(converted.segments)
        for seg in converted.segments:
            page_kind = page_kinds.get(seg.location.page, "body")
            for span in chunk_text(seg.text, self.settings.chunk_size, self.settings.chunk_overlap):
                loc = Location(**{**seg.location.model_dump(), "char_start": span.start, "char_end": span.end})
                chunks.append(Chunk(
                    chunk_id=f"{doc_id}:{len(chunks)}", doc_id=doc_id, source=name, kind=converted.kind,
                    text=span.text, location=loc, language=detect_language(span.text),
                    years=find_years(span.text), roc_years=find_roc_years(span.text),
                    content_hash=content_hash, ordinal=len(chunks), page_kind=page_kind))
        return chunks

    def _ingest_one(self, name: str, data: bytes, content_hash: str, progress: Progress,
                    role: DocumentRole | None = None, profile=None) -> tuple[DocumentRecord, bool, RoleNotice | None]:
        converted = convert(data, name, max_bytes=self.settings.max_upload_bytes)
        chunks = self.build_chunks(name, converted, content_hash)
        doc_id = content_hash[:16]
        final_role, entity, notice = self._decide_role(name, doc_id, converted, role, profile)
        # Embed everything before writing anything, so that a failure here leaves the index untouched.
        # A document just gap-checked (a kept upload) has its passages' vectors in the check's cache.
        checked = EmbeddingCache(default_cache_dir(), self.embedder.model_id)

        def known(texts: list[str]):
            return checked.lookup(document_bucket(content_hash), [t.strip() for t in texts])

        vectors = []
        bs = max(8, self.settings.embedding_batch_size)
        for s in range(0, len(chunks), bs):
            progress(0.05 + 0.85 * s / max(1, len(chunks)), f"embedding {name} ({s}/{len(chunks)} chunks)")
            vectors.append(embed_with_shipped(self.embedder, self.shipped_vectors,
                                              [index_text(c.text) for c in chunks[s : s + bs]], known))
        import numpy as np

        matrix = np.concatenate(vectors) if vectors else np.zeros((0, self.embedder.dim), np.float32)
        stored = self.settings.workspace_dir / "files" / doc_id / name
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(data)
        self._extract_facts(name, doc_id, content_hash, converted, data)
        langs = sorted({c.language for c in chunks} - {"unknown"})
        record = DocumentRecord(
            doc_id=doc_id, source=name, kind=converted.kind, content_hash=content_hash, size_bytes=len(data),
            pages=converted.pages, segments=len(converted.segments), chunks=len(chunks), languages=langs,
            added_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), stored_path=str(stored),
            warnings=converted.warnings, role=final_role, entity=entity)
        progress(0.92, f"writing {name}")
        with self.store.write_lock():
            previous = [d for d in self.store.list_documents() if d.source == name and d.doc_id != doc_id]
            try:
                self.store.add_chunks(chunks, matrix, time.time())
                self.store.commit_document(record)
            except BaseException:
                # Undo what was written; if even that fails, the chunks stay uncommitted (invisible)
                # and the next ingest removes them.
                try:
                    self.store.delete_chunks_of(doc_id)
                except Exception:
                    pass
                raise
            for old in previous:  # replace: the new version is committed, now drop the old one
                self.store.uncommit_document(old.doc_id)
                self.store.delete_chunks_of(old.doc_id)
                if old.stored_path:
                    shutil.rmtree(Path(old.stored_path).parent, ignore_errors=True)
        return record, bool(previous), notice

    def _decide_role(self, name: str, doc_id: str, converted: ConvertedDocument, role: DocumentRole | None,
                     profile) -> tuple[DocumentRole, str | None, RoleNotice | None]:
        """The role a new document gets and the organisation it is about (see :mod:`disclosure.entity`)."""
        from .entity import detect_entity

        profile = profile if profile is not None else self.profile()
        finding = detect_entity(converted.segments, name, profile.names(), profile.stock_code, kind=converted.kind)
        if role is None:  # a new version of a document keeps the role its previous version was given
            role = next((d.role for d in self.all_documents() if d.source == name), None)
        if role is not None:
            return role, finding.entity, None
        # Without names in the profile there is nothing to compare with: the user's word stands.
        if finding.other_organisation and profile.names():
            company = profile.display_name()
            reason = (f"the document is about {finding.entity} and never names {company} "
                      f"(the company of workspace '{self.settings.workspace}')")
            ws = "" if self.settings.workspace == "default" else f"--workspace {self.settings.workspace} "
            return "reference", finding.entity, RoleNotice(
                source=name, doc_id=doc_id, role="reference", entity=finding.entity, reason=reason,
                how_to_change=f"python -m disclosure {ws}documents --set-role evidence \"{name}\"")
        return "evidence", finding.entity, None

    def _extract_facts(self, name: str, doc_id: str, content_hash: str, converted: ConvertedDocument, data: bytes) -> None:
        """Figures of the document for the facts layer, stored by content hash (a failure only means
        they are read again on first use)."""
        from .facts import extract_document, store_facts

        try:
            store_facts(self.settings.data_dir, extract_document(
                source=name, doc_id=doc_id, content_hash=content_hash, kind=converted.kind, segments=converted.segments,
                data=data))
        except Exception as exc:
            if self.settings.strict:
                raise
            log.warning("facts of %s not extracted: %s", name, exc)

    # ------------------------------------------------------------ reading
    def committed_ids(self) -> list[str]:
        return [d.doc_id for d in self.documents()]

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None,
               collapse_pages: bool = True) -> list[Evidence]:
        """Passages for ``query``, each marked with its document's role. A view restricted to some
        roles searches the same lexical index (built once over every document) with a document
        filter, so switching between the whole base and the company's evidence rebuilds nothing."""
        import dataclasses

        everything = self.all_documents()
        roles = {d.doc_id: d.role for d in everything}
        all_ids = [d.doc_id for d in everything]
        if self.roles is not None:
            own = [d for d in all_ids if roles[d] in self.roles]
            if len(own) < len(all_ids):
                filters = filters or SearchFilters()
                wanted = [d for d in own if not filters.doc_ids or d in filters.doc_ids]
                if not wanted:
                    return []
                filters = dataclasses.replace(filters, doc_ids=wanted)
        hits = self.retriever.search(query, k, all_ids, filters, collapse_pages)
        for e in hits:
            e.role = roles.get(e.doc_id, "evidence")
        return hits

    def prefetch_queries(self, queries: list[str]) -> None:
        """Embed many queries at once before searching them one by one (see HybridRetriever.prefetch)."""
        self.retriever.prefetch(queries)

    def iter_chunks(self, doc_id: str | None = None) -> Iterator[Chunk]:
        committed = set(self.committed_ids())
        where = {"doc_id": doc_id} if doc_id else None
        for c in self.store.iter_chunks(where=where):
            if c.doc_id in committed:
                yield c

    def status(self) -> dict:
        docs = self.documents()
        return {
            "workspace": self.settings.workspace,
            "documents": len(docs),
            "chunks": sum(d.chunks for d in docs),
            "pages": sum(d.pages or 0 for d in docs),
            "embedding": self.embedder.model_id,
            "store_mode": self.settings.store_mode,
            "data_dir": str(self.settings.workspace_dir),
        }
