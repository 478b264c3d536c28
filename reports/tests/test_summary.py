"""The summary report (总结评估报告): drafted from the facts, edited, exported as .docx and printed."""

import datetime
import io

import pytest
from django.utils import timezone
from docx import Document

from booklists.factories import BookFactory
from campaigns.factories import CampaignPageFactory, EventIndexPageFactory, EventPageFactory
from loans.factories import CopyFactory, ReadingRoomFactory
from loans.models import Loan
from notes.factories import ReadingNoteFactory
from people.factories import DepartmentFactory
from reports import summary
from reports.models import CampaignReport

pytestmark = pytest.mark.django_db


def at(day):
    return timezone.make_aware(datetime.datetime(2025, 4, day, 10, 0))


@pytest.fixture
def book_month(campaign_index, make_user):
    """The 2025 读书月 (4.1–4.30): 2 of 办公室's 4 take part, 0 of 财务处's 5; one event; 3 loans, 1 note."""
    campaign = CampaignPageFactory(
        parent=campaign_index,
        slug="dushuyue",
        title="2025年读书月",
        theme="书香润机关",
        organiser="机关工会",
        start_date=datetime.date(2025, 4, 1),
        end_date=datetime.date(2025, 4, 30),
    )
    events = EventIndexPageFactory(parent=campaign, slug="events")
    EventPageFactory(
        parent=events,
        title="《平凡的世界》读书分享会",
        place="三楼会议室",
        start_time=at(23),
        end_time=at(23) + datetime.timedelta(hours=2),
    )
    office = DepartmentFactory(name="办公室", headcount=4)
    DepartmentFactory(name="财务处", headcount=5)
    room = ReadingRoomFactory(name="机关职工书屋")
    wang, li = make_user(real_name="王芳", department=office), make_user(real_name="李强", department=office)
    for user, day in ((wang, 2), (wang, 5), (li, 8)):
        book = BookFactory()
        Loan.objects.create(
            copy=CopyFactory(book=book, home_room=room),
            borrower=user,
            book=book,
            lent_at=at(day),
            due_on=(at(day) + datetime.timedelta(days=30)).date(),
            returned_at=at(day) + datetime.timedelta(days=12),
        )
    ReadingNoteFactory(author=wang, first_published_at=at(20), submitted_at=at(19))
    return campaign


def test_facts_and_draft_state_the_hand_counted_figures(book_month):
    facts = summary.facts(book_month)
    assert (facts.board.participants, facts.board.headcount, facts.loans, len(facts.events)) == (2, 9, 3, 1)
    text = summary.draft(book_month, facts)
    assert "全体9名职工中，2人参与，参与率22.2%" in text["situation"]
    assert "主题为“书香润机关”" in text["situation"]
    assert "共举办活动1场" in text["practices"] and "《平凡的世界》读书分享会" in text["practices"]
    assert "职工共借阅图书3册次" in text["results"] and "参与率最高的是办公室（50.0%）" in text["results"]
    assert "参与率最低的是财务处（0.0%）" in text["problems"]


def test_a_campaign_with_no_data_gets_a_report_that_says_so(campaign_index, editor):
    empty = CampaignPageFactory(
        parent=campaign_index,
        slug="empty",
        title="空活动",
        start_date=datetime.date(2001, 1, 1),
        end_date=datetime.date(2001, 2, 1),
    )
    report = summary.draft_report(empty, editor)
    assert "本次活动尚无借阅、读书心得、活动或表彰记录。" in report.situation
    assert report.practices == "本次活动未举办线下活动。"
    document = Document(io.BytesIO(summary.word_document(report)))
    assert "空活动总结评估报告" in document.paragraphs[0].text


def test_drafting_again_keeps_what_the_editors_wrote(book_month, editor):
    report = summary.draft_report(book_month, editor)
    report.problems = "编辑写的问题。"
    report.next_steps = ""
    report.save()
    again = summary.draft_report(book_month, editor)
    assert again.problems == "编辑写的问题。"
    assert CampaignReport.objects.count() == 1


def test_the_word_document_has_the_six_parts_the_figures_and_the_department_table(book_month, editor):
    report = summary.draft_report(book_month, editor)
    report.next_steps = "明年继续开展读书月活动。"
    report.save()
    document = Document(io.BytesIO(summary.word_document(report)))
    text = "\n".join(p.text for p in document.paragraphs)
    for heading in ("一、基本情况", "二、主要做法", "三、取得成效", "四、表彰情况", "五、存在问题", "六、下一步打算"):
        assert heading in text
    assert "明年继续开展读书月活动。" in text
    assert "机关工会" in text  # the organisation signs the report
    figures = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert figures["参与人数"] == "2" and figures["参与率"] == "22.2%" and figures["借阅"] == "3"
    departments = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert ["办公室", "4", "2", "50.0"] in departments
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert "PAGE" in section.footer._element.xml  # page numbers
    assert 'w:eastAsia="仿宋"' in document.element.xml or 'w:eastAsia="黑体"' in document.element.xml


def test_editors_draft_edit_and_download(client, editor, book_month):
    client.force_login(editor)
    url = f"/admin/reports/summary/{book_month.pk}/"
    assert "根据数据起草报告" in client.get(url).content.decode()
    response = client.post(url, {"draft": "1"})
    assert response.status_code == 302
    report = CampaignReport.objects.get(campaign=book_month)
    fields = {name: getattr(report, name) for name in CampaignReport.SECTIONS}
    fields["next_steps"] = "继续办好职工书屋。"
    assert client.post(url, fields).status_code == 302
    report.refresh_from_db()
    assert report.next_steps == "继续办好职工书屋。" and report.updated_by == editor
    response = client.get(url + "report.docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "继续办好职工书屋。" in "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    printable = client.get(url + "print/").content.decode()
    assert "2025年读书月总结评估报告" in printable and "继续办好职工书屋。" in printable


def test_a_too_long_text_is_refused_and_kept(client, editor, book_month):
    client.force_login(editor)
    url = f"/admin/reports/summary/{book_month.pk}/"
    client.post(url, {"draft": "1"})
    fields = dict.fromkeys(CampaignReport.SECTIONS, "")
    fields["problems"] = "太长" * 6000
    response = client.post(url, fields)
    assert response.status_code == 200
    assert response.context["form"].errors["problems"]
    assert response.context["form"]["problems"].value() == "太长" * 6000


@pytest.mark.parametrize(
    "group, can_read, can_edit",
    [("宣传编辑", True, True), ("领导小组", True, False), ("初审", False, False), ("书屋管理员", False, False)],
)
def test_who_reads_and_who_edits_the_report(client, make_user, editor, book_month, group, can_read, can_edit):
    summary.draft_report(book_month, editor)
    client.force_login(make_user(group))
    url = f"/admin/reports/summary/{book_month.pk}/"
    assert client.get(url).status_code == (200 if can_read else 403)
    assert client.get(url + "report.docx").status_code == (200 if can_read else 403)
    before = CampaignReport.objects.get().situation
    response = client.post(url, dict.fromkeys(CampaignReport.SECTIONS, "改写"))
    assert (response.status_code == 302) == can_edit
    assert (CampaignReport.objects.get().situation == "改写") == can_edit
    if not can_edit:
        assert CampaignReport.objects.get().situation == before
