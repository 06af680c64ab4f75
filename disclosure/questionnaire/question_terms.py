"""What a question is about, for finding the sentences that answer it: glossary term groups it names
(matched in either language) and its remaining content words (English words, Chinese words and
bigrams); a sentence's relevance to the question; the years a sentence is about."""
from __future__ import annotations

import functools
import re

from ..citing.statements import nfkc
from ..glossary import load_glossary
from ..normalization import find_years
from .models import Question

# Words that say nothing about what a question asks (they appear in every question).
STOP_EN = set("""a an the and or of in on for to by with from at as is are was were be been being do does did your you
our we its it this that these those which what how when where who whom whose why please describe provide explain
state indicate list give report reported reporting organization organisation company company's any all has have
had if not no yes other than more most per year years total amount value details detail including include
whether there their they such about into over under within across between also can could should would may
current latest number figure data information level levels used use using""".split())
_STOP_ZH = ("報告年度", "報告期間", "報告", "請", "說明", "描述", "提供", "貴公司", "公司", "是否", "如何", "哪些", "何種", "為何", "多少", "以及", "及其",
            "相關", "資訊", "情形", "年度", "本年度", "揭露", "填寫", "列出", "有無", "內容", "方式", "之", "的", "與", "及", "或", "和")
# Chinese words kept whole when a question's leftover text is split (else it is read as character bigrams).
_ZH_WORDS = ("供應商", "數據", "減量", "排放", "能源", "用水", "取水", "耗水", "廢棄物", "產品", "碳足跡", "查證", "目標", "策略",
             "風險", "機會", "董事會", "委員會", "情境", "碳價", "碳定價", "再生", "電力", "燃料", "運輸", "物流", "員工",
             "訓練", "獎酬", "薪酬", "績效", "財務", "影響", "政策", "承諾", "議合", "調查", "問卷", "回覆", "比例", "金額")
_ZH_SPLIT = re.compile(r"[之的與及或和以其並、，。；：？！（）()「」\s/]+")


@functools.lru_cache(maxsize=8192)
def _word_rx(term: str, inflected: bool) -> re.Pattern:
    """An English term as a whole word (with its plural and verb endings when ``inflected``), compiled once."""
    return re.compile(r"(?<![a-z0-9])" + re.escape(term.lower()) + (r"(?:s|es|ed|ing)?" if inflected else "") + r"(?![a-z0-9])")


_CJK = re.compile(r"[\u4e00-\u9fff]")



class Concepts:
    """What a question is about: glossary term groups it mentions (matched in either language) and
    its remaining content words (English words, Chinese bigrams)."""

    def __init__(self, text: str):
        t = nfkc(text)
        low = t.lower()
        self.groups: list[tuple[str, ...]] = []
        taken: list[tuple[int, int]] = []
        hits = []
        for g in load_glossary():
            for term in (*g.zh, *g.en):
                if _CJK.search(term):
                    pos = t.find(term)
                else:
                    m = _word_rx(term, False).search(low)
                    pos = m.start() if m else -1
                if pos >= 0:
                    hits.append((len(term), pos, term, g))
        hits.sort(key=lambda h: -h[0])
        for length, pos, term, g in hits:
            span = (pos, pos + length)
            if any(not (span[1] <= a or span[0] >= b) for a, b in taken):
                continue
            if term.lower() in STOP_EN or term in _STOP_ZH:
                continue
            taken.append(span)
            self.groups.append(tuple(dict.fromkeys((*g.zh, *g.en))))
        rest = list(t)
        for a, b in taken:
            rest[a:b] = [" "] * (b - a)
        rest_s = "".join(rest)
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z\-]{3,}", rest_s) if w.lower() not in STOP_EN]
        for stop in sorted(_STOP_ZH, key=len, reverse=True):
            rest_s = rest_s.replace(stop, " ")
        zh_words = []
        for w in _ZH_WORDS:
            if w in rest_s:
                zh_words.append(w)
                rest_s = rest_s.replace(w, " ")
        bigrams = []
        for run in _ZH_SPLIT.split(rest_s):
            run = "".join(re.findall(r"[\u4e00-\u9fff]", run))
            if len(run) == 2:
                bigrams.append(run)
            elif len(run) > 2:
                bigrams += [run[i:i + 2] for i in range(len(run) - 1)]
        self.words = list(dict.fromkeys([w.lower() for w in words] + zh_words + bigrams))

    def terms_in(self, zh: bool) -> str:
        """The question's terms in one language (the first synonym of each group in it): a query for
        documents written in the other language than the question."""
        pick = [next((x for x in g if bool(_CJK.search(x)) == zh), "") for g in self.groups]
        return " ".join(x for x in pick if x)

    def score(self, sentence: str) -> tuple[float, float]:
        """(share of term groups the sentence mentions, share of remaining words it mentions)."""
        s = nfkc(sentence)
        low = s.lower()

        def has(term: str) -> bool:
            if _CJK.search(term):
                return term in s
            return _word_rx(term, True).search(low) is not None

        # A long, many-part question is answered part by part: a sentence covering three of its terms
        # (or six of its words) covers as much as one sentence can.
        g = min(1.0, sum(1 for grp in self.groups if any(has(x) for x in grp)) / min(len(self.groups), 3)) if self.groups else 0.0
        w = min(1.0, sum(1 for x in self.words if has(x)) / min(len(self.words), 6)) if self.words else 0.0
        return g, w

    def relevance(self, sentence: str) -> float:
        """0..1: how much of the question the sentence speaks to (term groups weigh more than loose words)."""
        g, w = self.score(sentence)
        if self.groups and self.words:
            # a sentence that shares none of the question's terms only shares its loose words: off topic
            return 0.6 * g + 0.4 * w if g > 0 else min(0.3, 0.4 * w)
        if self.groups:
            return g
        return w * min(1.0, len(self.words) / 3)  # one or two loose words say too little to go on

    @property
    def empty(self) -> bool:
        return not self.groups and not self.words


class QuestionConcepts:
    """Relevance of a sentence to a question asked in one or two languages: the better reading wins."""

    # A sentence about the company's suppliers or customers does not answer a question about the company.
    # ('可提供主要供貨產品之碳足跡', '家數: 61': goods supplied, or a count of companies, are about other companies)
    _OTHER_PARTY = re.compile(r"供應商|供應鏈|客戶|供貨|家數|supplier|supply chain|customer", re.I)

    def __init__(self, q: Question):
        self.parts = [Concepts(t) for t in (q.text, q.text_alt) if t]
        self.parts = [c for c in self.parts if not c.empty] or self.parts
        self.zh_question = bool(_CJK.search(q.text))
        self.about_others = bool(self._OTHER_PARTY.search(" ".join(filter(None, (q.text, q.text_alt)))))

    def cross_language_query(self) -> str:
        """The question's term groups in the other language (for an English question over Chinese
        documents, and the reverse), when the question comes without its translation."""
        if len(self.parts) != 1:
            return ""
        return self.parts[0].terms_in(zh=not self.zh_question)

    def relevance(self, sentence: str) -> float:
        rel = max((c.relevance(sentence) for c in self.parts), default=0.0)
        if not self.about_others and self._OTHER_PARTY.search(nfkc(sentence)):
            rel -= 0.3
        return rel


_DATE = re.compile(r"(?:民國)?\d{2,4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\b\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?\b")


def subject_years(sentence: str) -> set[int]:
    """The years a sentence is about, not the dates it mentions: "111年度（2022年）盤查…於112年3月3日完成查證"
    is about 2022 although it was verified in 2023."""
    return set(find_years(_DATE.sub(" ", nfkc(sentence))))

