"""What decides covered / partial / missing.

A checklist item (a user's own checklist, such as the 91 fourth-level TCFD items raters use) is
decided by a small logistic model over named signals of the retrieval and of the concept evidence
(:data:`FEATURES` says what each one measures). Its weights are data — ``verdict_model.json`` beside
this module, fitted by ``python bench/gap_eval.py --fit`` on labelled reports and judged
leave-one-report-out — so its output is a probability that the report discloses the item, and the
reliability of that probability is measured (Brier score, binned table) by the same command.

A built-in framework requirement (several data points, matched on its short title) keeps the rules
calibrated on the sample corpus (:func:`rule_verdict`): it is partial when some of its data points
are found and covered when all are. Its probability is the same model's.

Either way the finding says what is missing: a concept asked for and not found is named, so a
passage on the topic without the specific content the item asks for (a frequency, a named
scenario, a figure with its unit, a target with its year) does not pass for disclosure.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .models import Status

if TYPE_CHECKING:  # pragma: no cover
    from .checker import Assessment
    from .concepts import ConceptCatalog

MODEL_FILE = Path(__file__).with_name("verdict_model.json")

# The model's inputs, in order, with what each one measures (shown in the finding's ``reasons``).
FEATURES: dict[str, str] = {
    "coverage": "share of the item's distinctive words that the best passage carries",
    "dense_z": "how far the best passage's embedding similarity stands above the document's average (z)",
    "lexical_z": "how far the best passage's BM25 score stands above the document's average (z)",
    "depth": "log of the number of passages nearly as on topic as the best one",
    "maturity": "share of specific data points (figures, named scenarios, base years …) the document has anywhere",
    "specific_met": "share of the specific things the item asks for that were found",
    "specific_asked": "1 when the item asks for something specific (not only a topic)",
    "specific_all": "1 when every specific thing asked for was found",
    "weak_met": "share of the general things asked for (a board body, a committee) that were found",
    "near_hits": "share of the found concepts whose hit is in a passage retrieved for the item",
    "specific_top": "share of the specific things asked for that were found in a passage retrieved for the item",
    "hit_passages": "log of the number of passages where a specific thing asked for was found",
    "dense_max": "embedding similarity of the nearest passage",
    "top_coverage": "share of the item's distinctive words in the first retrieved passage",
    "thin_document": "1 − maturity for an item that asks for something specific (a thin report rarely has it)",
    "asks_specific": "share of the item's concept groups that ask for a named specific (a frequency, a scenario, a method)",
    "asks_quantity": "share of the item's concept groups that ask for a figure with its unit",
    "asks_financial": "share of the item's concept groups that ask for a money amount or financial effect",
    "met_specific": "share of the named specifics asked for that were found",
    "met_quantity": "share of the figures asked for that were found",
    "met_financial": "share of the money amounts asked for that were found",
}
KINDS = ("specific", "quantity", "financial")


def features_of(a: "Assessment", maturity: float, catalog: "ConceptCatalog") -> dict[str, float]:
    """The named signals of one assessment (see :data:`FEATURES`)."""
    groups = a.asked.groups
    spec = [g for g in groups if not all(catalog[c].weak for c in g)]
    weak = [g for g in groups if all(catalog[c].weak for c in g)]
    met = lambda g: any(c in a.found for c in g)  # noqa: E731
    spec_met = sum(1 for g in spec if met(g)) / len(spec) if spec else 0.0
    weak_met = sum(1 for g in weak if met(g)) / len(weak) if weak else 1.0
    top = set(a.top)
    found_any = [c for g in groups for c in g if c in a.found]
    near = (sum(1 for c in found_any if any(i in top for i, _ in a.found[c])) / len(found_any)) if found_any else 0.0
    spec_top = sum(1 for g in spec if any(i in top for c in g for i, _ in a.found.get(c, []))) / len(spec) if spec else 0.0
    hit_passages = len({i for g in spec for c in g for i, _ in a.found.get(c, [])})
    kinds: dict[str, float] = {}
    for k in KINDS:
        gs = [g for g in groups if any(catalog[c].kind == k for c in g)]
        kinds[f"asks_{k}"] = len(gs) / len(groups) if groups else 0.0
        kinds[f"met_{k}"] = sum(1 for g in gs if met(g)) / len(gs) if gs else 0.0
    return {
        **kinds,
        "specific_top": spec_top, "hit_passages": math.log1p(hit_passages), "dense_max": a.dense_max,
        "top_coverage": a.top_coverage, "thin_document": (1.0 - maturity) if spec else 0.0,
        "coverage": a.coverage, "dense_z": a.dense_z, "lexical_z": a.lexical_z,
        "depth": math.log1p(a.depth), "maturity": maturity, "specific_met": spec_met,
        "specific_asked": 1.0 if spec else 0.0, "specific_all": 1.0 if spec and spec_met >= 1.0 else 0.0,
        "weak_met": weak_met, "near_hits": near,
    }


# Evidence floor: a passage retrieved for the item that is on its topic (at least this share of its
# distinctive words) and carries every concept it asks for is disclosure, whatever the model's
# document-level signals say (a short draft has a low maturity and still discloses what it covers).
# Measured on the labelled reports, it changes 4 of 624 leave-one-out verdicts (accuracy −0.003).
FLOOR_COVERAGE = 0.3


def evidence_floor(feats: dict[str, float]) -> bool:
    """True when every asked concept was found in a retrieved, on-topic passage."""
    all_groups = feats.get("weak_met", 1.0) >= 1.0 and (feats.get("specific_asked", 0.0) == 0.0
                                                         or feats.get("specific_all", 0.0) >= 1.0)
    return (all_groups and feats.get("near_hits", 0.0) >= 1.0 and feats.get("coverage", 0.0) >= FLOOR_COVERAGE)


def disclosed(model: "VerdictModel", feats: dict[str, float]) -> bool:
    """Whether a checklist item counts as disclosed (partial or covered)."""
    return model.probability(feats) >= model.disclosed_at or evidence_floor(feats)


@dataclass
class Verdict:
    status: Status
    probability: float
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class VerdictModel:
    """Logistic model: P(disclosed) = σ(bias + Σ weight · (feature − mean) / scale).

    ``disclosed_at``: the probability from which an item counts as disclosed (partial or covered);
    ``covered_at``: from which it is covered, when every asked-for concept was found as well."""

    weights: dict[str, float]
    bias: float
    mean: dict[str, float]
    scale: dict[str, float]
    disclosed_at: float = 0.5
    covered_at: float = 0.8
    fitted_on: str = ""
    command: str = "python bench/gap_eval.py --fit"
    metrics: dict[str, float] = field(default_factory=dict)

    # ------------------------------------------------------------------ use
    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(w * (feats.get(k, 0.0) - self.mean.get(k, 0.0)) / (self.scale.get(k, 1.0) or 1.0)
                            for k, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def contributions(self, feats: dict[str, float]) -> dict[str, float]:
        return {k: w * (feats.get(k, 0.0) - self.mean.get(k, 0.0)) / (self.scale.get(k, 1.0) or 1.0)
                for k, w in self.weights.items()}

    def explain(self, feats: dict[str, float], n: int = 3) -> list[str]:
        """The ``n`` signals that moved this verdict most, as 'name +0.84' (log-odds)."""
        contrib = sorted(self.contributions(feats).items(), key=lambda kv: -abs(kv[1]))
        return [f"{k} {v:+.2f}" for k, v in contrib[:n] if abs(v) >= 0.01]

    def decide(self, feats: dict[str, float], a: "Assessment", catalog: "ConceptCatalog", framework: bool = False,
               maturity: float = 0.0) -> Verdict:
        p = self.probability(feats)
        reasons = self.explain(feats) + (["evidence floor"] if p < self.disclosed_at and evidence_floor(feats) else [])
        all_found = all(any(c in a.found for c in g) for g in a.asked.groups)
        if framework:
            score, status = rule_verdict(a, catalog, maturity)
            return Verdict(status, p, score, reasons)
        if p < self.disclosed_at and not evidence_floor(feats):
            status: Status = "missing"
        elif p >= self.covered_at and all_found:
            status = "covered"
        else:
            status = "partial"
        return Verdict(status, p, p, reasons)

    # ------------------------------------------------------------------ data file
    def to_json(self) -> dict:
        return {"features": {k: FEATURES[k] for k in self.weights}, "weights": self.weights, "bias": self.bias,
                "mean": self.mean, "scale": self.scale, "disclosed_at": self.disclosed_at,
                "covered_at": self.covered_at, "fitted_on": self.fitted_on, "command": self.command,
                "metrics": self.metrics}

    @classmethod
    def from_json(cls, d: dict) -> "VerdictModel":
        unknown = set(d["weights"]) - set(FEATURES)
        if unknown:
            raise ValueError(f"verdict model names unknown features: {', '.join(sorted(unknown))}")
        return cls(weights=dict(d["weights"]), bias=float(d["bias"]), mean=dict(d["mean"]), scale=dict(d["scale"]),
                   disclosed_at=float(d.get("disclosed_at", 0.5)), covered_at=float(d.get("covered_at", 0.8)),
                   fitted_on=d.get("fitted_on", ""), command=d.get("command", cls.command),
                   metrics=dict(d.get("metrics", {})))

    def save(self, path: Path = MODEL_FILE) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "VerdictModel":
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=1)
def default_model() -> VerdictModel:
    """The shipped model (``verdict_model.json``)."""
    return VerdictModel.load(MODEL_FILE)


def fit_model(rows: list[dict[str, float]], labels: list[int], l2: float = 1.0, names: list[str] | None = None,
              sample_weight: list[float] | None = None) -> VerdictModel:
    """Fit the logistic model by L2-regularised maximum likelihood (scipy's L-BFGS) on feature rows
    and 0/1 labels (1 = disclosed). Features are standardised; the weights are per standard deviation."""
    from scipy.optimize import minimize

    names = names or list(FEATURES)
    X = np.array([[r[k] for k in names] for r in rows], dtype=float)
    y = np.asarray(labels, dtype=float)
    sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    mean, scale = X.mean(0), X.std(0)
    scale[scale < 1e-9] = 1.0
    Z = np.hstack([(X - mean) / scale, np.ones((len(y), 1))])

    def loss(b: np.ndarray) -> tuple[float, np.ndarray]:
        z = Z @ b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))
        ll = -(sw * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum()
        g = Z.T @ (sw * (p - y))
        g[:-1] += l2 * b[:-1]
        return ll + 0.5 * l2 * float((b[:-1] ** 2).sum()), g

    b = minimize(loss, np.zeros(Z.shape[1]), jac=True, method="L-BFGS-B").x
    return VerdictModel(weights={k: round(float(w), 6) for k, w in zip(names, b[:-1])}, bias=round(float(b[-1]), 6),
                        mean={k: round(float(m), 6) for k, m in zip(names, mean)},
                        scale={k: round(float(s), 6) for k, s in zip(names, scale)})


# ---------------------------------------------------------------------- framework requirements
# Thresholds of the rules for built-in framework requirements, calibrated on the sample corpus and on
# generated drafts (they must check clean on what they cover). A passage is on topic when it carries
# enough of the requirement's distinctive terms; that bar falls as the report's maturity rises.
TOPIC_BAR = 0.225
GENERIC_BAR = 0.275
MATURITY_SLOPE = 0.35
MIN_BAR = 0.05
COVERAGE_STRONG = 0.3
# A framework requirement is matched on its short title, whose coverage runs higher, and a report is
# rarely written for one framework only: off-topic requirements must not pass on a few shared words.
FRAMEWORK_MIN_BAR = 0.2
FRAMEWORK_GENERIC_BAR = 0.35


def topic_bar(maturity: float, generic: bool = False) -> float:
    bar = max((GENERIC_BAR if generic else TOPIC_BAR) - MATURITY_SLOPE * maturity, MIN_BAR)
    return max(bar, FRAMEWORK_GENERIC_BAR if generic else FRAMEWORK_MIN_BAR)


def rule_verdict(a: "Assessment", catalog: "ConceptCatalog", maturity: float) -> tuple[float, Status]:
    """Score 0–1 and status of a framework requirement: some specific data points met (or none met
    but a clear topical match) is partial; covered needs every group, weak ones too, and a strong
    topical match."""
    coverage = a.coverage
    groups = a.asked.groups
    spec = [g for g in groups if not all(catalog[c].weak for c in g)]
    weak = [g for g in groups if all(catalog[c].weak for c in g)]
    met = lambda g: any(c in a.found for c in g)  # noqa: E731
    cov_part = min(coverage / COVERAGE_STRONG, 1.0)
    weak_frac = sum(1 for g in weak if met(g)) / len(weak) if weak else 1.0
    if spec:
        frac = sum(1 for g in spec if met(g)) / len(spec)
        score = 0.4 * cov_part + 0.6 * frac
        if coverage < topic_bar(maturity):
            return score * 0.5, "missing"
        if frac >= 1.0:
            return score, "covered" if weak_frac >= 1.0 and coverage >= COVERAGE_STRONG else "partial"
        if frac > 0 or coverage >= topic_bar(maturity, generic=True):
            return score, "partial"
        return score * 0.75, "missing"
    score = 0.7 * cov_part + 0.3 * weak_frac
    # A requirement whose data points are all general (a board body, a committee) and all present
    # needs only the ordinary topical bar.
    generic = not (weak and weak_frac >= 1.0)
    if coverage < topic_bar(maturity, generic=generic):
        return score * 0.5, "missing"
    return score, "covered" if coverage >= COVERAGE_STRONG and weak_frac >= 1.0 else "partial"
