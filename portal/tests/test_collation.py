"""Titles and names in pinyin order on both databases (PinyinOrder: ICU's zh collation on
PostgreSQL, the ``pinyin`` collation built on pypinyin on SQLite)."""

import random

import pytest
from django.db import connection
from wagtail.models import Page

from portal.collation import PinyinOrder, pinyin_key, pinyin_order, pinyin_ordering

IN_PINYIN_ORDER = ["阿Q正传", "白鹿原", "红楼梦", "平凡的世界", "西游记"]  # a, b, h, p, x
# Punctuation, then digits, then Han by pinyin, then Latin letters regardless of case.
WITH_OTHERS = ["《三体》", "1984", *IN_PINYIN_ORDER, "apple", "Banana", "Python编程"]


def shuffled(items):
    items = list(items)
    random.Random(7).shuffle(items)
    return items


def test_code_point_order_is_not_pinyin_order():
    assert sorted(IN_PINYIN_ORDER) != IN_PINYIN_ORDER


def test_the_python_key_sorts_by_pinyin():
    assert sorted(shuffled(WITH_OTHERS), key=pinyin_key) == WITH_OTHERS


def test_the_key_reads_tones_and_words():
    assert sorted(["八路", "白鹿原", "百年孤独"], key=pinyin_key) == ["八路", "白鹿原", "百年孤独"]  # ba1 < bai2 < bai3
    assert sorted(["重庆", "中国"], key=pinyin_key) == ["重庆", "中国"]  # chong2 < zhong1


@pytest.fixture
def pages(home_page):
    for number, title in enumerate(shuffled(WITH_OTHERS)):
        home_page.add_child(instance=Page(title=title, slug=f"title-{number}"))
    return Page.objects.child_of(home_page)


@pytest.mark.django_db
def test_the_database_sorts_by_pinyin(pages):
    assert list(pages.order_by(PinyinOrder("title")).values_list("title", flat=True)) == WITH_OTHERS, connection.vendor
    assert (
        list(pages.order_by(pinyin_order("title", descending=True)).values_list("title", flat=True))
        == (WITH_OTHERS[::-1])
    )


@pytest.mark.django_db
def test_an_ordering_list_is_rewritten_only_for_the_named_fields(pages):
    ordering = pinyin_ordering(["-title", "pk"], {"title"})
    assert ordering[1] == "pk"
    assert list(pages.order_by(*ordering).values_list("title", flat=True)) == WITH_OTHERS[::-1]
