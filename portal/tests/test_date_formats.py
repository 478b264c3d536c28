"""Dates and times come from the named formats of portal/formats, one module per language.

Code and templates name a format (``date_format(d, "MONTH_DAY_FORMAT")``,
``{{ d|date:"DATE_FORMAT" }}``); the pattern itself lives only in portal/formats, so an
English sentence never gets a Chinese date.
"""

import datetime
import pathlib
import re

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format, get_format

ROOT = pathlib.Path(settings.BASE_DIR)
DAY = datetime.date(2025, 12, 3)
# Chinese date patterns (Django's format syntax and strftime's): 年/月/日 next to a format letter.
CHINESE_PATTERN = re.compile(r"[YyFMmNnjd]年|[YyFMmNnjd]月|[nmjd]日|%[Ymnd]年|%[mnd]月|%[dj]日")
SOURCES = ("*.py", "*.html", "*.txt")


def test_each_language_has_its_own_formats():
    expected = {
        "zh-hans": {
            "DATE_FORMAT": "2025年12月3日",
            "MONTH_DAY_FORMAT": "12月3日",
            "YEAR_MONTH_FORMAT": "2025年12月",
            "SHORT_DATE_FORMAT": "2025-12-03",
        },
        "en": {
            "DATE_FORMAT": "3 December 2025",
            "MONTH_DAY_FORMAT": "3 December",
            "YEAR_MONTH_FORMAT": "December 2025",
            "SHORT_DATE_FORMAT": "2025-12-03",
        },
    }
    for language, formats in expected.items():
        with translation.override(language):
            for name, written in formats.items():
                assert date_format(DAY, name) == written, (language, name)
            moment = datetime.datetime(2025, 12, 3, 14, 5)
            assert date_format(moment, "TIME_FORMAT") == "14:05"


def test_input_formats_still_come_from_django():
    with translation.override("zh-hans"):
        assert "%Y-%m-%d" in get_format("DATE_INPUT_FORMATS")
    with translation.override("en"):
        assert "%Y-%m-%d" in get_format("DATE_INPUT_FORMATS")


def test_no_chinese_date_pattern_outside_portal_formats():
    formats = ROOT / "portal" / "formats"
    offenders = []
    for pattern in SOURCES:
        for path in ROOT.rglob(pattern):
            parts = path.relative_to(ROOT).parts
            if parts[0].startswith(".") or parts[0] in {"node_modules", "staticfiles"} or "tests" in parts:
                continue
            if formats in path.parents:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if CHINESE_PATTERN.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
