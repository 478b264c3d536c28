"""Workflow emails and lending notices reach each person in their own language.

Wagtail renders its workflow notifications inside translation.override(the recipient's
preferred language); the portal's templates (templates/wagtailadmin/notifications/) say
what happened in the words staff use: 《标题》在“三审三校”流程的“初审”环节被退回, with the
reviewer's comment and a link. Someone who chose English in their account gets English.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.rich_text import RichText
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from booklists.factories import BookFactory
from campaigns.models import ArticleIndexPage, ArticlePage
from home.models import HomePage
from loans import services as loan_services
from loans.factories import CopyFactory, LoanFactory, ReadingRoomFactory
from loans.models import Notice
from people import groups
from people.models import User

pytestmark = pytest.mark.django_db

TITLE = "职工书屋新到图书三百册"
COMMENT = "请核实图书数量后重新提交。"
NOTE_TITLE = "重读平凡的世界"
NOTE_REASON = "请补充结合本职工作的体会。"


def person(staff_number, group=None, language=None):
    user = User.objects.create_user(
        staff_number=staff_number,
        password="x-unused-x",
        real_name=f"{staff_number}姓名",
        email=f"{staff_number}@example.org",
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


@pytest.fixture
def news(restore_migrated_data):
    home = HomePage.objects.get(locale__language_code="zh-hans", depth=2)
    index = ArticleIndexPage(title="宣传报道", slug="news")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def reviewers(restore_migrated_data):
    return {level: person(f"rev-{n}", level) for n, level in enumerate(groups.REVIEW_LEVELS, start=1)}


def submitted_report(news, editor):
    page = ArticlePage(
        title=TITLE, slug="new-books", date=timezone.localdate(), live=False, intro="新书上架。", owner=editor
    )
    page.body = [("paragraph", RichText("<p>新书三百册。</p>"))]
    news.add_child(instance=page)
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    return page, state


def to(mailoutbox, user):
    return [mail for mail in mailoutbox if user.email in mail.to]


def one_mail_to(mailoutbox, user):
    mails = to(mailoutbox, user)
    assert len(mails) == 1, [m.subject for m in mailoutbox]
    return mails[0]


@pytest.mark.parametrize("language", [None, "zh-hans"])
def test_page_rejection_reaches_a_chinese_editor_in_chinese(news, reviewers, mailoutbox, language):
    editor = person("editor-zh", groups.EDITORS, language)
    page, state = submitted_report(news, editor)
    mailoutbox.clear()

    state.current_task_state.reject(user=reviewers[groups.REVIEW_1], comment=COMMENT)

    mail = one_mail_to(mailoutbox, editor)
    assert mail.subject == f"《{TITLE}》在“三审三校”流程的“初审”环节被退回"
    assert f"页面《{TITLE}》在“三审三校”流程的“初审”环节被rev-1姓名退回。" in mail.body
    assert f"审核意见：{COMMENT}" in mail.body
    assert f"修改地址：http://testserver/admin/pages/{page.pk}/edit/" in mail.body
    assert "editor-zh姓名，您好：" in mail.body
    assert "rejected" not in mail.body and "workflow" not in mail.body


def test_page_rejection_reaches_an_english_editor_in_english(news, reviewers, mailoutbox):
    editor = person("editor-en", groups.EDITORS, "en")
    page, state = submitted_report(news, editor)
    mailoutbox.clear()

    state.current_task_state.reject(user=reviewers[groups.REVIEW_1], comment=COMMENT)

    mail = one_mail_to(mailoutbox, editor)
    assert mail.subject == f'"{TITLE}" was sent back at "初审" in the "三审三校" workflow'
    assert f'The page "{TITLE}" was sent back by rev-1姓名 at the "初审" step of the "三审三校" workflow.' in mail.body
    assert f"Reviewer's comment: {COMMENT}" in mail.body
    assert f"Make the changes here: http://testserver/admin/pages/{page.pk}/edit/" in mail.body
    assert "Hello editor-en姓名," in mail.body


def approve_all(state, reviewers):
    for level in groups.REVIEW_LEVELS:
        state.current_task_state.approve(user=reviewers[level])
        state.refresh_from_db()


def test_page_approval_in_each_editors_language(news, reviewers, mailoutbox):
    chinese = person("editor-zh", groups.EDITORS)
    english = person("editor-en", groups.EDITORS, "en")

    page, state = submitted_report(news, chinese)
    approve_all(state, reviewers)
    page.refresh_from_db()
    assert page.live
    mail = one_mail_to(mailoutbox, chinese)
    assert mail.subject == f"《{TITLE}》已通过“三审三校”审核"
    assert f"页面《{TITLE}》已通过“三审三校”流程的全部环节，现已发布。" in mail.body
    assert f"查看地址：{page.full_url}" in mail.body

    mailoutbox.clear()
    page.title = "第二篇报道"
    page.save_revision(user=english)
    state = page.get_workflow().start(page, english)
    approve_all(state, reviewers)
    mail = one_mail_to(mailoutbox, english)
    assert mail.subject == '"第二篇报道" has passed the "三审三校" workflow'
    assert 'The page "第二篇报道" has passed every step of the "三审三校" workflow and is published.' in mail.body


def test_reviewers_are_told_in_their_language_that_a_page_awaits_them(news, mailoutbox, restore_migrated_data):
    chinese = person("rev-zh", groups.REVIEW_1)
    english = person("rev-en", groups.REVIEW_1, "en")
    editor = person("editor-zh", groups.EDITORS)
    page, _ = submitted_report(news, editor)

    mail = one_mail_to(mailoutbox, chinese)
    assert mail.subject == f"《{TITLE}》等待您在“初审”环节审核"
    assert f"页面《{TITLE}》正在“初审”环节等待审核。" in mail.body
    assert f"审核地址：http://testserver/admin/pages/{page.pk}/edit/" in mail.body
    assert f"预览地址：http://testserver/admin/pages/workflow/preview/{page.pk}/" in mail.body

    mail = one_mail_to(mailoutbox, english)
    assert mail.subject == f'"{TITLE}" is waiting for your review at "初审"'
    assert f'The page "{TITLE}" is waiting for review at the "初审" step.' in mail.body


def reading_note_model():
    return next(model for model in get_snippet_models() if model._meta.model_name == "readingnote")


def submitted_note(author):
    note = reading_note_model()(author=author, book=BookFactory(), title=NOTE_TITLE, body="<p>读书心得正文。</p>")
    note.live = False
    note.save()
    note.save_revision(user=author)
    return note, note.get_workflow().start(note, author)


@pytest.mark.parametrize(
    ("language", "subject", "sentence", "reason"),
    [
        (
            None,
            "《{title}》在“{workflow}”流程的“{task}”环节被退回",
            "读书心得《{title}》在“{workflow}”流程的“{task}”环节被mod-1姓名退回。",
            "审核意见：{reason}",
        ),
        (
            "en",
            '"{title}" was sent back at "{task}" in the "{workflow}" workflow',
            'The reading note "{title}" was sent back by mod-1姓名 at the "{task}" step of the "{workflow}" workflow.',
            "Reviewer's comment: {reason}",
        ),
    ],
)
def test_note_rejection_reaches_its_author_in_their_language(
    mailoutbox, restore_migrated_data, language, subject, sentence, reason
):
    author = person("reader-1", language=language)
    moderator = person("mod-1", groups.NOTE_MODERATORS)
    note, state = submitted_note(author)
    names = {"title": NOTE_TITLE, "workflow": state.workflow.name, "task": state.current_task_state.task.name}
    mailoutbox.clear()

    state.current_task_state.reject(user=moderator, comment=NOTE_REASON)

    mail = one_mail_to(mailoutbox, author)
    assert mail.subject == subject.format(**names)
    assert sentence.format(**names) in mail.body
    assert reason.format(reason=NOTE_REASON) in mail.body


def test_note_moderators_are_told_in_chinese_that_a_note_awaits_them(mailoutbox, restore_migrated_data):
    moderator = person("mod-1", groups.NOTE_MODERATORS)
    note, state = submitted_note(person("reader-1"))
    mail = one_mail_to(mailoutbox, moderator)
    task = state.current_task_state.task.name
    assert mail.subject == f"《{NOTE_TITLE}》等待您在“{task}”环节审核"
    assert f"读书心得《{NOTE_TITLE}》正在“{task}”环节等待审核。" in mail.body
    assert "审核地址：http://testserver/admin/snippets/" in mail.body


def test_lending_notices_are_written_in_the_borrowers_language(django_capture_on_commit_callbacks, mailoutbox):
    chinese = person("reader-zh")
    english = person("reader-en", language="en")
    room = ReadingRoomFactory()
    overdue = timezone.localdate() - datetime.timedelta(days=2)
    for borrower, barcode in ((chinese, "LN0001"), (english, "LN0002")):
        book = BookFactory(title=f"{borrower.staff_number}的书")
        LoanFactory(copy=CopyFactory(book=book, home_room=room, barcode=barcode), borrower=borrower, due_on=overdue)

    with django_capture_on_commit_callbacks(execute=True):
        assert loan_services.send_due_notices() == 2

    zh = Notice.objects.get(user=chinese)
    en = Notice.objects.get(user=english)
    assert zh.message.startswith("《reader-zh的书》") and "逾期" in zh.message, zh.message
    assert en.message.startswith("《reader-en的书》 was due on") and "overdue" in en.message, en.message
    assert "逾期" in one_mail_to(mailoutbox, chinese).subject
    assert "overdue" in one_mail_to(mailoutbox, english).subject.lower()
