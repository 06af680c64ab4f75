"""One use case, two shells: the Draft page (AppTest) and `python -m disclosure draft` call the same
service with the same inputs and produce the same chapter."""
import json
import subprocess
import sys

from ui_support import open_page, run


def test_draft_page_and_cli_write_the_same_chapter(ui_env, tmp_path):
    from disclosure import services
    from disclosure.settings import load_settings

    services.ingest(services.open_workspace(load_settings()), paths=[ui_env / "corpus"])
    out = tmp_path / "cli.json"
    p = subprocess.run([sys.executable, "-m", "disclosure", "draft", "--chapter", "governance", "--frameworks",
                        "gri,tcfd", "--lang", "zh-TW", "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    cli = json.loads(out.read_text(encoding="utf-8"))

    at = open_page("draft", lang="zh-TW")
    at.selectbox(key="draft_chapter").select("governance")
    at.multiselect(key="draft_frameworks").set_value(["gri", "tcfd"])
    at.radio(key="draft_lang").set_value("zh-TW")
    at.button(key="draft_make").click()
    run(at)
    page = at.session_state["draft"]

    def sentences(paragraphs):
        return [(s["text"], [c.get("source") for c in s.get("citations", [])]) for par in paragraphs for s in par["sentences"]]

    page_json = page.as_json()
    assert cli["title"] == page_json["title"]
    assert sentences(cli["paragraphs"]) == sentences(page_json["paragraphs"])
    assert sentences(cli["paragraphs"])  # a real chapter, not two empty ones
    assert [g["requirement_id"] for g in cli["gaps"]] == [g["requirement_id"] for g in page_json["gaps"]]
