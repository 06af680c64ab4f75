"""Governance and strategy slots written from facts read out of the evidence: the committee that
oversees climate matters, how often it meets and met, the climate scenarios the company uses."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from ..citing.context import DraftContext
from ..citing.numbers import sanitize_passage
from ..citing.sentences import clean_sentence, is_zh, sentence_key
from ..citing.statements import extract_bodies, extract_frequencies, extract_meeting_counts, extract_meetings, \
    extract_scenarios, nfkc, sentences_of
from ..models import Evidence
from .chapters import SlotPlan
from .quoting import Written, cited_sentence, join_en, join_zh, search_both

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
    evs = search_both(ctx, sp.slot, k=12)
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
    return [(cited_sentence(text, cites), {sp.slot.id})]


_ZH_MONTH = "{m}月{d}日"
_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]


def write_meetings(ctx: DraftContext, sp: SlotPlan) -> Written:
    out: Written = []
    name = ctx.committee
    evs = search_both(ctx, sp.slot, k=12)
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
        ctx.used.add(sentence_key(f.sentence))
        ctx.used.add(sentence_key(clean_sentence(f.sentence, ctx)))
        if is_zh(ctx.lang):
            how = {"at_least_quarterly": "每季至少召開一次會議", "quarterly": "每季召開會議", "monthly": "每月召開會議",
                   "semiannual": "每半年至少召開一次會議", "annual": "每年至少召開一次會議"}[f.key]
            text = f"{subject_zh}依規定{how}。" if "規程" in ev.source or "條" in f.sentence else f"{subject_zh}{how}。"
        else:
            how = {"at_least_quarterly": "meets at least once a quarter", "quarterly": "meets every quarter",
                   "monthly": "meets monthly", "semiannual": "meets at least twice a year",
                   "annual": "meets at least once a year"}[f.key]
            text = f"{subject_en} {how}."
        out.append((cited_sentence(text, [cite]), {sp.slot.id}))
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
            ev = Evidence.of(ch, text=sanitize_passage(window)[0])
            ctx.consulted.setdefault(ch.chunk_id, None)
            cites.append(ctx.cite(ev, _meeting_quote(window, m)))
        complete = len(meetings) == n
        if is_zh(ctx.lang):
            dates = [_ZH_MONTH.format(m=int(d[5:7]), d=int(d[8:10])) for d, _ in dated]
            text = f"{year}年{subject_zh}共召開{n}次會議" if complete else f"{year}年{subject_zh}已召開至第{n}次會議"
            if dates and complete and len(dates) == n:
                text += f"，分別於{join_zh(dates)}舉行"
            text += "。"
        else:
            dates = [f"{int(d[8:10])} {_EN_MONTHS[int(d[5:7]) - 1]}" for d, _ in dated]
            text = (f"It met {n} times in {year}" if complete else f"Its meetings in {year} ran to the {n}th")
            if dates and complete and len(dates) == n:
                text += f" ({join_en(dates)})"
            text += "."
        out.append((cited_sentence(text, cites), {sp.slot.id}))
    elif counts:
        n, sent, ev = counts[0]
        cite = ctx.cite(ev, clean_sentence(sent, ctx))
        text = f"{year}年{subject_zh}共召開{n}次會議。" if is_zh(ctx.lang) else f"It met {n} times in {year}."
        out.append((cited_sentence(text, [cite]), {sp.slot.id}))
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


def write_scenarios(ctx: DraftContext, sp: SlotPlan) -> Written:
    zh = is_zh(ctx.lang)
    found: dict[str, tuple] = {}
    for ev in search_both(ctx, sp.slot, k=10):
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
            parts.append(f"轉型風險採用{join_zh(trans)}情境")
        if phys:
            parts.append(f"實體風險採用{join_zh(phys)}情境")
        text = "本公司進行氣候情境分析，" + "；".join(parts) + "。"
    else:
        parts = []
        if trans:
            parts.append(f"{join_en(trans)} for transition risks")
        if phys:
            parts.append(f"{join_en(phys)} for physical risks")
        text = "The company's climate scenario analysis uses " + " and ".join(parts) + "."
    return [(cited_sentence(text, cites), {sp.slot.id})]
