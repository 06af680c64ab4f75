"""Scores per framework and pillar, the content index, and the findings as a table, CSV and XLSX
(in the UI language: English or zh-TW headers and messages)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .models import ClaimFlag, ContentIndexRow, GapFinding, GapReport, ScoreRow, is_zh


def score_table(findings: Sequence[GapFinding]) -> list[ScoreRow]:
    rows: list[ScoreRow] = []
    frameworks = list(dict.fromkeys(f.framework for f in findings))
    for fw in frameworks:
        mine = [f for f in findings if f.framework == fw]
        groups: list[tuple[str | None, list[GapFinding]]] = [(None, mine)]
        for p in dict.fromkeys(f.pillar for f in mine if f.pillar):
            groups.append((p, [f for f in mine if f.pillar == p]))
        for pillar, fs in groups:
            c = sum(f.status == "covered" for f in fs)
            pa = sum(f.status == "partial" for f in fs)
            rows.append(ScoreRow(framework=fw, pillar=pillar, total=len(fs), covered=c, partial=pa,
                                 missing=len(fs) - c - pa, score=round(100 * (c + 0.5 * pa) / max(len(fs), 1), 1)))
    return rows


def content_index(findings: Sequence[GapFinding]) -> list[ContentIndexRow]:
    """Requirement → pages where the document addresses it (a GRI / TCFD content index)."""
    return [ContentIndexRow(framework=f.framework, requirement_id=f.requirement_id, title=f.title, status=f.status,
                            pages=f.pages if f.status != "missing" else []) for f in findings]


TABLE_COLUMNS = ["framework", "requirement_id", "title", "pillar", "status", "probability", "score", "pages", "evidence",
                 "missing", "found", "via"]
# Column headers of the exported workbook in zh-TW (the page uses the same keys).
ZH_HEADERS = {"framework": "準則框架", "requirement_id": "代碼", "title": "揭露要求", "pillar": "構面", "status": "狀態",
              "probability": "揭露機率", "score": "得分", "pages": "頁碼", "evidence": "證據引文",
              "missing": "缺少之資訊", "found": "已找到", "via": "經由對照"}
ZH_STATUS = {"covered": "已涵蓋", "partial": "部分涵蓋", "missing": "缺漏"}
ZH_SCORE_HEADERS = {"framework": "準則框架", "pillar": "構面", "total": "項目數", "covered": "已涵蓋", "partial": "部分涵蓋",
                    "missing": "缺漏", "score": "得分"}
ZH_CLAIM_HEADERS = {"kind": "類型", "severity": "嚴重度", "source": "檔案", "page": "頁碼", "sentence": "語句", "problem": "問題",
                    "basis": "依據"}
SHEETS = ("findings", "scores", "claims", "content index")
ZH_SHEETS = ("檢核結果", "得分", "宣稱檢核", "內容索引")


def findings_table(report: GapReport, lang: str = "en", sort_by_confidence: bool = False) -> "Any":
    """The findings as a pandas DataFrame, one row per requirement (what the UI shows and exports),
    with the "missing" sentences in ``lang``. ``sort_by_confidence`` puts the least certain verdicts
    (probability nearest 0.5) first, so a person reviews those before the clear ones."""
    import pandas as pd

    rows = []
    for f in report.findings:
        rows.append({
            "framework": f.framework, "requirement_id": f.requirement_id, "title": f.title, "pillar": f.pillar or "",
            "status": f.status, "probability": f.probability, "score": f.score,
            "pages": ", ".join(str(p) for p in f.pages),
            "evidence": "\n".join(f"[{e.location or e.source}] {e.text[:300]}" for e in f.evidence),
            "missing": "\n".join(f.missing_in(lang)), "found": ", ".join(f.found), "via": ", ".join(f.via),
        })
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    if sort_by_confidence and not table.empty:
        table = table.iloc[(table["probability"] - 0.5).abs().argsort(kind="stable")].reset_index(drop=True)
    return table


def report_csv_bytes(report: GapReport, lang: str = "en") -> bytes:
    # UTF-8 with BOM so that Excel opens Chinese text correctly.
    return _localised(findings_table(report, lang), lang).to_csv(index=False).encode("utf-8-sig")


def _localised(table, lang: str):
    """Headers and status words in ``lang``; the status also stays machine-readable in its own
    ``status_id`` column (covered / partial / missing), whatever the language, for scripts and filters."""
    table = table.assign(status_id=table["status"])
    if not is_zh(lang):
        return table
    return table.assign(status=table["status"].map(ZH_STATUS)).rename(columns=ZH_HEADERS)


def report_xlsx_bytes(report: GapReport, lang: str = "en") -> bytes:
    """Workbook with the findings (with an autofilter, so a reviewer can filter or sort by probability),
    the scores, the claim flags and the content index, in ``lang``."""
    import pandas as pd

    from ..xlsx import STATUS_FILLS, Sheet, frame_sheet, workbook_bytes

    findings = _localised(findings_table(report, lang), lang)
    claims = pd.DataFrame([{**c.model_dump(exclude={"problem_zh"}), "problem": c.problem_in(lang)} for c in report.claims],
                          columns=[k for k in ClaimFlag.model_fields if k != "problem_zh"])
    status, status_id = list(findings.columns).index(ZH_HEADERS["status"] if is_zh(lang) else "status"), len(findings.columns) - 1
    scores = pd.DataFrame([r.model_dump() for r in report.scores], columns=list(ScoreRow.model_fields))
    index = pd.DataFrame([{**r.model_dump(), "pages": ", ".join(map(str, r.pages))} for r in report.content_index],
                         columns=list(ContentIndexRow.model_fields))
    zh = is_zh(lang)
    if zh:  # headers and status words in zh-TW; the status id keeps its own column
        index = index.assign(status_id=index["status"], status=index["status"].map(ZH_STATUS)).rename(columns=ZH_HEADERS)
        claims = claims.assign(severity=claims["severity"].map({"error": "錯誤", "warning": "警告"}))
        scores, claims = scores.rename(columns=ZH_SCORE_HEADERS), claims.rename(columns=ZH_CLAIM_HEADERS)
    names = ZH_SHEETS if zh else SHEETS
    sheets: list[Sheet] = [
        frame_sheet(names[0], findings, widths=(10, 14, 40, 14, 10, 9, 7, 10, 80, 50, 20, 16, 10), autofilter=True,
                    fills={status: STATUS_FILLS}, fill_keys={status: status_id}),
        frame_sheet(names[1], scores), frame_sheet(names[2], claims), frame_sheet(names[3], index, widths=(10, 14, 40, 10, 20)),
    ]
    return workbook_bytes(sheets)
