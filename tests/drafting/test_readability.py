"""The readability screen on bad and good sentences, and on the sample corpus's chapters drafted in
both languages (real model)."""
import pytest

from disclosure.drafting import draft_chapter, find_inventory
from disclosure.drafting.models import Draft, DraftSection, Paragraph, Sentence
from disclosure.drafting.readability import dangling, fragment, other_language, repeats, screen_draft


@pytest.mark.parametrize("text", [
    "依據《board_climate_training》：「Training materials are filed with the Board secretariat.」",
    "Using 2022 data (Scope 1 8,905.0 t) Chenyao is above the threshold.",
])
def test_an_english_sentence_in_a_chinese_chapter_is_flagged(text):
    assert other_language(text, "zh-TW")


@pytest.mark.parametrize("text", [
    "2023年本公司範疇一（ISO 14064-1類別1）直接溫室氣體排放量為8,512.0公噸CO2e。",
    "本公司已通過科學基礎減量目標倡議（SBTi）確認，並依《GHG Protocol》計算範疇二。",
])
def test_chinese_sentences_with_codes_and_units_pass(text):
    assert not other_language(text, "zh-TW")


def test_a_chinese_quote_in_an_english_chapter_is_flagged_but_a_name_in_parentheses_is_not():
    assert other_language("112年度溫室氣體盤查報告書 states: “本公司採營運控制權法設定組織邊界。”", "en")
    assert not other_language("The Sustainability Committee (永續發展委員會) meets at least once a quarter.", "en")


@pytest.mark.parametrize("text", ["本報告書之溫室氣體排放量經立衡驗證股份有限公司依ISO 14064-3:2019執行查證，查證摘要如下。",
                                  "本公司採營運控制權法設定組織邊界，涵蓋全部據點，包括下列二廠區。",
                                  "The verification statement is summarised as follows.",
                                  "Our targets are listed in the following table."])
def test_a_sentence_pointing_at_a_table_it_does_not_bring_is_dangling(text):
    assert dangling(text)


def test_hereinafter_is_not_dangling():
    assert not dangling("晨曜精密電子股份有限公司（以下簡稱本公司）每年執行溫室氣體盤查。")


@pytest.mark.parametrize("text", [
    "2023年度永續計畫及供應商碳盤查調查規劃2023年3月28日，董事會修正委員會組織規程。",
    "，並每年至少二次向董事會報告。",
    "排放源 | 排放量 | 占比",
    "O3以112年度三項節電措施及平均電價每度。",
    "經估算占比低於0.5%，無重大股權投資合計313,530.0 112年度範疇三排放量合計313,530.0公噸CO2e。",
    "本公司" + "推動節能減碳並持續檢討能源使用效率，" * 12 + "以達成目標。",
])
def test_fragments_are_flagged(text):
    assert fragment(text, "zh-TW")


@pytest.mark.parametrize("text", [
    "2023年永續發展委員會共召開4次會議，分別於3月14日、6月13日、9月12日及12月12日舉行。",
    "本公司於2021年8月經董事會決議設立功能性委員會「永續發展委員會」，由3名董事組成。",
])
def test_whole_sentences_are_not_fragments(text):
    assert not fragment(text, "zh-TW")


def test_a_near_duplicate_is_a_repeat_but_the_same_pattern_with_other_figures_is_not():
    first = "近期目標為範疇一及範疇二絕對排放量於2030年前較2021年減少42%。"
    assert repeats("近期目標為範疇一及範疇二絕對排放量於2030年前較2021年減少42%。", [first])
    assert repeats("近期目標為範疇一及範疇二之絕對排放量於2030年前較2021年減少42%。", [first])
    assert not repeats("近期目標為範疇三類別1及類別4絕對排放量於2030年前較2021年減少25%。", [first])


def test_screen_draft_reports_run_together_placeholders_and_repeats():
    s = Sentence(text="本公司董事會下設永續發展委員會，督導氣候相關風險與機會之管理。")
    ph = [Sentence(text="【待補：提名與遴選流程（GRI 2-10）】", placeholder=True),
          Sentence(text="【待補：遴選準則（GRI 2-10）】", placeholder=True)]
    draft = Draft(chapter="governance", title="氣候治理", lang="zh-TW", mode="grounded", frameworks=["gri"], sections=[DraftSection(
        chapter="governance", title="氣候治理", paragraphs=[Paragraph(sentences=[s, s.model_copy()]), Paragraph(sentences=ph)])])
    kinds = [i.kind for i in screen_draft(draft)]
    assert kinds == ["repeated", "placeholder-run", "placeholder-run"]


CHAPTERS = ["governance", "risk-strategy", "ghg-inventory", "targets-transition", "supply-chain"]


@pytest.mark.model
@pytest.mark.parametrize("lang", ["zh-TW", "en"])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_sample_corpus_chapters_read_as_prose(sample_corpus_base, chapter, lang):
    eb = sample_corpus_base
    draft = draft_chapter(eb, chapter, ["gri", "tcfd", "ifrs-s2"], lang, inventory=find_inventory(eb))
    assert draft.sentences(), "nothing drafted"
    issues = screen_draft(draft)
    assert not issues, "\n".join(str(i) for i in issues)
    assert not any("source-language-quote" in s.flags for s in draft.sentences())
