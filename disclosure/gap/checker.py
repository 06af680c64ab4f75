"""The gap checker: one document against requirements, requirement by requirement.

For each requirement it retrieves the passages on topic (BM25 over the document's passages fused
with dense vectors by the shared reciprocal-rank fusion of ``disclosure.retrieval``), measures how
much of the requirement's distinctive wording the best passage carries (*coverage*), looks for the
concepts the requirement asks for (a frequency, a named scenario, a tCO2e figure …), and hands
these signals to the verdict (``disclosure.gap.verdict``), which says covered / partial / missing
with a calibrated probability and what is missing.
"""
from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..glossary import expand_query, load_synonyms
from ..lexical import query_weights, tokenize
from ..retrieval import fuse
from ..settings import Settings
from .claims import check_claims
from .concepts import ConceptCatalog, concept_catalog
from .crosswalk import propagate_crosswalk
from .documents import CheckedDocument, EmbeddingCache, build_document, index_document
from .export import content_index, score_table
from .items import Asked, GapItem, asked_concepts, unknown_concepts
from .models import Cancel, DetectorHit, EvidenceQuote, GapCancelled, GapFinding, GapReport, Progress
from .verdict import VerdictModel, default_model, features_of

if TYPE_CHECKING:  # pragma: no cover
    from ..embeddings import Embedder
    from .judge import LLMJudge

log = logging.getLogger(__name__)


@dataclass
class _Weights:
    """Term weights that say how much a token distinguishes one requirement from the others."""

    idf: dict[str, float]
    default: float

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "_Weights":
        docs = [set(tokenize(t)) for t in texts]
        n = len(docs)
        df: dict[str, int] = {}
        for d in docs:
            for t in d:
                df[t] = df.get(t, 0) + 1
        idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        return cls(idf, math.log((n + 1) / 0.5) if n else 1.0)

    def of(self, token: str) -> float:
        return max(self.idf.get(token, self.default), 0.0)


BACKGROUND_BELOW = 20  # runs with fewer requirements borrow the frameworks' texts for term weights

# Generic question words that never identify a requirement, whatever the checklist.
_GENERIC = frozenset(tokenize("公司是否描述揭露提供說明考量有關相關之的和或與及其並予以可能包括例如如何哪些應該銀行業者組織"))


def _present(token: str, tokens: frozenset[str], synonyms: dict[str, tuple[str, ...]]) -> bool:
    return token in tokens or any(a in tokens for a in synonyms.get(token, ()))


@dataclass
class Assessment:
    """Everything the retrieval and the detectors saw for one requirement: the verdict's input."""

    item: GapItem
    asked: Asked
    coverage: float = 0.0
    dense_z: float = 0.0
    lexical_z: float = 0.0
    top: list[int] = field(default_factory=list)
    found: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    passage_coverage: np.ndarray | None = None
    depth: int = 0  # passages nearly as on topic as the best one
    dense_max: float = 0.0  # cosine similarity of the nearest passage
    top_coverage: float = 0.0  # coverage of the first retrieved passage


def disclosure_maturity(doc: CheckedDocument, catalog: ConceptCatalog | None = None) -> float:
    """Share of the self-identifying data points (tCO2e figures, named scenarios, base years, an
    internal carbon price …) that the document contains anywhere: 0 for a bare report, near 1 for a
    report full of specific, checkable content."""
    catalog = catalog or concept_catalog()
    if not doc.passages or not catalog.maturity_names:
        return 0.0
    found = sum(1 for name in catalog.maturity_names if any(catalog[name].first_hit(p.text) is not None for p in doc.passages))
    return found / len(catalog.maturity_names)


class GapChecker:
    """Checks one document against requirements. Configuration in the constructor, data in ``check``."""

    # Fused candidates per requirement: the passages on topic, where a topic-bound concept may be found.
    CANDIDATES = 5
    QUOTES = 3

    def __init__(self, settings: Settings, embedder: "Embedder | None" = None, cache_dir: Path | None = None,
                 use_dense: bool = True, model: VerdictModel | None = None, catalog: ConceptCatalog | None = None,
                 judge: "LLMJudge | None" = None):
        self.settings = settings
        self._embedder = embedder
        self.cache_dir = cache_dir
        self.use_dense = use_dense
        self.model = model or default_model()
        self.catalog = catalog or concept_catalog()
        self.judge = judge
        self.synonyms = load_synonyms()

    @property
    def embedder(self) -> "Embedder | None":
        if not self.use_dense:
            return None
        if self._embedder is None:
            from ..embeddings import make_embedder

            self._embedder = make_embedder(self.settings)
        return self._embedder

    # ------------------------------------------------------------------ entry points
    def check(self, data: bytes | str, name: str, items: Sequence[GapItem], progress: Progress | None = None,
              cancel: Cancel | None = None) -> GapReport:
        """Check ``data`` (file bytes, or pasted text as ``str``) named ``name`` against ``items``.

        ``progress(fraction, message)`` is called as work advances; ``cancel()`` returning True stops
        the check with :class:`GapCancelled`."""
        progress = progress or (lambda _f, _m: None)
        cancel = cancel or (lambda: False)
        progress(0.0, f"reading {name}")
        doc = self.prepare(data, name, progress)
        if cancel():
            raise GapCancelled(0, len(items))
        return self.check_document(doc, items, progress, cancel)

    def prepare(self, data: bytes | str, name: str, progress: Progress | None = None) -> CheckedDocument:
        """Read, classify, chunk and index a document (embedding through the on-disk cache)."""
        doc = build_document(data, name, self.settings)
        self._index(doc, progress)
        return doc

    def _index(self, doc: CheckedDocument, progress: Progress | None = None) -> None:
        embedder = self.embedder
        cache = EmbeddingCache(self.cache_dir, embedder.model_id) if embedder is not None else None
        index_document(doc, embedder, cache, progress)

    def check_document(self, doc: CheckedDocument, items: Sequence[GapItem], progress: Progress | None = None,
                       cancel: Cancel | None = None) -> GapReport:
        """Check a document already read (``prepare``, or ``document_from_chunks`` for one in the
        evidence base)."""
        progress = progress or (lambda _f, _m: None)
        cancel = cancel or (lambda: False)
        if doc.bm25 is None:
            self._index(doc, progress)
        maturity, assessments = self.assess(doc, items, progress, cancel)
        findings = [self.finding(doc, a, maturity) for a in assessments]
        findings = propagate_crosswalk(findings, {a.item.ref: a.item for a in assessments}, self.catalog)
        if self.judge is not None:
            progress(0.95, "LLM judge")
            findings = self.judge.review(doc, assessments, findings, cancel)
        progress(0.97, "claim checks")
        report = GapReport(source=doc.source, pages=doc.pages, excluded_pages=doc.excluded_pages,
                           maturity=round(maturity, 3), findings=findings, scores=score_table(findings),
                           claims=check_claims(doc), content_index=content_index(findings), warnings=doc.warnings,
                           doc_id=doc.doc_id)
        progress(1.0, "done")
        return report

    def assess(self, doc: CheckedDocument, items: Sequence[GapItem], progress: Progress | None = None,
               cancel: Cancel | None = None) -> tuple[float, list[Assessment]]:
        """The document's maturity and one :class:`Assessment` per item (what the verdict decides on)."""
        progress = progress or (lambda _f, _m: None)
        cancel = cancel or (lambda: False)
        unknown = unknown_concepts(items, self.catalog)
        if unknown:
            from ..errors import FrameworkDataError

            raise FrameworkDataError("concepts", f"requirements name unknown concept(s) {', '.join(unknown)}")
        maturity = disclosure_maturity(doc, self.catalog)
        # Term weights come from the run's own requirements; a short run borrows the bundled frameworks'
        # texts as background so that a single requirement still has meaningful weights.
        texts = [i.wording(doc.language) for i in items]
        weights = _Weights.from_texts(texts + (_background_texts(doc.language) if len(texts) < BACKGROUND_BELOW else []))
        qvecs = self._query_vectors(items, doc.language)
        out: list[Assessment] = []
        for n, item in enumerate(items):
            if cancel():
                raise GapCancelled(n, len(items))
            progress(0.5 + 0.45 * n / max(len(items), 1), f"checking {item.requirement_id}")
            out.append(self._score(doc, item, weights, None if qvecs is None else qvecs[n]))
        return maturity, out

    def _query_vectors(self, items: Sequence[GapItem], language: str) -> np.ndarray | None:
        emb = self.embedder
        if emb is None or not items:
            return None
        texts = [i.wording(language) for i in items]
        fn = lambda ts: np.stack([emb.embed_query(t) for t in ts])  # noqa: E731
        if self.cache_dir is None:
            return fn(texts)
        return EmbeddingCache(self.cache_dir, emb.model_id).embed("queries", texts, fn)

    # ------------------------------------------------------------------ scoring
    def _score(self, doc: CheckedDocument, item: GapItem, weights: _Weights, qvec: np.ndarray | None) -> Assessment:
        asked = asked_concepts(item, self.catalog)
        if not doc.passages:
            return Assessment(item, asked)
        question = item.wording(doc.language)
        # Coverage: the share of the requirement's distinctive terms (of its main clause or title; examples
        # and asides are alternatives, not all required) that one passage carries.
        cov = np.zeros(len(doc.passages), dtype=np.float32)
        for text in item.focus_texts(doc.language):
            w = {t: weights.of(t) for t in dict.fromkeys(tokenize(text)) if t not in _GENERIC}
            total = sum(w.values())
            if total:
                cov = np.maximum(cov, np.array([sum(v for t, v in w.items() if _present(t, p.tokens, self.synonyms)) / total
                                                for p in doc.passages], dtype=np.float32))

        expansions = expand_query(question) + item.hints
        all_w = {t: weights.of(t) for t in tokenize(question) if t not in _GENERIC}
        qw = {t: wt * all_w[t] for t, wt in query_weights(question).items() if t in all_w}
        for t, wt in query_weights("", expansions, 0.4).items():
            qw.setdefault(t, wt)
        lex = doc.bm25.scores(qw) if doc.bm25 is not None else np.zeros(len(doc.passages))
        ranked = [([(int(i), float(lex[i])) for i in np.argsort(-lex, kind="stable")], 1.0)]
        dense_z = dense_max = 0.0
        if qvec is not None and doc.vectors is not None and len(doc.vectors):
            dense = doc.vectors @ qvec
            ranked.append(([(int(i), float(dense[i])) for i in np.argsort(-dense, kind="stable")], 1.0))
            dense_z = float((dense.max() - dense.mean()) / (float(dense.std()) or 1.0))
            dense_max = float(dense.max())
        fused_map = fuse(ranked, "rrf", self.settings.rrf_k)
        fused = np.array([fused_map.get(i, 0.0) for i in range(len(doc.passages))])
        fused += 0.02 * cov  # break ties toward passages that carry the distinctive terms
        top = [int(i) for i in np.argsort(-fused, kind="stable")[: self.CANDIDATES]]
        lexical_z = float((lex.max() - lex.mean()) / (float(lex.std()) or 1.0)) if len(lex) else 0.0

        # A concept counts in a passage retrieved for the requirement (on topic), or anywhere in the
        # body when its hit identifies the topic by itself.
        found: dict[str, list[tuple[int, str]]] = {}
        for name in asked.names:
            c = self.catalog[name]
            for i in (range(len(doc.passages)) if c.anywhere else top):
                hit = c.first_hit(doc.passages[i].text)
                if hit is not None:
                    found.setdefault(name, []).append((int(i), hit))
        best = float(cov.max())
        depth = int((cov >= max(0.8 * best, 1e-6)).sum()) if best > 0 else 0
        return Assessment(item, asked, best, dense_z, lexical_z, top, found, cov, depth, dense_max,
                          float(cov[top[0]]) if top else 0.0)

    # ------------------------------------------------------------------ the finding
    def finding(self, doc: CheckedDocument, a: Assessment, maturity: float) -> GapFinding:
        item = a.item
        feats = features_of(a, maturity, self.catalog)
        v = self.model.decide(feats, a, self.catalog, framework=item.is_framework, maturity=maturity)
        evidence_idx = self._evidence_order(a)
        quotes = [] if v.status == "missing" else [_quote(doc, doc.passages[i], a) for i in evidence_idx[: self.QUOTES]]
        missing_en: list[str] = []
        missing_zh: list[str] = []
        for g, (en, zh) in zip(a.asked.groups, a.asked.labels):
            if not any(c in a.found for c in g):
                missing_en.append(f"{item.requirement_id}: {en}")
                missing_zh.append(f"{item.requirement_id}：{zh}")
        for c in a.asked.optional:
            if c not in a.found:
                missing_en.append(f"{item.requirement_id}: {self.catalog[c].missing_en} (if applicable)")
                missing_zh.append(f"{item.requirement_id}：{self.catalog[c].missing_zh}（如適用）")
        if v.status == "missing" and not missing_en:
            missing_en = [f"{item.requirement_id}: not addressed in the document (only weak matches on its topic)"]
            missing_zh = [f"{item.requirement_id}：文件未論及此項（僅有與主題相關之微弱內容）"]
        detectors = run_detectors([doc.passages[i] for i in evidence_idx[: self.QUOTES]], self.catalog) \
            if v.status != "missing" else {}
        title = item.title_en if doc.language == "en" and item.title_en else item.title
        return GapFinding(requirement_id=item.requirement_id, framework=item.framework, ref=item.ref, title=title,
                          pillar=item.pillar, status=v.status, score=round(v.score, 4),
                          probability=round(v.probability, 4), evidence=quotes, missing=missing_en,
                          missing_zh=missing_zh, detectors=detectors, asked=a.asked.names,
                          found=[c for c in a.asked.names if c in a.found],
                          signals={k: round(float(x), 4) for k, x in feats.items()}, reasons=v.reasons)

    @staticmethod
    def _evidence_order(a: Assessment) -> list[int]:
        """Retrieved passages that carry an asked concept first, then the best retrieved one, then
        passages elsewhere where a self-identifying concept was found, then other retrieved passages
        that are on topic (at least 60 % of the best coverage)."""
        hit = [i for hits in a.found.values() for i, _ in hits]
        cov = a.passage_coverage
        on_topic = [i for i in a.top if cov is None or cov[i] >= 0.6 * a.coverage]
        return list(dict.fromkeys([i for i in a.top if i in hit] + on_topic[:1] + hit + on_topic))


def _quote(doc: CheckedDocument, p, a: Assessment) -> EvidenceQuote:
    return EvidenceQuote(source=doc.source, page=p.page, text=p.text, location=p.location(),
                         score=round(1.0 / (1 + a.top.index(p.index)) if p.index in a.top else 0.0, 4))


def run_detectors(passages: Iterable, catalog: ConceptCatalog | None = None) -> dict[str, list[DetectorHit]]:
    """What the general detectors see in ``passages`` (at most 8 distinct hits each)."""
    catalog = catalog or concept_catalog()
    out: dict[str, list[DetectorHit]] = {}
    for p in passages:
        for name, rx in catalog.detectors.items():
            for m in rx.finditer(p.text):
                hit = DetectorHit(text=m.group(0).strip(), page=p.page)
                lst = out.setdefault(name, [])
                if hit not in lst and len(lst) < 8:
                    lst.append(hit)
    return out


def _background_texts(language: str) -> list[str]:
    """Requirement texts of the bundled frameworks, so that term weights are stable even when only a
    few requirements are checked."""
    try:
        from frameworks import library

        if language == "en":
            return [f"{r.title.en} {r.description.en}" for r in library.default_library().requirements()]
        return [f"{r.title.zh} {r.description.zh}" for r in library.default_library().requirements()]
    except Exception as exc:  # the library is optional for a checklist run
        log.debug("no framework background for term weights: %s", exc)
        return []
