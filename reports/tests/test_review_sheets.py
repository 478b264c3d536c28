"""信息审查单: the sheet lists the real reviewers of a page published through 三审三校, in order,
with a rejection and the resubmission; the .docx opens with python-docx; who may see them."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.models import ArticlePage
from people import groups

pytestmark = pytest.mark.django_db


def article_data(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "新闻报道导语",
            "date": "2026-04-23",
            "source": "机关工会",
            "author": "宣传科",
            "campaign": "",
            "tags": "读书月",
            "body": streamfield([("paragraph", rich_text("<p>世界读书日，全体干部职工共读一本书。</p>"))]),
            "comments": inline_formset([]),
            "action-submit": "action-submit",
        }
    )


def act(client, user, page, action, comment=""):
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302
    return response


@pytest.fixture
def published_with_rejection(client, editor, reviewers, article_index):
    """Submit, 初审 approves, 复审 returns it, the editor resubmits, 复审 and 终审 approve."""
    client.force_login(editor)
    add = reverse("wagtailadmin_pages:add", args=["campaigns", "articlepage", article_index.pk])
    assert client.post(add, article_data("世界读书日活动报道", "world-book-day")).status_code == 302
    page = ArticlePage.objects.get(slug="world-book-day")
    act(client, reviewers[0], page, "approve", "初审同意")
    act(client, reviewers[1], page, "reject", "请补充活动照片")
    client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.post(edit, article_data("世界读书日活动报道（修改稿）", "world-book-day")).status_code == 302
    act(client, reviewers[1], page, "approve", "复审同意")
    act(client, reviewers[2], page, "approve", "同意发布")
    page.refresh_from_db()
    assert page.live
    client.logout()
    return page


def sheet_url(page):
    return reverse("reports_review_sheet", args=[page.pk])


def test_sheet_lists_every_attempt_in_order(published_with_rejection, editor, reviewers):
    from reports.review_sheets import page_sheets

    (sheet,) = page_sheets(published_with_rejection)
    assert sheet.title == "世界读书日活动报道（修改稿）"
    assert sheet.editor == editor.display_name
    assert sheet.workflow == "三审三校"
    rows = [(row.level, row.person, row.status, row.comment) for row in sheet.rows]
    assert rows == [
        ("初审", reviewers[0].display_name, "approved", "初审同意"),
        ("复审", reviewers[1].display_name, "rejected", "请补充活动照片"),
        ("复审", editor.display_name, "resubmitted", ""),
        ("复审", reviewers[1].display_name, "approved", "复审同意"),
        ("终审", reviewers[2].display_name, "approved", "同意发布"),
    ]
    times = [row.time for row in sheet.rows]
    assert times == sorted(times)
    assert sheet.submitted_at <= times[0]
    assert sheet.published_at == times[-1]


def test_printable_sheet_in_both_languages(client, published_with_rejection, editor, reviewers):
    client.force_login(editor)
    html = client.get(sheet_url(published_with_rejection), headers={"accept-language": "zh-hans"}).content.decode()
    assert "信息审查单" in html
    for text in (
        "初审",
        "复审",
        "终审",
        "退回修改",
        "重新送审",
        "请补充活动照片",
        "同意发布",
        reviewers[2].display_name,
    ):
        assert text in html, text
    positions = [html.index(reviewers[i].display_name) for i in range(3)]
    assert positions == sorted(positions)

    english = client.get(sheet_url(published_with_rejection), headers={"accept-language": "en"}).content.decode()
    for text in ("Content review sheet", "First review", "Second review", "Final review", "Returned for changes"):
        assert text in english, text


def docx_text(content):
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return document, "\n".join(parts)


def test_docx_opens_and_holds_the_names(client, published_with_rejection, editor, reviewers, site):
    from home.models import SiteSettings

    settings = SiteSettings.for_site(site)
    settings.organisation = "某某市机关事务管理局"
    settings.save()
    client.force_login(reviewers[0])
    response = client.get(reverse("reports_review_sheet_docx", args=[published_with_rejection.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    document, text = docx_text(response.content)
    for name in (editor.display_name, *(r.display_name for r in reviewers)):
        assert name in text
    assert "请补充活动照片" in text and "退回修改" in text and "世界读书日活动报道（修改稿）" in text
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert "某某市机关事务管理局" in section.header.paragraphs[0].text
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋"


def test_range_export_holds_every_sheet(client, published_with_rejection, editor, reviewers):
    client.force_login(editor)
    today = timezone.localdate()
    url = reverse("reports_review_sheets")
    listing = client.get(url, {"start": today - datetime.timedelta(days=1), "end": today})
    assert listing.status_code == 200
    assert "世界读书日活动报道（修改稿）" in listing.content.decode()
    response = client.get(url, {"start": today - datetime.timedelta(days=1), "end": today, "format": "docx"})
    assert response.status_code == 200
    _document, text = docx_text(response.content)
    assert reviewers[2].display_name in text

    # A period without publications: a document that says so.
    response = client.get(url, {"start": "2020-01-01", "end": "2020-12-31", "format": "docx"})
    _document, text = docx_text(response.content)
    assert "没有经三审三校发布的页面" in text


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-05-01", "2026-04-01", "结束日期早于开始日期"),
        ("2019-01-01", "2026-01-01", "时间范围最长5年"),
        ("2026-02-30", "2026-03-01", "有效的日期"),
    ],
)
def test_bad_ranges_are_refused_with_a_clear_message(client, editor, start, end, message):
    client.force_login(editor)
    response = client.get(reverse("reports_review_sheets"), {"start": start, "end": end, "format": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert message in html
    assert f'value="{start}"' in html or start == "2026-02-30"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("editor", True),
        ("reviewer_1", True),
        ("reviewer_2", True),
        ("reviewer_3", True),
        ("superuser", True),
        ("librarian", False),
        ("moderator", False),
    ],
)
def test_who_may_see_review_sheets(request, client, published_with_rejection, make_user, role, allowed):
    if role == "librarian":
        user = make_user(groups.LIBRARIANS)
    elif role == "moderator":
        user = make_user(groups.NOTE_MODERATORS)
    else:
        user = request.getfixturevalue(role)
    client.force_login(user)
    for url in (
        sheet_url(published_with_rejection),
        reverse("reports_review_sheet_docx", args=[published_with_rejection.pk]),
        reverse("reports_review_sheets"),
    ):
        assert client.get(url).status_code == (200 if allowed else 403), url


def test_employee_and_anonymous_are_sent_to_the_login(client, published_with_rejection, employee):
    for user in (None, employee):
        if user:
            client.force_login(user)
        response = client.get(sheet_url(published_with_rejection))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_page_buttons_and_menu(client, published_with_rejection, editor, make_user):
    client.force_login(editor)
    explore = client.get(reverse("wagtailadmin_explore", args=[published_with_rejection.get_parent().pk]))
    assert sheet_url(published_with_rejection) in explore.content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[published_with_rejection.pk]))
    assert sheet_url(published_with_rejection) in edit.content.decode()
    home = client.get(reverse("wagtailadmin_home"))
    assert reverse("reports_review_sheets") in home.content.decode()

    client.force_login(make_user(groups.LIBRARIANS))
    assert reverse("reports_review_sheets") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_unpublished_page_has_no_sheet_yet(client, editor, article_index):
    from campaigns.factories import ArticlePageFactory

    page = ArticlePageFactory(parent=article_index, slug="draft", title="草稿报道", live=False)
    client.force_login(editor)
    html = client.get(sheet_url(page)).content.decode()
    assert "尚未经三审三校发布" in html


def test_sheets_of_many_pages_take_a_fixed_number_of_queries(
    client, editor, reviewers, article_index, django_assert_max_num_queries
):
    from wagtail.models import Workflow

    from campaigns.factories import ArticlePageFactory
    from reports.review_sheets import published_between, sheets_for

    workflow = Workflow.objects.get(name="三审三校")

    def publish(count, start):
        for i in range(start, start + count):
            page = ArticlePageFactory(parent=article_index, slug=f"p{i}", title=f"报道{i}", live=False)
            page.save_revision(user=editor)
            state = workflow.start(page, editor)
            for reviewer in reviewers:
                state.refresh_from_db()
                state.current_task_state.approve(user=reviewer, comment="同意")
                state = WorkflowState.objects.get(pk=state.pk)

    today = timezone.localdate()
    publish(2, 0)
    with django_assert_max_num_queries(6):
        assert len(sheets_for(published_between(today, today))) == 2
    publish(8, 2)
    with django_assert_max_num_queries(6):
        sheets = sheets_for(published_between(today, today))
    assert len(sheets) == 10
    assert all(sheet.reviewers() == [r.display_name for r in reviewers] for sheet in sheets)


def test_index_and_refusal_in_both_languages(client, published_with_rejection, editor, make_user):
    today = timezone.localdate().isoformat()
    client.force_login(editor)
    url = reverse("reports_review_sheets")
    english = client.get(url, {"start": today, "end": today}, headers={"accept-language": "en"}).content.decode()
    assert "1 page published from" in english and "Download as Word" in english
    chinese = client.get(url, {"start": today, "end": today}, headers={"accept-language": "zh-hans"}).content.decode()
    assert "共发布1个页面" in chinese and "导出Word文档" in chinese

    client.force_login(make_user(groups.LIBRARIANS))
    refused = client.get(url, headers={"accept-language": "zh-hans"})
    assert refused.status_code == 403
    assert "只有宣传编辑、初审、复审、终审人员和系统管理员可以查看信息审查单" in refused.content.decode()
