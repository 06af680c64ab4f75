"""The numeric and citation guard, shared by the grounded writer, the LLM path and the check a user
re-runs on edited text.

A sentence passes when it is a visible placeholder, or when it cites evidence that exists in the
draft's register and every number it states appears in the evidence it cites or among the draft's
computed figures (GHG engine totals, which cite the inventory rows they sum). Digits inside names
(ISO 14064-1, Scope 2, SSP5-8.5, CO2e) are not numbers. A number matches when it is the same value,
or the same value rounded to the decimals the sentence shows (45,620.9 ↔ 45,620.90; 1.40 ↔ 1.4024).
Years match ROC years and back (2023 ↔ 112年), and Chinese numerals count (三人 supports 3).
"""
from __future__ import annotations

import re

from pydantic import BaseModel, Field

from ..citing.models import Citation, EvidenceItem
from ..citing.numbers import (  # noqa: F401 - the guard's vocabulary, re-exported for its callers
    _MARKER_RE, _NUM_RE, INSTRUCTION_RE, PLACEHOLDER_RE, NumberToken, is_placeholder, is_supported, numbers_in,
    sanitize_passage, strip_markers, support_values,
)
from .models import Draft, Paragraph, RejectedSentence, Sentence


class SentenceCheck(BaseModel):
    paragraph: int
    sentence: int
    text: str
    ok: bool
    placeholder: bool = False
    reasons: list[str] = Field(default_factory=list)


def _computed_values(evidence: dict[str, EvidenceItem]) -> dict[str, set[float]]:
    return {k: set(e.values) | support_values(e.text) for k, e in evidence.items() if e.kind == "computed"}


def check_sentence(sentence: Sentence, evidence: dict[str, EvidenceItem],
                   computed: dict[str, set[float]] | None = None) -> list[str]:
    """Why ``sentence`` fails the guard (empty list: it passes). Placeholders always pass."""
    if sentence.placeholder or is_placeholder(sentence.text):
        return []
    reasons = []
    if not sentence.citations:
        reasons.append("no citation")
    cited: set[float] = set()
    for c in sentence.citations:
        item = evidence.get(c.ref)
        if item is None:
            reasons.append(f"cites evidence '{c.ref}' that does not exist")
            continue
        cited |= support_values(item.text) | set(item.values)
    computed = _computed_values(evidence) if computed is None else computed
    all_computed = set().union(*computed.values()) if computed else set()
    for tok in numbers_in(sentence.text):
        if not (is_supported(tok, cited) or is_supported(tok, all_computed)):
            reasons.append(f"number {tok.text} is not in the cited evidence or computed data")
    return reasons


def attach_computed(sentence: Sentence, evidence: dict[str, EvidenceItem]) -> None:
    """Cite the computed figures a sentence's numbers rest on when it does not cite them yet."""
    have = {c.ref for c in sentence.citations}
    cited: set[float] = set()
    for c in sentence.citations:
        if c.ref in evidence:
            cited |= support_values(evidence[c.ref].text) | set(evidence[c.ref].values)
    for tok in numbers_in(sentence.text):
        if is_supported(tok, cited):
            continue
        for k, e in evidence.items():
            if e.kind == "computed" and k not in have and is_supported(tok, set(e.values)):
                sentence.citations.append(e.citation())
                have.add(k)
                cited |= set(e.values)
                break


def guard(sentences: list[Sentence], evidence: dict[str, EvidenceItem]) -> tuple[list[Sentence], list[RejectedSentence]]:
    """Split sentences into those that pass and those refused (with the reasons)."""
    kept, rejected = [], []
    computed = _computed_values(evidence)
    for s in sentences:
        s.numbers = [t.text for t in numbers_in(s.text)]
        reasons = check_sentence(s, evidence, computed)
        if reasons:
            rejected.append(RejectedSentence(text=s.text, reasons=reasons, requirement_ids=s.requirement_ids))
        else:
            kept.append(s)
    return kept, rejected


def check_draft(draft: Draft) -> list[SentenceCheck]:
    """Every sentence of a draft, checked."""
    computed = _computed_values(draft.evidence)
    out = []
    for pi, p in enumerate(draft.paragraphs):
        for si, s in enumerate(p.sentences):
            reasons = check_sentence(s, draft.evidence, computed)
            out.append(SentenceCheck(paragraph=pi, sentence=si, text=s.text, ok=not reasons,
                                     placeholder=s.placeholder or is_placeholder(s.text), reasons=reasons))
    return out


# ----------------------------------------------------------------------------------------------- edited text


def reference_numbers(draft: Draft) -> dict[str, int]:
    """Evidence id → the [n] number it is shown with, in order of first citation."""
    refs: dict[str, int] = {}
    for s in draft.sentences():
        for c in s.citations:
            if c.ref not in refs:
                refs[c.ref] = len(refs) + 1
    for t in [t for sec in draft.sections for t in sec.tables] + draft.tables:
        for c in t.citations:
            if c.ref not in refs:
                refs[c.ref] = len(refs) + 1
    return refs


def sentence_with_markers(s: Sentence, refs: dict[str, int]) -> str:
    nums = sorted({refs[c.ref] for c in s.citations if c.ref in refs})
    return s.text + "".join(f"[{n}]" for n in nums)


_SENT_END = re.compile(r"(.+?(?:[。！？!?]|(?<!\d)\.(?!\d)|】)[”」』\"']*)(?=\s|$|[^”」』\"'])", re.S)


def _split_plain(text: str) -> list[str]:
    out: list[str] = []
    for chunk in re.split(f"({PLACEHOLDER_RE.pattern})", text):
        if PLACEHOLDER_RE.fullmatch(chunk or ""):
            out.append(chunk)
            continue
        pos = 0
        for m in _SENT_END.finditer(chunk):
            out.append(m.group(1))
            pos = m.end()
        if chunk[pos:].strip():
            out.append(chunk[pos:])
    return [p.strip() for p in out if p.strip()]


def split_marked_sentences(paragraph: str) -> list[tuple[str, list[int]]]:
    """'A。[1][2]B。[3]' → [('A。', [1, 2]), ('B。', [3])]. Markers follow the sentence they support;
    text without markers is split at sentence ends (a sentence there has no citation)."""
    parts = re.split(r"((?:\s*\[\d+\])+)", paragraph.strip())
    out: list[tuple[str, list[int]]] = []
    for i in range(0, len(parts), 2):
        text = parts[i]
        nums = [int(n) for n in re.findall(r"\[(\d+)\]", parts[i + 1])] if i + 1 < len(parts) else []
        pieces = _split_plain(text)
        if not pieces:
            continue
        # when a marker run follows, it belongs to the last sentence before it; a trailing fragment that
        # does not end a sentence is joined to it
        for j, piece in enumerate(pieces):
            out.append((piece, nums if j == len(pieces) - 1 else []))
    return out


def parse_edited_text(text: str, draft: Draft) -> Draft:
    """A copy of ``draft`` whose sections' paragraphs are read back from edited Markdown (as produced by
    :func:`disclosure.drafting.export.editable_markdown`): '## ' starts a section, '### ' a topic
    heading, blank lines separate paragraphs, [n] markers cite the draft's numbered evidence."""
    refs = {n: ref for ref, n in reference_numbers(draft).items()}
    new = draft.model_copy(deep=True)
    originals = {(si, pi): p for si, sec in enumerate(draft.sections) for pi, p in enumerate(sec.paragraphs)}
    sections: list[list[Paragraph]] = []
    heading: str | None = None
    buf: list[str] = []
    sec_idx = -1

    def flush() -> None:
        if not buf:
            return
        if not sections:
            sections.append([])
        para_text = " ".join(line.strip() for line in buf).strip()
        buf.clear()
        if para_text.startswith("|"):  # tables are not edited here
            return
        idx = len(sections[-1])
        orig = originals.get((max(sec_idx, 0), idx))
        sentences = []
        for body, nums in split_marked_sentences(para_text):
            cites = []
            for n in nums:
                ref = refs.get(n)
                if ref and ref in draft.evidence:
                    cites.append(draft.evidence[ref].citation(_quote_for(draft, ref)))
                else:
                    cites.append(Citation(ref=f"[{n}]", source="?"))
            sentences.append(Sentence(text=body, citations=cites, placeholder=is_placeholder(body),
                                      requirement_ids=list(orig.requirement_ids) if orig else [],
                                      numbers=[t.text for t in numbers_in(body)]))
        sections[-1].append(Paragraph(requirement_ids=list(orig.requirement_ids) if orig else [],
                                      heading=heading, topic=orig.topic if orig else None, sentences=sentences))

    for line in text.splitlines():
        if line.startswith("## "):
            flush()
            sections.append([])
            sec_idx += 1
            heading = None
        elif line.startswith("### "):
            flush()
            heading = line[4:].strip()
        elif line.startswith("# "):
            flush()
        elif not line.strip():
            flush()
        else:
            buf.append(line)
    flush()
    if len(sections) == len(new.sections) or len(new.sections) <= 1:
        for i, paras in enumerate(sections):
            if i < len(new.sections):
                new.sections[i].paragraphs = paras
            elif new.sections:
                new.sections[-1].paragraphs.extend(paras)
    else:
        new.sections[0].paragraphs = [p for paras in sections for p in paras]
        for sec in new.sections[1:]:
            sec.paragraphs = []
    return new


def _quote_for(draft: Draft, ref: str) -> str:
    for s in draft.sentences():
        for c in s.citations:
            if c.ref == ref and c.quote:
                return c.quote
    return draft.evidence[ref].text


class EditCheck(BaseModel):
    draft: Draft
    checks: list[SentenceCheck]

    @property
    def failures(self) -> list[SentenceCheck]:
        return [c for c in self.checks if not c.ok]

    @property
    def placeholders(self) -> list[SentenceCheck]:
        return [c for c in self.checks if c.placeholder]


def recheck_edited_text(text: str, draft: Draft) -> EditCheck:
    """Re-run the guard on text a person edited: which sentences lack a citation, cite a reference that
    does not exist, or state a number absent from what they cite; placeholders still open."""
    edited = parse_edited_text(text, draft)
    return EditCheck(draft=edited, checks=check_draft(edited))
