"""Hybrid retrieval: BM25 over CJK bigrams/English words (with glossary expansion across
languages) fused with dense vectors from the store by reciprocal rank fusion.

Measured on zh-TW report pages, lexical bigrams and multilingual-e5-small are about equally good
and their fusion beats either (bench/retrieval.py prints the figures).
"""
from __future__ import annotations

import hashlib
import logging
import re
import threading
from dataclasses import dataclass, field

import numpy as np

from .chunking import split_sentences
from .embeddings import Embedder
from .glossary import TermGroup, expand_query, group_spans, query_groups, translate_query
from .lexical import BM25Index, query_weights
from .models import Chunk, Evidence
from .normalization import annotate_roc_years, detect_language, find_years, normalize_text
from .settings import Settings
from .store import ChunkStore

log = logging.getLogger(__name__)


@dataclass
class SearchFilters:
    doc_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    year: int | None = None
    language: str | None = None

    def chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        if self.year is not None:
            clauses.append({f"y{self.year}": True})
        if self.language:
            clauses.append({"language": self.language})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, meta: dict) -> bool:
        if self.doc_ids and meta["doc_id"] not in self.doc_ids:
            return False
        if self.sources and meta["source"] not in self.sources:
            return False
        if self.year is not None and self.year not in meta["years"]:
            return False
        if self.language and meta["language"] != self.language:
            return False
        return True


# Bump when tokenisation or index text changes, so that cached indexes are rebuilt.
LEXICAL_VERSION = "2"

# Lexical indexes already built in this process, keyed by store identity and committed-set fingerprint.
_LEXICAL_CACHE: dict[tuple[str, str], BM25Index] = {}
_LEXICAL_LOCK = threading.Lock()


def index_text(text: str) -> str:
    """What BM25 and the embedder see for a passage: the text with ROC years annotated."""
    return annotate_roc_years(text)


def lexical_text(c: Chunk) -> str:
    return index_text(c.text)


def _is_cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def fuse(lists, method: str, rrf_k: int) -> dict[str, float]:
    """Combine ranked (id, score) lists with weights.

    ``rrf``: reciprocal rank fusion, Σ w / (k + rank). ``combsum``: Σ w · normalised score, where
    each list is min-max normalised over its own candidates, so a clear lexical winner keeps its
    margin instead of being levelled to "rank 1"."""
    fused: dict[str, float] = {}
    for items, weight in lists:
        if weight <= 0 or not items:
            continue
        if method == "rrf":
            for rank, (cid, _) in enumerate(items):
                fused[cid] = fused.get(cid, 0.0) + weight / (rrf_k + rank + 1)
            continue
        scores = [sc for _, sc in items]
        hi, lo = max(scores), min(scores)
        span = (hi - lo) or 1.0
        for cid, sc in items:
            fused[cid] = fused.get(cid, 0.0) + weight * (sc - lo) / span
    return fused


# ------------------------------------------------------------------ "states the figure asked for"
# A question for a figure ("2023年範疇二排放量", "Scope 2 emissions 2023") is best answered by a
# passage that states it: the asked-for term, closely followed by a number, in a sentence or table
# line of the asked-for year. Rows of a detailed sheet mention the same words but spread over many
# columns, and narrative passages mention the term without the figure; both rank below.
QUANTITY_CUES = re.compile(
    r"排放|用電|用量|消耗|耗用|使用量|強度|密集度|總量|合計|多少|金額|數量|比例|占比|比率|"
    r"emission|consumption|usage|intensity|total|how much|how many|amount|share|percentage|figure|mwh|kwh|tco2e",
    re.I)
_FIGURE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d{3,})(?![\d])")
FIGURE_WINDOW = 40  # characters from the first asked-for term to the figure
FIGURE_BOOST = 1.3
# A table of contents or disclosure index names every topic and states none: it ranks below the
# pages it points to (dev_eval pages: the 玉山 TCFD index page came first for 10 of 11 questions).
NAVIGATION_PAGE_FACTOR = 0.5
# Candidates a dense query may ask for to apply the committed/language conditions to its results;
# beyond this the filtered query is cheaper.
DENSE_POSTFILTER_MAX = 1000


def states_figure(text: str, groups: list[TermGroup], years: set[int]) -> bool:
    """True when a sentence or table line of ``text`` names every asked-for term and then, within
    FIGURE_WINDOW characters, a figure (not a year), and mentions one of ``years`` (if any)."""
    if not groups:
        return False
    for span in split_sentences(normalize_text(text)):
        sent = span.text
        if years and not years & set(find_years(sent)):
            continue
        low = sent.lower()
        positions = [group_spans(g, sent, low) for g in groups]
        if not all(positions):
            continue
        for m in _FIGURE.finditer(sent):
            value = m.group(1)
            if len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2100:
                continue
            if sent[m.end():m.end() + 1] in ("年", "%") and "," not in value and "." not in value:
                continue
            if all(any(e <= m.start() and m.start() - s <= FIGURE_WINDOW for s, e in pos) for pos in positions):
                return True
    return False


def _languages(idx: BM25Index) -> np.ndarray:
    """The language of every passage of ``idx`` as an array, computed once per index."""
    langs = getattr(idx, "_languages", None)
    if langs is None or len(langs) != len(idx):
        langs = np.array([m["language"] for m in idx.meta], dtype=object)
        idx._languages = langs
    return langs


class HybridRetriever:
    def __init__(self, settings: Settings, store: ChunkStore, embedder: Embedder):
        self.settings = settings
        self.store = store
        self.embedder = embedder

    # ------------------------------------------------------------ lexical index lifecycle
    def _fingerprint(self, committed: list[str]) -> str:
        key = "|".join(sorted(committed)) + self.store.embedding_id + LEXICAL_VERSION
        return hashlib.sha1(key.encode()).hexdigest()[:16]

    def lexical_index(self, committed: list[str]) -> BM25Index:
        """The BM25 index of all committed chunks, rebuilt when the committed set changes.
        A copy is cached on disk under the data directory so short-lived CLI calls stay fast."""
        fp = self._fingerprint(committed)
        key = (str(self.settings.workspace_dir) + self.settings.store_prefix + self.settings.store_mode + self.store.embedding_id, fp)
        with _LEXICAL_LOCK:
            idx = _LEXICAL_CACHE.get(key)
            if idx is not None:
                return idx
            cache_file = self.settings.workspace_dir / "cache" / f"bm25-{self.settings.store_mode}-{fp}.pkl"
            if cache_file.is_file():
                try:
                    idx = BM25Index.load(cache_file)
                except Exception as exc:
                    log.warning("rebuilding lexical index (cache unreadable: %s)", exc)
                    idx = None
            if idx is None:
                idx = self._build(set(committed))
                try:
                    for old in cache_file.parent.glob(f"bm25-{self.settings.store_mode}-*.pkl"):
                        old.unlink(missing_ok=True)
                    idx.save(cache_file)
                except OSError as exc:
                    log.warning("could not cache the lexical index: %s", exc)
            _LEXICAL_CACHE.clear()
            _LEXICAL_CACHE[key] = idx
            return idx

    def _build(self, committed: set[str]) -> BM25Index:
        ids, texts, meta = [], [], []
        for c in self.store.iter_chunks():
            if c.doc_id not in committed:
                continue
            ids.append(c.chunk_id)
            texts.append(lexical_text(c))
            meta.append({"doc_id": c.doc_id, "source": c.source, "years": c.years, "language": c.language,
                         "page": c.location.page})
        return BM25Index.build(ids, texts, meta)

    # ------------------------------------------------------------ search
    def _dense(self, vec, n: int, where: dict | None, committed: list[str],
               not_language: str | None = None, share: float = 1.0) -> list[tuple[str, float]]:
        """Nearest chunks of committed documents (and not in ``not_language``).

        Chroma turns a metadata filter into a scan that grows with the index (≈270 ms of a 600 ms
        search at 100k chunks, bench/scale.py), so the committed-document and language conditions
        are applied to the results instead, over enough extra candidates for the part of the index
        that qualifies (``share``). The filtered query is used when that would take too many
        candidates, or when the results run short (chunks of a document still being written); when the
        filtered approximate query itself comes back short, an exact scan of the qualifying vectors
        decides (``store.dense_query_exact``)."""
        def filtered() -> list[tuple[str, float]]:
            clauses = [{"doc_id": {"$in": list(committed)}}] + ([where] if where else [])
            if not_language:
                clauses.append({"language": {"$ne": not_language}})
            cond = clauses[0] if len(clauses) == 1 else {"$and": clauses}
            got = self.store.dense_query(vec, n, cond)
            if len(got) < n:  # the approximate index came back short under the filter: scan exactly
                exact = self.store.dense_query_exact(vec, n, cond)
                if exact is not None and len(exact) > len(got):
                    return exact
            return got

        want = n + max(10, n // 2)
        if not_language:
            if share <= 0:
                return []
            want = int(want / min(share, 1.0)) + 1
        if want > DENSE_POSTFILTER_MAX:
            return filtered()
        committed_set = set(committed)
        hits = self.store.dense_query(vec, want, where, with_language=True)
        kept = [(cid, sc) for cid, sc, lang in hits
                if cid.rsplit(":", 1)[0] in committed_set and lang != not_language]
        if len(kept) < n and len(hits) >= want:
            return filtered()
        return kept[:n]

    def query_texts(self, query: str) -> list[str]:
        """What ``search`` embeds for ``query``: the query and, across languages, its glossary translation."""
        query = normalize_text(query)
        if not query:
            return []
        translated = translate_query(query)
        cross = detect_language(query) in ("zh", "en")
        return [query, translated] if translated and cross and self.settings.dense_weight > 0 else [query]

    def prefetch(self, queries: list[str]) -> None:
        """Embed the queries of a batch (a questionnaire, a chapter, a checklist) in one model call, so
        that the searches that follow find their vectors in the embedder's cache."""
        texts = [t for q in dict.fromkeys(queries) for t in self.query_texts(q)]
        if texts:
            self.embedder.embed_queries(texts)

    def search(self, query: str, k: int, committed: list[str], filters: SearchFilters | None = None,
               collapse_pages: bool = True) -> list[Evidence]:
        filters = filters or SearchFilters()
        query = normalize_text(query)
        if not query or not committed:
            return []
        n = max(self.settings.retrieval_candidates, k * 3)
        expansions = expand_query(query)
        translated = translate_query(query)

        idx = self.lexical_index(committed)
        allowed = None
        if filters.doc_ids or filters.sources or filters.year or filters.language:
            allowed = np.fromiter((filters.allows(m) for m in idx.meta), dtype=bool, count=len(idx))
        qlang = detect_language(query)
        cross = qlang in ("zh", "en")
        if cross:  # own-language synonyms expand the query; the other language goes to the translation
            same = [v for v in expansions if _is_cjk(v) == (qlang == "zh")]
            other_exp = [v for v in expansions if _is_cjk(v) != (qlang == "zh")]
        else:
            same, other_exp = expansions, []
        # Each passage is matched lexically against the query in its own language: the original
        # query for passages in the query's language, the glossary translation for the others.
        scores = idx.scores(query_weights(query, same))
        share = 1.0  # the part of the index in another language than the query's
        if translated and cross and len(idx):
            langs = _languages(idx)
            other = langs != qlang
            share = float(other.mean())
            foreign = other & (langs != "mixed") & (langs != "unknown")
            tr_scores = idx.scores(query_weights(translated, other_exp)) * self.settings.translation_lexical_factor
            scores = np.where(foreign, tr_scores, np.where(other, np.maximum(scores, tr_scores), scores))
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        nz = np.flatnonzero(scores > 0)
        order = nz[np.argsort(-scores[nz], kind="stable")][:n]
        lexical = [(idx.ids[i], float(scores[i])) for i in order]
        lexical_ids = [cid for cid, _ in lexical]

        fw = filters.chroma_where()
        want_tr = bool(translated and cross and self.settings.dense_weight > 0)
        vecs = self.embedder.embed_queries([query, translated] if want_tr else [query])
        dense = self._dense(vecs[0], n, fw, committed)
        dense_ids = [cid for cid, _ in dense]
        dense_tr: list[tuple[str, float]] = []
        if want_tr:
            dense_tr = self._dense(vecs[1], n, fw, committed, not_language=qlang, share=share)

        tw = self.settings.translation_weight
        lists = ((lexical, self.settings.lexical_weight), (dense, self.settings.dense_weight),
                 (dense_tr, self.settings.dense_weight * tw))
        fused = fuse(lists, self.settings.fusion, self.settings.rrf_k)
        # Years asked for in the query (2023, 112年) favour passages that mention them.
        qyears = set(find_years(query))
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])
        chunks = self.store.get_chunks([cid for cid, _ in ranked[: max(k * 4, 40)]])
        groups = query_groups(query) if (qyears or QUANTITY_CUES.search(query)) else []

        def prior(cid: str) -> float:
            c = chunks.get(cid)
            if c is None:
                return 1.0
            f = 1.15 if qyears and qyears & set(c.years) else 1.0
            if c.page_kind != "body":
                f *= NAVIGATION_PAGE_FACTOR
            return f * (FIGURE_BOOST if groups and states_figure(c.text, groups, qyears) else 1.0)

        ranked = sorted(((cid, s * prior(cid)) for cid, s in ranked), key=lambda kv: -kv[1])
        lrank = {cid: r + 1 for r, cid in enumerate(lexical_ids)}
        drank = {cid: r + 1 for r, cid in enumerate(dense_ids)}
        out: list[Evidence] = []
        seen_pages: set[tuple[str, int]] = set()
        for cid, score in ranked:
            c = chunks.get(cid)
            if c is None:
                continue
            if collapse_pages and c.location.page is not None:
                key = (c.doc_id, c.location.page)
                if key in seen_pages:
                    continue
                seen_pages.add(key)
            out.append(Evidence.of(c, chunk_id=cid, score=score, lexical_rank=lrank.get(cid), dense_rank=drank.get(cid)))
            if len(out) >= k:
                break
        return out
