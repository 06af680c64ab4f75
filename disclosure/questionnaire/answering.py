"""Answer a questionnaire from the evidence base and the GHG engine, deterministically (no model).

For each question: a fact key (given by a built-in set, or inferred from an imported question's
words) is resolved from the GHG inventory or from figures in the documents; otherwise the evidence
is searched with the question (and its retrieval hints) and the sentences that state what it asks
are quoted or condensed, each cited. Trust rules: every number in an answer comes from a cited
passage or is computed from cited inventory cells; a choice is one of the given options; what the
evidence does not support is ``no_evidence`` with an honest sentence, never a guess.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, Callable

from ..citing.context import DraftContext
from ..citing.sentences import clean_sentence, doc_title, usable
from ..citing.statements import extract_quantities, nfkc
from ..normalization import detect_language, find_years
from ..facts import parse_question
from .facts import SCOPE12, FactResolver, FactResult, fact_citation, infer_fact
from .question_terms import QuestionConcepts, subject_years
from .reading import ASKS_NUMBER, NEGATIVE_STATEMENT, has_figure, option_score, yes_no_options, yes_option
from .models import NO_EVIDENCE_TEXT, Answer, AnswerSheet, Option, Question, Questionnaire

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

# Metrics of the facts layer a questionnaire fact key answers (questions read by the question parser).
_INTENT_FACT = {"verification": "verification", "ghg_standard": "ghg_methodology", "sbti_status": "sbti_status",
                "reduction_target": "near_term_target", "net_zero_target": "net_zero_target", "base_year": "base_year"}
# facts whose statement, when found, answers a yes/no question 'yes' (assured? a target? SBTi?)
_AFFIRMING_FACTS = {"verification", "near_term_target", "net_zero_target"}
_FIGURE_FACTS = {"scope1_total", "scope2_location", "scope2_market", "scope3_total", "electricity_consumption",
                 "renewable_electricity", "renewable_share"}
_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "tco2e": ("tCO2e",), "mwh": ("MWh", "kWh"), "kwh": ("kWh", "MWh"), "%": ("%",), "gj": ("GJ",),
}


def _norm_unit(unit: str | None) -> str | None:
    if not unit:
        return None
    u = nfkc(unit).lower().replace(" ", "")
    if re.match(r"(?:twd|ntd|nt\$|新台幣|新臺幣|元)", u):
        return "nt$"
    if "co2" in u:
        return "tco2e"
    if u in ("％", "percent", "percentage"):
        return "%"
    return u


# ----------------------------------------------------------------------------------------------- concepts

class QuestionnaireAnswerer:
    """Answers the questions of one questionnaire over one evidence base (and GHG inventory).

    Construct once per run; :meth:`answer` answers one question. ``lang`` is the answer language
    (default: the questionnaire's)."""

    # relevance a sentence needs to count as evidence, and to make an answer 'answered' (else 'partial')
    MIN_RELEVANCE = 0.4
    ANSWERED_RELEVANCE = 0.6
    YES_RELEVANCE = 0.75  # a 'yes' needs a sentence that speaks to nearly all of the question

    def __init__(self, evidence_base, questionnaire: Questionnaire, *, lang: str | None = None,
                 inventory: str | Path | None = None, year: int | None = None, max_sentences: int = 3):
        self.q = questionnaire
        self.lang = "zh-TW" if (lang or questionnaire.language).lower().startswith("zh") else "en"
        self.ctx = DraftContext(evidence_base, self.lang, [], inventory=inventory, year=year)
        self.facts = FactResolver(self.ctx, reporting_year=year)
        self.max_sentences = max_sentences

    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh-TW" else en

    # -- entry ---------------------------------------------------------------------------------------
    def answer(self, q: Question) -> Answer:
        intent = parse_question(q.text, answer_type=q.answer_type, alt=q.text_alt)
        fact = q.fact or (infer_fact(q) if self.ctx.inventory is not None else _INTENT_FACT.get(intent.metric or ""))
        if fact is None and q.fact is None and intent.metric and intent.value_metric and (intent.figure or intent.yes_no):
            return self._from_documents(q, intent)
        result: FactResult | None = None
        if fact:
            try:
                result = self.facts.resolve(fact, q)
            except Exception as exc:  # a fact the engine cannot compute falls back to retrieval
                if self.ctx.settings.strict:
                    raise
                log.warning("fact %s for %s failed: %s", fact, q.id, exc)
                result = None
        if result is not None and result.partial and q.fact is None:
            # an imported question the fact only half answers: a sentence that answers it wins
            alt = self._from_retrieval(q, fact, yes_no=intent.yes_no)
            if alt.status == "answered":
                return alt
        if result is not None:
            ans = self._from_fact(q, fact, result)
            if intent.yes_no and q.answer_type not in ("choice", "multi_choice", "yes_no") and ans.status == "answered" \
                    and not re.match(r"(?:是|否|Yes|No)\b", ans.answer) and fact in _AFFIRMING_FACTS:
                ans.answer = f"{self.t('是', 'Yes')} — {ans.answer}"  # the statement found affirms the question
            for rf in q.related_facts:
                extra = self.facts.resolve(rf, q)
                if extra is not None and extra.text not in ans.answer:
                    ans.answer += ("" if self.lang == "zh-TW" else " ") + extra.text
                    ans.citations += [c for c in extra.citations if c not in ans.citations]
            return ans
        if fact in _FIGURE_FACTS and q.fact is None:
            return self._refusal(q, fact, self.facts.last_refusal)
        return self._from_retrieval(q, fact, yes_no=intent.yes_no)

    # -- figures of the documents ----------------------------------------------------------------------
    def _from_documents(self, q: Question, intent) -> Answer:
        """A figure question answered by the facts layer: the figure for the asked metric and year with
        its citation (a yes/no question opens with 是/否 or Yes/No), or no evidence."""
        year = intent.year or self.facts.reporting_year()
        found = self.facts.fb.lookup(intent.metric, year)
        if found.status != "found":
            if intent.yes_no:
                return self._from_retrieval(q, None, yes_no=True)
            return self._refusal(q, intent.metric, found.reason)
        if found.chosen.fact.unit is not None and found.chosen.fact.unit.dimension == "money":
            r = self._several(found)
        else:
            r = self.facts.figure_result(found)
        ans = Answer(question_id=q.id, answer=r.text, value=r.value, unit=r.unit, year=r.year, status="answered",
                     confidence=r.confidence, citations=r.citations, note="; ".join(r.notes), fact=intent.metric)
        if intent.yes_no:
            ans.answer = f"{self.t('是', 'Yes')} — {ans.answer}"
            ans.value = "yes"
        return ans

    def _several(self, found) -> FactResult:
        """Figures of one metric that differ by what they apply to (a carbon price per country): each
        amount with its currency, cited to its own sentence, up to three; a price a sentence says was
        replaced ('raised to GBP50 from GBP40') is not stated as current."""
        from ..facts import label_of

        parts, cites, seen = [], [], set()
        for c in found.candidates[:8]:
            f, p = c.fact, c.fact.provenance
            before = p.sentence[max(0, p.char_start - 40): p.char_start]
            if re.search(r"\bto\s+\S*\s?\d[\d.,]*\s+from\s+\S*\s?$", before):
                continue  # the previous value of a changed figure
            cur = f.unit.text if f.unit else ""
            amount = f"{cur} {f.value_text}".strip()
            if amount in seen:
                continue
            seen.add(amount)
            if re.search(r"per (?:metric )?(?:ton|tonne)|每公噸|/\s?t\s?CO2", p.sentence, re.I):
                amount += self.t("／公噸CO2e", " per tCO2e")
            fy = self.facts.fb.year_of(f) if f.year is not None else None
            parts.append(amount + (self.t(f"（{fy}年）", f" ({fy})") if fy else ""))
            cites.append(fact_citation(p))
            if len(parts) >= 3:
                break
        first = found.chosen.fact
        label = label_of(first.metric, self.lang == "zh-TW")
        text = self.t(f"{label}：{'、'.join(parts)}。", f"{label[:1].upper() + label[1:]}: {'; '.join(parts)}.")
        return FactResult(text, first.value, first.unit.text if first.unit else None, self.facts.fb.year_of(first), cites, "medium")

    def _refusal(self, q: Question, metric: str | None, reason: str) -> Answer:
        return Answer(question_id=q.id, answer=NO_EVIDENCE_TEXT[self.lang], status="no_evidence", confidence="low",
                      fact=metric, note=reason)

    # -- facts ---------------------------------------------------------------------------------------
    def _from_fact(self, q: Question, fact: str, r: FactResult) -> Answer:
        status = "partial" if r.partial else "answered"
        ans = Answer(question_id=q.id, answer=r.text, value=r.value, unit=r.unit, year=r.year, status=status,
                     confidence=r.confidence if not r.partial else "low", citations=r.citations, note="; ".join(r.notes),
                     fact=fact)
        if q.answer_type in ("choice", "multi_choice", "yes_no"):
            return self._choose(q, ans, r.keywords + [r.text] + [c.quote for c in r.citations])
        if q.answer_type == "number":
            ans = self._as_number(q, ans)
        if q.answer_type == "text" and isinstance(r.value, list):
            ans.value = r.value  # the table stays as data; the text states it
        return ans

    def _as_number(self, q: Question, ans: Answer) -> Answer:
        if isinstance(ans.value, list):  # a table where one number is asked: keep it, but say so
            ans.status, ans.confidence = "partial", "medium"
            ans.note = (ans.note + "; " if ans.note else "") + self.t("此題需單一數值，請自上列數據擇一", "one figure is asked — pick one of the figures above")
            return ans
        want, have = _norm_unit(q.unit), _norm_unit(ans.unit)
        if isinstance(ans.value, float) and want and have and want != have:
            conv = {("mwh", "kwh"): 1000.0, ("mwh", "gwh"): 0.001, ("tco2e", "ktco2e"): 0.001}.get((have, want))
            if conv:
                ans.value, ans.unit = ans.value * conv, q.unit
                ans.note = (ans.note + "; " if ans.note else "") + self.t(f"已換算為{q.unit}", f"converted to {q.unit}")
            elif want != "year":
                ans.status, ans.confidence = "partial", "low"
                ans.note = (ans.note + "; " if ans.note else "") + self.t(
                    f"證據之單位為{ans.unit}，題目要求{q.unit}", f"the evidence is in {ans.unit}, the question asks for {q.unit}")
        return ans

    # -- choices -------------------------------------------------------------------------------------
    def _choose(self, q: Question, ans: Answer, evidence_texts: list[str]) -> Answer:
        """Pick option(s) the evidence supports; never an option the evidence does not name."""
        if q.answer_type == "yes_no" or yes_no_options(q.options):
            if ans.status == "no_evidence":
                return ans
            opt = yes_option(q.options)
            ans.value = opt.id if opt else "yes"
            label = opt.label if opt else self.t("是", "Yes")
            ans.answer = f"{label} — {ans.answer}" if ans.answer else label
            return ans
        blob = nfkc(" ".join(evidence_texts)).lower()
        matched = [o for o in q.options if option_score(o, blob) >= 0.99]
        if not matched:
            ans.status, ans.confidence = "partial", "low"
            ans.value = None
            ans.note = (ans.note + "; " if ans.note else "") + self.t(
                "證據未指明任一選項，請人工選擇", "the evidence names none of the options — choose one by hand")
            return ans
        if q.answer_type == "multi_choice":
            chosen = matched
            ans.value = [o.id for o in chosen]
        else:
            chosen = matched[:1]
            ans.value = chosen[0].id
            if len(matched) > 1:
                ans.status, ans.confidence = "partial", "low"
                ans.note = (ans.note + "; " if ans.note else "") + self.t(
                    "證據提及多個選項，請確認", "the evidence names more than one option — check which applies")
        labels = "、".join(o.label for o in chosen) if self.lang == "zh-TW" else "; ".join(o.label for o in chosen)
        ans.answer = f"{labels} — {ans.answer}" if ans.answer else labels
        return ans

    # -- retrieval -----------------------------------------------------------------------------------
    def _from_retrieval(self, q: Question, fact: str | None, *, yes_no: bool = False) -> Answer:
        concepts = QuestionConcepts(q)
        if q.answer_type in ("choice", "multi_choice") and q.options:
            return self._choice_from_evidence(q, concepts, fact)
        cands = self._candidates(q, concepts)
        ans = Answer(question_id=q.id, answer=NO_EVIDENCE_TEXT[self.lang], status="no_evidence", confidence="low", fact=fact)
        if q.answer_type == "number":
            return self._number_from_evidence(q, cands, ans, concepts)
        if not cands:
            return ans
        prose = [c for c in cands if " | " not in c[2]]
        pool = prose or cands
        if ASKS_NUMBER.search(nfkc(q.text)):
            # a question for an amount is answered by a sentence that states one
            with_number = [c for c in pool if has_figure(c[2])]
            pool = [(r + 0.1, e, x) for r, e, x in with_number] + [c for c in pool if c not in with_number]
            pool.sort(key=lambda c: -c[0])
        best = pool[: (1 if q.answer_type == "yes_no" else self.max_sentences)]
        best = [b for b in best if b[0] >= best[0][0] - 0.25]  # only sentences nearly as relevant as the best
        texts, cites = [], []
        for _rel, ev, sent in best:
            text = clean_sentence(re.sub(r"\*\*|__|^#+\s*", "", sent), self.ctx, ev.source)
            if len(text) > 300:
                text = text[:297].rstrip() + "…"
            src_lang = detect_language(text)
            if self.lang == "en" and src_lang in ("zh", "mixed"):
                text = f"{doc_title(ev.source)}: “{text}”"
            if texts and sum(map(len, texts)) + len(text) > 340:
                break  # an answer is a statement, not a dump of passages
            texts.append(text)
            cites.append(self.facts.cite(self.ctx.cite(ev, text)))
        top = best[0][0]
        ans.answer = ("" if self.lang == "zh-TW" else " ").join(texts)
        if yes_no and q.answer_type not in ("yes_no", "choice", "multi_choice") and top >= self.MIN_RELEVANCE:
            negative = NEGATIVE_STATEMENT.search(nfkc(texts[0]))
            ans.answer = f"{self.t('否' if negative else '是', 'No' if negative else 'Yes')} — {ans.answer}"
            ans.value = "no" if negative else "yes"
        ans.citations = cites
        ans.status = "answered" if top >= self.ANSWERED_RELEVANCE else "partial"
        ans.confidence = "medium" if top >= self.ANSWERED_RELEVANCE else "low"
        if self.lang == "en" and any(detect_language(t) in ("zh", "mixed") for t in texts):
            ans.note = "quoted from a Chinese source — translate before submitting"
        if q.answer_type == "yes_no" or (q.answer_type == "choice" and yes_no_options(q.options)):
            if top >= self.YES_RELEVANCE:
                return self._choose(q, ans, [s for _r, _e, s in best])
            # the evidence speaks to part of the question: the likely reading first, marked for review
            negative = NEGATIVE_STATEMENT.search(nfkc(texts[0]))
            lead = self.t("否（待確認）" if negative else "是（待確認）", "No (to confirm)" if negative else "Yes (to confirm)")
            ans.answer = f"{lead} — {ans.answer}"
            ans.status, ans.confidence, ans.value = "partial", "low", None
            ans.note = self.t("證據僅涵蓋題目之一部分，請確認是或否", "the evidence covers part of the question — confirm yes or no")
            return ans
        if q.answer_type in ("choice", "multi_choice"):
            return self._choose(q, ans, [s for _r, _e, s in best])
        if q.answer_type == "table":
            ans.status = "partial"
            ans.note = (ans.note + "; " if ans.note else "") + self.t("表格題：請依引用內容填入表格", "table question: fill the table from the quoted evidence")
        return ans

    def _candidates(self, q: Question, concepts: QuestionConcepts, min_relevance: float | None = None,
                    extra_queries: tuple[str, ...] = ()) -> list[tuple[float, Any, str]]:
        floor = self.MIN_RELEVANCE if min_relevance is None else min_relevance
        asked_years = self._asked_years(q)
        queries = [q.text] + [x for x in (*q.queries, q.text_alt or "", *extra_queries) if x and x != q.text]
        cross = concepts.cross_language_query()
        if cross and not q.queries and not q.text_alt:
            queries.insert(1, cross)  # an imported question over documents in the other language
        seen: dict[str, tuple[float, Any, str]] = {}
        for rank_q, query in enumerate(queries[: 4 + len(extra_queries)]):
            for rank, hit in enumerate(self.ctx.search(query[:400], k=8)):
                for sent, ev, inside in self.ctx.page_sentences(hit):
                    if not usable(sent) and " | " not in sent:
                        continue
                    rel = concepts.relevance(sent) - (0 if inside else 0.03)  # a sentence of the page beside the passage
                    if rel < floor:
                        continue
                    key = re.sub(r"\W", "", nfkc(sent))[:60]
                    same_lang = (detect_language(sent) == "en") == (self.lang == "en")  # quote the answer's language first
                    score = rel - 0.01 * rank - 0.02 * rank_q - (0.1 if " | " in sent else 0.0) + (0.05 if same_lang else 0.0)
                    sent_years = subject_years(sent)
                    if asked_years and sent_years and not sent_years & asked_years:
                        score -= 0.25  # about another year than the one asked
                    if key not in seen or seen[key][0] < score:
                        seen[key] = (score, ev, sent)
        return sorted(seen.values(), key=lambda c: (-c[0], c[1].chunk_id, c[2]))

    def _asked_years(self, q: Question) -> set[int]:
        """The years a question asks about: stated in it, the base year for a base-year question, or
        the reporting year when it says so."""
        years = {y for y in find_years(" ".join(filter(None, (q.text, q.text_alt)))) if 1990 <= y <= 2100}
        if not years and q.year == "base":
            by = self.facts.resolve("base_year", q)
            if by is not None and by.year:
                years = {by.year}
        if not years and self.ctx.year and self._REPORTING.search(" ".join(filter(None, (q.text, q.text_alt)))):
            years = {self.ctx.year}
        return years

    _REPORTING = re.compile(r"報告年度|本年度|當年度|reporting year|this year|current year", re.I)

    # The metric a figure must carry (as read by the drafting engine's quantity reader) for a fact key.
    _FACT_METRIC = {"scope1_total": ("scope1",), "scope2_location": ("scope2_location", "scope2"),
                    "scope2_market": ("scope2_market",), "scope3_total": ("scope3",), "total_scope12": ("scope12",),
                    "electricity_consumption": ("electricity",), "renewable_electricity": ("renewable_electricity",),
                    "renewable_share": ("re_share", "renewable_electricity")}

    def _number_from_evidence(self, q: Question, cands, ans: Answer, concepts: QuestionConcepts) -> Answer:
        """A figure for a number question the facts did not resolve: a quantity in the asked unit (and of
        the asked metric, when a fact key names one), in a sentence relevant to the question, for the
        year the question asks about (stated, the base year, or the reporting year)."""
        want = _norm_unit(q.unit)
        years = sorted(self._asked_years(q))
        metrics = self._FACT_METRIC.get(ans.fact or "")
        if ans.fact == "base_year_emissions":
            metrics = ("scope12",) if re.search(SCOPE12, nfkc(q.text), re.I) else None
        for rel, ev, sent in cands:
            if rel < self.ANSWERED_RELEVANCE:
                continue
            for qn in extract_quantities(sent):
                if qn.change or qn.unit == "":
                    continue
                have = _norm_unit(qn.unit)
                if want and have != want and not (want in _UNIT_WORDS and qn.unit in _UNIT_WORDS[want]):
                    continue
                if re.match(r"\s*\S{0,8}\s*[=＝]", sent[qn.start + len(qn.text):]):
                    continue  # a conversion factor (1 MWh = 3.6 GJ), not a figure of the company
                if years and qn.year not in years:
                    continue
                if metrics and qn.metric not in metrics:
                    continue
                window = sent if len(sent) <= 160 else sent[max(0, qn.start - 40): qn.start + len(qn.text) + 8]
                if concepts.relevance(window) < 0.3:
                    continue  # the figure belongs to something else the sentence mentions
                quote = clean_sentence(sent, self.ctx, ev.source)
                ans.value, ans.unit, ans.year = qn.value, qn.unit or q.unit, qn.year
                ans.answer = (f"{qn.text} {qn.unit}" + (f"（{qn.year}年）" if qn.year and self.lang == "zh-TW" else
                                                        f" ({qn.year})" if qn.year else "")).strip()
                ans.citations = [self.facts.cite(self.ctx.cite(ev, quote))]
                ans.status, ans.confidence = ("answered", "medium") if qn.year is not None else ("partial", "low")
                return ans
        if cands and cands[0][0] >= self.YES_RELEVANCE:
            rel, ev, sent = cands[0]
            quote = clean_sentence(sent, self.ctx, ev.source)
            ans.answer = quote
            ans.citations = [self.facts.cite(self.ctx.cite(ev, quote))]
            ans.status, ans.confidence = "partial", "low"
            ans.note = self.t(f"證據未載明所需數值（{q.unit or ''}{'、' + str(years[0]) + '年' if years else ''}）",
                              f"the evidence states no figure in the asked unit{' for ' + str(years[0]) if years else ''}")
        return ans

    _OTHER = re.compile(r"^(?:others?|其他|none|無|不適用|not applicable|n/?a|unknown|不確定|no|否|yes|是)$", re.I)

    def _choice_from_evidence(self, q: Question, concepts: QuestionConcepts, fact: str | None) -> Answer:
        """Options the evidence names, in sentences about the question; each chosen option cites its sentence."""
        ans = Answer(question_id=q.id, answer=NO_EVIDENCE_TEXT[self.lang], status="no_evidence", confidence="low", fact=fact)
        options = [o for o in q.options if not self._OTHER.match(nfkc(o.label).strip())]
        extra = tuple(f"{q.text} {o.label}" for o in options[:6])
        cands = self._candidates(q, concepts, min_relevance=0.0, extra_queries=extra)
        found: list[tuple[float, Option, tuple]] = []
        for o in options:
            hits = [c for c in cands if option_score(o, nfkc(c[2]).lower()) >= 0.99 and " | " not in c[2]]
            if hits:
                best = max(hits, key=lambda c: c[0])
                found.append((best[0], o, best))
        if not found:
            if cands and cands[0][0] >= self.ANSWERED_RELEVANCE:
                rel, ev, sent = cands[0]
                quote = clean_sentence(sent, self.ctx, ev.source)
                ans.answer, ans.status = quote, "partial"
                ans.citations = [self.facts.cite(self.ctx.cite(ev, quote))]
                ans.note = self.t("證據未指明任一選項，請人工選擇", "the evidence names none of the options — choose one by hand")
            return ans
        found.sort(key=lambda f: -f[0])
        chosen = found if q.answer_type == "multi_choice" else found[:1]
        texts, cites = [], []
        for _rel, _o, (_r, ev, sent) in chosen:
            quote = clean_sentence(sent, self.ctx, ev.source)
            if quote not in texts:
                texts.append(quote)
                cites.append(self.facts.cite(self.ctx.cite(ev, quote)))
        labels = ("、" if self.lang == "zh-TW" else "; ").join(o.label for _r, o, _c in chosen)
        if self.lang == "en" and any(detect_language(t) in ("zh", "mixed") for t in texts):
            ans.note = "quoted from a Chinese source — translate before submitting"
        ans.answer = f"{labels} — " + ("" if self.lang == "zh-TW" else " ").join(texts)
        ans.value = [o.id for _r, o, _c in chosen] if q.answer_type == "multi_choice" else chosen[0][1].id
        ans.citations = cites
        top = chosen[0][0]
        ans.status, ans.confidence = ("answered", "medium") if top >= self.MIN_RELEVANCE else ("partial", "low")
        if q.answer_type == "choice" and len(found) > 1:
            ans.status, ans.confidence = "partial", "low"
            ans.note = self.t("證據提及多個選項，請確認", "the evidence names more than one option — check which applies")
        return ans




def answer_questionnaire(evidence_base, questionnaire: Questionnaire, *, lang: str | None = None,
                         inventory: str | Path | None = "auto", year: int | None = None,
                         previous: dict[str, str] | None = None, previous_source: str | None = None,
                         progress: ProgressFn | None = None, cancel: CancelFn | None = None) -> AnswerSheet:
    """Answer every question of ``questionnaire`` from ``evidence_base``.

    ``inventory``: a GHG inventory workbook path; ``"auto"`` (default) finds one among the indexed
    documents (never a workbook outside them); ``None`` answers figures from the documents only.
    ``lang``: answer language ("zh-TW" / "en"; default the questionnaire's). ``previous``: last year's
    answers (id → text, see :func:`~disclosure.questionnaire.importer.read_previous_answers`), compared
    and offered for reuse (:mod:`disclosure.questionnaire.previous`); answers already in an imported
    file count as last year's too. ``progress(done, total)`` is called after each question; when
    ``cancel()`` returns True the run stops, ``answers`` holds what was done and ``cancelled`` is set.
    """
    from .previous import apply_previous

    if inventory == "auto":
        from ..citing.inventory import find_inventory

        inventory = find_inventory(evidence_base, evidence_base.settings.corpus_dir)
    answerer = QuestionnaireAnswerer(evidence_base, questionnaire, lang=lang, inventory=inventory, year=year)
    answerer.facts.reporting_year()  # the profile's / --year, else the inventory's, else the documents'
    sheet = AnswerSheet(questionnaire=questionnaire, lang=answerer.lang, reporting_year=answerer.ctx.year,
                        inventory=Path(inventory).name if inventory else None, previous_source=previous_source)
    total = len(questionnaire.questions)
    if progress:
        progress(0, total)
    for i, q in enumerate(questionnaire.questions):
        if cancel and cancel():
            sheet.cancelled = True
            break
        sheet.answers.append(answerer.answer(q))
        if progress:
            progress(i + 1, total)
    prev = dict(previous or {})
    for q in questionnaire.questions:
        if q.previous_answer and q.id not in prev:
            prev[q.id] = q.previous_answer
    if prev:
        apply_previous(sheet, prev)
    sheet.notes = list(answerer.ctx.review_notes)
    return sheet
