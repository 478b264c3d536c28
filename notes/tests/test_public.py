"""读书心得 on the public site and their moderation in the admin.

The whole path goes through the HTTP views: the public form (draft, submit,
edit, resubmit), the admin workflow action URL (request changes with a reason,
approve) and the admin 标为优秀 view. Then the permission matrix, the limits
(with the messages next to the fields and the typed text kept) and the query
budgets of the public pages.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from booklists.factories import BookFactory, CataloguePageFactory
from loans.factories import LoanFactory
from notes import services as note_services
from notes.models import NoteLike, NotesIndexPage, NoteStatus, ReadingNote, note_status
from people import groups
from people.factories import DepartmentFactory

pytestmark = pytest.mark.django_db

BODY = "<p>" + "读书使人明智，这本书让我对工作和生活有了新的认识。" * 3 + "</p><h3>体会</h3><ul><li>坚持阅读</li></ul>"
QUERY_BUDGET = 15


# --- fixtures and helpers ------------------------------------------------------


@pytest.fixture
def book(db):
    return BookFactory(title="红楼梦", authors="曹雪芹")


@pytest.fixture
def catalogue(home_page):
    return CataloguePageFactory(parent=home_page)


@pytest.fixture
def notes_index(home_page):
    page = NotesIndexPage(title="读书心得", slug="notes")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def author(make_user):
    return make_user(real_name="李明", department=DepartmentFactory(name="办公室"))


@pytest.fixture
def colleague(make_user):
    return make_user(real_name="王芳")


@pytest.fixture
def moderator(make_user):
    return make_user(groups.NOTE_MODERATORS, real_name="审核员")


def form_data(book, campaign=None, **extra):
    data = {
        "title": "读《红楼梦》有感",
        "book": book.pk,
        "book_query": book.title,
        "campaign": campaign.pk if campaign else "",
        "quote": "满纸荒唐言，一把辛酸泪。",
        "body": BODY,
    }
    data.update(extra)
    return data


def write_url():
    return reverse("notes:write")


def detail_url(note):
    return reverse("notes:detail", args=[note.pk])


def edit_url(note):
    return reverse("notes:edit", args=[note.pk])


def workflow_action(client, user, note, action, comment=""):
    """POST a moderation action through the admin, as Wagtail's Approve / Request changes buttons do."""
    note = ReadingNote.objects.get(pk=note.pk)
    task_state = note.current_workflow_state.current_task_state
    client.force_login(user)
    url = reverse("wagtailsnippets_notes_readingnote:workflow_action", args=[note.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def published_note(author, book, moderator, campaign=None, title="读书心得", excellent=False):
    cache.clear()  # the hourly submission limit
    note = note_services.save_note(author, book=book, title=title, body=BODY, campaign=campaign, submit=True)
    task_state = note.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    note.refresh_from_db()
    if excellent:
        note_services.mark_excellent(note, moderator)
    return note


def text(response):
    return response.content.decode()


# --- the whole path ------------------------------------------------------------


def test_draft_submit_return_edit_resubmit_approve_excellent(
    client, author, colleague, moderator, book, campaign, catalogue, notes_index
):
    client.force_login(author)
    response = client.get(write_url())
    assert response.status_code == 200
    assert campaign.title in text(response)  # its 实施 phase is open today

    # 1. A draft.
    response = client.post(write_url(), {**form_data(book, campaign), "draft": "1"})
    note = ReadingNote.objects.get(author=author)
    assert response.status_code == 302 and response["Location"] == edit_url(note)
    assert note_status(note) == NoteStatus.DRAFT and not note.live
    assert note.campaign_id == campaign.pk and note.book_id == book.pk

    # Nobody else sees the draft: 404, not 403.
    client.logout()
    assert client.get(detail_url(note)).status_code == 404
    client.force_login(colleague)
    assert client.get(detail_url(note)).status_code == 404
    assert client.get(edit_url(note)).status_code == 404
    client.force_login(author)
    assert client.get(detail_url(note)).status_code == 200

    # 2. Submitted for review.
    response = client.post(edit_url(note), {**form_data(book, campaign), "submit": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("notes:mine")
    note.refresh_from_db()
    assert note_status(note) == NoteStatus.PENDING
    assert "badge--note-pending" in text(client.get(reverse("notes:mine")))
    # While it waits, the author cannot change it.
    assert client.get(edit_url(note)).status_code == 302

    # 3. The moderator asks for changes, with a reason.
    reason = "请结合书中具体情节谈谈体会。"
    response = workflow_action(client, moderator, note, "reject", comment=reason)
    assert response.status_code in (200, 302)
    note.refresh_from_db()
    assert note_status(note) == NoteStatus.RETURNED and not note.live

    # The author sees the reason on 我的心得 and above the form.
    client.force_login(author)
    assert reason in text(client.get(reverse("notes:mine")))
    response = client.get(edit_url(note))
    assert reason in text(response)

    # 4. Edited and submitted again.
    response = client.post(
        edit_url(note), {**form_data(book, campaign, title="读《红楼梦》有感（修改稿）"), "submit": "1"}
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note_status(note) == NoteStatus.PENDING

    # 5. Approved: published for everyone.
    workflow_action(client, moderator, note, "approve")
    note.refresh_from_db()
    assert note.live and note.title == "读《红楼梦》有感（修改稿）"
    assert note_status(note) == NoteStatus.PUBLISHED
    client.logout()
    response = client.get(detail_url(note))
    assert response.status_code == 200
    assert "读《红楼梦》有感（修改稿）" in text(response) and "李明" in text(response) and "办公室" in text(response)
    assert "<h3>体会</h3>" in text(response)  # rich text, through render_user_html
    assert f"{catalogue.url}{book.pk}/" in text(response)
    assert note.title in text(client.get(notes_index.url))
    assert note.title in text(client.get(f"{catalogue.url}{book.pk}/"))  # the book page's notes panel

    # 6. 优秀, through the admin view.
    client.force_login(moderator)
    url = reverse("notes_excellent", args=[note.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"excellent": "1"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.is_excellent and note_status(note) == NoteStatus.EXCELLENT
    client.logout()
    assert "badge--excellent" in text(client.get(detail_url(note)))
    assert note.title in text(client.get("/zh-hans/"))
    assert note.title in text(client.get(campaign.url))
    assert note.title in text(client.get(notes_index.url + "?excellent=1"))


def test_editing_a_published_note_keeps_the_published_version_until_approved(
    client, author, moderator, book, catalogue
):
    note = published_note(author, book, moderator, title="原来的标题")
    client.force_login(author)
    response = client.get(edit_url(note))
    assert "badge--note-published" in text(response)
    assert "note-status--published" in text(response)  # "修改后需重新审核，审核通过前仍显示已发布的版本"
    cache.clear()
    response = client.post(edit_url(note), {**form_data(book, title="修改后的标题"), "submit": "1"})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.live and note.title == "原来的标题"
    assert note_status(note) == NoteStatus.PENDING

    client.logout()
    response = client.get(detail_url(note))
    assert "原来的标题" in text(response) and "修改后的标题" not in text(response)

    # The author edits the newest version, not the published one (after it is returned).
    workflow_action(client, moderator, note, "reject", comment="再改改")
    client.force_login(author)
    assert 'value="修改后的标题"' in text(client.get(edit_url(note)))

    cache.clear()
    client.post(edit_url(note), {**form_data(book, title="修改后的标题"), "submit": "1"})
    workflow_action(client, moderator, note, "approve")
    note.refresh_from_db()
    assert note.title == "修改后的标题"
    client.logout()
    assert "修改后的标题" in text(client.get(detail_url(note)))


# --- permissions ---------------------------------------------------------------


def test_permission_matrix_for_unpublished_notes(client, author, colleague, moderator, book):
    cache.clear()
    note = note_services.save_note(author, book=book, title="待审核的心得", body=BODY, submit=True)
    client.logout()
    assert client.get(detail_url(note)).status_code == 404
    assert client.get(edit_url(note)).status_code == 302  # login first
    client.force_login(colleague)
    assert client.get(detail_url(note)).status_code == 404
    assert client.get(edit_url(note)).status_code == 404
    client.force_login(moderator)
    assert client.get(detail_url(note)).status_code == 200  # moderators read what they review
    assert client.get(edit_url(note)).status_code == 404  # but edit only their own on the public site
    client.force_login(author)
    assert client.get(detail_url(note)).status_code == 200
    assert client.get(reverse("notes:detail", args=[note.pk + 1000])).status_code == 404


def test_published_notes_are_edited_only_by_their_author(client, author, colleague, moderator, book):
    note = published_note(author, book, moderator)
    client.force_login(colleague)
    assert client.get(detail_url(note)).status_code == 200
    assert client.get(edit_url(note)).status_code == 404
    assert client.post(edit_url(note), {**form_data(book), "submit": "1"}).status_code == 404


def test_only_moderators_approve_and_never_their_own_note(client, make_user, colleague, moderator, book):
    other_moderator = make_user(groups.NOTE_MODERATORS, real_name="另一位审核员")
    cache.clear()
    own = note_services.save_note(moderator, book=book, title="审核员自己的心得", body=BODY, submit=True)

    # An employee outside the group cannot approve.
    workflow_action(client, colleague, own, "approve")
    own.refresh_from_db()
    assert not own.live and note_status(own) == NoteStatus.PENDING

    # The author cannot approve their own note, even as a moderator.
    task_state = own.current_workflow_state.current_task_state
    assert task_state.task.specific.get_actions(own, moderator) == []
    workflow_action(client, moderator, own, "approve")
    own.refresh_from_db()
    assert not own.live and note_status(own) == NoteStatus.PENDING
    assert not task_state.task.specific.get_task_states_user_can_moderate(moderator).filter(pk=task_state.pk).exists()

    # Another moderator can.
    workflow_action(client, other_moderator, own, "approve")
    own.refresh_from_db()
    assert own.live
    assert TaskState.objects.filter(pk=task_state.pk, status=TaskState.STATUS_APPROVED).exists()


def test_only_moderators_mark_excellent(client, author, colleague, moderator, book):
    note = published_note(author, book, moderator)
    url = reverse("notes_excellent", args=[note.pk])
    client.force_login(colleague)
    assert client.post(url, {"excellent": "1"}).status_code in (302, 403)
    note.refresh_from_db()
    assert not note.is_excellent
    client.force_login(moderator)
    client.post(url, {"excellent": "1"})
    note.refresh_from_db()
    assert note.is_excellent
    client.post(url, {"excellent": "0"})
    note.refresh_from_db()
    assert not note.is_excellent


def test_moderators_get_the_listing_and_the_workflow_buttons_but_no_add(client, author, moderator, book):
    cache.clear()
    note = note_services.save_note(author, book=book, title="等待审核", body=BODY, submit=True)
    client.force_login(moderator)
    listing = client.get(reverse("wagtailsnippets_notes_readingnote:list"))
    assert listing.status_code == 200 and "等待审核" in text(listing)
    assert reverse("wagtailsnippets_notes_readingnote:add") not in text(listing)
    assert client.get(reverse("wagtailsnippets_notes_readingnote:add")).status_code in (302, 403)
    edit = text(client.get(reverse("wagtailsnippets_notes_readingnote:edit", args=[note.pk])))
    assert 'name="approve"' in edit and 'name="reject"' in edit
    preview = client.get(reverse("wagtailsnippets_notes_readingnote:preview_on_edit", args=[note.pk]))
    assert preview.status_code == 200
    history = client.get(reverse("wagtailsnippets_notes_readingnote:history", args=[note.pk]))
    assert history.status_code == 200
    filtered = client.get(reverse("wagtailsnippets_notes_readingnote:list") + "?live=false")
    assert filtered.status_code == 200 and "等待审核" in text(filtered)
    found = client.get(reverse("wagtailsnippets_notes_readingnote:list"), {"q": "等待"})  # CJK search
    assert found.status_code == 200 and "等待审核" in text(found)


def test_likes_count_once_and_need_a_login(client, author, colleague, moderator, book):
    note = published_note(author, book, moderator)
    like_url = reverse("notes:like", args=[note.pk])
    client.logout()
    response = client.post(like_url)
    assert response.status_code == 302 and reverse("people:login") in response["Location"]
    assert client.get(like_url).status_code == 405

    client.force_login(colleague)
    client.post(like_url)
    client.post(like_url)
    note.refresh_from_db()
    assert note.like_count == 1 and NoteLike.objects.filter(note=note).count() == 1
    assert "note-like__done" in text(client.get(detail_url(note)))  # shown as liked

    cache.clear()
    draft = note_services.save_note(author, book=book, title="草稿", body=BODY)
    assert client.post(reverse("notes:like", args=[draft.pk])).status_code == 404


def test_reads_are_counted_for_published_notes(client, author, colleague, moderator, book):
    note = published_note(author, book, moderator)
    client.force_login(colleague)
    client.get(detail_url(note))
    client.get(detail_url(note))
    note.refresh_from_db()
    assert note.read_count == 2


# --- limits: messages next to the fields, typed text kept ------------------------


def test_too_short_body_keeps_what_was_typed(client, author, book):
    client.force_login(author)
    body = "<p>" + "字" * 49 + "</p>"
    response = client.post(write_url(), {**form_data(book, title="我的标题"), "body": body, "submit": "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "49" in errors["body"][0] and "50" in errors["body"][0]
    assert "字" * 49 in text(response) and 'value="我的标题"' in text(response)
    assert "满纸荒唐言" in text(response)
    assert not ReadingNote.objects.exists()


def test_too_long_body_and_title(client, author, book):
    client.force_login(author)
    body = "<p>" + "长" * 20_001 + "</p>"
    title = "题" * 101
    response = client.post(write_url(), {**form_data(book), "title": title, "body": body, "draft": "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "20001" in errors["body"][0].replace(",", "")
    assert "101" in errors["title"][0] and "100" in errors["title"][0]
    assert title in text(response) and "长" * 20_001 in text(response)
    assert not ReadingNote.objects.exists()


def test_no_book_chosen(client, author, book):
    client.force_login(author)
    response = client.post(write_url(), {**form_data(book), "book": "", "book_query": "红楼", "submit": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["book"]
    assert 'value="红楼"' in text(response)


def test_eleventh_submission_in_an_hour(client, author, book):
    cache.clear()
    client.force_login(author)
    for i in range(10):
        response = client.post(write_url(), {**form_data(book, title=f"第{i}篇"), "submit": "1"})
        assert response.status_code == 302
    response = client.post(write_url(), {**form_data(book, title="第十一篇"), "submit": "1"})
    assert response.status_code == 200
    assert "10" in " ".join(response.context["form"].non_field_errors())
    assert 'value="第十一篇"' in text(response) and "读书使人明智" in text(response)
    assert ReadingNote.objects.count() == 10
    # A draft is still allowed.
    response = client.post(write_url(), {**form_data(book, title="第十一篇"), "draft": "1"})
    assert response.status_code == 302


def test_plain_paragraphs_without_javascript(client, author, book):
    client.force_login(author)
    body = "第一段" + "文字" * 30 + "\r\n\r\n第二段<script>alert(1)</script>" + "文字" * 10
    client.post(write_url(), {**form_data(book), "body": body, "draft": "1"})
    note = ReadingNote.objects.get()
    assert note.body.startswith("<p>第一段") and note.body.count("<p>") == 2
    assert "<script>" not in note.body


def test_hostile_html_is_cleaned(client, author, colleague, moderator, book):
    client.force_login(author)
    body = BODY + '<p><a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)><b onclick="x()">粗</b></p>'
    client.post(write_url(), {**form_data(book), "body": body, "draft": "1"})
    note = ReadingNote.objects.get()
    response = client.get(detail_url(note))
    page = text(response)
    assert "javascript:" not in page and "onerror" not in page and "onclick" not in page


# --- the form's helpers --------------------------------------------------------


def test_only_campaigns_in_their_implementation_phase_are_offered(
    client, author, campaign_index, campaign_page_factory, book
):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    campaign_page_factory(
        parent=campaign_index,
        slug="old",
        title="往年活动",
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=300),
    )
    running = campaign_page_factory(parent=campaign_index, slug="now", title="今年活动")
    client.force_login(author)
    response = client.get(write_url())
    assert "今年活动" in text(response) and "往年活动" not in text(response)
    response = client.post(write_url(), {**form_data(book), "campaign": "999999", "draft": "1"})
    assert response.status_code == 200 and response.context["form"].errors["campaign"]
    assert running.pk


def test_book_search_understands_chinese(client, book):
    BookFactory(title="读书笔记十讲", authors="张三")
    response = client.get(reverse("notes:book_search"), {"q": "笔记"})
    titles = [result["title"] for result in response.json()["results"]]
    assert "读书笔记十讲" in titles
    assert client.get(reverse("notes:book_search"), {"q": ""}).json() == {"results": []}


def test_write_with_a_book_preselected(client, author, book):
    client.force_login(author)
    response = client.get(write_url() + f"?book={book.pk}")
    assert f'value="{book.pk}"' in text(response) and "红楼梦" in text(response)


def test_my_notes_lists_statuses(client, author, moderator, book):
    cache.clear()
    note_services.save_note(author, book=book, title="草稿一篇", body=BODY)
    published_note(author, book, moderator, title="已发布一篇")
    published_note(author, book, moderator, title="优秀一篇", excellent=True)
    client.force_login(author)
    page = text(client.get(reverse("notes:mine")))
    for status in ("draft", "published", "excellent"):
        assert f"badge--note-{status}" in page


# --- 借阅后撰写: the author borrowed the book -------------------------------------

VERIFIED = 'class="badge badge--verified"'


def card_of(page, title):
    """The HTML of the note card whose title is `title` on a listing page."""
    cards = [card for card in page.split('<li class="note-card')[1:] if f">{title}</a>" in card]
    assert len(cards) == 1, title
    return cards[0].split("</li>")[0]


def test_verified_reader_badge(client, make_user, author, colleague, moderator, book, catalogue, notes_index):
    other_book = BookFactory(title="围城")
    returned = timezone.now() - datetime.timedelta(days=3)
    LoanFactory(borrower=author, copy__book=book, returned_at=returned)  # had it: returned counts too
    LoanFactory(borrower=colleague, copy__book=other_book)  # a loan of another book does not
    LoanFactory(borrower=make_user(), copy__book=book)  # nor somebody else's loan of this book
    by_reader = published_note(author, book, moderator, title="借过这本书")
    by_colleague = published_note(colleague, book, moderator, title="没借过这本书")

    client.logout()
    page = text(client.get(detail_url(by_reader)))
    assert VERIFIED in page and "借阅后撰写" in page
    assert VERIFIED not in text(client.get(detail_url(by_colleague)))

    for url in (notes_index.url, f"{catalogue.url}{book.pk}/"):  # the index cards, the book page's panel
        page = text(client.get(url))
        assert VERIFIED in card_of(page, "借过这本书"), url
        assert VERIFIED not in card_of(page, "没借过这本书"), url

    client.force_login(author)
    assert text(client.get(reverse("notes:mine"))).count(VERIFIED) == 1
    client.force_login(colleague)
    assert VERIFIED not in text(client.get(reverse("notes:mine")))

    # English has its own words for it.
    client.logout()
    page = text(client.get(detail_url(by_reader), headers={"accept-language": "en"}))
    assert VERIFIED in page


def test_verified_is_annotated_not_queried_per_note(author, colleague, moderator, book):
    LoanFactory(borrower=author, copy__book=book)
    for i in range(3):
        published_note(author, book, moderator, title=f"借阅后 {i}")
        published_note(colleague, book, moderator, title=f"未借阅 {i}")
    with CaptureQueriesContext(connection) as queries:
        notes = list(ReadingNote.objects.listing())
        verified = {note.title: note.verified for note in notes}
    assert len(queries) == 1
    assert verified == {**{f"借阅后 {i}": True for i in range(3)}, **{f"未借阅 {i}": False for i in range(3)}}


# --- query budgets -------------------------------------------------------------


def count_queries(client, url):
    client.get(url)  # warm the caches a running site keeps warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_budgets_do_not_grow_with_the_data(
    client, make_user, author, colleague, moderator, book, campaign, catalogue, notes_index
):
    authors = [author, colleague] + [make_user(department=DepartmentFactory()) for _ in range(3)]
    for reader in authors[::2]:  # some of the notes carry the 借阅后撰写 badge
        LoanFactory(borrower=reader, copy__book=book)
    first = published_note(author, book, moderator, campaign=campaign, excellent=True)
    published_note(colleague, book, moderator)  # 我的心得 lists one note before, several after
    client.force_login(colleague)
    urls = {
        "index": notes_index.url,
        "note": detail_url(first),
        "book": f"{catalogue.url}{book.pk}/",
        "campaign": campaign.url,
        "home": "/zh-hans/",
        "mine": reverse("notes:mine"),
    }
    small = {name: count_queries(client, url) for name, url in urls.items()}
    for i in range(24):
        published_note(authors[i % len(authors)], book, moderator, campaign=campaign, excellent=i % 4 == 0)
    note_services.like(first, colleague)
    large = {name: count_queries(client, url) for name, url in urls.items()}
    assert large == small
    assert "badge--verified" in text(client.get(notes_index.url))
    client.logout()
    del urls["mine"]
    anonymous = {name: count_queries(client, url) for name, url in urls.items()}
    # The notes' own pages are within the budget; the others add one query each for their notes block.
    for name in ("index", "note"):
        assert large[name] <= QUERY_BUDGET and anonymous[name] <= QUERY_BUDGET, (large, anonymous)
    assert large["mine"] <= QUERY_BUDGET, large
    print("queries (employee, anonymous):", large, anonymous)
    # The listing really shows 20 notes.
    assert len(re.findall(r'class="note-card[ "]', text(client.get(notes_index.url)))) == 20


# --- the audit's permission rows (issue 9: items 1–4) ----------------------------------


def snippet_url(name, note):
    return reverse(f"wagtailsnippets_notes_readingnote:{name}", args=[note.pk])


def admin_form(note, **changes):
    """What the note's admin edit form would post: the fields as they are, with `changes`."""
    return {
        "title": note.title,
        "book": note.book_id,
        "campaign": note.campaign_id or "",
        "quote": note.quote,
        "body": note.body,
        **changes,
    }


def revision_users(note):
    return set(note.revisions.values_list("user_id", flat=True))


@pytest.mark.parametrize("state", ["draft", "pending", "published"])
def test_moderators_cannot_change_or_submit_what_an_employee_wrote(client, author, moderator, book, state):
    """Item 1: editing another employee's note in the admin, then submitting and approving it, changes nothing."""
    cache.clear()
    if state == "published":
        note = published_note(author, book, moderator, title="作者写的标题")
    else:
        note = note_services.save_note(author, book=book, title="作者写的标题", body=BODY, submit=state == "pending")
    client.force_login(moderator)
    forged = admin_form(note, title="审核员代写的标题")
    for action in ("action-submit", "action-publish", "action-edit"):
        response = client.post(snippet_url("edit", note), {**forged, action: action})
        assert response.status_code in (302, 403, 404)
    note.refresh_from_db()
    assert revision_users(note) == {author.pk}
    if state == "pending":
        # The moderator's approve button posts the edit form: the note is approved as the author wrote it.
        response = client.post(
            snippet_url("edit", note),
            {**forged, "action-workflow-action": "true", "workflow-action-name": "approve"},
        )
        assert response.status_code == 302
    note.refresh_from_db()
    assert note.title == "作者写的标题" and revision_users(note) == {author.pk}
    assert note.get_latest_revision_as_object().title == "作者写的标题"
    assert note.live is (state != "draft")
    client.logout()
    if note.live:
        assert "审核员代写的标题" not in text(client.get(detail_url(note)))


def test_the_admin_note_screen_is_read_only(client, author, moderator, book):
    cache.clear()
    note = note_services.save_note(author, book=book, title="待审核", body=BODY, submit=True)
    client.force_login(moderator)
    page = text(client.get(snippet_url("edit", note)))
    assert 'name="title"' not in page and 'name="body"' not in page
    assert 'name="action-submit"' not in page and "action-save" not in page


def test_a_revision_the_author_did_not_write_is_never_published(author, moderator, make_user, book):
    """Item 1, model depth: whatever path publishes, only the author's text goes live."""
    other_moderator = make_user(groups.NOTE_MODERATORS)
    cache.clear()
    note = note_services.save_note(author, book=book, title="作者原文", body=BODY, submit=True)
    note.title = "代写"
    ghost = note.save_revision(user=moderator)

    # The one who wrote that revision has nothing to approve.
    task_state = ReadingNote.objects.get(pk=note.pk).current_workflow_state.current_task_state
    task = task_state.task.specific
    assert "approve" not in [name for name, _label, _modal in task.get_actions(note, moderator)]
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, moderator, "approve")
    # Another moderator may return it, but not approve it.
    assert [name for name, _label, _modal in task.get_actions(note, other_moderator)] == ["reject"]
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, other_moderator, "approve")
    # And publishing it directly is refused by the model.
    with pytest.raises(PermissionDenied):
        ghost.publish(user=other_moderator, skip_permission_checks=True)
    note.refresh_from_db()
    assert not note.live and note_status(note) == NoteStatus.PENDING


def test_moderators_do_not_decide_on_their_own_notes(client, make_user, moderator, book):
    """Item 2: a moderator's own note cannot be marked 优秀 by them, in the admin or through the service."""
    other_moderator = make_user(groups.NOTE_MODERATORS)
    own = published_note(moderator, book, other_moderator, title="审核员自己的心得")
    client.force_login(moderator)
    url = reverse("notes_excellent", args=[own.pk])
    response = client.post(url, {"excellent": "1"}, follow=True)
    assert "不能" in text(response) and "自己" in text(response)
    own.refresh_from_db()
    assert not own.is_excellent
    with pytest.raises(PermissionDenied):
        note_services.mark_excellent(own, moderator)
    own.refresh_from_db()
    assert not own.is_excellent
    # The other moderator may.
    note_services.mark_excellent(own, other_moderator)
    own.refresh_from_db()
    assert own.is_excellent


def test_authors_cannot_like_their_own_notes(client, author, moderator, book):
    """Item 3: the like button is hidden, and a direct POST is refused with a message."""
    note = published_note(author, book, moderator)
    client.force_login(author)
    response = client.post(reverse("notes:like", args=[note.pk]), follow=True)
    assert response.status_code == 200
    assert "不能" in text(response) and "自己" in text(response)
    note.refresh_from_db()
    assert note.like_count == 0 and not NoteLike.objects.exists()
    with pytest.raises(PermissionDenied):
        note_services.like(note, author)
    assert not NoteLike.objects.exists()


@pytest.mark.parametrize(
    ("state", "moderator_sees"),
    [("draft", False), ("returned", False), ("pending", True), ("published", True)],
)
def test_drafts_are_the_authors_alone_until_submitted(client, author, moderator, book, state, moderator_sees):
    """Item 4: a moderator reads a note on the public site and in the admin once it is submitted to them."""
    cache.clear()
    if state == "published":
        note = published_note(author, book, moderator)
    else:
        note = note_services.save_note(author, book=book, title="作者的心得", body=BODY, submit=state != "draft")
    if state == "returned":
        workflow_action(client, moderator, note, "reject", comment="请再充实")
        note_services.save_note(
            author, book=book, title="修改中的草稿", body=BODY, note=ReadingNote.objects.get(pk=note.pk)
        )
    client.force_login(moderator)
    assert client.get(detail_url(note)).status_code == (200 if moderator_sees else 404)
    listing = text(client.get(reverse("wagtailsnippets_notes_readingnote:list")))
    assert (ReadingNote.objects.get(pk=note.pk).title in listing) is moderator_sees
    for name in ("inspect", "edit", "history", "preview_on_edit"):
        response = client.get(snippet_url(name, note))
        if not moderator_sees:
            assert response.status_code in (302, 403, 404), name
    client.force_login(author)
    assert client.get(detail_url(note)).status_code == 200


# --- limits: the rich-text converter's recursion (item 9) -----------------------------


def test_deeply_nested_markup_is_refused_with_a_message(client, author, book):
    client.force_login(author)
    body = "<p>" + "<b>" * 500 + "读书使人明智，这本书让我对工作和生活有了新的认识。" * 3 + "</b>" * 500 + "</p>"
    response = client.post(write_url(), {**form_data(book, title="嵌套的标题"), "body": body, "submit": "1"})
    assert response.status_code == 200
    (error,) = response.context["form"].errors["body"]
    assert "20" in error and "层" in error
    assert 'value="嵌套的标题"' in text(response) and "读书使人明智" in text(response)
    assert not ReadingNote.objects.exists()

    with pytest.raises(ValidationError) as raised:
        note_services.save_note(author, book=book, title="嵌套", body=body)
    assert "body" in raised.value.message_dict
    assert not ReadingNote.objects.exists()


@pytest.mark.parametrize("department", ["99999999999999999999999", "2147483648", "-1", "abc"])
def test_notes_index_refuses_a_department_that_is_no_id(client, notes_index, department):
    """Audit: GET /zh-hans/notes/?department=99999999999999999999999 was a 500 (int8 overflow on PostgreSQL)."""
    response = client.get(notes_index.url, {"department": department})
    assert response.status_code == 400


def test_notes_index_page_out_of_range_is_the_last_page(client, notes_index):
    response = client.get(notes_index.url, {"page": "99999999999999999999999"})
    assert response.status_code == 200
    assert response.context["notes"].number == 1


def test_new_note_refuses_a_book_that_is_no_id(client, author):
    client.force_login(author)
    response = client.get(reverse("notes:write"), {"book": "99999999999999999999999"})
    assert response.status_code == 400
