from hypothesis import given, settings as hsettings, strategies as st

from disclosure.chunking import chunk_text, split_sentences


def test_sentences_split_at_chinese_and_english_ends():
    parts = [s.text for s in split_sentences("第一句。第二句！Third one. Fourth?\n表格行 | 1")]
    assert parts == ["第一句。", "第二句！", "Third one.", "Fourth?", "表格行 | 1"]


def test_decimal_points_do_not_split_sentences():
    parts = [s.text for s in split_sentences("排放量為45,620.9公噸。下一句。")]
    assert parts[0] == "排放量為45,620.9公噸。"


def test_chunks_respect_size_and_offsets_point_into_source():
    text = "。".join(f"第{i}句內容說明溫室氣體排放" for i in range(60)) + "。"
    chunks = chunk_text(text, chunk_size=80, overlap=20)
    assert len(chunks) > 5
    for c in chunks:
        assert len(c.text) <= 80
        assert text[c.start : c.end] == c.text


def test_overlap_repeats_trailing_sentence_in_next_chunk():
    text = "甲" * 30 + "。" + "乙" * 30 + "。" + "丙" * 30 + "。" + "丁" * 30 + "。"
    chunks = chunk_text(text, chunk_size=70, overlap=35)
    assert chunks[0].text.endswith("乙" * 30 + "。")
    assert chunks[1].text.startswith("乙")


@hsettings(max_examples=60)
@given(st.text(min_size=1, max_size=2000), st.integers(100, 600), st.integers(0, 99))
def test_chunking_covers_all_text_and_never_loops(text, size, overlap):
    chunks = chunk_text(text, size, overlap)
    covered = "".join(text[c.start : c.end] for c in chunks)
    # every non-space character of the input appears in some chunk
    assert set(text.strip()) - set(" \n\t\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0") <= set(covered) | set(" ")
    assert all(len(c.text) <= size for c in chunks)
