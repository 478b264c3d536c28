"""portal.params: integer query parameters read one way (audit issue 9, item 7)."""

import pytest
from django.core.exceptions import BadRequest
from django.test import RequestFactory

from portal.pagination import paginate
from portal.params import MAX_ID, MAX_PAGE, int_param, page_number

HUGE = "99999999999999999999999"


def get(**params):
    return RequestFactory().get("/", params)


def test_int_param_reads_a_whole_number_in_range():
    assert int_param(get(department="12"), "department") == 12
    assert int_param(get(), "department", default="") == ""
    assert int_param(get(department=" "), "department") is None
    assert int_param(get(n="-2"), "n", minimum=-5, maximum=5) == -2


@pytest.mark.parametrize("value", [HUGE, str(MAX_ID + 1), "0", "-1", "1e3", "1.0", "abc", "１２", "1_000"])
def test_int_param_refuses_anything_else_with_a_400(value):
    with pytest.raises(BadRequest):
        int_param(get(department=value), "department")


@pytest.mark.parametrize(
    "value, number", [("3", 3), ("", 1), ("abc", 1), ("-3", 1), ("0", 1), ("1e400", 1), (HUGE, MAX_PAGE)]
)
def test_page_number_falls_back(value, number):
    assert page_number(get(page=value)) == number


@pytest.mark.parametrize("value, number", [(HUGE, 4), ("1e400", 1), ("4", 4), ("5", 4), ("x", 1)])
def test_paginate_past_the_end_is_the_last_page(value, number):
    assert paginate(get(page=value), list(range(10)), 3).number == number
