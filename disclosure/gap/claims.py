"""Claim checks over the whole document: statements that do not stand on what the document itself
shows (carbon neutrality under ISO 14068-1, PAS 2060 after its withdrawal, SBTi / 1.5 °C statements
without a matching target, net zero without deep reduction, Scope 2 reported only market-based).
Each flag carries its problem in English and zh-TW.
"""
from __future__ import annotations

import re

from ..chunking import split_sentences
from ..normalization import find_years
from .concepts import concept_catalog, join_wrapped_lines
from .documents import CheckedDocument
from .models import ClaimFlag


def _rx(p: str) -> re.Pattern:
    return re.compile(p, re.I | re.S)


_SENT_CLAIM_NEUTRAL = _rx(r"碳中和|碳中立|carbon[- ]neutral|climate[- ]neutral")
_PAS2060 = _rx(r"PAS\s*2060")
_CLAIM_WORDS = _rx(r"達成|達到|實現|宣告|聲明|查證|驗證|確證|符合|依據|依循|取得|認證|achiev|declar|claim|verif|certif|in accordance|complian")
_SCENARIO_WORDS = _rx(r"情境|scenario|pathway|路徑|巴黎協定|Paris Agreement")
_SBTI = _rx(r"SBTi?\b|科學基礎(?:減量|減碳)?目標|science[- ]based target")
_SBTI_VALID = _rx(r"通過|審查|審核|核可|核定|認可|validated|approved|驗證")
_ONE_FIVE = _rx(r"1\.5\s*°?\s*C|1\.5\s*度|攝氏\s*1\.5")
_ALIGNED = _rx(r"一致|對齊|符合|接軌|aligned|alignment|consistent with|pathway|路徑")
_NET_ZERO = _rx(r"淨零|net[- ]zero")
_NZ_CLAIM = _rx(r"承諾|目標|達成|邁向|宣示|commit|target|achiev|by 20\d\d|20[3-9]\d\s*年")
_DEEP_CUT = _rx(r"(?:減少|降低|減量|減碳|減排|reduc\w*|cut)\D{0,20}(?:9\d|100)(?:\.\d+)?\s*%|(?:9\d|100)(?:\.\d+)?\s*%\D{0,20}(?:減少|降低|減量|減碳|減排|reduction)")
_TARGET_FULL = _rx(r"(?:20[2-9]\d)\s*年?.{0,60}?\d+(?:\.\d+)?\s*%|\d+(?:\.\d+)?\s*%.{0,60}?(?:20[2-9]\d)")
_ISO14068 = _rx(r"ISO\s*14068")
_REDUCTION_FIRST = _rx(r"減量計畫|減碳計畫|減量措施|減碳措施|節能|再生能源|reduction plan|abatement|reduce (?:our|its) emissions")
_RETIRED = _rx(r"註銷|除役|retire|cancel+ed")
_CREDIT_TYPE = _rx(r"VCS|Verra|Gold Standard|黃金標準|CDM|J-Credit|ACR|Climate Action Reserve|Puro|ICR|自願減量|抵換專案|減量額度|碳權.{0,6}(?:類型|種類)|removal|avoidance|移除|避免")
_REGISTRY = _rx(r"登錄(?:平台|系統)|registry|Verra|Gold Standard|黃金標準|碳權交易所|TCX|註冊")
_VINTAGE = _rx(r"年份|年分|vintage|發行年")
_SCOPE2 = _rx(r"範疇\s*[二2]|scope\s*2|類別\s*[2二]")
_MARKET = _rx(r"市場基準|市場基礎|市場法|market[- ]based")
_LOCATION = _rx(r"地點基準|地點基礎|位置基準|區域基準|location[- ]based")
PAS2060_WITHDRAWN = "2025-11-30"


def _sentences(doc: CheckedDocument) -> list[tuple[int | None, str]]:
    out: list[tuple[int | None, str]] = []
    seen: set[tuple[int | None, str]] = set()
    for p in doc.passages:
        for s in split_sentences(join_wrapped_lines(p.text)):
            key = (p.page, s.text)
            if key not in seen:
                seen.add(key)
                out.append(key)
    return out


def check_claims(doc: CheckedDocument) -> list[ClaimFlag]:
    """Claims the document makes without the elements the governing standard asks for."""
    base_year = concept_catalog().detectors["base_year"]
    sents = _sentences(doc)
    body = "\n".join(p.text for p in doc.passages)
    flags: list[ClaimFlag] = []

    def flag(kind, page, sentence, problem, problem_zh, basis, severity="warning") -> None:
        flags.append(ClaimFlag(kind=kind, severity=severity, source=doc.source, page=page, sentence=sentence[:400],
                               problem=problem, problem_zh=problem_zh, basis=basis))

    # Carbon neutrality: ISO 14068-1:2023 asks for reductions first and credits retired, with their type,
    # registry and vintage disclosed.
    iso_missing = [(en, zh) for rx, en, zh in ((_ISO14068, "no ISO 14068-1 reference", "未引用ISO 14068-1"),
                                               (_REDUCTION_FIRST, "no reduction plan before offsetting", "抵換前未有減量計畫"),
                                               (_RETIRED, "credits not stated as retired", "未說明碳權已註銷"),
                                               (_CREDIT_TYPE, "credit type not stated", "未說明碳權類型"),
                                               (_REGISTRY, "registry not named", "未指明登錄平台"),
                                               (_VINTAGE, "vintage not stated", "未說明碳權年份")) if not rx.search(body)]
    for page, s in sents:
        # A claim is the company saying it (or a product) is or became neutral, not a mention of the goal.
        if (_SENT_CLAIM_NEUTRAL.search(s) and _CLAIM_WORDS.search(s) and not _SCENARIO_WORDS.search(s)
                and not _PAS2060.search(s) and iso_missing):
            flag("carbon_neutral", page, s, "carbon-neutral claim without ISO 14068-1 elements: " + "; ".join(e for e, _ in iso_missing),
                 "碳中和聲明缺少ISO 14068-1要素：" + "；".join(z for _, z in iso_missing),
                 "ISO 14068-1:2023 (reductions first; retired credits with type, registry and vintage)")
    # PAS 2060 was withdrawn on 2025-11-30 (replaced by ISO 14068-1).
    latest = max(find_years(body), default=0)
    for page, s in sents:
        if _PAS2060.search(s) and (_SENT_CLAIM_NEUTRAL.search(s) or _CLAIM_WORDS.search(s)):
            years = find_years(s)
            after = max(years, default=latest) >= 2026
            flag("pas2060", page, s,
                 "claim made under PAS 2060, withdrawn on " + PAS2060_WITHDRAWN + " — use ISO 14068-1"
                 + ("" if after else " (check the claim date)"),
                 "依PAS 2060所為之聲明，該標準已於" + PAS2060_WITHDRAWN + "廢止，請改依ISO 14068-1"
                 + ("" if after else "（請確認聲明日期）"),
                 "BSI withdrawal of PAS 2060 (2025-11-30); ISO 14068-1:2023", "error" if after else "warning")
    # SBTi validation and 1.5 °C alignment need a target with a year, a percentage and a base year.
    has_target = any(_TARGET_FULL.search(s) and (base_year.search(s) or base_year.search(body)) for _, s in sents
                     if re.search(r"減|reduc|降低|cut", s, re.I))
    for page, s in sents:
        sbti = _SBTI.search(s) and _SBTI_VALID.search(s)
        aligned = _ONE_FIVE.search(s) and _ALIGNED.search(s)
        if (sbti or aligned) and not has_target:
            flag("sbti_or_1_5c", page, s,
                 "SBTi-validated / 1.5 °C-aligned statement without a matching target (target year, % reduction and base year)",
                 "SBTi審查通過／符合1.5°C之陳述，但未有相應目標（目標年、減量百分比及基準年）",
                 "SBTi Corporate Near-Term Criteria (target year, base year, % reduction; ≥4.2 %/yr for 1.5 °C)")
    # Net zero needs a ≥90 % long-term reduction (SBTi Corporate Net-Zero Standard; ISO 14068-1 net-zero claims).
    if not _DEEP_CUT.search(body):
        nz = [(page, s) for page, s in sents if _NET_ZERO.search(s) and _NZ_CLAIM.search(s) and not _SCENARIO_WORDS.search(s)]
        for page, s in nz[:3]:
            flag("net_zero", page, s, "net-zero claim without a long-term reduction of at least 90 % stated",
                 "淨零聲明未說明至少90%之長期減量",
                 "SBTi Corporate Net-Zero Standard (≥90 % long-term reduction, residual emissions neutralised)")
        if len(nz) > 3:
            flags[-1].problem += f" (and {len(nz) - 3} more sentences)"
            flags[-1].problem_zh += f"（另有{len(nz) - 3}句）"
    # Scope 2 only market-based: IFRS S2 29(a)(v) asks for location-based Scope 2.
    if _MARKET.search(body) and not _LOCATION.search(body):
        for page, s in sents:
            if _MARKET.search(s):
                flag("scope2_market_only", page, s, "Scope 2 given only market-based; location-based figure missing",
                     "範疇二僅以市場基礎揭露，缺少地點基礎數據",
                     "IFRS S2 29(a)(v) and GHG Protocol Scope 2 Guidance (dual reporting)")
                break
    return flags
