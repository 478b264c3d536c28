"""The organisers' dashboard: figures against hand-counted fixtures, bad ranges, exports, permissions, queries."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.contrib.forms.models import FormSubmission

from booklists.factories import BookFactory
from booklists.models import Category
from campaigns.factories import QuestionnairePageFactory
from campaigns.models import QuestionnaireField
from loans.factories import CopyFactory, ReadingRoomFactory
from loans.models import Loan
from notes.factories import ReadingNoteFactory
from people.factories import DepartmentFactory
from reports import dashboard

pytestmark = pytest.mark.django_db

URL = "/admin/reports/dashboard/"
YEAR = timezone.localdate().year
START, END = datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)


def at(month, day):
    return timezone.make_aware(datetime.datetime(YEAR, month, day, 10, 0))


def loan(user, book, lent, kept=10):
    copy = CopyFactory(book=book, home_room=ReadingRoomFactory(name="机关职工书屋"))
    return Loan.objects.create(
        copy=copy,
        borrower=user,
        book=book,
        lent_at=lent,
        due_on=(lent + datetime.timedelta(days=30)).date(),
        returned_at=lent + datetime.timedelta(days=kept) if kept is not None else None,
    )


@pytest.fixture
def figures(make_user):
    """Hand-counted: 办公室 (headcount 4) has 2 participants, 宣传处 (5) has 1, 工会 (no headcount) has 1.

    Loans in the year: 5 (January 2, March 3); by category 文学 3, 党史 2. A short loan (1 day)
    is a loan but not a verified read. Notes: 3 submitted, 2 approved, 1 优秀.
    """
    today = timezone.localdate()
    if today < datetime.date(YEAR, 3, 20):
        pytest.skip("the fixture dates its loans in March of this year")
    office = DepartmentFactory(name="办公室", headcount=4)
    publicity = DepartmentFactory(name="宣传处", headcount=5)
    union = DepartmentFactory(name="工会", headcount=0)
    literature = Category.objects.filter(locale__language_code="zh-hans").order_by("pk")[0]
    history = Category.objects.filter(locale__language_code="zh-hans").order_by("pk")[1]
    novel = BookFactory(title="平凡的世界", authors="路遥", category=literature)
    poems = BookFactory(title="唐诗三百首", authors="蘅塘退士", category=literature)
    party = BookFactory(title="中国共产党简史", authors="本书编写组", category=history)
    wang = make_user(real_name="王芳", department=office)
    li = make_user(real_name="李强", department=office)
    zhao = make_user(real_name="赵敏", department=publicity, hide_from_rankings=True)
    sun = make_user(real_name="孙丽", department=union)
    make_user(real_name="不读书", department=publicity)
    loan(wang, novel, at(1, 5))
    loan(wang, party, at(1, 20))
    loan(li, poems, at(3, 1))
    loan(zhao, novel, at(3, 2))
    loan(sun, party, at(3, 3), kept=1)  # one day: a loan, not a verified read
    ReadingNoteFactory(author=sun, book=party, first_published_at=at(3, 10), submitted_at=at(3, 9))
    ReadingNoteFactory(
        author=wang,
        book=novel,
        first_published_at=at(2, 1),
        submitted_at=at(1, 30),
        is_excellent=True,
        marked_excellent_at=at(2, 2),
    )
    ReadingNoteFactory(author=li, book=poems, live=False, submitted_at=at(3, 15))  # waiting for moderation
    return {"literature": literature, "history": history}


def rows(table):
    return {row[0]: row[1:] for row in table.rows}


def test_participation_by_department_is_per_head(figures):
    table = dashboard.participation_by_department(dashboard.Reading.of(START, END))
    by_name = rows(table)
    assert by_name["办公室"] == [4, 2, 50.0]
    assert by_name["宣传处"] == [5, 1, 20.0]
    assert by_name["工会"] == ["未设置人数", 1, ""]  # listed, not ranked
    assert [row[0] for row in table.rows][:2] == ["办公室", "宣传处"]  # best rate first, unset last
    board = dashboard.build(START, END)
    assert (board.participants, board.headcount, board.participation_rate) == (4, 9, 44.4)


def test_loans_by_month_and_category(figures):
    months = rows(dashboard.loans_by_month(START, END))
    assert months == {f"{YEAR}-01": [2], f"{YEAR}-03": [3]}
    categories = rows(dashboard.loans_by_category(START, END))
    assert categories == {figures["literature"].name: [3], figures["history"].name: [2]}


def test_notes_submitted_approved_excellent(figures):
    assert rows(dashboard.notes_summary(START, END)) == {"已提交": [3], "已通过": [2], "评为优秀": [1]}


def test_most_borrowed_and_most_active_readers_leave_out_those_who_opted_out(figures):
    top = dashboard.most_borrowed(START, END)
    assert sorted(top.rows[:2]) == [["中国共产党简史", "本书编写组", 2], ["平凡的世界", "路遥", 2]]
    assert top.rows[2] == ["唐诗三百首", "蘅塘退士", 1]
    readers = dashboard.most_active_readers(dashboard.Reading.of(START, END))
    names = [row[0] for row in readers.rows]
    assert names[0] == "王芳"  # 2 verified reads, 1 note
    assert "赵敏" not in names  # chose to stay out of rankings
    assert "孙丽" in names  # a note, no verified read


def test_a_period_with_nothing_is_an_explained_empty_dashboard(client, editor, figures):
    client.force_login(editor)
    response = client.get(URL, {"start": "2001-01-01", "end": "2001-12-31"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "本期间没有借阅、读书心得或参与人员。" in html


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": f"{YEAR}-05-01", "end": f"{YEAR}-04-01"}, "结束日期早于开始日期，请重新选择。"),
        ({"start": "2015-01-01", "end": f"{YEAR}-01-01"}, "时间范围最长5年，请缩短后再导出。"),
    ],
)
def test_bad_ranges_are_refused_with_a_message(client, editor, query, message):
    client.force_login(editor)
    response = client.get(URL, query)
    assert response.status_code == 200
    messages = [str(m) for m in response.context["form"].non_field_errors()]
    assert messages == [message]
    assert response.context["board"] is None


def test_check_range_refuses_a_missing_end():
    with pytest.raises(ValidationError, match="请填写开始日期和结束日期"):
        dashboard.check_range(datetime.date(2026, 1, 1), None)


# -- questionnaire results --------------------------------------------------------


@pytest.fixture
def survey(campaign):
    page = QuestionnairePageFactory(
        parent=campaign,
        slug="satisfaction",
        form_fields=[
            QuestionnaireField(
                sort_order=0,
                label="总体满意度",
                clean_name="satisfaction",
                field_type="radio",
                choices="非常满意\n满意\n一般\n不满意",
            ),
            QuestionnaireField(
                sort_order=1, label="喜欢的类别", clean_name="likes", field_type="checkboxes", choices="文学\n历史"
            ),
            QuestionnaireField(sort_order=2, label="建议", clean_name="advice", field_type="multiline"),
        ],
    )
    answers = [
        {"satisfaction": "非常满意", "likes": ["文学", "历史"], "advice": "好"},
        {"satisfaction": "满意", "likes": ["文学"], "advice": ""},
        {"satisfaction": "一般", "likes": [], "advice": "多买书"},
        {"satisfaction": "不满意", "advice": "开放时间太短"},
    ]
    for data in answers:
        FormSubmission.objects.create(page=page, form_data=data)
    return page


def test_questionnaire_choice_questions_are_counted_and_satisfaction_is_a_percentage(survey):
    tables, satisfaction = dashboard.questionnaire_results(survey)
    assert [table.title for table in tables] == ["总体满意度", "喜欢的类别"]  # free text is not aggregated
    assert rows(tables[0]) == {"非常满意": [1, 25.0], "满意": [1, 25.0], "一般": [1, 25.0], "不满意": [1, 25.0]}
    assert rows(tables[1]) == {"文学": [2, 100.0], "历史": [1, 50.0]}  # of the 2 who answered
    assert satisfaction == 50.0  # 非常满意 + 满意 of 4


def test_free_text_only_questionnaire_says_so(client, editor, campaign):
    QuestionnairePageFactory(parent=campaign, slug="free")  # single-line and multi-line questions only
    client.force_login(editor)
    response = client.get(URL, {"campaign": campaign.pk})
    assert response.status_code == 200
    assert "无选择题" in response.content.decode()


# -- the screen, exports and permissions ----------------------------------------------


def test_the_dashboard_draws_its_tables_and_charts(client, editor, figures):
    client.force_login(editor)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="chart-participation"' in html and 'id="chart-loans_by_month"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert 'id="dashboard-charts"' in html
    assert "平凡的世界" in html


def test_exports_csv_and_xlsx_hold_the_same_rows(client, editor, figures):
    client.force_login(editor)
    response = client.get(URL, {"export": "csv", "table": "most_borrowed"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "平凡的世界,路遥,2" in text
    response = client.get(URL, {"export": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 6
    sheet = workbook.worksheets[4]
    assert sheet.title == "借阅最多的图书"
    assert ["平凡的世界", "路遥", 2] in [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]


def test_an_invented_table_is_not_exported(client, editor):
    client.force_login(editor)
    assert client.get(URL, {"export": "csv", "table": "nope"}, follow=True).status_code == 404


def test_export_cells_cannot_run_as_formulas(client, editor, figures):
    BookFactory(title="=HYPERLINK(1)")
    book = BookFactory(title="=1+1", authors="@x")
    loan(editor, book, at(1, 6))
    client.force_login(editor)
    text = client.get(URL, {"export": "csv", "table": "most_borrowed"}).content.decode("utf-8-sig")
    assert "'=1+1,'@x,1" in text
    workbook = load_workbook(io.BytesIO(client.get(URL, {"export": "xlsx", "table": "most_borrowed"}).content))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "=1+1" in values
    assert all(cell.data_type != "f" for row in workbook.active.iter_rows() for cell in row)


@pytest.mark.parametrize(
    "who, status",
    [
        ("anonymous", 302),
        ("employee", 302),  # no admin access: Wagtail sends them to the admin login
        ("librarian", 403),
        ("reviewer", 403),
        ("editor", 200),
        ("leadership", 200),
        ("superuser", 200),
    ],
)
def test_who_sees_the_dashboard(client, make_user, superuser, who, status):
    users = {
        "employee": lambda: make_user(),
        "librarian": lambda: make_user("书屋管理员"),
        "reviewer": lambda: make_user("初审"),
        "editor": lambda: make_user("宣传编辑"),
        "leadership": lambda: make_user("领导小组"),
        "superuser": lambda: superuser,
    }
    if who != "anonymous":
        client.force_login(users[who]())
    assert client.get(URL).status_code == status
    if status == 200:
        assert client.get(URL, {"export": "xlsx"}).status_code == 200


def test_the_leadership_group_may_only_read():
    leadership = Group.objects.get(name="领导小组")
    codenames = set(leadership.permissions.values_list("codename", flat=True))
    assert codenames == {"access_admin", "view_dashboard", "view_campaignreport"}


def test_menu_shows_the_dashboard_only_to_those_who_may_see_it(client, make_user):
    client.force_login(make_user("宣传编辑"))
    assert reverse("reports_dashboard") in client.get("/admin/").content.decode()
    client.force_login(make_user("书屋管理员"))
    assert reverse("reports_dashboard") not in client.get("/admin/").content.decode()


def _add_year(users_per_department, make_user, offset):
    books = [BookFactory() for _ in range(3)]
    for d in range(3):
        department = DepartmentFactory(name=f"科室{offset}-{d}", headcount=10)
        for u in range(users_per_department):
            user = make_user(department=department)
            for book in books:
                loan(user, book, at(1, 2 + u % 20))
            ReadingNoteFactory(author=user, book=books[0], first_published_at=at(2, 1), submitted_at=at(2, 1))


def test_query_count_does_not_grow_with_the_data(client, editor, make_user, campaign, survey):
    client.force_login(editor)

    def count():
        client.get(URL, {"campaign": campaign.pk})
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"campaign": campaign.pk}).status_code == 200
        return len(captured.captured_queries)

    _add_year(2, make_user, 0)
    small = count()
    _add_year(8, make_user, 1)
    assert count() == small
    assert small <= 30  # auth and session, the campaign list, ~2 per table, 3 per questionnaire
