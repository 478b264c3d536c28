"""Honours received on the employee's reading record (the progress_record_sections hook): only
published rounds, only the chosen year, only the employee's own; on the page and in the XLSX."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from honours.models import AwardKind, AwardRound, Honour, PeriodKind
from honours.panels import record_honours_section

RECORD = "/zh-hans/reading-plan/record/"


def honour(user, *, year, month, kind=AwardKind.STAR, live=True, rank=1):
    start = datetime.date(year, month, 1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    award_round, _ = AwardRound.objects.get_or_create(
        kind=kind, start_date=start, end_date=end, defaults={"period_kind": PeriodKind.MONTH, "live": live}
    )
    return Honour.objects.create(round=award_round, user=user, name=user.display_name, rank=rank)


@pytest.fixture
def honoured(make_user):
    user = make_user(real_name="李明", staff_number="R2001")
    honour(user, year=2025, month=11, rank=2)
    honour(user, year=2025, month=3, kind=AwardKind.NOTE, rank=None)
    honour(user, year=2025, month=12, kind=AwardKind.DEPARTMENT, live=False)  # a round still in review
    honour(user, year=2024, month=12)
    honour(make_user(), year=2025, month=11)  # someone else's
    return user


def test_the_section_holds_the_years_published_honours(honoured, django_assert_num_queries):
    with django_assert_num_queries(1):
        (section,) = record_honours_section(honoured, 2025)
    assert (section["order"], section["key"], section["title"]) == (60, "honours", "所获荣誉")
    assert section["columns"] == ["奖项", "期间", "名次"]
    assert section["rows"] == [["优秀读书笔记", "2025年3月", ""], ["阅读之星", "2025年11月", 2]]
    assert record_honours_section(honoured, 2024)[0]["rows"] == [["阅读之星", "2024年12月", 1]]
    assert record_honours_section(honoured, 2023)[0]["rows"] == []


def test_the_record_page_and_workbook_show_the_honours(client, honoured):
    client.force_login(honoured)
    html = client.get(RECORD, {"year": 2025}).content.decode()
    honours = html.split('id="record-honours"')[1]
    assert "阅读之星" in honours and "2025年11月" in honours and "第2名" in honours
    assert "书香科室" not in honours and "2024年12月" not in honours

    response = client.get("/zh-hans/reading-plan/record.xlsx", {"year": 2025})
    sheet = load_workbook(io.BytesIO(response.content))["所获荣誉"]
    assert list(sheet.iter_rows(values_only=True)) == [
        ("奖项", "期间", "名次"),
        ("优秀读书笔记", "2025年3月", None),
        ("阅读之星", "2025年11月", 2),
    ]


def test_english_labels(client, honoured):
    client.force_login(honoured)
    html = client.get("/en/reading-plan/record/", {"year": 2025}).content.decode()
    assert "Honours received" in html and "Reading star" in html and "No. 2" in html
