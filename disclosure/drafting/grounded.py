"""The default, deterministic writer: for each requirement and data point of a chapter, retrieve
evidence, read the facts out of it, and write zh-TW or English sentences from patterns, condensing
or quoting the evidence and citing it. Figures come from the evidence or from the GHG engine; a
computed figure cites the inventory rows it sums. What the evidence does not support becomes a
visible placeholder (【待補：…】 / [TO FILL: …]) and a gap item.

Same evidence base, inventory and arguments → the same draft (only the timestamp differs).
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from ..citing.context import DraftContext
from ..citing.sentences import is_zh, sentence_key
from .chapters import (
    CHAPTER_NUMERALS_ZH, PILLAR_TITLES, PRESET_CHAPTERS, PRESET_ID, PRESET_TITLE, ChapterPlan, SlotPlan, TopicPlan,
    plan_chapter, preset_frameworks,
)
from .emissions import write_base_year, write_gases, write_ghg, write_intensity, write_scope3_categories, write_trend
from .governance import write_committee, write_meetings, write_scenarios
from .models import DataTable, Draft, DraftSection, GapItem, Paragraph, Provenance, RejectedSentence, Sentence
from .flow import name_once
from .quoting import Written, matches, narrative
from .tables import chapter_tables, tcfd_index
from .targets import write_electricity, write_progress, write_reductions, write_renewables, write_targets
from .validation import guard

FRAMEWORK_LABELS = {"gri": "GRI", "tcfd": "TCFD", "ifrs_s2": "IFRS S2", "sasb": "SASB", "cdp": "CDP", "sbti": "SBTi",
                    "twse": "TWSE", "esrs_e1": "ESRS E1", "iso14068": "ISO 14068-1", "pas2060": "PAS 2060"}


def display_ref(ref: str) -> str:
    """'ifrs_s2:29(a)(i)' → 'IFRS S2 29(a)(i)'."""
    fw, _, rid = ref.partition(":")
    return f"{FRAMEWORK_LABELS.get(fw, fw.upper())} {rid}"


def placeholder_text(sp: SlotPlan, lang: str) -> str:
    refs = "、".join(display_ref(r) for r in sp.requirement_ids) if is_zh(lang) else ", ".join(
        display_ref(r) for r in sp.requirement_ids)
    if is_zh(lang):
        return f"【待補：{sp.slot.zh}（{refs}）】" if refs else f"【待補：{sp.slot.zh}】"
    return f"[TO FILL: {sp.slot.en} ({refs})]" if refs else f"[TO FILL: {sp.slot.en}]"


WRITERS: dict[str, Callable] = {
    "committee": write_committee, "meetings": write_meetings, "scope3_categories": write_scope3_categories,
    "trend": write_trend, "base_year": write_base_year, "gases": write_gases, "intensity": write_intensity,
    "targets": write_targets, "progress": write_progress, "electricity": write_electricity,
    "renewables": write_renewables, "reductions": write_reductions, "scenarios": write_scenarios,
}


def write_slot(ctx: DraftContext, sp: SlotPlan, topic: TopicPlan) -> Written:
    w = sp.slot.writer
    if w == "ghg":
        return write_ghg(ctx, sp, topic)
    if w in WRITERS:
        return WRITERS[w](ctx, sp)
    return narrative(ctx, sp, strict_hints=sp.slot.id.count("/") == 1 and ":" in sp.slot.id)


def write_topic(ctx: DraftContext, tp: TopicPlan, gaps: list[GapItem]) -> list[Paragraph]:
    """The paragraphs of one topic: written sentences first, then one placeholder per unsupported slot."""
    written: list[Sentence] = []
    placeholders: list[Sentence] = []
    covered: set[str] = set()
    for sp in tp.slots:
        if sp.slot.id in covered:
            continue
        if not sp.covers and sp.slot.id not in _EXTRA_SLOTS:
            continue  # a slot no chosen framework asks for
        if sp.covers and not sp.required and sp.slot.id.count("/") == 1 and ":" in sp.slot.id:
            for ref, dps in sp.covers.items():  # optional data point drafted on its own: note it, do not guess
                gaps.extend(GapItem(requirement_id=ref, missing=dp[1] if is_zh(ctx.lang) else dp[2], data_point=dp[0],
                                    required=False) for dp in dps)
            continue
        out = write_slot(ctx, sp, tp)
        if out:
            for sentence, slots in out:
                if sentence.placeholder:  # evidence the draft cannot state in its language: a gap, shown
                    _gaps_of(sp, ctx.lang, gaps)
                    sentence.requirement_ids = list(sp.requirement_ids)
                    placeholders.append(sentence)
                    covered |= slots
                    continue
                key = sentence_key(sentence.text)
                earlier = ctx.written.get(key)
                if earlier is not None:  # said already (e.g. the base year in two chapters of a report)
                    for r in sp.requirement_ids:
                        if r not in earlier.requirement_ids:
                            earlier.requirement_ids.append(r)
                    covered |= slots
                    continue
                ctx.written[key] = sentence
                if sp.slot.writer == "narrative":  # the same sentence may answer a sibling slot too
                    for s2 in tp.slots:
                        if s2 is not sp and s2.slot.writer == "narrative" and s2.slot.require and s2.slot.id not in covered \
                                and all(matches(sentence.text, g) for g in s2.slot.require):
                            slots = set(slots) | {s2.slot.id}
                covered |= slots
                reqs: dict[str, None] = {}
                for s2 in tp.slots:
                    if s2.slot.id in slots:
                        for r in s2.requirement_ids:
                            reqs.setdefault(r, None)
                for r in sp.requirement_ids:
                    reqs.setdefault(r, None)
                sentence.requirement_ids = list(reqs)
                written.append(sentence)
            continue
        if not sp.covers:
            continue
        _gaps_of(sp, ctx.lang, gaps)
        if sp.required:
            placeholders.append(Sentence(text=placeholder_text(sp, ctx.lang), placeholder=True,
                                         requirement_ids=sp.requirement_ids))
    heading = tp.heading_zh if is_zh(ctx.lang) else tp.heading_en
    paras = []
    if written:
        paras.extend(_split_paragraphs(name_once(written, ctx), heading, tp.topic.id))
    # each placeholder on its own line, so an editor sees every gap
    paras.extend(_paragraph([p], heading, tp.topic.id) for p in placeholders)
    return paras


def _gaps_of(sp: SlotPlan, lang: str, gaps: list[GapItem]) -> None:
    for ref, dps in sp.covers.items():
        for dp in dps:
            gaps.append(GapItem(requirement_id=ref, missing=dp[1] if is_zh(lang) else dp[2], data_point=dp[0],
                                required=dp[3]))


# Slots that state something no data point asks for by id (assurance, trend…); written when evidence allows.
_EXTRA_SLOTS = {"trend", "assurance", "re_commitments", "reduction_projects", "neutrality_claim", "product_footprint",
                "data_exchange", "supplier_targets", "contractual_instruments"}


def _paragraph(sentences: list[Sentence], heading: str, topic: str) -> Paragraph:
    reqs: dict[str, None] = {}
    for s in sentences:
        for r in s.requirement_ids:
            reqs.setdefault(r, None)
    return Paragraph(requirement_ids=list(reqs), heading=heading, topic=topic, sentences=sentences)


def _split_paragraphs(sentences: list[Sentence], heading: str, topic: str, size: int = 5) -> list[Paragraph]:
    if len(sentences) <= size + 1:
        return [_paragraph(sentences, heading, topic)]
    return [_paragraph(sentences[i:i + size], heading, topic) for i in range(0, len(sentences), size)]


def write_chapter_section(ctx: DraftContext, plan: ChapterPlan, gaps: list[GapItem], *,
                          topics: list[TopicPlan] | None = None, title: str | None = None,
                          number: str | None = None, tables: bool = True) -> DraftSection:
    paras: list[Paragraph] = []
    for tp in (plan.topics if topics is None else topics):
        paras.extend(write_topic(ctx, tp, gaps))
    if plan.chapter == "carbon-neutrality" and not any(
            not s.placeholder for p in paras for s in p.sentences if p.topic == "claim"):
        text = ("【待補：證據中未見碳中和宣告；如本公司並未宣告碳中和（ISO 14068-1），本章可刪除】" if is_zh(ctx.lang) else
                "[TO FILL: no carbon-neutrality claim was found in the evidence; drop this chapter if the company makes none (ISO 14068-1)]")
        paras.insert(0, Paragraph(requirement_ids=[], heading=plan.topics[0].heading_zh if is_zh(ctx.lang) else plan.topics[0].heading_en,
                                  topic="claim", sentences=[Sentence(text=text, placeholder=True)]))
        gaps.append(GapItem(requirement_id="chapter:carbon-neutrality",
                            missing="碳中和宣告" if is_zh(ctx.lang) else "carbon-neutrality claim", required=False))
    return DraftSection(chapter=plan.chapter, title=title or plan.heading(ctx.lang), number=number, paragraphs=paras,
                        tables=chapter_tables(ctx, plan.chapter) if tables else [])


def finish_draft(ctx: DraftContext, draft: Draft, settings_dict: dict, model: str | None = None) -> Draft:
    """Run the guard over every sentence, attach register and provenance."""
    rejected: list[RejectedSentence] = list(draft.rejected)
    for sec in draft.sections:
        for p in sec.paragraphs:
            kept, rej = guard(p.sentences, ctx.evidence)
            p.sentences = kept
            rejected.extend(rej)
            reqs = dict.fromkeys(r for x in p.sentences for r in x.requirement_ids)
            p.requirement_ids = list(reqs) or p.requirement_ids
        sec.paragraphs = [p for p in sec.paragraphs if p.sentences]
    draft.rejected = rejected
    draft.review_notes = list(ctx.review_notes)
    # keep only the register entries something cites
    cited = {c.ref for s in draft.sentences() for c in s.citations}
    cited |= {c.ref for sec in draft.sections for t in sec.tables for c in t.citations}
    cited |= {c.ref for t in draft.tables for c in t.citations}
    draft.evidence = {k: v for k, v in ctx.evidence.items() if k in cited}
    lib_version = "bundled" if ctx.library is None else "custom"
    draft.provenance = Provenance(
        settings=settings_dict, evidence_ids=list(ctx.consulted), documents=sorted(ctx.eb.committed_ids()),
        inventory_file=str(ctx.inventory_path) if ctx.inventory_path else None, inventory_sha256=ctx.inventory_sha256,
        reporting_year=ctx.year, library_version=lib_version,
        timestamp=datetime.now(timezone.utc).isoformat(timespec="seconds"), quarantined=list(ctx.quarantined), model=model)
    return draft


def year_hint(ctx: DraftContext) -> None:
    """Without an inventory, the reporting year is the year the documents cover (read from them)."""
    if ctx.year is None:
        ctx.year = ctx.fact_base.reporting_year()


def write_grounded(ctx: DraftContext, chapter: str, settings_dict: dict) -> Draft:
    """A grounded draft of one chapter, or of the TCFD / IFRS S2 report preset."""
    year_hint(ctx)
    gaps: list[GapItem] = []
    if chapter == PRESET_ID:
        draft = _write_preset(ctx, gaps)
    else:
        plan = plan_chapter(chapter, ctx.frameworks, ctx.library)
        # the committee is named in the governance chapter; other chapters may refer to it
        section = write_chapter_section(ctx, plan, gaps)
        draft = Draft(chapter=chapter, title=plan.heading(ctx.lang), lang=ctx.lang, mode="grounded",
                      frameworks=list(ctx.frameworks), sections=[section])
    draft.gaps = dedupe_gaps(gaps)
    return finish_draft(ctx, draft, settings_dict)


def dedupe_gaps(gaps: list[GapItem]) -> list[GapItem]:
    seen, out = set(), []
    for g in gaps:
        k = (g.requirement_id, g.data_point, g.missing)
        if k not in seen:
            seen.add(k)
            out.append(g)
    return out


def _write_preset(ctx: DraftContext, gaps: list[GapItem]) -> Draft:
    zh = is_zh(ctx.lang)
    frameworks = preset_frameworks(ctx.frameworks)
    ctx.frameworks = frameworks
    plans = {c: plan_chapter(c, frameworks, ctx.library) for c in PRESET_CHAPTERS}
    sections: list[DraftSection] = []
    order = ["governance", "strategy", "risk-management", "metrics-targets"]
    for i, pillar in enumerate(order):
        title = PILLAR_TITLES[pillar][0 if zh else 1]
        number = CHAPTER_NUMERALS_ZH[i] if zh else str(i + 1)
        paras: list[Paragraph] = []
        tables: list[DataTable] = []
        for c in PRESET_CHAPTERS:
            plan = plans[c]
            if pillar == "metrics-targets":
                if c not in ("ghg-inventory", "targets-transition", "reduction-renewables"):
                    # metrics topics of other chapters (e.g. capital deployment) stay in their pillar
                    topics = [t for t in plan.topics if t.topic.pillar == pillar and c != "governance"]
                else:
                    topics = [t for t in plan.topics if t.topic.pillar in (pillar,) or c == "ghg-inventory"]
            else:
                topics = [t for t in plan.topics if t.topic.pillar == pillar]
            if not topics:
                continue
            sec = write_chapter_section(ctx, plan, gaps, topics=topics, tables=pillar == "metrics-targets")
            paras.extend(sec.paragraphs)
            tables.extend(sec.tables)
        sections.append(DraftSection(chapter=pillar, title=title, number=number, paragraphs=paras, tables=tables))
    # strategy topics of the metrics chapters (transition plan) were written under strategy above
    draft = Draft(chapter=PRESET_ID, title=PRESET_TITLE[0 if zh else 1], lang=ctx.lang, mode="grounded",
                  frameworks=frameworks, sections=sections)
    draft.tables.append(tcfd_index(draft, ctx))
    return draft
