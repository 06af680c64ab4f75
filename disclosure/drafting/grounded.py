"""The default, deterministic writer: for each requirement and data point of a chapter, retrieve
evidence, read the facts out of it, and write zh-TW or English sentences from patterns, condensing
or quoting the evidence and citing it. Figures come from the evidence or from the GHG engine; a
computed figure cites the inventory rows it sums. What the evidence does not support becomes a
visible placeholder (【待補：…】 / [TO FILL: …]) and a gap item.

Same evidence base, inventory and arguments → the same draft (only the timestamp differs).
"""
from __future__ import annotations

import hashlib
import logging
import math
import re
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from ..facts.period import BASE_YEAR_RE, base_year_in  # noqa: F401 - shared with the questionnaire
from ..models import Evidence
from ..normalization import detect_language
from ..retrieval import SearchFilters
from .chapters import (
    CHAPTER_NUMERALS_ZH, PILLAR_TITLES, PRESET_CHAPTERS, PRESET_ID, PRESET_TITLE, TCFD_DISCLOSURES, ChapterPlan,
    SlotPlan, TopicPlan, plan_chapter, preset_frameworks,
)
from .facts import extract_bodies, extract_frequencies, extract_meeting_counts, extract_meetings, \
    extract_scenarios, extract_targets, nfkc, sentences_of
from .models import (
    Citation, DataTable, Draft, DraftSection, EvidenceItem, GapItem, Paragraph, Provenance, RejectedSentence, Sentence,
)
from .validation import guard, sanitize_passage

log = logging.getLogger(__name__)

FRAMEWORK_LABELS = {"gri": "GRI", "tcfd": "TCFD", "ifrs_s2": "IFRS S2", "sasb": "SASB", "cdp": "CDP", "sbti": "SBTi",
                    "twse": "TWSE", "esrs_e1": "ESRS E1", "iso14068": "ISO 14068-1", "pas2060": "PAS 2060"}


def display_ref(ref: str) -> str:
    """'ifrs_s2:29(a)(i)' → 'IFRS S2 29(a)(i)'."""
    fw, _, rid = ref.partition(":")
    return f"{FRAMEWORK_LABELS.get(fw, fw.upper())} {rid}"


def is_zh(lang: str) -> bool:
    return lang.lower().startswith("zh")


def fmt1(v: float) -> str:
    return f"{v:,.1f}"


def fmt0(v: float) -> str:
    return f"{v:,.0f}"


# ----------------------------------------------------------------------------------------------- context


class DraftContext:
    """What a draft is being written from, and the register of evidence it cites.

    Shared by the grounded writer and the LLM path: retrieval (with instruction-like text removed
    from passages), the evidence register, computed figures from the GHG engine, review notes.
    """

    def __init__(self, evidence_base, lang: str, frameworks: list[str], *, inventory: str | Path | None = None,
                 year: int | None = None, library=None):
        self.eb = evidence_base
        self.settings = evidence_base.settings
        self.lang = "zh-TW" if is_zh(lang) else "en"
        self.frameworks = frameworks
        self.library = library
        self.evidence: dict[str, EvidenceItem] = {}
        self._by_key: dict[str, str] = {}
        self.consulted: dict[str, None] = {}
        self.quarantined: dict[str, None] = {}
        self.review_notes: list[str] = []
        self.used: set[str] = set()
        self._search_cache: dict[tuple, list[Evidence]] = {}
        self._doc_chunks: dict[str, list] = {}
        self._expanded: dict[str, list[str]] = {}
        self.written: dict[str, Sentence] = {}
        self.committee: str | None = None
        self.committee_en: str | None = None
        self.inventory = None
        self.inventory_path: Path | None = Path(inventory) if inventory else None
        self.inventory_sha256: str | None = None
        self.summary = None
        self.targets: list = []
        if self.inventory_path is not None:
            self._load_inventory(self.inventory_path)
        self.explicit_year = year
        self._fact_base = None
        self.year = year or self._default_year()

    # -- facts of the documents -----------------------------------------------------------------
    @property
    def fact_base(self):
        """The facts layer over this evidence base (figures the documents state, read once)."""
        if self._fact_base is None:
            from ..facts import FactBase

            self._fact_base = FactBase(self.eb, reporting_year=self.explicit_year)
        return self._fact_base

    def cite_fact(self, p) -> Citation:
        """Register the place a fact stands (a table row as printed, or its sentence) and cite it."""
        key = f"fact:{p.source}:{p.page}:{p.sheet}:{p.cell_range}:{p.paragraph}:{p.sentence[:120]}"
        if key not in self._by_key:
            eid = f"E{sum(1 for e in self.evidence.values() if e.kind == 'passage') + 1}"
            self._by_key[key] = eid
            self.evidence[eid] = EvidenceItem(id=eid, kind="passage", source=p.source, doc_id=p.doc_id, page=p.page,
                                              sheet=p.sheet, cell_range=p.cell_range, paragraph=p.paragraph, text=p.sentence)
        return self.evidence[self._by_key[key]].citation()

    # -- inventory ------------------------------------------------------------------------------
    def _load_inventory(self, path: Path) -> None:
        from ..ghg import load_inventory, load_targets, summarize

        data = path.read_bytes()
        self.inventory_sha256 = hashlib.sha256(data).hexdigest()
        self.inventory = load_inventory(data, filename=path.name)
        try:
            self.targets = load_targets(data, filename=path.name) if "targets" in self.inventory.sheets else []
        except Exception as exc:  # a targets sheet the engine cannot read must not stop the draft
            log.warning("targets in %s not read: %s", path.name, exc)
            self.targets = []

        self._summarize = summarize

    def _default_year(self) -> int | None:
        if self.inventory is not None and self.inventory.records:
            return max(self.inventory.years)
        return None

    def summary_for(self, year: int):
        if self.inventory is None:
            return None
        if self.summary is None or self.summary.year != year:
            self.summary = self._summarize(self.inventory, year)
        return self.summary

    # -- retrieval ------------------------------------------------------------------------------
    def search(self, query: str, k: int = 8, year: int | None = None) -> list[Evidence]:
        key = (query, k, year)
        if key in self._search_cache:
            return self._search_cache[key]
        try:
            found = self.eb.search(query, k=k, filters=SearchFilters(year=year) if year else None)
        except Exception as exc:
            if self.settings.strict:
                raise
            log.warning("search failed for %r: %s", query, exc)
            found = []
        out = []
        for ev in found:
            self.consulted.setdefault(ev.chunk_id, None)
            text, changed = sanitize_passage(ev.text)
            if changed:
                self.quarantined.setdefault(ev.chunk_id, None)
                ev = ev.model_copy(update={"text": text})
            if ev.text.strip():
                out.append(ev)
        self._search_cache[key] = out
        return out

    def chunks_of(self, doc_id: str) -> list:
        if doc_id not in self._doc_chunks:
            self._doc_chunks[doc_id] = sorted(self.eb.iter_chunks(doc_id), key=lambda c: c.ordinal)
        return self._doc_chunks[doc_id]

    def sentences_for(self, ev: Evidence) -> list[str]:
        """Whole sentences of the passage: a chunk may start or end in mid-sentence, so its page (or
        block) is rebuilt from the document's chunks and the sentences that overlap the chunk are kept."""
        if ev.chunk_id in self._expanded:
            return self._expanded[ev.chunk_id]
        sents = sentences_of(ev.text)
        loc = ev.location
        if loc.sheet is None and (loc.page is not None or loc.paragraph is not None):
            same = [c for c in self.chunks_of(ev.doc_id)
                    if c.location.page == loc.page and c.location.paragraph == loc.paragraph and c.location.sheet is None]
            if len(same) > 1:
                size = max(c.location.char_end for c in same)
                buf = ["\n"] * size
                for c in sorted(same, key=lambda c: c.location.char_start):
                    for i, ch in enumerate(c.text[: c.location.char_end - c.location.char_start]):
                        buf[c.location.char_start + i] = ch
                full, _changed = sanitize_passage("".join(buf))
                head, tail = ev.text.strip()[:12], ev.text.strip()[-12:]
                whole = sentences_of(full)
                body = nfkc(ev.text)
                keep = [w for w in whole if (w[:12] in body or w[-12:] in body or head in w or tail in w)]
                if keep:
                    sents = keep
        self._expanded[ev.chunk_id] = sents
        return sents

    # -- register -------------------------------------------------------------------------------
    def cite(self, ev: Evidence, quote: str | None = None) -> Citation:
        """Register a passage (once) and return a citation of it with the quoted sentence(s)."""
        key = f"chunk:{ev.chunk_id}"
        if key not in self._by_key:
            eid = f"E{sum(1 for e in self.evidence.values() if e.kind == 'passage') + 1}"
            self._by_key[key] = eid
            text = ev.text
            expanded = self._expanded.get(ev.chunk_id)
            if expanded and any(s not in nfkc(text) for s in expanded):
                text = "\n".join(expanded)  # the whole sentences the chunk cuts, as read from its page
            self.evidence[eid] = EvidenceItem(
                id=eid, kind="passage", source=ev.source, chunk_id=ev.chunk_id, doc_id=ev.doc_id, page=ev.location.page,
                sheet=ev.location.sheet, cell_range=ev.location.cell_range, paragraph=ev.location.paragraph,
                text=text, sanitized=ev.chunk_id in self.quarantined)
        item = self.evidence[self._by_key[key]]
        return item.citation(quote if quote is not None else item.text)

    def cite_row(self, key: str, source: str, sheet: str | None, cell_range: str | None, text: str) -> Citation:
        """Register a row of a table read by the GHG engine (e.g. a target in the 減碳目標 sheet)."""
        k = f"row:{key}"
        if k not in self._by_key:
            eid = f"E{sum(1 for e in self.evidence.values() if e.kind == 'passage') + 1}"
            self._by_key[k] = eid
            self.evidence[eid] = EvidenceItem(id=eid, kind="passage", source=source, sheet=sheet, cell_range=cell_range,
                                              text=text)
        return self.evidence[self._by_key[k]].citation()

    def computed(self, key: str, text: str, values: Iterable[float], source: str, sheet: str | None,
                 cell_range: str | None) -> Citation:
        """Register a figure computed by the GHG engine; ``text`` lists the rows it sums."""
        k = f"computed:{key}"
        if k not in self._by_key:
            eid = f"C{sum(1 for e in self.evidence.values() if e.kind == 'computed') + 1}"
            self._by_key[k] = eid
            self.evidence[eid] = EvidenceItem(id=eid, kind="computed", source=source, sheet=sheet, cell_range=cell_range,
                                              text=text, values=[float(v) for v in values])
        return self.evidence[self._by_key[k]].citation()

    def note(self, text: str) -> None:
        if text not in self.review_notes:
            self.review_notes.append(text)


# ----------------------------------------------------------------------------------------------- inventory citations


def cell_ranges(cells: list[str]) -> str:
    """['M5', 'M6', 'M7', 'M9'] → 'M5:M7, M9'."""
    parsed = []
    for c in cells:
        m = re.fullmatch(r"([A-Z]+)(\d+)", c or "")
        if m:
            parsed.append((m.group(1), int(m.group(2))))
    parsed.sort()
    out, i = [], 0
    while i < len(parsed):
        col, start = parsed[i]
        end = start
        while i + 1 < len(parsed) and parsed[i + 1][0] == col and parsed[i + 1][1] == end + 1:
            i += 1
            end = parsed[i][1]
        out.append(f"{col}{start}" if start == end else f"{col}{start}:{col}{end}")
        i += 1
    return ", ".join(out)


def records_quote(records: list, total_value: float, label: str, lang: str) -> str:
    """The inventory rows a computed figure sums, as a readable quote."""
    parts = []
    for r in sorted(records, key=lambda r: (r.provenance.row or 0)):
        where = f"row {r.provenance.row}" if r.provenance.row else ""
        parts.append(f"{where} {r.year} {r.facility or ''} {r.source} {r.gas}: {r.tco2e:,.3f}".replace("  ", " ").strip())
    head = f"{label} = " if label else ""
    joined = "; ".join(parts)
    total_word = "合計" if is_zh(lang) else "total"
    return f"{head}{joined} → {total_word} {fmt1(total_value)} tCO2e"


def cite_records(ctx: DraftContext, key: str, records: list, value: float, label: str,
                 extra_values: Iterable[float] = ()) -> Citation:
    inv = ctx.inventory
    sheet = inv.sheets.get("inventory")
    cells = [r.provenance.cell for r in records if r.provenance.cell]
    text = records_quote(records, value, label, ctx.lang)
    return ctx.computed(key, text, [value, *extra_values], inv.source, sheet, cell_ranges(cells) or None)


# ----------------------------------------------------------------------------------------------- sentence helpers

_ARTICLE = re.compile(r"^第[一二三四五六七八九十百]+條\s*(?:[（(][^）)]{1,10}[）)]\s*)?")
_LEAD_MARKERS = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、]\s|[•·\-*]\s*)")
_VERB_START = re.compile(r"^(?:審議|督導|訂定|檢討|推動|監督|核定|追蹤|擬訂|彙整|負責)")
_LABELS = re.compile(r"^(?:說明|案由|決議|報告事項|討論事項|備註|附註|註)\s*[:：]\s*")
_SECTION_REF = re.compile(r"[，,；;]\s*(?:其理由|理由)?(?:詳|請參閱|參見|參閱|說明於|詳見|詳述於)[^，。；]*?(?:節|章|附錄|附件|表)[^，。；]*(?=[。；]?$)")
_TOC = re.compile(r"\.{4,}|…{2,}|\s\d{1,3}$")
_POLICY_DOC = re.compile(r"規程|辦法|政策|守則|章程|準則|charter|policy", re.I)


def clean_sentence(sent: str, ctx: DraftContext, source: str | None = None) -> str:
    s = nfkc(sent).strip()
    committee = ctx.committee
    if committee is None and source and "本委員會" in s:
        named = [b.name for b in extract_bodies(Path(source).stem) if b.kind == "committee"]
        committee = named[0] if named else None
    for _ in range(2):
        s = _ARTICLE.sub("", s, count=1).strip()
        s = _LEAD_MARKERS.sub("", s, count=1).strip()
        s = _LABELS.sub("", s).strip()
    s = _SECTION_REF.sub("", s).strip()
    if committee:
        s = re.sub(r"^本委員會", committee, s)
        s = s.replace("本委員會", "該委員會")
        if _VERB_START.match(s) and detect_language(s) != "en":
            s = f"{committee}之職權包括{s}"
    if " | " in s and s.count(" | ") == 1:  # a spreadsheet row 'label: X | value: Y' → 'X：Y'
        a, b = (part.split("：", 1)[-1].split(":", 1)[-1].strip() for part in s.split(" | "))
        s = f"{a}：{b}"
    if is_zh(ctx.lang) and detect_language(s) != "en":
        s = zh_punctuation(s)
    s = s.rstrip("，,；;：: ")
    if s and re.search("[\u4e00-\u9fff]", s[-3:] + "x") and not s.endswith(("。", "！", "？", "」", "）")):
        s += "。"
    elif s and not s.endswith((".", "。", "!", "?", "”", ")")):
        s += "." if detect_language(s) == "en" else "。"
    if s.endswith("）") and detect_language(s) != "en":
        s += "。"
    return s


_CJK_CH = "\u3400-\u4dbf\u4e00-\u9fff"


def zh_punctuation(s: str) -> str:
    """Full-width punctuation next to Chinese text (NFKC made it half-width): '董事會,且' → '董事會，且';
    figures keep their separators (8,512.0)."""
    s = re.sub(f"(?<=[{_CJK_CH}）」%])\\s*,\\s*|\\s*,\\s*(?=[{_CJK_CH}（「])", "，", s)
    s = re.sub(f"(?<=[{_CJK_CH}）」])\\s*;\\s*|\\s*;\\s*(?=[{_CJK_CH}])", "；", s)
    s = re.sub(f"(?<=[{_CJK_CH}）」])\\s*:\\s*|\\s*:\\s*(?=[{_CJK_CH}「])", "：", s)
    s = re.sub(f"(?<=[{_CJK_CH}\\d])\\s*\\(\\s*(?=[^()]*[{_CJK_CH}][^()]*\\))", "（", s)
    s = re.sub(f"\\(\\s*(?=[{_CJK_CH}])", "（", s)
    depth_fixed = []
    opened = 0
    for ch in s:
        if ch == "（":
            opened += 1
        elif ch == ")" and opened:
            opened -= 1
            ch = "）"
        depth_fixed.append(ch)
    s = "".join(depth_fixed)
    return re.sub(f"(?<=[{_CJK_CH}，。、（）])\\s+(?=[\\d{_CJK_CH}])|(?<=[\\d])\\s+(?=[{_CJK_CH}])", "", s)


def _key(text: str) -> str:
    return re.sub(r"[\s，。、；：,.;:（）()「」]", "", nfkc(text))[:80]


def usable(sent: str) -> bool:
    s = sent.strip()
    if len(s) < 12 or len(s) > 320 or _TOC.search(s) or s.count("|") >= 2 or s.startswith("#"):
        return False
    if len(re.findall(r"\b(?:GRI|TCFD|SASB|IFRS)\s?[\dS]", s)) >= 3:  # a content index, not a statement
        return False
    if len(re.findall(r"\d[\d,.]*", s)) > 8 and not re.search(r"[，。；,;]", s):  # a table row run together
        return False
    if len(re.findall(r"(?:^|\s)[\d,.]+%?(?=\s|$)", s)) >= 2 and not re.search(r"[，。；]|[,;] ", s):  # columns of figures
        return False
    if not re.search(r"[，。；：、,;:!?！？]|\.(?!\d)", s):  # a heading or a table cell, not a sentence
        return False
    if re.fullmatch(r"[\d\s.,%％/\-]+", s):
        return False
    if re.match(r"^(?:第[一二三四五六七八九十]+章|附錄|目錄|\d+(?:\.\d+)+\s)", s):
        return False
    return True


def doc_title(source: str) -> str:
    stem = Path(source).stem
    return re.sub(r"_\d{2,4}(?:-\d{2,4})?年?$", "", stem)


# ----------------------------------------------------------------------------------------------- writers

Written = list[tuple[Sentence, set[str]]]  # sentence, slot ids it covers


def _sentence(text: str, citations: list[Citation], flags: list[str] | None = None) -> Sentence:
    # de-duplicate citations (same register entry)
    seen, cites = set(), []
    for c in citations:
        if c.ref not in seen:
            seen.add(c.ref)
            cites.append(c)
    return Sentence(text=text, citations=cites, flags=flags or [])


def _matches(sent: str, group: tuple[str, ...]) -> list[str]:
    low = sent.lower()
    return [t for t in group if t.lower() in low]


def _search_both(ctx: DraftContext, slot, k: int = 10, year: int | None = None) -> list[Evidence]:
    queries = [slot.query_zh or slot.zh, slot.query_en or slot.en]
    if not is_zh(ctx.lang):
        queries.reverse()
    seen: dict[str, Evidence] = {}
    for q in queries:
        for ev in ctx.search(q, k=k, year=year):
            seen.setdefault(ev.chunk_id, ev)
    return list(seen.values())


def narrative(ctx: DraftContext, sp: SlotPlan, *, extra_require: tuple = (), n: int | None = None,
              strict_hints: bool = False) -> Written:
    """Condense or quote the sentences of the evidence that state this slot's content."""
    slot = sp.slot
    require = tuple(slot.require) + tuple(extra_require)
    evs = _search_both(ctx, slot)
    query_terms = {t for t in f"{slot.query_zh} {slot.query_en}".split() if len(t) >= 2}
    cands = []
    for rank, ev in enumerate(evs):
        for sent in ctx.sentences_for(ev):
            if not usable(sent) or (slot.exclude and _matches(sent, slot.exclude)):
                continue
            hits: list[str] = []
            ok = True
            for g in require:
                m = _matches(sent, g)
                if not m:
                    ok = False
                    break
                hits.extend(m)
            if not ok:
                continue
            distinct = {h.lower() for h in hits}
            if strict_hints and len(distinct) < 2:
                continue
            lang = detect_language(sent)
            pref = 0.0
            if not is_zh(ctx.lang) and lang == "en":
                pref = 2.0
            elif is_zh(ctx.lang) and lang in ("zh", "mixed"):
                pref = 0.5
            length_pen = 0.5 if len(sent) > 220 else 0.0
            low = sent.lower()
            bonus = 0.5 * sum(1 for t in query_terms if t.lower() in low)
            score = len(distinct) + bonus + pref - 0.08 * rank - length_pen
            cands.append((-score, ev.chunk_id, sent, ev))
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    out: Written = []
    want = n or slot.max_sentences
    for _score, _cid, sent, ev in cands:
        k = _key(sent)
        if k in ctx.used:
            continue
        text = clean_sentence(sent, ctx, ev.source)
        if len(text) > 260:
            text = _condense(text, [t for g in require for t in g])
        if not text or _key(text) in ctx.used:
            continue
        ctx.used.add(k)
        ctx.used.add(_key(text))
        out.append((render_quote(ctx, text, ev), {slot.id}))
        if len(out) >= want:
            break
    return out


def _condense(text: str, terms: list[str]) -> str:
    """Keep the first clause and the clauses that carry the slot's terms (long sentences only)."""
    clauses = re.split(r"(?<=[，；])", text.rstrip("。"))
    keep = [clauses[0]] + [c for c in clauses[1:] if any(t.lower() in c.lower() for t in terms)]
    s = "".join(keep).rstrip("，；")
    return s + "。"


def render_quote(ctx: DraftContext, text: str, ev: Evidence) -> Sentence:
    """A sentence of the draft that restates a sentence of the evidence."""
    cite = ctx.cite(ev, quote=text)
    src_lang = detect_language(text)
    if is_zh(ctx.lang):
        if src_lang == "en":
            return _sentence(f"依據《{doc_title(ev.source)}》：「{text}」", [cite], ["source-language-quote"])
        if _POLICY_DOC.search(ev.source) and not text.startswith(("依", "根據")):
            return _sentence(f"依《{doc_title(ev.source)}》，{text}", [cite])
        return _sentence(text, [cite])
    if src_lang == "en":
        return _sentence(text, [cite])
    return _sentence(f"{doc_title(ev.source)} states: “{text}”", [cite], ["source-language-quote"])


# -- governance ------------------------------------------------------------------------------------


def _en_name(zh_name: str) -> str | None:
    from ..glossary import load_glossary

    for g in load_glossary():
        if zh_name in g.zh:
            return " ".join(w[:1].upper() + w[1:] for w in g.en[0].split())
    return None


_CLIMATE_RE = re.compile(r"氣候|淨零|溫室氣體|減碳|climate|net[- ]zero|GHG", re.I)
_UNDER_BOARD_RE = re.compile(r"隸屬(?:於)?董事會|董事會(?:下|之下)設|董事會所屬|董事會決議設立功能性委員會|under the board|"
                             r"committee of the board|board committee", re.I)


def write_committee(ctx: DraftContext, sp: SlotPlan) -> Written:
    evs = _search_both(ctx, sp.slot, k=12)
    score: Counter = Counter()
    where: dict[str, list[tuple[Evidence, str]]] = {}
    under: dict[str, list[tuple[Evidence, str]]] = {}
    for rank, ev in enumerate(evs):
        sents = ctx.sentences_for(ev)
        bodies = [b for b in extract_bodies("\n".join(sents)) if b.kind == "committee"]
        named = [b.name for b in extract_bodies(Path(ev.source).stem) if b.kind == "committee"]
        doc_main = named[0] if named else (Counter(b.name for b in bodies).most_common(1)[0][0] if bodies else None)
        for b in bodies:
            score[b.name] += 1.0 + (1.5 if b.climate else 0) + (2.0 if b.under_board else 0) - 0.02 * rank
            where.setdefault(b.name, []).append((ev, b.sentence))
            if b.under_board:
                under.setdefault(b.name, []).append((ev, b.sentence))
        if named:  # a document about the committee (its charter): '本委員會' anywhere in it is that committee
            sents = [x for c in ctx.chunks_of(ev.doc_id) for x in sentences_of(c.text)]
        if doc_main:
            for sent in sents:
                if "本委員會" in sent:
                    where.setdefault(doc_main, []).append((ev, sent))
                    if _UNDER_BOARD_RE.search(sent):
                        under.setdefault(doc_main, []).append((ev, sent))
                        score[doc_main] += 2.0
    if not score:
        return []
    best = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    ctx.committee = best
    ctx.committee_en = best if re.search(r"[A-Za-z]", best) else _en_name(best)
    climate = [(ev, x) for ev, x in where[best] if _CLIMATE_RE.search(x)]
    src = climate[0] if climate else where[best][0]
    cites = [ctx.cite(src[0], clean_sentence(src[1], ctx))]
    if best in under:
        ev, x = under[best][0]
        cites.append(ctx.cite(ev, clean_sentence(x, ctx)))
    name_en = ctx.committee_en or best
    if is_zh(ctx.lang):
        if best in under:
            text = f"本公司董事會下設{best}，" + ("督導氣候相關風險與機會之管理。" if climate else "督導永續發展相關事務。")
        else:
            text = f"{best}負責督導本公司" + ("氣候相關議題。" if climate else "永續發展相關事務。")
    else:
        topic = "climate-related risks and opportunities" if climate else "sustainability matters"
        if best in under:
            text = f"The Board oversees {topic} through the {name_en}, a committee of the Board."
        else:
            text = f"The {name_en} oversees the company's {topic}."
    return [(_sentence(text, cites), {sp.slot.id})]


_ZH_MONTH = "{m}月{d}日"
_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]


def _join_zh(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "、".join(items[:-1]) + "及" + items[-1]


def _join_en(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def write_meetings(ctx: DraftContext, sp: SlotPlan) -> Written:
    out: Written = []
    name = ctx.committee
    evs = _search_both(ctx, sp.slot, k=12)
    freq = None
    for ev in evs:
        for f in extract_frequencies(ev.text):
            if f.action != "meets":
                continue
            about_committee = (name and name in f.sentence) or "本委員會" in f.sentence or "Committee" in f.sentence
            if not about_committee:
                continue
            rank = {"at_least_quarterly": 0, "quarterly": 1, "monthly": 2, "semiannual": 3, "annual": 4}[f.key]
            if freq is None or rank < freq[0]:
                freq = (rank, f, ev)
    subject_zh = name or "該委員會"
    subject_en = f"The {ctx.committee_en or name}" if (ctx.committee_en or name) else "The committee"
    if freq:
        _r, f, ev = freq
        cite = ctx.cite(ev, clean_sentence(f.sentence, ctx))
        ctx.used.add(_key(f.sentence))
        ctx.used.add(_key(clean_sentence(f.sentence, ctx)))
        if is_zh(ctx.lang):
            how = {"at_least_quarterly": "每季至少召開一次會議", "quarterly": "每季召開會議", "monthly": "每月召開會議",
                   "semiannual": "每半年至少召開一次會議", "annual": "每年至少召開一次會議"}[f.key]
            text = f"{subject_zh}依規定{how}。" if "規程" in ev.source or "條" in f.sentence else f"{subject_zh}{how}。"
        else:
            how = {"at_least_quarterly": "meets at least once a quarter", "quarterly": "meets every quarter",
                   "monthly": "meets monthly", "semiannual": "meets at least twice a year",
                   "annual": "meets at least once a year"}[f.key]
            text = f"{subject_en} {how}."
        out.append((_sentence(text, [cite]), {sp.slot.id}))
    # meetings held in the reporting year, from the minutes
    year = ctx.year
    if year is None:
        return out
    roc = year - 1911
    docs: dict[str, Evidence] = {}
    q = f"{name or '委員會'} {roc}年度 第1次 會議紀錄 {year}"
    for ev in ctx.search(q, k=10) + ctx.search(f"{name or 'committee'} meeting minutes {year}", k=6):
        if extract_meetings(ev.text):
            docs.setdefault(ev.doc_id, ev)
    meetings: dict[int, tuple] = {}
    for doc_id in sorted(docs):
        chunks = ctx.chunks_of(doc_id)
        for i, ch in enumerate(chunks):
            # a heading and the date under it may sit in neighbouring chunks
            window = ch.text + "\n" + "\n".join(c.text for c in chunks[i + 1: i + 3])
            for m in extract_meetings(window):
                if m.text in ch.text and m.year == year and m.number not in meetings:
                    meetings[m.number] = (m, ch, window)
    counts = []
    for ev in ctx.search(f"{year}年 共召開 次 會議", k=6, year=year):
        if name and name not in ev.text and "本委員會" not in ev.text:
            continue
        for n, sent in extract_meeting_counts(ev.text):
            counts.append((n, sent, ev))
    if meetings:
        n = max(meetings)
        dated = [(meetings[k][0].date, meetings[k][1]) for k in sorted(meetings) if meetings[k][0].date]
        cites = []
        for k in sorted(meetings):
            m, ch, window = meetings[k]
            ev = Evidence(chunk_id=ch.chunk_id, doc_id=ch.doc_id, source=ch.source, text=sanitize_passage(window)[0],
                          location=ch.location, language=ch.language, years=ch.years)
            ctx.consulted.setdefault(ch.chunk_id, None)
            cites.append(ctx.cite(ev, _meeting_quote(window, m)))
        complete = len(meetings) == n
        if is_zh(ctx.lang):
            dates = [_ZH_MONTH.format(m=int(d[5:7]), d=int(d[8:10])) for d, _ in dated]
            text = f"{year}年{subject_zh}共召開{n}次會議" if complete else f"{year}年{subject_zh}已召開至第{n}次會議"
            if dates and complete and len(dates) == n:
                text += f"，分別於{_join_zh(dates)}舉行"
            text += "。"
        else:
            dates = [f"{int(d[8:10])} {_EN_MONTHS[int(d[5:7]) - 1]}" for d, _ in dated]
            text = (f"It met {n} times in {year}" if complete else f"Its meetings in {year} ran to the {n}th")
            if dates and complete and len(dates) == n:
                text += f" ({_join_en(dates)})"
            text += "."
        out.append((_sentence(text, cites), {sp.slot.id}))
    elif counts:
        n, sent, ev = counts[0]
        cite = ctx.cite(ev, clean_sentence(sent, ctx))
        text = f"{year}年{subject_zh}共召開{n}次會議。" if is_zh(ctx.lang) else f"It met {n} times in {year}."
        out.append((_sentence(text, [cite]), {sp.slot.id}))
    return out


def _meeting_quote(text: str, m) -> str:
    t = nfkc(text)
    i = t.find(m.text)
    if i < 0:
        return m.text
    quote = " ".join(t[i: i + 160].split())
    if m.date:
        j = quote.find("日", quote.find(str(int(m.date[8:10])) + "日"))
        if j > 0:
            quote = quote[: j + 1]
    return quote


# -- GHG figures -----------------------------------------------------------------------------------

GHG_LABEL = {
    "scope1": ("範疇一", "Scope 1"), "scope2_location": ("範疇二（地點基準）", "Scope 2 (location-based)"),
    "scope2_market": ("範疇二（市場基準）", "Scope 2 (market-based)"), "scope3": ("範疇三", "Scope 3"),
}


def _ghg_value(ctx: DraftContext, metric: str, year: int):
    """(value, records) from the inventory for a metric of a year."""
    from ..ghg import select_records

    s = ctx.summary_for(year)
    inv = ctx.inventory
    if metric == "scope1":
        return s.by_scope[1], select_records(inv, year=year, scopes=(1,))
    if metric == "scope2_location":
        return s.scope2_location, select_records(inv, year=year, scopes=(2,), scope2_method="location")
    if metric == "scope2_market":
        return s.scope2_market, select_records(inv, year=year, scopes=(2,), scope2_method="market")
    if metric == "scope3":
        return s.by_scope[3], select_records(inv, year=year, scopes=(3,))
    raise KeyError(metric)


def corroborate(ctx: DraftContext, metric: str, year: int, value: float) -> list[Citation]:
    """Documents that state the same figure (cited next to the inventory); disagreeing ones become review notes."""
    zh, en = GHG_LABEL[metric]
    cites: list[Citation] = []
    sources: set[str] = set()
    inv_name = ctx.inventory.source if ctx.inventory else None
    found = ctx.fact_base.lookup("scope2" if metric == "scope2_location" else metric, year)
    for c in found.candidates:
        f = c.fact
        if f.provenance.source == inv_name or f.breakdown or (metric == "scope2_location" and f.metric == "scope2_market"):
            continue
        v = f.base_value
        if abs(v - value) < max(0.05, 0.5 * (f.unit.scale if f.unit else 1) * _precision(f.value_text)):
            for p in [f.provenance, *c.agreeing]:
                if p.source not in sources and p.source != inv_name and len(cites) < 2:
                    sources.add(p.source)
                    cites.append(ctx.cite_fact(p))
        elif abs(v - value) / max(value, 1) < 0.5:
            loc = f.provenance.location()
            ctx.note(f"{f.provenance.source}{(' ' + loc) if loc else ''}: {year} {en} = {f.value_text} tCO2e, "
                     f"but the inventory sums to {fmt1(value)} — check which is right"
                     if not is_zh(ctx.lang) else
                     f"{f.provenance.source}{('（' + loc + '）') if loc else ''}記載{year}年{zh}為{f.value_text}公噸CO2e，"
                     f"與盤查清冊加總之{fmt1(value)}公噸CO2e不一致，請確認。")
    return cites


def _precision(value_text: str) -> float:
    """The rounding step a figure is written with ('8,512.0' → 0.1, '387' → 1)."""
    return 10 ** -len(value_text.split(".")[1]) if "." in value_text else 1.0


def _document_figure(ctx: DraftContext, metric: str, year: int | None):
    """The figure the documents state for a GHG slot (the facts layer's choice), or None."""
    asked = {"scope2_location": "scope2", "scope1": "scope1", "scope2_market": "scope2_market", "scope3": "scope3"}[metric]
    found = ctx.fact_base.lookup(asked, year)
    if found.status != "found":
        return None
    f = found.chosen.fact
    if metric == "scope2_location" and f.metric == "scope2_market":
        return None
    return f, found


def write_ghg(ctx: DraftContext, sp: SlotPlan, topic: TopicPlan) -> Written:
    metric = sp.slot.id
    topic_slots = {s.slot.id for s in topic.slots}
    year = ctx.year
    zh = is_zh(ctx.lang)
    if ctx.inventory is not None and year is not None:
        value, recs = _ghg_value(ctx, metric, year)
        if not recs:
            return []
        label = f"{year} {GHG_LABEL[metric][1]}"
        cites = [cite_records(ctx, f"{metric}:{year}", recs, value, label, [year])] + corroborate(ctx, metric, year, value)
        covers = {metric}
        if metric == "scope1":
            text = (f"{year}年本公司範疇一（ISO 14064-1類別1）直接溫室氣體排放量為{fmt1(value)}公噸CO2e。" if zh else
                    f"In {year}, Scope 1 (ISO 14064-1 category 1) direct emissions were {fmt1(value)} tCO2e.")
        elif metric == "scope2_location":
            mv, mrecs = _ghg_value(ctx, "scope2_market", year)
            if "scope2_market" in topic_slots and mrecs and any(r.scope2_method == "market" for r in mrecs):
                cites += [cite_records(ctx, f"scope2_market:{year}", mrecs, mv, f"{year} {GHG_LABEL['scope2_market'][1]}",
                                       [year])] + corroborate(ctx, "scope2_market", year, mv)
                covers.add("scope2_market")
                text = (f"範疇二（類別2）外購電力之間接排放量依地點基準計算為{fmt1(value)}公噸CO2e，"
                        f"依市場基準計算為{fmt1(mv)}公噸CO2e。" if zh else
                        f"Scope 2 (category 2) emissions from purchased electricity were {fmt1(value)} tCO2e "
                        f"location-based and {fmt1(mv)} tCO2e market-based.")
            else:
                text = (f"範疇二（類別2）外購電力之間接排放量依地點基準計算為{fmt1(value)}公噸CO2e。" if zh else
                        f"Scope 2 (category 2) location-based emissions from purchased electricity were {fmt1(value)} tCO2e.")
        elif metric == "scope2_market":
            if not any(r.scope2_method == "market" for r in recs):
                return []
            text = (f"範疇二依市場基準計算為{fmt1(value)}公噸CO2e。" if zh else
                    f"Market-based Scope 2 emissions were {fmt1(value)} tCO2e.")
        else:
            s = ctx.summary_for(year)
            total = s.total_location
            share = value / total * 100 if total else None
            cites[0] = cite_records(ctx, f"scope3-share:{year}", recs, value, label, [year, total] + ([share] if share else []))
            # the total and the share are computed from Scopes 1 and 2 too: cite their rows as well
            for other in ("scope1", "scope2_location"):
                ov, orecs = _ghg_value(ctx, other, year)
                if orecs:
                    cites.append(cite_records(ctx, f"{other}:{year}", orecs, ov, f"{year} {GHG_LABEL[other][1]}", [year]))
            text = (f"範疇三（ISO 14064-1類別3至類別6）其他間接排放量為{fmt1(value)}公噸CO2e" if zh else
                    f"Scope 3 (ISO 14064-1 categories 3 to 6) emissions were {fmt1(value)} tCO2e")
            if share is not None:
                text += (f"，占範疇一、二（地點基準）及三合計{fmt1(total)}公噸CO2e之{share:.1f}%。" if zh else
                         f", {share:.1f} % of the {fmt1(total)} tCO2e total of Scopes 1, 2 (location-based) and 3.")
            else:
                text += "。" if zh else "."
        return [(_sentence(text, cites), covers)]
    # no inventory: the figure the documents state, cited to its page
    got = _document_figure(ctx, metric, year)
    if not got:
        return []
    f, found = got
    fy = ctx.fact_base.year_of(f)
    if ctx.year is None:
        ctx.year = fy
    cites = [ctx.cite_fact(f.provenance)] + [ctx.cite_fact(p) for p in found.chosen.agreeing[:1]]
    from ..facts import label_of

    unit = f.unit.display(zh) if f.unit else ("公噸CO2e" if zh else "tCO2e")
    zh_l = label_of(f.metric, True).removesuffix("排放量")
    en_l = label_of(f.metric, False).removesuffix(" emissions")
    quoted = " ".join(c.quote or "" for c in cites)
    col = f.provenance.column or ""
    if fy is not None and str(fy) not in quoted and f.provenance.channel == "table" and str(fy) in col:
        # the year stands in the column header: cite the header too, so the sentence's year is quoted
        cites.append(ctx.cite_fact(f.provenance.model_copy(update={"sentence": col, "cell_range": None})))
        quoted += " " + col
    if fy is not None and str(fy) in quoted:
        text = (f"{fy}年本公司{zh_l}排放量為{f.value_text}{unit}。" if zh else
                f"In {fy}, {en_l} emissions were {f.value_text} {unit}.")
    else:  # the year is only the document's reporting period, which no cited text states
        text = (f"本報告期間本公司{zh_l}排放量為{f.value_text}{unit}。" if zh else
                f"In the reporting period, {en_l} emissions were {f.value_text} {unit}.")
    return [(_sentence(text, cites), {metric})]


def write_scope3_categories(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import select_records
    from ..ghg.model import SCOPE3_CATEGORY_NAMES

    out: Written = []
    zh = is_zh(ctx.lang)
    year = ctx.year
    if ctx.inventory is not None and year is not None:
        s = ctx.summary_for(year)
        cats = {k: v for k, v in s.by_scope3_category.items() if v > 0}
        if cats:
            top = sorted(cats.items(), key=lambda kv: -kv[1])[:3]
            recs = select_records(ctx.inventory, year=year, scopes=(3,))
            cite = cite_records(ctx, f"scope3-cats:{year}", recs, s.by_scope3_category and sum(cats.values()),
                                f"{year} Scope 3 by category", [year, len(cats), *cats.values()])
            if zh:
                parts = [f"類別{k}「{SCOPE3_CATEGORY_NAMES[k][0]}」{fmt1(v)}公噸CO2e" for k, v in top]
                text = (f"範疇三盤查涵蓋{len(cats)}個類別（類別{'、'.join(str(k) for k in sorted(cats))}），"
                        f"排放量較高者依序為{_join_zh(parts)}。")
            else:
                parts = [f"category {k} {SCOPE3_CATEGORY_NAMES[k][1].lower()} ({fmt1(v)} tCO2e)" for k, v in top]
                text = (f"The Scope 3 inventory covers {len(cats)} categories "
                        f"({', '.join(str(k) for k in sorted(cats))}); the largest are {_join_en(parts)}.")
            out.append((_sentence(text, [cite]), {sp.slot.id}))
    # why the other categories are left out, in the company's words
    from .chapters import Slot

    excl = Slot("scope3_excluded", "範疇三排除類別", "excluded Scope 3 categories", "narrative",
                (("範疇三", "Scope 3", "類別"), ("不具相關性", "不適用", "未納入", "不納入", "排除", "not relevant", "excluded")),
                "範疇三 類別 不具相關性 不適用", "Scope 3 categories not relevant excluded")
    out += [(s, {sp.slot.id}) for s, _ in narrative(ctx, SlotPlan(excl, sp.covers))]
    if not out:
        out = narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                        (("範疇三", "Scope 3"), ("類別", "categor"))), sp.covers))
    return out


def write_trend(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import select_records

    inv = ctx.inventory
    year = ctx.year
    if inv is None or year is None:
        return []
    base_year = min(t.base_year for t in ctx.targets) if ctx.targets else min(inv.years)
    if base_year not in inv.years or base_year >= year:
        return []
    s = ctx.summary_for(year)
    cur = s.by_scope[1] + s.scope2_market
    b1 = [r for r in select_records(inv, year=base_year, scopes=(1, 2), scope2_method="market")]
    base = math.fsum(r.tco2e for r in b1)
    if base <= 0:
        return []
    c1 = select_records(inv, year=year, scopes=(1, 2), scope2_method="market")
    pct = (base - cur) / base * 100
    cite_b = cite_records(ctx, f"s12m:{base_year}", b1, base, f"{base_year} Scope 1+2 (market-based)", [base_year])
    cite_c = cite_records(ctx, f"s12m:{year}", c1, cur, f"{year} Scope 1+2 (market-based)", [year, pct, base - cur])
    zh = is_zh(ctx.lang)
    verb_zh = "減少" if pct >= 0 else "增加"
    verb_en = "down" if pct >= 0 else "up"
    text = (f"與基準年{base_year}年相比，範疇一及範疇二（市場基準）合計排放量由{fmt1(base)}公噸CO2e"
            f"{'降至' if pct >= 0 else '增至'}{fmt1(cur)}公噸CO2e，{verb_zh}{abs(pct):.1f}%。" if zh else
            f"Scope 1 and 2 (market-based) emissions were {fmt1(cur)} tCO2e, {verb_en} {abs(pct):.1f} % from "
            f"{fmt1(base)} tCO2e in the {base_year} base year.")
    return [(_sentence(text, [cite_b, cite_c]), {sp.slot.id})]


def write_base_year(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import select_records

    zh = is_zh(ctx.lang)
    found = None
    hits = []
    for rank, ev in enumerate(_search_both(ctx, sp.slot, k=8)):
        for sent in ctx.sentences_for(ev):
            y = base_year_in(sent)
            if y is not None:
                # prose that gives a reason first, then prose, then table rows
                hits.append(((" | " in sent, "理由" not in sent, rank), (y, ev, sent)))
                break
    if hits:
        found = sorted(hits, key=lambda h: h[0])[0][1]
    cites: list[Citation] = []
    by = None
    if found:
        by, ev, sent = found
        cites.append(ctx.cite(ev, clean_sentence(sent, ctx)))
        ctx.used.add(_key(sent))
    target_rows = [t for t in ctx.targets if by is None or t.base_year == by]
    if target_rows:
        t = target_rows[0]
        by = by or t.base_year
        cites.append(cite_target(ctx, t))
    if by is None:
        return []
    text = (f"本公司以{by}年為溫室氣體排放之基準年" if zh else f"The company uses {by} as its base year")
    if target_rows:
        text += ("，並以此作為減量目標之比較基準" if zh else ", against which its reduction targets are set")
    text += "。" if zh else "."
    out: Written = [(_sentence(text, cites), {sp.slot.id})]
    if found:
        m = re.search(r"理由(?:為|是|在於)(.+?)(?:。|$)", nfkc(found[2]))
        if m and zh:
            why = zh_punctuation(m.group(1).strip(" ,，"))
            out.append((_sentence(f"選定{by}年之理由為{why}。", [cites[0]]), {sp.slot.id, "base_year_rationale"}))
        elif m:
            out.append((render_quote(ctx, clean_sentence(found[2], ctx), found[1]), {sp.slot.id, "base_year_rationale"}))
    inv = ctx.inventory
    if inv is not None and by in inv.years:
        parts = []
        pc = []
        for metric, scopes, method in (("scope1", (1,), "location"), ("scope2_location", (2,), "location"),
                                       ("scope2_market", (2,), "market"), ("scope3", (3,), "location")):
            recs = select_records(inv, year=by, scopes=scopes, scope2_method=method)
            if metric == "scope2_market" and not any(r.scope2_method == "market" for r in recs):
                continue
            if not recs:
                continue
            v = math.fsum(r.tco2e for r in recs)
            pc.append(cite_records(ctx, f"{metric}:{by}", recs, v, f"{by} {GHG_LABEL[metric][1]}", [by]))
            parts.append((GHG_LABEL[metric], v))
        if parts:
            if zh:
                body = "、".join(f"{lbl[0]}{fmt1(v)}公噸CO2e" for lbl, v in parts)
                text = f"基準年排放量為{body}。"
            else:
                body = "; ".join(f"{lbl[1]} {fmt1(v)} tCO2e" for lbl, v in parts)
                text = f"Base-year emissions were: {body}."
            out.append((_sentence(text, pc), {sp.slot.id}))
    return out


def write_gases(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import select_records

    inv = ctx.inventory
    year = ctx.year
    if inv is not None and year is not None:
        recs = [r for r in select_records(inv, year=year) if r.gas and r.gas.upper() != "CO2E"]
        gases = sorted({r.gas for r in recs}, key=lambda g: (["CO2", "CH4", "N2O"].index(g) if g in ("CO2", "CH4", "N2O") else 9, g))
        if len(gases) >= 2:
            cite = ctx.computed(f"gases:{year}", f"{inv.source} {year}: " + "; ".join(
                f"row {r.provenance.row} {r.source} {r.gas}" for r in sorted(recs, key=lambda r: r.provenance.row or 0)),
                [year], inv.source, inv.sheets.get("inventory"),
                cell_ranges([f"F{r.provenance.row}" for r in recs if r.provenance.row]) or None)
            text = (f"{year}年盤查清冊所列排放源涵蓋{_join_zh(gases)}等溫室氣體。" if is_zh(ctx.lang) else
                    f"The {year} inventory's emission sources cover {_join_en(gases)}.")
            return [(_sentence(text, [cite]), {sp.slot.id})]
    from .chapters import Slot

    alt = Slot("gases", sp.slot.zh, sp.slot.en, "narrative", (("CO2", "二氧化碳"), ("CH4", "甲烷", "N2O", "氧化亞氮", "HFC", "SF6", "NF3", "PFC")),
               sp.slot.query_zh, sp.slot.query_en)
    return narrative(ctx, SlotPlan(alt, sp.covers))


def write_intensity(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import select_records

    inv = ctx.inventory
    year = ctx.year
    zh = is_zh(ctx.lang)
    if inv is None or year is None:
        return narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                        (("密集度", "intensity"),), sp.slot.query_zh, sp.slot.query_en), sp.covers))
    s = ctx.summary_for(year)
    out: Written = []
    op = inv.operating.get(year)
    for it in s.intensities:
        if it.per != "revenue" or it.scopes != (1, 2):
            continue
        recs = select_records(inv, year=year, scopes=it.scopes, scope2_method="location")
        sheet = inv.sheets.get("operating")
        text_q = (f"{year} Scope 1+2 (location-based) {fmt1(it.emissions)} tCO2e ÷ revenue {it.denominator:,.0f} "
                  f"({it.unit.split('/')[-1].strip()}, sheet {sheet}) = {it.value:.3f}")
        cite = ctx.computed(f"intensity-rev:{year}", text_q, [it.value, it.emissions, it.denominator, year], inv.source,
                            inv.sheets.get("inventory"), cell_ranges([r.provenance.cell for r in recs if r.provenance.cell]))
        text = (f"以營業收入計算，{year}年範疇一及範疇二（地點基準）排放密集度為每新台幣百萬元{it.value:.2f}公噸CO2e。" if zh else
                f"Measured against revenue, {year} Scope 1 and 2 (location-based) intensity was {it.value:.2f} tCO2e "
                f"per NT$ million.")
        out.append((_sentence(text, [cite]), {sp.slot.id}))
    for it in s.intensities:
        if it.per == "production" and it.scopes == (1, 2) and op is not None:
            text_q = (f"{year} Scope 1+2 (location-based) {fmt1(it.emissions)} tCO2e ÷ production {it.denominator:,.0f} "
                      f"thousand units = {it.value:.3f}")
            cite = ctx.computed(f"intensity-prod:{year}", text_q, [it.value, it.emissions, it.denominator, year],
                                inv.source, inv.sheets.get("operating"), None)
            text = (f"以產量計算，則為每千件產品{it.value:.2f}公噸CO2e。" if zh else
                    f"Per thousand units produced it was {it.value:.2f} tCO2e.")
            out.append((_sentence(text, [cite]), {sp.slot.id}))
    return out


# -- targets --------------------------------------------------------------------------------------------


def scope_desc(t, zh: bool) -> str:
    scopes = tuple(t.scopes)
    method = getattr(t, "scope2_method", None)
    m_zh = {"market": "（市場基準）", "location": "（地點基準）"}.get(method or "", "")
    m_en = {"market": " (market-based)", "location": " (location-based)"}.get(method or "", "")
    if scopes == (1, 2):
        return f"範疇一及範疇二{m_zh}" if zh else f"Scope 1 and 2{m_en}"
    if scopes == (1, 2, 3):
        return "範疇一、二及三" if zh else "Scope 1, 2 and 3"
    if scopes == (3,):
        cats = getattr(t, "scope3_categories", None)
        if cats:
            return (f"範疇三類別{'及類別'.join(str(c) for c in cats)}" if zh else
                    f"Scope 3 categories {' and '.join(str(c) for c in cats)}")
        return "範疇三" if zh else "Scope 3"
    return "、".join(f"範疇{s}" for s in scopes) if zh else ", ".join(f"Scope {s}" for s in scopes)


def cite_target(ctx: DraftContext, t) -> Citation:
    p = t.provenance
    text = (f"{t.name} | {t.type} | scopes {'+'.join(map(str, t.scopes))}"
            + (f" C{'+C'.join(map(str, t.scope3_categories))}" if t.scope3_categories else "")
            + f" | base year {t.base_year}" + (f" {fmt1(t.base_emissions)} tCO2e" if t.base_emissions else "")
            + f" | target year {t.target_year} | {t.reduction_pct:g}%"
            + (f" | coverage {t.coverage_pct:g}%" if t.coverage_pct is not None else "")
            + (f" | set {t.year_set}" if t.year_set else "") + (f" | SBTi: {t.sbti_status}" if t.sbti_status else ""))
    row = p.row
    return ctx.cite_row(f"target:{p.file}:{p.sheet}:{row}", p.file, p.sheet, f"A{row}:L{row}" if row else None, text)


def write_targets(ctx: DraftContext, sp: SlotPlan) -> Written:
    zh = is_zh(ctx.lang)
    out: Written = []
    if ctx.targets:
        for t in sorted(ctx.targets, key=lambda t: (t.net_zero, t.horizon != "near-term", t.target_year, t.name)):
            cite = cite_target(ctx, t)
            cites = [cite] + target_corroboration(ctx, t)
            scope = scope_desc(t, zh)
            validated = bool(t.sbti_status and re.search(r"通過|確認|validated|approved", t.sbti_status, re.I))
            if t.net_zero:
                text = (f"長期目標為於{t.target_year}年達成淨零排放，{scope}絕對排放量較{t.base_year}年減少至少{t.reduction_pct:g}%" if zh else
                        f"In the long term the company aims for net-zero emissions by {t.target_year}, cutting absolute "
                        f"{scope} emissions by at least {t.reduction_pct:g} % from {t.base_year}")
            else:
                kind_zh = "近期" if t.horizon == "near-term" and t.target_year >= 2030 else "中期"
                kind_en = "near-term" if kind_zh == "近期" else "interim"
                if zh:
                    text = f"{kind_zh}目標為{scope}{'絕對' if t.type == 'absolute' else '密集度'}排放量於{t.target_year}年前較{t.base_year}年減少{t.reduction_pct:g}%"
                else:
                    text = (f"The {kind_en} target is to cut {'absolute' if t.type == 'absolute' else 'intensity of'} {scope} "
                            f"emissions by {t.reduction_pct:g} % from {t.base_year} by {t.target_year}")
            if validated:
                text += "，並已通過科學基礎減量目標倡議（SBTi）確認。" if zh else "; the target has been validated by the SBTi."
            else:
                text += "。" if zh else "."
            out.append((_sentence(text, cites), {sp.slot.id, "milestones"}))
        return out
    # targets stated in documents
    facts = []
    for ev in _search_both(ctx, sp.slot, k=10):
        for tf in extract_targets(ev.text):
            facts.append((tf, ev))
    seen = set()
    for tf, ev in facts:
        key = (tf.kind, tf.target_year, tf.percent)
        if key in seen or tf.target_year is None:
            continue
        seen.add(key)
        cite = ctx.cite(ev, clean_sentence(tf.sentence, ctx))
        ctx.used.add(_key(tf.sentence))
        base = f"較{tf.base_year}年" if tf.base_year else ""
        if tf.kind == "net_zero":
            text = f"本公司承諾於{tf.target_year}年達成淨零排放。" if zh else f"The company commits to net-zero emissions by {tf.target_year}."
        elif tf.kind == "renewable":
            text = (f"再生能源使用比例目標為{tf.target_year}年達{tf.percent_text}。" if zh else
                    f"It targets {tf.percent_text} renewable electricity by {tf.target_year}.")
        else:
            scope_zh = {"scope12": "範疇一及範疇二", "scope1": "範疇一", "scope3": "範疇三"}.get(tf.scope or "", "溫室氣體")
            scope_en = {"scope12": "Scope 1 and 2", "scope1": "Scope 1", "scope3": "Scope 3"}.get(tf.scope or "", "GHG")
            text = (f"本公司目標為{scope_zh}排放量於{tf.target_year}年前{base}減少{tf.percent_text}。" if zh else
                    f"The company aims to cut {scope_en} emissions by {tf.percent_text} by {tf.target_year}"
                    + (f" from {tf.base_year}." if tf.base_year else "."))
        out.append((_sentence(text, [cite]), {sp.slot.id}))
        if len(out) >= 4:
            break
    return out


def target_corroboration(ctx: DraftContext, t) -> list[Citation]:
    q = f"{t.target_year}年 減少 {t.reduction_pct:g}% 目標 基準年 {t.base_year}"
    for ev in ctx.search(q, k=6):
        for tf in extract_targets(ev.text):
            if tf.target_year == t.target_year and tf.percent is not None and abs(tf.percent - t.reduction_pct) < 0.01:
                return [ctx.cite(ev, clean_sentence(tf.sentence, ctx))]
            if t.net_zero and tf.kind == "net_zero" and tf.target_year == t.target_year:
                return [ctx.cite(ev, clean_sentence(tf.sentence, ctx))]
    return []


def write_progress(ctx: DraftContext, sp: SlotPlan) -> Written:
    from ..ghg import progress, select_records

    inv = ctx.inventory
    zh = is_zh(ctx.lang)
    if inv is None or not ctx.targets:
        return narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                        (("目標", "target"), ("達成", "進度", "減少", "progress", "achiev", "reduc")),
                                                        sp.slot.query_zh, sp.slot.query_en), sp.covers))
    out: Written = []
    done_keys = set()
    for t in sorted(ctx.targets, key=lambda t: (t.net_zero, t.target_year, t.name)):
        if t.type != "absolute" or t.net_zero or t.base_year not in inv.years:
            continue
        key = (tuple(t.scopes), t.scope3_categories, t.base_year)
        try:
            p = progress(t, inv)
        except Exception as exc:  # a target the engine cannot follow is reported, not drafted
            ctx.note(f"{t.name}: {exc}")
            continue
        if p.latest_year <= t.base_year:
            continue
        base_recs = select_records(inv, year=t.base_year, scopes=t.scopes, scope2_method=t.scope2_method or "location",
                                   scope3_categories=t.scope3_categories)
        cur_recs = select_records(inv, year=p.latest_year, scopes=t.scopes, scope2_method=t.scope2_method or "location",
                                  scope3_categories=t.scope3_categories)
        cites = [cite_target(ctx, t),
                 cite_records(ctx, f"target-base:{t.name}", base_recs, p.base_value, f"{t.base_year} {scope_desc(t, False)}", [t.base_year]),
                 cite_records(ctx, f"target-now:{t.name}", cur_recs, p.latest_value, f"{p.latest_year} {scope_desc(t, False)}",
                              [p.latest_year, p.reduction_to_date_pct, p.expected_reduction_pct])]
        scope = scope_desc(t, zh)
        if key in done_keys:
            # same boundary as a target already reported: only say where it stands
            met = p.reduction_to_date_pct >= t.reduction_pct
            text = ((f"此進度已{'達成' if met else '接近'}{t.target_year}年減少{t.reduction_pct:g}%之目標。") if zh else
                    (f"This {'already meets' if met else 'approaches'} the {t.target_year} target of {t.reduction_pct:g} %."))
            out.append((_sentence(text, cites[:1] + cites[2:]), {sp.slot.id}))
            continue
        done_keys.add(key)
        if zh:
            text = (f"{p.latest_year}年{scope}排放量為{fmt1(p.latest_value)}公噸CO2e，較{t.base_year}年之{fmt1(p.base_value)}公噸CO2e"
                    f"減少{p.reduction_to_date_pct:.1f}%，"
                    + (f"優於線性減量路徑於該年應達之{p.expected_reduction_pct:.1f}%。" if p.on_track else
                       f"落後線性減量路徑於該年應達之{p.expected_reduction_pct:.1f}%。"))
        else:
            text = (f"In {p.latest_year}, {scope} emissions were {fmt1(p.latest_value)} tCO2e, "
                    f"{p.reduction_to_date_pct:.1f} % below {fmt1(p.base_value)} tCO2e in {t.base_year}, "
                    + (f"ahead of the {p.expected_reduction_pct:.1f} % a linear pathway requires by then." if p.on_track else
                       f"behind the {p.expected_reduction_pct:.1f} % a linear pathway requires by then."))
        out.append((_sentence(text, cites), {sp.slot.id}))
    return out


# -- energy ---------------------------------------------------------------------------------------------

RENEWABLE_SOURCE = re.compile(r"再生|憑證|轉供|綠電|購售電|T-REC|PPA|renewable|certificate|green", re.I)


def mwh_of(r) -> float | None:
    """The activity of an inventory record in MWh (kWh, 度, 千度, MWh, GWh), or None."""
    if r.activity is None:
        return None
    u = (r.activity_unit or "").lower().replace(" ", "")
    return {"kwh": r.activity / 1000, "度": r.activity / 1000, "mwh": r.activity, "千度": r.activity,
            "gwh": r.activity * 1000}.get(u)


def _electricity(ctx: DraftContext, year: int):
    from ..ghg import select_records

    recs = [r for r in select_records(ctx.inventory, year=year, scopes=(2,), scope2_method="location")
            if r.scope2_method == "location" and mwh_of(r) is not None]
    ren = [r for r in select_records(ctx.inventory, year=year, scopes=(2,), scope2_method="market")
           if r.scope2_method == "market" and mwh_of(r) is not None and RENEWABLE_SOURCE.search(r.source or "")
           and (r.factor == 0 or r.tco2e == 0) and "扣除" not in (r.source or "")]
    return recs, ren


def _energy_quote(recs: list, label: str, total: float) -> str:
    rows = "; ".join(f"row {r.provenance.row} {r.year} {r.facility or ''} {r.source}: {r.activity:,.0f} {r.activity_unit}"
                     for r in sorted(recs, key=lambda r: r.provenance.row or 0))
    return f"{label} = {rows} → {total:,.0f} MWh"


def write_electricity(ctx: DraftContext, sp: SlotPlan) -> Written:
    zh = is_zh(ctx.lang)
    if ctx.inventory is None or ctx.year is None:
        return narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                        (("電", "electricity"), ("MWh", "度", "kWh")),
                                                        sp.slot.query_zh, sp.slot.query_en), sp.covers))
    year = ctx.year
    recs, _ren = _electricity(ctx, year)
    if not recs:
        return []
    total = math.fsum(mwh_of(r) for r in recs)
    by_site: dict[str, float] = {}
    for r in recs:
        by_site[r.facility or "—"] = by_site.get(r.facility or "—", 0.0) + mwh_of(r)
    inv = ctx.inventory
    cite = ctx.computed(f"electricity:{year}", _energy_quote(recs, f"{year} purchased electricity", total),
                        [total, year, *by_site.values()], inv.source, inv.sheets.get("inventory"),
                        cell_ranges([f"I{r.provenance.row}" for r in recs if r.provenance.row]) or None)
    if zh:
        text = f"{year}年外購電力使用量為{fmt0(total)} MWh"
        if len(by_site) > 1:
            text += "，其中" + _join_zh([f"{k}{fmt0(v)} MWh" for k, v in by_site.items()])
    else:
        text = f"Purchased electricity in {year} was {fmt0(total)} MWh"
        if len(by_site) > 1:
            text += " (" + _join_en([f"{k} {fmt0(v)} MWh" for k, v in by_site.items()]) + ")"
    text += "。" if zh else "."
    return [(_sentence(text, [cite]), {sp.slot.id})]


def write_renewables(ctx: DraftContext, sp: SlotPlan) -> Written:
    zh = is_zh(ctx.lang)
    out: Written = []
    if ctx.inventory is not None and ctx.year is not None:
        year = ctx.year
        recs, ren = _electricity(ctx, year)
        if ren and recs:
            total = math.fsum(mwh_of(r) for r in recs)
            re_total = math.fsum(mwh_of(r) for r in ren)
            share = re_total / total * 100 if total else 0.0
            ppa = math.fsum(mwh_of(r) for r in ren if re.search(r"轉供|購售電|PPA", r.source or "", re.I))
            rec = math.fsum(mwh_of(r) for r in ren if re.search(r"憑證|T-REC|certificate", r.source or "", re.I))
            inv = ctx.inventory
            cite = ctx.computed(f"renewables:{year}", _energy_quote(ren, f"{year} renewable electricity", re_total)
                                + f"; share {re_total:,.0f} / {total:,.0f} = {share:.2f}%",
                                [re_total, ppa, rec, share, total, year], inv.source, inv.sheets.get("inventory"),
                                cell_ranges([f"I{r.provenance.row}" for r in ren if r.provenance.row]) or None)
            parts_zh, parts_en = [], []
            if ppa:
                parts_zh.append(f"綠電轉供（企業購售電契約）{fmt0(ppa)} MWh")
                parts_en.append(f"{fmt0(ppa)} MWh through a corporate power purchase agreement")
            if rec:
                parts_zh.append(f"再生能源憑證（T-REC）{fmt0(rec)} MWh")
                parts_en.append(f"{fmt0(rec)} MWh of renewable energy certificates (T-REC)")
            if zh:
                text = f"{year}年使用再生能源{fmt0(re_total)} MWh" + (f"，包括{_join_zh(parts_zh)}" if parts_zh else "") + \
                       f"，占外購電力之{share:.1f}%。"
            else:
                text = (f"In {year} the company used {fmt0(re_total)} MWh of renewable electricity"
                        + (f" ({_join_en(parts_en)})" if parts_en else "") + f", {share:.1f} % of purchased electricity.")
            out.append((_sentence(text, [cite]), {sp.slot.id}))
    if not out:
        out = narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                       (("再生能源", "綠電", "renewable"), ("MWh", "度", "%", "％", "kWh")),
                                                       sp.slot.query_zh, sp.slot.query_en), sp.covers))
    return out


def write_reductions(ctx: DraftContext, sp: SlotPlan) -> Written:
    out = write_trend(ctx, sp) if ctx.inventory is not None else []
    if not out:
        out = narrative(ctx, SlotPlan(type(sp.slot)(sp.slot.id, sp.slot.zh, sp.slot.en, "narrative",
                                                       (("減量", "減少", "reduc"), ("公噸", "tCO2e", "CO2e")),
                                                       sp.slot.query_zh, sp.slot.query_en), sp.covers))
    return out


# -- scenarios ------------------------------------------------------------------------------------------


def write_scenarios(ctx: DraftContext, sp: SlotPlan) -> Written:
    zh = is_zh(ctx.lang)
    found: dict[str, tuple] = {}
    for ev in _search_both(ctx, sp.slot, k=10):
        for sc in extract_scenarios(ev.text):
            name = sc.name if "2050" in ev.text or "2050" not in sc.name else sc.name.replace(" 2050", "")
            found.setdefault(name, (sc, ev))
    if not found:
        return []
    trans = [n for n, (sc, _e) in found.items() if sc.kind == "transition"]
    phys = [n for n, (sc, _e) in found.items() if sc.kind == "physical"]
    cites = []
    for sc, ev in found.values():
        cites.append(ctx.cite(ev, clean_sentence(sc.sentence, ctx)))
    if zh:
        parts = []
        if trans:
            parts.append(f"轉型風險採用{_join_zh(trans)}情境")
        if phys:
            parts.append(f"實體風險採用{_join_zh(phys)}情境")
        text = "本公司進行氣候情境分析，" + "；".join(parts) + "。"
    else:
        parts = []
        if trans:
            parts.append(f"{_join_en(trans)} for transition risks")
        if phys:
            parts.append(f"{_join_en(phys)} for physical risks")
        text = "The company's climate scenario analysis uses " + " and ".join(parts) + "."
    return [(_sentence(text, cites), {sp.slot.id})]


# ----------------------------------------------------------------------------------------------- chapter


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
                key = _key(sentence.text)
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
                                and all(_matches(sentence.text, g) for g in s2.slot.require):
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
        for ref, dps in sp.covers.items():
            for dp in dps:
                gaps.append(GapItem(requirement_id=ref, missing=dp[1] if is_zh(ctx.lang) else dp[2], data_point=dp[0],
                                    required=dp[3]))
        if sp.required:
            placeholders.append(Sentence(text=placeholder_text(sp, ctx.lang), placeholder=True,
                                         requirement_ids=sp.requirement_ids))
    heading = tp.heading_zh if is_zh(ctx.lang) else tp.heading_en
    paras = []
    if written:
        paras.extend(_split_paragraphs(written, heading, tp.topic.id))
    if placeholders:
        paras.append(_paragraph(placeholders, heading, tp.topic.id))
    return paras


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


def chapter_tables(ctx: DraftContext, chapter: str) -> list[DataTable]:
    """Data tables from the GHG engine for chapters that report figures."""
    inv = ctx.inventory
    if inv is None or ctx.year is None:
        return []
    from ..ghg import select_records
    from ..ghg.model import ISO_CATEGORY_NAMES

    zh = is_zh(ctx.lang)
    tables = []
    if chapter == "ghg-inventory":
        years = inv.years
        rows = []
        cites = []
        has_market = any(r.scope2_method == "market" for r in inv.records)
        metrics = [("scope1", (1,), "location"), ("scope2_location", (2,), "location")] + \
            ([("scope2_market", (2,), "market")] if has_market else []) + [("scope3", (3,), "location")]
        for metric, scopes, method in metrics:
            row = [GHG_LABEL[metric][0] if zh else GHG_LABEL[metric][1]]
            for y in years:
                recs = select_records(inv, year=y, scopes=scopes, scope2_method=method)
                if metric == "scope2_market":
                    recs = [r for r in recs if r.scope2_method in (None, "market")]
                v = math.fsum(r.tco2e for r in recs)
                row.append(fmt1(v) if recs else "—")
                if recs:
                    cites.append(cite_records(ctx, f"{metric}:{y}", recs, v, f"{y} {GHG_LABEL[metric][1]}", [y]))
            rows.append(row)
        tot = ["總排放量（地點基準）" if zh else "Total (location-based)"]
        for y in years:
            tot.append(fmt1(ctx.summary_for(y).total_location))
        ctx.summary_for(ctx.year)
        rows.append(tot)
        tables.append(DataTable(
            title=("歷年溫室氣體排放量（公噸CO2e）" if zh else "GHG emissions by year (tCO2e)"),
            columns=["項目" if zh else "Item"] + [str(y) for y in years], rows=rows, citations=cites,
            note=(f"資料來源：{inv.source}（工作表 {inv.sheets.get('inventory')}），由溫室氣體盤查清冊加總。" if zh else
                  f"Source: {inv.source} (sheet {inv.sheets.get('inventory')}), summed from the inventory rows."),
            after_topic="emissions"))
        s = ctx.summary_for(ctx.year)
        if s.by_iso_category:
            total = math.fsum(s.by_iso_category.values())
            rows = []
            for cat in range(1, 7):
                v = s.by_iso_category.get(cat, 0.0)
                name = ISO_CATEGORY_NAMES[cat][0 if zh else 1]
                rows.append([f"類別{cat}" if zh else f"Category {cat}", name, fmt1(v), f"{v / total * 100:.1f}%" if total else "—"])
            rows.append(["合計" if zh else "Total", "", fmt1(total), "100.0%"])
            recs = select_records(inv, year=ctx.year)
            cite = cite_records(ctx, f"iso:{ctx.year}", recs, total, f"{ctx.year} ISO 14064-1 categories",
                                [ctx.year, *s.by_iso_category.values()])
            tables.append(DataTable(
                title=(f"{ctx.year}年依ISO 14064-1類別之排放量（範疇二以地點基準計）" if zh else
                       f"{ctx.year} emissions by ISO 14064-1 category (Scope 2 location-based)"),
                columns=["類別" if zh else "Category", "說明" if zh else "Description", "公噸CO2e" if zh else "tCO2e",
                         "占比" if zh else "Share"], rows=rows, citations=[cite], after_topic="emissions"))
    if chapter == "targets-transition" and ctx.targets:
        from ..ghg import progress

        rows = []
        cites = []
        for t in sorted(ctx.targets, key=lambda t: (t.net_zero, t.target_year, t.name)):
            cites.append(cite_target(ctx, t))
            prog = "—"
            if not t.net_zero and t.type == "absolute" and t.base_year in inv.years:
                try:
                    p = progress(t, inv)
                    prog = f"-{p.reduction_to_date_pct:.1f}%（{p.latest_year}）" if zh else f"-{p.reduction_to_date_pct:.1f} % ({p.latest_year})"
                except Exception:
                    pass
            rows.append([t.name, scope_desc(t, zh), str(t.base_year), str(t.target_year), f"-{t.reduction_pct:g}%",
                         t.sbti_status or "—", prog])
        tables.append(DataTable(
            title="減碳目標一覽" if zh else "Reduction targets",
            columns=(["目標", "範疇", "基準年", "目標年", "減量幅度", "SBTi", "進度"] if zh else
                     ["Target", "Scope", "Base year", "Target year", "Reduction", "SBTi", "Progress"]),
            rows=rows, citations=cites, after_topic="targets"))
    return tables


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


def _year_hint(ctx: DraftContext) -> None:
    """Without an inventory, the reporting year is the year the documents cover (read from them)."""
    if ctx.year is None:
        ctx.year = ctx.fact_base.reporting_year()


def write_grounded(ctx: DraftContext, chapter: str, settings_dict: dict) -> Draft:
    """A grounded draft of one chapter, or of the TCFD / IFRS S2 report preset."""
    _year_hint(ctx)
    gaps: list[GapItem] = []
    if chapter == PRESET_ID:
        draft = _write_preset(ctx, gaps)
    else:
        plan = plan_chapter(chapter, ctx.frameworks, ctx.library)
        # the committee is named in the governance chapter; other chapters may refer to it
        section = write_chapter_section(ctx, plan, gaps)
        draft = Draft(chapter=chapter, title=plan.heading(ctx.lang), lang=ctx.lang, mode="grounded",
                      frameworks=list(ctx.frameworks), sections=[section])
    draft.gaps = _dedupe_gaps(gaps)
    return finish_draft(ctx, draft, settings_dict)


def _dedupe_gaps(gaps: list[GapItem]) -> list[GapItem]:
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


def tcfd_index(draft: Draft, ctx: DraftContext) -> DataTable:
    """TCFD recommended disclosure → the section and heading of the draft that answers it."""
    zh = is_zh(ctx.lang)
    lib = ctx.library
    if lib is None:
        from frameworks.library import default_library

        lib = default_library()
    rows = []
    for rid in TCFD_DISCLOSURES:
        ref = f"tcfd:{rid}"
        try:
            req = lib.get_requirement(ref)
            title = req.title.zh if zh else req.title.en
        except Exception:
            title = rid
        where = []
        for sec in draft.sections:
            for p in sec.paragraphs:
                if ref in p.requirement_ids and any(not s.placeholder for s in p.sentences if ref in s.requirement_ids):
                    label = f"{sec.number}、{sec.title}" if zh else f"{sec.number}. {sec.title}"
                    if p.heading:
                        label += f" — {p.heading}"
                    if label not in where:
                        where.append(label)
        status = ("已揭露" if zh else "disclosed") if where else ("待補" if zh else "to fill")
        rows.append([f"TCFD {rid}", title, "；".join(where) if zh else "; ".join(where) or "—", status])
    return DataTable(title="TCFD 建議揭露索引" if zh else "TCFD index",
                     columns=["揭露項目", "內容", "本報告章節", "狀態"] if zh else ["Disclosure", "Topic", "Section", "Status"],
                     rows=rows)
