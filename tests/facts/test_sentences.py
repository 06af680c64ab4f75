"""Sentences read from real report layouts: notes under a table, text in narrow table columns, and
Chinese sentences whose commas NFKC turned into ASCII ones."""
from __future__ import annotations

from disclosure.citing.sentences import usable
from disclosure.facts.text import join_soft_breaks, sentences_of


def test_each_note_under_a_table_is_its_own_sentence():
    # as pypdf reads a bank's TCFD report: the notes end without a full stop, one per line
    text = ("註1:本行溫室氣體盤查及查證之時程依據主管機關之令辦理,並經董事會核備,本行應於 2024 年完成溫室氣體盤查及確信資訊揭\n"
            "露\n註2:範疇一於 2022 年度尚未自主盤查統計排放量\n註 3：範疇三僅揭露本行投融資部位\n"
            "註4:範疇三參酌碳會計金融合作夥伴關係(PCAF)之溫室氣體核算方法學\nNote 5: financed emissions follow PCAF.")
    sents = sentences_of(text)
    assert [s[:3] for s in sents] == ["註1:", "註2:", "註 3", "註4:", "Not"], sents
    assert sents[0].endswith("資訊揭露")  # the line broken in mid-word is joined again
    assert sents[3] == "註4:範疇三參酌碳會計金融合作夥伴關係(PCAF)之溫室氣體核算方法學"


def test_a_word_that_starts_with_note_is_not_a_note():
    assert len(sentences_of("本行已完成盤查作業並將結果提報予董事會審議與核准之程序辦理完竣\n註冊資本額為新台幣100億元。")) == 1


def test_lines_of_a_narrow_table_column_are_joined_and_its_row_labels_kept():
    column = ("再生能源融資\n再生能源融資核准金\n額持續提升。\n2022 年太陽光電等\n綠能融資已核准金額\n達 135.76億元。\n"
              "2023 年太陽光電\n等綠能融資預計\n核准金額達 180\n億元。\n永續投資\n將 ESG 議題納\n入投資分析及決\n策過程")
    sents = sentences_of(column)
    assert "2022 年太陽光電等綠能融資已核准金額達 135.76億元。" in sents, sents
    assert "2023 年太陽光電等綠能融資預計核准金額達 180億元。" in sents
    assert "再生能源融資" in sents and "永續投資" in sents  # short cells keep their break


def test_page_width_text_keeps_its_short_lines():
    # on a page of full-width lines a short line is a heading, not a broken sentence
    page = ("本行依據主管機關之規範辦理氣候變遷情境分析作業，並將結果提報風險管理委員會與董事會。\n"
            "情境分析\n"
            "本行就二〇三〇年及二〇五〇年有序轉型、無序轉型及無政策轉型進行氣候風險之情境分析作業。")
    assert join_soft_breaks(page).split("\n")[1] == "情境分析"


def test_a_chinese_sentence_with_ascii_commas_and_dates_is_a_sentence_not_columns():
    s = ("註1:本行溫室氣體盤查及查證之時程依據 2023.3.3 金管銀法字第 11202705771 號令發佈之解釋令辦理,"
         "並經 2023.6.16 董事會核備,本行應於 2024 年完成溫室氣體盤查")
    assert usable(s)
    assert not usable("2019 2020 2021 2022 1,844 1,902 2,011")  # a row of figures still is not
