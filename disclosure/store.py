"""Chroma-backed storage for chunks and the document registry, in embedded or server mode.

Two collections per embedding space: ``…_chunks_<space>`` (text, metadata, vectors) and
``…_docs_<space>`` (one record per committed document). A document exists for readers only once
its record is written, and its record is written after all its chunks: a crash mid-ingest leaves
uncommitted chunks that no search sees and that the next ingest removes. That is what makes adding
a document all-or-nothing without transactions.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from typing import Any, Iterator

import numpy as np

from .errors import BackendUnavailableError, ConfigurationError
from .models import Chunk, DocumentRecord, Location
from .settings import Settings

log = logging.getLogger(__name__)

OPEN_LOCK = ".open.lock"

# Uncommitted chunks younger than this may belong to an ingest still running in another process.
ORPHAN_GRACE_S = 15 * 60


def _space_suffix(embedding_id: str) -> str:
    return hashlib.sha1(embedding_id.encode()).hexdigest()[:10]


@contextlib.contextmanager
def _data_dir_lock(settings: Settings, name: str = ".write.lock") -> Iterator[None]:
    """An exclusive lock on ``<workspace dir>/<name>``, shared by every process using that workspace
    (an OS lock, released if its holder dies, so a killed ingest never leaves it stuck; filelock
    works the same on Windows, where most users' desktops are)."""
    from filelock import FileLock

    lock_path = settings.workspace_dir / name
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    # thread_local=False: one lock object may be entered and left by different threads of an app session.
    with FileLock(str(lock_path), thread_local=False):
        yield


def make_client(settings: Settings):
    """Chroma client for ``settings.store_mode``; chromadb is imported only here."""
    try:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
    except ImportError as exc:  # pragma: no cover
        raise BackendUnavailableError("chromadb is missing — run: pip install chromadb") from exc
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.store_mode == "embedded":
        path = settings.workspace_dir / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        # Opening a new store runs Chroma's schema migrations, which race when two processes (two app
        # sessions, the app and the CLI) open the same data dir for the first time at once.
        # A lock of its own, so that opening never waits for another process's long write.
        with _data_dir_lock(settings, OPEN_LOCK):
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    if settings.store_mode == "server":
        token = settings.chroma_token.get_secret_value()
        if token:
            # Chroma's token authentication: the client sends "Authorization: Bearer <token>".
            chroma_settings = ChromaSettings(
                anonymized_telemetry=False, allow_reset=False,
                chroma_client_auth_provider="chromadb.auth.token_authn.TokenAuthClientProvider",
                chroma_client_auth_credentials=token)
        try:
            client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
            client.heartbeat()
            # The heartbeat may be open to everyone; listing collections is not when the server
            # requires a token, so a missing or wrong token is found here at the latest.
            client.list_collections(limit=1)
            return client
        except Exception as exc:
            if _auth_refused(exc):
                raise _refused(settings) from None
            raise BackendUnavailableError(
                f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} "
                f"({type(exc).__name__}) — start it with `chroma run --host {settings.chroma_host} "
                f"--port {settings.chroma_port} --path DIR` or switch store_mode to embedded") from exc
    raise ConfigurationError(f"unknown store_mode '{settings.store_mode}' (use embedded or server)")


def _auth_refused(exc: Exception) -> bool:
    text = f"{type(exc).__name__} {exc}".lower()
    return any(w in text for w in ("401", "403", "unauthorized", "forbidden", "authenticat", "autherror", "permission"))


def _refused(settings: Settings) -> BackendUnavailableError:
    """What to do when the server refuses our (missing or wrong) token; the token is never shown."""
    has = bool(settings.chroma_token.get_secret_value())
    where = "DISCLOSURE_CHROMA_TOKEN or chroma_token in the [disclosure] table of .streamlit/secrets.toml"
    return BackendUnavailableError(
        f"the Chroma server at {settings.chroma_host}:{settings.chroma_port} refused access: "
        + (f"the token was not accepted — check the token ({where}) against the server's credentials"
           if has else f"it requires a token — set it ({where})"))


def chunk_metadata(c: Chunk, ingest_ts: float) -> dict[str, Any]:
    loc = c.location
    md: dict[str, Any] = {
        "doc_id": c.doc_id, "source": c.source, "kind": c.kind, "language": c.language,
        "content_hash": c.content_hash, "ordinal": c.ordinal, "char_start": loc.char_start,
        "char_end": loc.char_end, "years": ",".join(map(str, c.years)), "ingest_ts": ingest_ts,
    }
    if loc.page is not None:
        md["page"] = loc.page
    if loc.sheet is not None:
        md["sheet"] = loc.sheet
    if loc.cell_range is not None:
        md["cell_range"] = loc.cell_range
    if loc.paragraph is not None:
        md["paragraph"] = loc.paragraph
    if c.roc_years:
        md["roc_years"] = json.dumps(c.roc_years, ensure_ascii=False)
    if c.page_kind != "body":
        md["page_kind"] = c.page_kind
    for y in c.years:  # one flag per year so Chroma can filter on a year
        md[f"y{y}"] = True
    return md


def chunk_from_store(chunk_id: str, text: str, md: dict[str, Any]) -> Chunk:
    return Chunk(
        chunk_id=chunk_id, doc_id=md["doc_id"], source=md["source"], kind=md["kind"], text=text,
        location=Location(page=md.get("page"), sheet=md.get("sheet"), cell_range=md.get("cell_range"),
                          paragraph=md.get("paragraph"), char_start=md.get("char_start", 0),
                          char_end=md.get("char_end", 0)),
        language=md.get("language", "unknown"),
        years=[int(y) for y in str(md.get("years", "")).split(",") if y],
        roc_years=json.loads(md["roc_years"]) if md.get("roc_years") else {},
        content_hash=md.get("content_hash", ""), ordinal=md.get("ordinal", 0),
        page_kind=md.get("page_kind", "body"),
    )


class ChunkStore:
    """Chunks and document records in Chroma."""

    def __init__(self, settings: Settings, embedding_id: str, client=None):
        self.settings = settings
        self.embedding_id = embedding_id
        self.client = client if client is not None else make_client(settings)
        suffix = _space_suffix(embedding_id)
        prefix = settings.store_prefix
        # Creating the collections is a write that races like the migrations above; opening
        # existing ones under the same short lock costs nothing.
        with _data_dir_lock(settings, OPEN_LOCK):
            self.chunks = self.client.get_or_create_collection(
                f"{prefix}_chunks_{suffix}", embedding_function=None,
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"embedding_id": embedding_id})
            self.docs = self.client.get_or_create_collection(
                f"{prefix}_docs_{suffix}", embedding_function=None, metadata={"embedding_id": embedding_id})
        try:
            self._batch = max(100, min(5000, int(self.client.get_max_batch_size())))
        except Exception:
            self._batch = 1000

    # ------------------------------------------------------------ locking
    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        """Serialise writers that share one data directory (several app sessions, the CLI).
        In server mode the server serialises writes; a local lock still orders our own steps."""
        with _data_dir_lock(self.settings):
            yield

    # ------------------------------------------------------------ documents
    def list_documents(self) -> list[DocumentRecord]:
        got = self.docs.get(include=["metadatas"])
        out = []
        for md in got["metadatas"] or []:
            try:
                out.append(DocumentRecord.model_validate_json(md["record"]))
            except Exception as exc:  # a damaged record must not hide the others
                log.warning("skipping unreadable document record: %s", exc)
        return sorted(out, key=lambda r: r.source.lower())

    def commit_document(self, record: DocumentRecord) -> None:
        self.docs.upsert(ids=[record.doc_id], embeddings=[[1.0]],
                         metadatas=[{"record": record.model_dump_json(), "source": record.source}],
                         documents=[record.source])

    def uncommit_document(self, doc_id: str) -> None:
        self.docs.delete(ids=[doc_id])

    # ------------------------------------------------------------ chunks
    def add_chunks(self, chunks: list[Chunk], embeddings: np.ndarray, ingest_ts: float) -> None:
        for i in range(0, len(chunks), self._batch):
            part = chunks[i : i + self._batch]
            self.chunks.upsert(
                ids=[c.chunk_id for c in part],
                embeddings=embeddings[i : i + len(part)].tolist(),
                documents=[c.text for c in part],
                metadatas=[chunk_metadata(c, ingest_ts) for c in part],
            )

    def delete_chunks_of(self, doc_id: str) -> None:
        self.chunks.delete(where={"doc_id": doc_id})

    def chunk_count(self) -> int:
        return self.chunks.count()

    def iter_chunks(self, where: dict | None = None, batch: int = 2000) -> Iterator[Chunk]:
        offset = 0
        while True:
            got = self.chunks.get(where=where, include=["documents", "metadatas"], limit=batch, offset=offset)
            ids = got["ids"]
            if not ids:
                return
            for cid, text, md in zip(ids, got["documents"], got["metadatas"]):
                yield chunk_from_store(cid, text or "", md)
            if len(ids) < batch:
                return
            offset += batch

    def get_chunks(self, ids: list[str]) -> dict[str, Chunk]:
        if not ids:
            return {}
        got = self.chunks.get(ids=ids, include=["documents", "metadatas"])
        return {cid: chunk_from_store(cid, t or "", md) for cid, t, md in zip(got["ids"], got["documents"], got["metadatas"])}

    def dense_query(self, vector: np.ndarray, n: int, where: dict | None = None,
                    with_language: bool = False) -> list[tuple]:
        """(chunk id, similarity) of the ``n`` nearest chunks, or (chunk id, similarity, language)
        with ``with_language``."""
        total = self.chunks.count()
        if total == 0:
            return []
        got = self.chunks.query(query_embeddings=[vector.tolist()], n_results=min(n, total), where=where,
                                include=["distances", "metadatas"] if with_language else ["distances"])
        if with_language:
            return [(cid, 1.0 - float(d), (md or {}).get("language"))
                    for cid, d, md in zip(got["ids"][0], got["distances"][0], got["metadatas"][0])]
        return [(cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0])]

    def dense_query_exact(self, vector: np.ndarray, n: int, where: dict, limit: int = 50_000) -> list[tuple[str, float]] | None:
        """(chunk id, cosine similarity) of the ``n`` nearest chunks among those ``where`` selects, by
        an exact scan of their stored vectors; None when more than ``limit`` chunks qualify. The
        approximate index can come back short under a narrow filter (a graph crowded by many
        near-identical vectors of other documents), and a short list would hide committed passages."""
        ids: list[str] = []
        rows: list = []
        offset, batch = 0, 5000
        while True:
            got = self.chunks.get(where=where, include=["embeddings"], limit=batch, offset=offset)
            ids += got["ids"]
            rows += list(got["embeddings"])
            if len(ids) > limit:
                return None
            if len(got["ids"]) < batch:
                break
            offset += batch
        if not ids:
            return []
        mat = np.asarray(rows, dtype=np.float32)
        q = np.asarray(vector, dtype=np.float32)
        sims = mat @ q / (np.linalg.norm(mat, axis=1) * (np.linalg.norm(q) or 1.0) + 1e-12)
        top = np.argsort(-sims, kind="stable")[:n]
        return [(ids[i], float(sims[i])) for i in top]

    def remove_orphans(self, committed: set[str], grace_s: float = ORPHAN_GRACE_S) -> int:
        """Delete chunks whose document was never committed (a crashed ingest), once they are older
        than ``grace_s`` so that an ingest running in another process is left alone."""
        cutoff = time.time() - grace_s
        orphan_docs: set[str] = set()
        offset, batch = 0, 5000
        while True:
            got = self.chunks.get(include=["metadatas"], limit=batch, offset=offset)
            if not got["ids"]:
                break
            for md in got["metadatas"]:
                if md["doc_id"] not in committed and float(md.get("ingest_ts", 0)) < cutoff:
                    orphan_docs.add(md["doc_id"])
            if len(got["ids"]) < batch:
                break
            offset += batch
        for d in orphan_docs:
            self.delete_chunks_of(d)
        return len(orphan_docs)

    def document_chunks(self, doc_id: str, batch: int = 2000) -> tuple[list[Chunk], np.ndarray]:
        """A document's chunks in order with their stored vectors (rows aligned with the chunks), so a
        check of an indexed document reuses them instead of embedding again."""
        chunks: list[Chunk] = []
        vectors: list[list[float]] = []
        offset = 0
        while True:
            got = self.chunks.get(where={"doc_id": doc_id}, include=["documents", "metadatas", "embeddings"],
                                  limit=batch, offset=offset)
            ids = got["ids"]
            for cid, text, md, vec in zip(ids, got["documents"], got["metadatas"], got["embeddings"]):
                chunks.append(chunk_from_store(cid, text or "", md))
                vectors.append(list(vec))
            if len(ids) < batch:
                break
            offset += batch
        order = sorted(range(len(chunks)), key=lambda i: chunks[i].ordinal)
        matrix = np.asarray([vectors[i] for i in order], dtype=np.float32) if order else np.zeros((0, 0), np.float32)
        return [chunks[i] for i in order], matrix
