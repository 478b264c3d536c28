"""Unit tests of the CJK bigram treatment shared by the index and the query."""

import pytest

from portal.search import bigrams, to_index_text, to_query_terms


@pytest.mark.parametrize(
    ("run", "expected"),
    [("读书笔记", ["读书", "书笔", "笔记"]), ("书", ["书"]), ("红楼", ["红楼"])],
)
def test_bigrams(run, expected):
    assert bigrams(run) == expected


def test_index_text_splits_chinese_into_bigrams():
    assert to_index_text("读书笔记") == "读书 书笔 笔记"


def test_index_text_keeps_latin_words():
    assert to_index_text("Wagtail 读书会 2025") == "Wagtail 读书 书会 2025"


def test_index_text_separates_chinese_runs_at_punctuation():
    words = to_index_text("红楼梦，西游记").split()
    assert words[:2] == ["红楼", "楼梦"]
    assert words[-2:] == ["西游", "游记"]
    # No bigram spans the comma.
    assert "梦，" not in words and "梦西" not in words


def test_index_text_empty():
    assert to_index_text("") == ""
    assert to_index_text(None) == ""


def test_isbn_with_hyphens_is_indexed_joined():
    text = to_index_text("ISBN 978-7-02-004929-5")
    assert "9787020049295" in text.split()
    # The original pieces stay searchable too.
    assert "978-7-02-004929-5" in text


def test_isbn_ending_in_x():
    assert "750400126X" in to_index_text("7-5040-0126-X").split()
    assert to_query_terms("7-5040-0126-X") == ["750400126X"]


def test_phone_number_is_joined():
    assert "01065550123" in to_index_text("电话 010-6555-0123").split()


def test_plain_numbers_are_untouched():
    assert to_index_text("2025年 共 80 篇") == "2025 年 共 80 篇"


def test_query_isbn_hyphens_are_removed():
    assert to_query_terms("978-7-02-004929-5") == ["9787020049295"]


def test_query_terms_are_bigrams():
    assert to_query_terms("读书笔记") == ["读书", "书笔", "笔记"]
    assert to_query_terms("笔记") == ["笔记"]


def test_query_with_several_words_and_punctuation():
    assert to_query_terms("红楼梦，《西游记》 reading") == ["红楼", "楼梦", "西游", "游记", "reading"]


def test_query_drops_repeats():
    assert to_query_terms("读书读书") == ["读书", "书读"]


def test_query_of_one_character():
    assert to_query_terms("书") == ["书"]


@pytest.mark.parametrize("query", ["", "   ", None, "，。", "《》"])
def test_empty_queries_have_no_terms(query):
    assert to_query_terms(query) == []


def test_every_query_bigram_of_a_substring_is_in_the_index():
    text = "机关职工踊跃提交读书笔记"
    indexed = set(to_index_text(text).split())
    for start in range(len(text) - 1):
        for end in range(start + 2, len(text) + 1):
            assert set(to_query_terms(text[start:end])) <= indexed
