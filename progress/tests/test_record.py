"""个人成长档案 through requests: who may see whose record (a matrix), the year chosen, verified
reads told apart from self-reported ones, 优秀 notes, sections other apps add through the
``progress_record_sections`` hook on the page and in the XLSX, the workbook's cells kept as text,
both languages, the admin lookup and the page's query budget.

The honours section (registered by honours/, above progress) is tested in honours/tests."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail import hooks

from booklists.factories import BookFactory
from notes.factories import ReadingNoteFactory
from people import groups
from people.factories import DepartmentFactory
from progress import archive, services
from progress.models import ReadingGoal, SelfReportedRead

from .conftest import verified_loan

RECORD = "/zh-hans/reading-plan/record/"
THIS_YEAR = timezone.localdate().year


def record_url(staff_number=None, *, xlsx=False, lang="zh-hans"):
    if staff_number is None:
        return f"/{lang}/reading-plan/record" + (".xlsx" if xlsx else "/")
    return f"/{lang}/reading-plan/record/{staff_number}" + (".xlsx" if xlsx else "/")


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def sheet_rows(book, title):
    return list(book[title].iter_rows(values_only=True))


@pytest.fixture
def owner(make_user):
    return make_user(real_name="李明", staff_number="R1001", department=DepartmentFactory(name="办公室"))


@pytest.fixture
def record_reader(make_user):
    return make_user(groups.RECORD_READERS, real_name="人事处干部")


@pytest.fixture
def librarian(make_user):
    return make_user(groups.LIBRARIANS, real_name="书屋管理员甲")


@pytest.fixture
def reading(owner):
    """This year: one verified read, one self-reported read, one note marked 优秀 and a goal."""
    loan = verified_loan(owner, BookFactory(title="活着", authors="余华"))
    loan.lent_in = loan.copy.home_room
    loan.save(update_fields=["lent_in"])
    services.report_read(owner, title="围城", author="钱锺书", finished_on=timezone.localdate())
    ReadingNoteFactory(author=owner, book=BookFactory(title="乡土中国"), title="读《乡土中国》", is_excellent=True)
    services.set_goal(owner, 12)
    return owner


# --- permissions ----------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, owner):
    for url in (record_url(), record_url(xlsx=True), record_url(owner.staff_number), record_url("R1001", xlsx=True)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"]


def test_the_employee_sees_their_own_record(client, reading):
    client.force_login(reading)
    response = client.get(RECORD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "李明" in html and "R1001" in html and "办公室" in html
    assert "《活着》" in html and "《围城》" in html
    # Their own staff number (in any case) is their own record too.
    assert client.get(record_url("r1001")).status_code == 200
    assert client.get(record_url(xlsx=True)).status_code == 200


def test_another_employee_gets_404_and_learns_nothing(client, reading, make_user):
    client.force_login(make_user(real_name="王芳"))
    for url in (record_url("R1001"), record_url("R1001", xlsx=True)):
        response = client.get(url)
        assert response.status_code == 404
        assert "活着" not in response.content.decode()
    # A staff number nobody has answers the same.
    assert client.get(record_url("NOBODY")).status_code == 404


def test_librarian_without_the_permission_gets_404(client, reading, librarian):
    client.force_login(librarian)
    assert client.get(record_url("R1001")).status_code == 404
    assert client.get(record_url("R1001", xlsx=True)).status_code == 404


@pytest.mark.parametrize("who", ["record_reader", "superuser"])
def test_holders_of_the_permission_see_anyones_record(client, reading, request, who):
    staff = request.getfixturevalue(who)
    client.force_login(staff)
    response = client.get(record_url("r1001"))  # the staff number in any case
    assert response.status_code == 200
    assert response.context["owner"] == reading and not response.context["own"]
    html = response.content.decode()
    assert "《活着》" in html and "李明" in html
    assert f'href="{record_url("R1001", xlsx=True)}?year={THIS_YEAR}"' in html
    assert client.get(record_url("R1001", xlsx=True)).status_code == 200
    assert client.get(record_url("NOBODY")).status_code == 404


def test_the_group_holds_the_permission(record_reader, librarian):
    assert record_reader.has_perm("progress.view_reading_record")
    assert not librarian.has_perm("progress.view_reading_record")


# --- years ----------------------------------------------------------------------


def test_a_read_of_one_year_is_not_in_the_next(client, owner):
    last_year = THIS_YEAR - 1
    june = (timezone.localdate() - datetime.date(last_year, 6, 1)).days
    verified_loan(owner, BookFactory(title="去年的书"), days_ago=june)
    SelfReportedRead.objects.create(user=owner, title="去年自读", finished_on=datetime.date(last_year, 3, 1))
    verified_loan(owner, BookFactory(title="今年的书"))
    client.force_login(owner)

    html = client.get(RECORD).content.decode()
    assert "今年的书" in html and "去年的书" not in html and "去年自读" not in html
    assert f'href="{RECORD}?year={last_year}"' in html  # a link to the year with activity

    response = client.get(RECORD, {"year": last_year})
    html = response.content.decode()
    assert response.context["year"] == last_year
    assert "去年的书" in html and "去年自读" in html and "今年的书" not in html
    assert f'href="{RECORD}?year={THIS_YEAR}"' in html


@pytest.mark.parametrize("year", ["abc", "1999", str(THIS_YEAR + 1), "20255", "-1"])
def test_a_bad_year_is_404(client, owner, year):
    client.force_login(owner)
    assert client.get(RECORD, {"year": year}).status_code == 404
    assert client.get(record_url(xlsx=True), {"year": year}).status_code == 404


def test_past_year_pace_is_measured_at_the_years_end(owner):
    last_year = THIS_YEAR - 1
    ReadingGoal.objects.create(user=owner, year=last_year, books=4, set_on=datetime.date(last_year, 1, 1))
    SelfReportedRead.objects.create(user=owner, title="一本", finished_on=datetime.date(last_year, 3, 1))
    plan = archive.sections_for(owner, last_year)[0]
    assert plan["key"] == "plan"
    assert (plan["progress"].expected, plan["progress"].read, plan["progress"].difference) == (4, 1, -3)


# --- what the record holds ------------------------------------------------------


def test_verified_and_self_reported_are_told_apart(client, reading):
    client.force_login(reading)
    response = client.get(RECORD)
    html = response.content.decode()
    verified_part = html.split('id="record-verified"')[1].split('id="record-self_reported"')[0]
    reported_part = html.split('id="record-self_reported"')[1].split('id="record-notes"')[0]
    assert "《活着》" in verified_part and "已核实" in verified_part and "测试书屋" in verified_part
    assert "《围城》" not in verified_part
    assert "《围城》" in reported_part and "自报" in reported_part and "已核实" not in reported_part
    plan = html.split('id="record-plan"')[1].split('id="record-verified"')[0]
    assert "有效阅读1本 · 自报阅读1本" in plan


def test_notes_show_the_excellent_badge(client, reading):
    ReadingNoteFactory(author=reading, title="普通心得")
    ReadingNoteFactory(author=reading, title="未发布的心得", live=False)
    client.force_login(reading)
    html = client.get(RECORD).content.decode()
    notes = html.split('id="record-notes"')[1]
    assert "读《乡土中国》" in notes and "普通心得" in notes and "未发布的心得" not in html
    excellent_row = next(row for row in notes.split("<tr>") if "读《乡土中国》" in row)
    plain_row = next(row for row in notes.split("<tr>") if "普通心得" in row)
    assert "badge--excellent" in excellent_row and "优秀" in excellent_row
    assert "badge--excellent" not in plain_row


def test_another_employees_reading_is_not_in_my_record(client, reading, make_user):
    other = make_user()
    verified_loan(other, BookFactory(title="红岩"))
    ReadingNoteFactory(author=other, title="别人的心得")
    client.force_login(reading)
    html = client.get(RECORD).content.decode()
    assert "红岩" not in html and "别人的心得" not in html


def book_club_section(user, year):
    # A section another app could add; order 35 puts it between notes (30) and challenges (40).
    return [
        {
            "order": 35,
            "key": "book_club",
            "title": "参加的读书会",
            "template": "progress/record/table.html",
            "columns": ["活动", "完成日期"],
            "rows": [[f"{year}年读书月", datetime.date(year, 5, 23)]],
        }
    ]


def test_a_registered_section_appears_in_order_on_the_page_and_in_the_workbook(client, reading):
    client.force_login(reading)
    with hooks.register_temporarily(archive.HOOK, book_club_section):
        response = client.get(RECORD)
        book = workbook(client.get(record_url(xlsx=True)))
    keys = [section["key"] for section in response.context["sections"]]
    assert keys[:6] == ["plan", "verified", "self_reported", "notes", "book_club", "challenges"]
    html = response.content.decode()
    assert 'id="record-book_club"' in html and f'<td data-label="活动">{THIS_YEAR}年读书月</td>' in html
    assert html.index('id="record-notes"') < html.index('id="record-book_club"') < html.index('id="record-challenges"')
    assert sheet_rows(book, "参加的读书会") == [
        ("活动", "完成日期"),
        (f"{THIS_YEAR}年读书月", datetime.datetime(THIS_YEAR, 5, 23)),
    ]


# --- the workbook ---------------------------------------------------------------


def test_the_workbook_holds_every_section(client, reading):
    client.force_login(reading)
    response = client.get(record_url(xlsx=True))
    assert f"reading-record-R1001-{THIS_YEAR}.xlsx" in response["Content-Disposition"]
    book = workbook(response)
    assert book.sheetnames[:5] == ["个人成长档案", "阅读计划", "有效阅读", "自报阅读", "读书心得"]
    cover = dict(row for row in book["个人成长档案"].iter_rows(min_row=2, values_only=True))
    assert (cover["姓名"], cover["工号"], cover["部门"], cover["年度"]) == ("李明", "R1001", "办公室", THIS_YEAR)
    verified = sheet_rows(book, "有效阅读")
    assert verified[0] == ("书名", "作者", "阅读日期", "书屋")
    assert verified[1][:2] == ("活着", "余华") and verified[1][3] == "测试书屋"
    assert sheet_rows(book, "自报阅读")[1][:2] == ("围城", "钱锺书")
    notes = sheet_rows(book, "读书心得")
    assert notes[1][0] == "读《乡土中国》" and notes[1][3] == "优秀"
    plan = sheet_rows(book, "阅读计划")
    assert plan[1][:4] == (12, 1, 1, 2)


def test_workbook_cells_are_text_never_formulas(client, owner):
    evil = '=HYPERLINK("http://evil.example","点我")'
    services.report_read(owner, title=evil, author="+1-1", finished_on=timezone.localdate(), note="@SUM(A1)")
    client.force_login(owner)
    book = workbook(client.get(record_url(xlsx=True)))
    row = list(book["自报阅读"].iter_rows(min_row=2, max_row=2))[0]
    assert [row[0].value, row[1].value, row[3].value] == [evil, "+1-1", "@SUM(A1)"]
    assert all(cell.data_type == "s" for cell in (row[0], row[1], row[3]))


def test_the_workbook_follows_the_year_and_the_language(client, owner):
    SelfReportedRead.objects.create(user=owner, title="去年自读", finished_on=datetime.date(THIS_YEAR - 1, 3, 1))
    client.force_login(owner)
    book = workbook(client.get(record_url(xlsx=True, lang="en"), {"year": THIS_YEAR - 1}))
    assert book.sheetnames[:5] == [
        "Personal reading record",
        "Reading plan",
        "Verified reads",
        "Self-reported reads",
        "Reading notes",
    ]
    assert sheet_rows(book, "Self-reported reads")[1][0] == "去年自读"
    this_year = workbook(client.get(record_url(xlsx=True)))
    assert len(sheet_rows(this_year, "自报阅读")) == 1  # headings only


# --- both languages, links, print ------------------------------------------------


def test_the_record_in_english(client, reading):
    client.force_login(reading)
    response = client.get(record_url(lang="en"))
    html = response.content.decode()
    assert response.status_code == 200
    texts = ("Personal reading record", "Verified reads", "Self-reported", "Excellent", "Print", "Download as XLSX")
    for text in texts:
        assert text in html, text
    assert "有效阅读" not in html and "打印" not in html


def test_the_record_in_chinese_is_printable(client, reading):
    client.force_login(reading)
    html = client.get(RECORD).content.decode()
    assert "个人成长档案" in html and "打印" in html and "data-print" in html
    assert "progress/record.css" in html and "progress/record.js" in html
    assert "打印日期" in html
    assert "page-qr" not in html  # no QR code for a personal page


def test_my_library_and_the_plan_link_to_the_record(client, owner):
    client.force_login(owner)
    assert RECORD in client.get(reverse("loans:my_library")).content.decode()
    assert RECORD in client.get("/zh-hans/reading-plan/").content.decode()


# --- the admin lookup -----------------------------------------------------------

LOOKUP = "/admin/reading-records/"


def test_admin_lookup_opens_the_record(client, owner, record_reader):
    client.force_login(record_reader)
    assert LOOKUP in client.get("/admin/").content.decode()  # the menu item (the sidebar's JSON)
    response = client.get(LOOKUP, {"staff_number": "r1001"})
    assert response.status_code == 302
    assert response["Location"] == record_url("R1001")
    response = client.get(LOOKUP, {"staff_number": "NOBODY"})
    assert response.status_code == 200
    assert "没有工号为NOBODY的职工。" in response.content.decode()
    assert 'value="NOBODY"' in response.content.decode()


def test_admin_lookup_needs_the_permission(client, owner, librarian):
    client.force_login(librarian)
    assert LOOKUP not in client.get("/admin/").content.decode()
    response = client.get(LOOKUP, {"staff_number": "R1001"})
    assert response.status_code == 302 and response["Location"] != record_url("R1001")


# --- query budget ---------------------------------------------------------------


def _fill(user, start, size):
    for n in range(start, start + size):
        verified_loan(user, BookFactory())
        services.report_read(user, title=f"自读{n}", finished_on=timezone.localdate())
        ReadingNoteFactory(author=user, is_excellent=n % 2 == 0)
    SelfReportedRead.objects.create(
        user=user, title=f"往年{start}", finished_on=datetime.date(THIS_YEAR - 1 - start, 6, 1)
    )


@pytest.mark.parametrize("who", ["owner", "record_reader"])
def test_record_page_query_budget_does_not_grow(client, owner, request, who):
    viewer = request.getfixturevalue(who)
    client.force_login(viewer)
    url = RECORD if who == "owner" else record_url(owner.staff_number)
    services.set_goal(owner, 30)
    counts = []
    for start, size in ((0, 1), (1, 8)):
        _fill(owner, start, size)
        client.get(url)  # warm caches (site settings, menus)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert len(response.context["sections"][1]["rows"]) == 9
    assert counts[0] == counts[1] <= 15, counts
