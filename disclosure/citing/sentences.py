"""Sentences of the evidence made fit to cite: numbering, labels and section references taken off,
'本委員會' named, full-width punctuation beside Chinese text; and the screen that tells a sentence
from a heading, a table row or a contents line."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..normalization import detect_language
from .statements import extract_bodies, nfkc

if TYPE_CHECKING:
    from .context import DraftContext


from ..language import is_zh  # noqa: E402,F401 - re-exported


def fmt1(v: float) -> str:
    return f"{v:,.1f}"


def fmt0(v: float) -> str:
    return f"{v:,.0f}"


_ARTICLE = re.compile(r"^第[一二三四五六七八九十百]+條\s*(?:[（(][^）)]{1,10}[）)]\s*)?")
_LEAD_MARKERS = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、]\s|[•·\-*]\s*)")
_VERB_START = re.compile(r"^(?:審議|督導|訂定|檢討|推動|監督|核定|追蹤|擬訂|彙整|負責)")
_LABELS = re.compile(r"^(?:說明|案由|決議|報告事項|討論事項|備註|附註|註)\s*[:：]\s*")
_SECTION_REF = re.compile(r"[，,；;]\s*(?:其理由|理由)?(?:詳|請參閱|參見|參閱|說明於|詳見|詳述於)[^，。；]*?(?:節|章|附錄|附件|表)[^，。；]*(?=[。；]?$)")
_TOC = re.compile(r"\.{4,}|…{2,}|\s\d{1,3}$")
POLICY_DOC = re.compile(r"規程|辦法|政策|守則|章程|準則|charter|policy", re.I)


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


def sentence_key(text: str) -> str:
    return re.sub(r"[\s，。、；：,.;:（）()「」]", "", nfkc(text))[:80]


def usable(sent: str) -> bool:
    s = sent.strip()
    if len(s) < 12 or len(s) > 320 or _TOC.search(s) or s.count("|") >= 2 or s.startswith("#"):
        return False
    if len(re.findall(r"\b(?:GRI|TCFD|SASB|IFRS)\s?[\dS]", s)) >= 3:  # a content index, not a statement
        return False
    if len(re.findall(r"\d[\d,.]*", s)) > 8 and not re.search(r"[，。；,;]", s):  # a table row run together
        return False
    # columns of figures (a comma between Chinese words, as NFKC leaves '，', is a sentence's)
    if len(re.findall(r"(?:^|\s)[\d,.]+%?(?=\s|$)", s)) >= 2 and not re.search(f"[，。；]|[,;] |[,;](?=[{_CJK_CH}])", s):
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
