"""A readability screen for drafted chapters: what a reader would reject before judging the content.

Each check reads one sentence of a draft (and, for repetition, the sentences before it):

- ``other-language``: an English sentence in a zh-TW chapter, or a Chinese one in an English chapter
  (document titles in 《》 and short names are allowed);
- ``dangling``: a sentence that points at a table or a list it does not bring (如下 / 下列 / as follows
  / the following);
- ``fragment``: starts with punctuation, is a table row run into a sentence, or is longer than a
  reader takes in one breath (~200 characters of Chinese, ~400 of English);
- ``repeated``: the same sentence, or nearly the same, already stated in the chapter;
- ``placeholder-run``: a placeholder that shares its paragraph with another sentence (each stands
  on its own line, so an editor sees every gap).

The drafting writers use the sentence checks to leave such sentences out; the test suite runs
:func:`screen_draft` over the sample corpus's chapters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..citing.statements import nfkc

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TITLE = re.compile(r"《[^》]*》|〈[^〉]*〉")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]+")
# A pointer at content the sentence does not bring. '以下簡稱' (hereinafter) is not one.
_DANGLING_ZH = re.compile(r"如下|下列|詳下表|如下表|見下表|參見下表|如附表|以下(?:各|幾|數)?(?:項|點|表|圖|說明|所示|列示)|如下圖")
_DANGLING_EN = re.compile(r"\b(?:as follows|the following|listed below|shown below|set out below|see (?:the )?(?:table|figure)"
                          r"|in the table below|below:)", re.I)
_STARTS_WITH_PUNCT = re.compile(r"^[，。、；：,.;:!?！？）)」』\]】%％]")
# A table row run into a sentence: a date or year written straight after a noun ('…規劃2023年3月28日'),
# cells separated by pipes or wide gaps, or a run of bare figures.
_GLUED_DATE = re.compile(f"[{_CJK}](?<![於在自至及與和、或迄為即止前後起到由從截])(?:19|20)\\d{{2}}年\\d{{1,2}}月(?:\\d{{1,2}}日)?")
_CELL_GAP = re.compile(r"\S(?: \| |\t| {3,})\S")
_BARE_FIGURES = re.compile(r"(?:^|\s)\d(?:[\d,.]*\d)?%?(?:\s+\d(?:[\d,.]*\d)?%?){2,}(?=\s|$)")
# two figures with only a space between them inside Chinese text: cells of a row ('合計313,530.0 112年度')
_GLUED_FIGURES = re.compile(f"[{_CJK}][\\d,.]*\\d\\s+\\d[\\d,.]*[{_CJK}]")
_ROW_LABEL = re.compile(f"^[A-Z]{{1,2}}\\d{{1,2}}(?=[{_CJK}])")  # 'O3以112年度…': a row id run into the text
ZH_MAX_CHARS = 200
EN_MAX_CHARS = 400
NEAR_DUPLICATE = 0.8  # share of character bigrams two sentences have in common (Dice) to count as one


@dataclass(frozen=True)
class ReadabilityIssue:
    """One thing a reader would stumble on: its kind, the sentence, and where it stands."""

    kind: str
    text: str
    detail: str = ""
    section: int = 0
    paragraph: int = 0
    sentence: int = 0

    def __str__(self) -> str:
        where = f"§{self.section + 1} ¶{self.paragraph + 1} s{self.sentence + 1}"
        return f"{self.kind} ({where}{'; ' + self.detail if self.detail else ''}): {self.text[:120]}"


from ..language import is_zh as _is_zh  # noqa: E402


def _letters(text: str) -> tuple[int, int]:
    """(CJK characters, Latin letters) of the text outside document titles."""
    t = _TITLE.sub("", nfkc(text))
    return len(re.findall(f"[{_CJK}]", t)), len(re.findall(r"[A-Za-z]", t))


def other_language(text: str, lang: str) -> bool:
    """True when the sentence is in the other language than the draft's: English prose in a zh-TW
    chapter (units, codes and names like 'ISO 14064-1', 'tCO2e', 'SBTi' stay fine), or Chinese prose
    in an English one (a Chinese name in parentheses stays fine)."""
    t = _TITLE.sub("", nfkc(text))
    cjk, latin = _letters(t)
    if _is_zh(lang):
        words = [w for w in _LATIN_WORD.findall(t) if len(w) > 1 and not w.isupper()]
        return len(words) >= 4 and latin > 2 * cjk
    outside = re.sub(r"[（(][^）)]*[）)]|“[^”]*”|\"[^\"]*\"", "", t)
    cjk_out = len(re.findall(f"[{_CJK}]", outside))
    return cjk_out > 8 or (cjk_out > 0 and cjk_out * 2 > len(re.findall(r"[A-Za-z]", outside)))


def dangling(text: str, lang: str | None = None) -> bool:
    """True when the sentence announces a table or a list (如下 / 下列 / as follows) instead of stating."""
    t = nfkc(text).strip()
    if _DANGLING_ZH.search(t) or _DANGLING_EN.search(t):
        return True
    return bool(re.search(r"[:：]\s*$", t))


def fragment(text: str, lang: str) -> str:
    """Why the sentence is a fragment ('' when it is not): starts with punctuation, a table row glued
    to text, or too long to read."""
    t = nfkc(text).strip()
    if _STARTS_WITH_PUNCT.match(t):
        return "starts with punctuation"
    if _ROW_LABEL.match(t):
        return "opens with a table row's label"
    if _GLUED_DATE.search(t) or _CELL_GAP.search(text) or _BARE_FIGURES.search(t) or _GLUED_FIGURES.search(t):
        return "table row glued to a sentence"
    limit = ZH_MAX_CHARS if _is_zh(lang) else EN_MAX_CHARS
    body = re.sub(r"[【\[][^】\]]*[】\]]", "", t)
    if len(body) > limit:
        return f"over {limit} characters"
    return ""


def _bigrams(text: str) -> set[str]:
    t = re.sub(r"[\s，。、；：,.;:（）()「」“”\"'《》]", "", nfkc(text).lower())
    return {t[i:i + 2] for i in range(len(t) - 1)}


def similarity(a: str, b: str) -> float:
    """Share of character bigrams two sentences have in common (Dice coefficient, 0–1)."""
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def _figures(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", nfkc(text).replace(",", "")))


def repeats(text: str, earlier: list[str]) -> bool:
    """True when the sentence says again what one of ``earlier`` says (the same or nearly the same
    wording, and no figure the earlier one lacks: two targets written from one pattern are two facts)."""
    figs = _figures(text)
    return any(similarity(text, e) >= NEAR_DUPLICATE and figs <= _figures(e) for e in earlier)


def sentence_issues(text: str, lang: str) -> list[tuple[str, str]]:
    """(kind, detail) of each problem of one sentence on its own (repetition aside)."""
    out = []
    if other_language(text, lang):
        out.append(("other-language", "English in a Chinese chapter" if _is_zh(lang) else "Chinese in an English chapter"))
    if dangling(text, lang):
        out.append(("dangling", "points at a table or list it does not bring"))
    why = fragment(text, lang)
    if why:
        out.append(("fragment", why))
    return out


def screen_draft(draft) -> list[ReadabilityIssue]:
    """Every readability problem of a draft's paragraphs (tables are not screened; placeholders are
    only checked for standing alone)."""
    issues: list[ReadabilityIssue] = []
    said: list[str] = []
    for si, sec in enumerate(draft.sections):
        for pi, p in enumerate(sec.paragraphs):
            for ti, s in enumerate(p.sentences):
                where = {"section": si, "paragraph": pi, "sentence": ti}
                if s.placeholder:
                    if len(p.sentences) > 1:
                        issues.append(ReadabilityIssue("placeholder-run", s.text, "shares a paragraph", **where))
                    continue
                for kind, detail in sentence_issues(s.text, draft.lang):
                    issues.append(ReadabilityIssue(kind, s.text, detail, **where))
                if repeats(s.text, said):
                    issues.append(ReadabilityIssue("repeated", s.text, "said earlier in the chapter", **where))
                said.append(s.text)
    return issues
