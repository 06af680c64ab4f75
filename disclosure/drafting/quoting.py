"""Sentences of the draft taken from the evidence: the candidates a slot's search finds, screened,
ranked, cleaned and restated (condensed when long), each citing its passage."""
from __future__ import annotations

import re

from ..citing.context import DraftContext
from ..citing.sentences import POLICY_DOC, clean_sentence, doc_title, is_zh, sentence_key, usable
from ..models import Evidence
from ..normalization import detect_language
from .chapters import SlotPlan
from .models import Citation, Sentence
from .readability import EN_MAX_CHARS, ZH_MAX_CHARS, dangling, fragment, other_language, repeats


def join_zh(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "、".join(items[:-1]) + "及" + items[-1]


def join_en(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


Written = list[tuple[Sentence, set[str]]]  # sentence, slot ids it covers


def cited_sentence(text: str, citations: list[Citation], flags: list[str] | None = None) -> Sentence:
    # de-duplicate citations (same register entry)
    seen, cites = set(), []
    for c in citations:
        if c.ref not in seen:
            seen.add(c.ref)
            cites.append(c)
    return Sentence(text=text, citations=cites, flags=flags or [])


def matches(sent: str, group: tuple[str, ...]) -> list[str]:
    low = sent.lower()
    return [t for t in group if t.lower() in low]


def search_both(ctx: DraftContext, slot, k: int = 10, year: int | None = None) -> list[Evidence]:
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
    evs = search_both(ctx, slot)
    query_terms = {t for t in f"{slot.query_zh} {slot.query_en}".split() if len(t) >= 2}
    cands = []
    for rank, ev in enumerate(evs):
        for sent in ctx.sentences_for(ev):
            if not usable(sent) or (slot.exclude and matches(sent, slot.exclude)):
                continue
            hits: list[str] = []
            ok = True
            for g in require:
                m = matches(sent, g)
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
    said = [x.text for x in ctx.written.values()]
    foreign: list[tuple[str, Evidence]] = []  # sentences in the other language than the draft's
    limit = ZH_MAX_CHARS if is_zh(ctx.lang) else EN_MAX_CHARS
    for _score, _cid, sent, ev in cands:
        k = sentence_key(sent)
        if k in ctx.used:
            continue
        text = clean_sentence(sent, ctx, ev.source)
        if len(text) > limit:
            text = _condense(text, [t for g in require for t in g])
        if not text or sentence_key(text) in ctx.used or not readable(text, ctx.lang):
            continue
        if other_language(text, ctx.lang):
            foreign.append((text, ev))
            continue
        if repeats(text, said + [x.text for x, _ in out]):
            continue
        ctx.used.add(k)
        ctx.used.add(sentence_key(text))
        out.append((render_quote(ctx, text, ev), {slot.id}))
        if len(out) >= want:
            break
    if not out and foreign:
        text, ev = foreign[0]
        out.append((other_language_placeholder(ctx, sp, text, ev), {slot.id}))
    return out


def readable(text: str, lang: str) -> bool:
    """A sentence a reader takes as it stands: not pointing at a table or list it does not bring,
    not a table row glued to text, not opening with punctuation, not too long."""
    return not dangling(text, lang) and not fragment(text, lang)


def other_language_placeholder(ctx: DraftContext, sp: SlotPlan, text: str, ev: Evidence,
                               what: tuple[str, str] | None = None) -> Sentence:
    """A placeholder (citing the passage) for a slot whose only evidence is in the other language than
    the draft's: quoting it would put an English sentence in a Chinese chapter, or the reverse."""
    cite = ctx.cite(ev, quote=text)
    title = doc_title(ev.source)
    zh_what, en_what = what or (sp.slot.zh, sp.slot.en)
    if is_zh(ctx.lang):
        msg = f"【待補：{zh_what}——證據僅有英文原文（《{title}》），請以中文撰寫】"
    else:
        msg = f"[TO FILL: {en_what} — the evidence is in Chinese only ({title}); write it in English]"
    return Sentence(text=msg, citations=[cite], placeholder=True, flags=["evidence-other-language"])


def _condense(text: str, terms: list[str]) -> str:
    """Keep the first clause and the clauses that carry the slot's terms (long sentences only)."""
    clauses = re.split(r"(?<=[，；])", text.rstrip("。"))
    keep = [clauses[0]] + [c for c in clauses[1:] if any(t.lower() in c.lower() for t in terms)]
    s = "".join(keep).rstrip("，；")
    return s + "。"


def render_quote(ctx: DraftContext, text: str, ev: Evidence) -> Sentence:
    """A sentence of the draft that restates a sentence of the evidence (in the draft's language:
    callers leave out, or make a placeholder of, a sentence in the other language)."""
    cite = ctx.cite(ev, quote=text)
    if is_zh(ctx.lang) and detect_language(text) != "en" and POLICY_DOC.search(ev.source) \
            and not text.startswith(("依", "根據")):
        return cited_sentence(f"依《{doc_title(ev.source)}》，{text}", [cite])
    return cited_sentence(text, [cite])
