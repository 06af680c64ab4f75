"""DOCX / Markdown / JSON exports, and the `draft` command in a subprocess."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure.drafting import draft_chapter
from disclosure.drafting.export import to_docx, to_json, to_markdown, write

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ghg_draft(corpus_base):
    eb, inv = corpus_base
    return draft_chapter(eb, "ghg-inventory", ["gri", "tcfd", "ifrs-s2"], "zh-TW", inventory=inv)


def test_docx_opens_and_has_headings_tables_sources_and_appendix(ghg_draft):
    import docx

    d = docx.Document(io.BytesIO(to_docx(ghg_draft)))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    assert "溫室氣體盤查" in headings and "溫室氣體排放量" in headings
    assert "資料來源" in headings and "附錄：段落與準則要求對照" in headings and "待補事項" in headings
    body = "\n".join(p.text for p in d.paragraphs)
    assert "8,512.0" in body and "[1]" in body and "【待補：" in body
    tables = d.tables
    assert any(t.cell(0, 0).text == "項目" and t.cell(1, 0).text == "範疇一" for t in tables)
    appendix = tables[-1]
    assert appendix.cell(0, 3).text == "對應準則要求"
    assert any("gri:305-1" in appendix.cell(i, 3).text for i in range(1, len(appendix.rows)))


def test_markdown_has_references_gaps_and_appendix(ghg_draft):
    md = to_markdown(ghg_draft)
    assert md.startswith("# 溫室氣體盤查")
    assert "## 資料來源" in md and "## 待補事項" in md and "## 附錄：段落與準則要求對照" in md
    assert "| 範疇一 | 9,120.0 |" in md.replace("  ", " ")
    assert "**【待補：" in md


def test_json_follows_the_documented_shape(ghg_draft):
    data = json.loads(to_json(ghg_draft))
    para = data["paragraphs"][0]
    assert set(para) >= {"requirement_ids", "sentences"}
    s = next(s for p in data["paragraphs"] for s in p["sentences"] if "8,512.0" in s["text"])
    assert s["placeholder"] is False and s["citations"][0]["source"] and s["citations"][0]["quote"]
    assert {"requirement_id", "missing"} <= set(data["gaps"][0])


def test_write_picks_the_format_from_the_name(ghg_draft, tmp_path):
    assert write(ghg_draft, tmp_path / "a.md").read_text(encoding="utf-8").startswith("# ")
    assert write(ghg_draft, tmp_path / "a.docx").read_bytes()[:2] == b"PK"
    with pytest.raises(Exception, match=".docx, .md or .json"):
        write(ghg_draft, tmp_path / "a.pdf")


def test_draft_command_writes_docx_and_prints_json(corpus_base, tmp_path):
    eb, inv = corpus_base
    env = {**os.environ, "DISCLOSURE_DATA_DIR": str(eb.settings.data_dir), "DISCLOSURE_EMBEDDING_BACKEND": "fake",
           "DISCLOSURE_CORPUS_DIR": str(inv.parent)}
    out = tmp_path / "draft.docx"
    r = subprocess.run([sys.executable, "-m", "disclosure", "draft", "--chapter", "governance", "--frameworks", "gri,tcfd",
                        "--lang", "zh-TW", "--out", str(out), "--json"], cwd=REPO, env=env, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert any("永續發展委員會" in s["text"] for p in data["paragraphs"] for s in p["sentences"])
    assert out.read_bytes()[:2] == b"PK"
    r = subprocess.run([sys.executable, "-m", "disclosure", "draft", "--chapter", "nope", "--out", str(out)], cwd=REPO,
                       env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "unknown chapter" in r.stderr
