"""The Chinese admin has no English left in it, for every role's daily journey.

Each role (宣传编辑, 初审 / 复审 / 终审, 心得审核员, 书屋管理员, superuser) signs in with the
default language (zh-hans) and visits the screens it uses every day, with real objects present:
pages in 三审三校 awaiting each reviewer, a page sent back to its editor with a comment, a reading
note awaiting moderation, loans on the desk. On every screen (and in the menus and dialogs the
journey opens) no visible text, and no placeholder, aria-label or title, may contain one of the
tell-tale English words below. The failure lists each English string with where it was found.

Screenshots: test-artifacts/screenshots/admin-zh-*.png.
"""

import datetime
import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)

from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.contrib.settings.registry import registry as settings_registry  # noqa: E402
from wagtail.rich_text import RichText  # noqa: E402
from wagtail.snippets.models import get_snippet_models  # noqa: E402

from booklists.factories import BookFactory  # noqa: E402
from campaigns.models import ArticleIndexPage, ArticlePage  # noqa: E402
from loans import services as loan_services  # noqa: E402
from loans.factories import CopyFactory, LoanFactory, ReadingRoomFactory  # noqa: E402
from people import groups  # noqa: E402
from people.models import User  # noqa: E402

from .conftest import PASSWORD, make_staff, publish  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Whole words, case-sensitive: each one is a sure sign of an untranslated admin string.
ENGLISH_WORDS = [
    "Account", "Actions", "Add", "ago", "Apply", "approved", "Approve", "awaiting", "Back", "Book", "Books",
    "Cancel", "Catalogue", "Changes", "Choose", "Clear", "Close", "Comment", "Comments", "Copies", "Copy",
    "Create", "Dashboard", "Date", "Delete", "Desk", "Draft", "Edit", "Editor", "Email", "Explorer",
    "Filter", "Filters", "Groups", "Help", "hours", "History", "Import", "just", "Live", "Loans", "Lock",
    "Locked", "minutes",
    "Log out", "moderation", "Moderation", "More", "Move", "Name", "Next", "Notes", "Overdue", "Page",
    "Pages", "Password", "Preview", "Previous", "Privacy", "Publish", "Published", "Reading", "rejected",
    "Reject", "Renew", "Reports", "Return", "Review", "Revisions", "Room", "Rooms", "Save", "Saved",
    "Search", "seconds", "Select", "Settings", "Show", "Snippet", "Snippets", "Sort", "Status", "Submit", "Task",
    "Tasks", "Title", "Toggle", "Transfer", "Type", "Unlock", "Unpublish", "Updated", "Upload", "Users",
    "View", "Workflow", "Workflows", "Yes",
]  # fmt: skip

SCAN = r"""
(words) => {
    const pattern = new RegExp("(?<![A-Za-z])(" + words.join("|") + ")(?![A-Za-z])");
    const visible = (el) => el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
    const where = (el) => {
        const parts = [];
        for (let node = el; node && node !== document.body && parts.length < 3; node = node.parentElement) {
            let part = node.tagName.toLowerCase();
            if (node.id) part += "#" + node.id;
            else if (node.classList.length) part += "." + [...node.classList].slice(0, 2).join(".");
            parts.unshift(part);
        }
        return parts.join(" > ");
    };
    const found = [];
    if (pattern.test(document.title)) found.push({ where: "<title>", text: document.title });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        const text = node.nodeValue.replace(/\s+/g, " ").trim();
        if (!el || !text || !pattern.test(text)) continue;
        if (el.closest("script, style, template, noscript, [contenteditable='true']")) continue;
        if (!visible(el)) continue;
        found.push({ where: where(el), text });
    }
    const attributes = ["placeholder", "aria-label", "title", "aria-description"];
    const buttons = "input[type=submit], input[type=button]";
    const selector = attributes.map((name) => "[" + name + "]").join(", ") + ", " + buttons;
    for (const el of document.body.querySelectorAll(selector)) {
        if (!visible(el)) continue;
        for (const name of [...attributes, ...(el.matches(buttons) ? ["value"] : [])]) {
            const value = el.getAttribute(name);
            if (value && pattern.test(value)) found.push({ where: where(el) + "[" + name + "]", text: value });
        }
    }
    return found;
}
"""

TODAY = timezone.localdate


def english_on(page):
    """Every English string on the page, as 'where: text'."""
    return [f"{hit['where']}: {hit['text']}" for hit in page.evaluate(SCAN, ENGLISH_WORDS)]


class Journey:
    """Visits screens as one user and collects the English found on each."""

    def __init__(self, page, role):
        self.page = page
        self.role = role
        self.english = {}

    def check(self, label):
        hits = english_on(self.page)
        if hits:
            self.english.setdefault(f"{self.role} / {label} ({self.page.url})", []).extend(hits)

    def visit(self, url, label=None):
        response = self.page.goto(url)
        assert response is not None and response.status < 400, f"{self.role}: {url} answered {response.status}"
        assert "/login/" not in self.page.url, f"{self.role} was sent to the login page from {url}"
        self.page.wait_for_load_state("networkidle")
        self.check(label or url)

    def open_and_check(self, selector, label):
        """Click something that opens a menu, panel or dialog, then look at the page again."""
        target = self.page.locator(selector).first
        target.click()
        self.page.wait_for_timeout(400)
        self.check(label)

    def close_dialogs(self):
        self.page.keyboard.press("Escape")
        self.page.wait_for_timeout(200)


def snippet_model(model_name):
    return next(model for model in get_snippet_models() if model._meta.model_name == model_name)


def setting_url(app_label, model_name):
    return reverse("wagtailsettings:edit", args=[app_label, model_name])


def snippet_url(model, view, *args):
    return reverse(model.snippet_viewset.get_url_name(view), args=args)


def page_in_review(parent, title, slug, editor, approvers=(), reject_with=None):
    """A report submitted to 三审三校 by `editor`, approved by each of `approvers` in turn."""
    page = ArticlePage(
        title=title,
        slug=slug,
        date=TODAY(),
        live=False,
        source="机关工会",
        intro="各部门职工踊跃参加读书活动。",
        body=[("paragraph", RichText("<p>读书使人充实。</p>"))],
        owner=editor,
    )
    parent.add_child(instance=page)
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    for reviewer in approvers:
        state.current_task_state.approve(user=reviewer)
        state.refresh_from_db()
    if reject_with:
        reviewer, comment = reject_with
        state.current_task_state.reject(user=reviewer, comment=comment)
    return page


@pytest.fixture
def office(home_page):
    """Every role, and the objects their day begins with."""
    staff = {
        "editor": make_staff("zh-editor", "宣传编辑乙", groups.EDITORS),
        groups.REVIEW_1: make_staff("zh-review1", "初审员乙", groups.REVIEW_1),
        groups.REVIEW_2: make_staff("zh-review2", "复审员乙", groups.REVIEW_2),
        groups.REVIEW_3: make_staff("zh-review3", "终审员乙", groups.REVIEW_3),
        "moderator": make_staff("zh-moderator", "心得审核员乙", groups.NOTE_MODERATORS),
        "librarian": make_staff("zh-librarian", "书屋管理员乙", groups.LIBRARIANS),
    }
    superuser = User(staff_number="zh-admin", real_name="系统管理员", email="zh-admin@example.org", is_superuser=True)
    superuser.set_password(PASSWORD)
    superuser.save()
    staff["superuser"] = superuser
    employee = User(staff_number="zh-reader", real_name="读者丙", email="zh-reader@example.org")
    employee.set_password(PASSWORD)
    employee.save()

    news = publish(home_page, ArticleIndexPage(title="宣传报道", slug="news", intro="活动新闻。"))
    publish(news, ArticlePage(title="机关读书月活动启动", slug="launch", date=TODAY(), intro="读书月启动。"))
    editor, r1, r2 = staff["editor"], staff[groups.REVIEW_1], staff[groups.REVIEW_2]
    awaiting = {
        groups.REVIEW_1: page_in_review(news, "职工书屋新到图书三百册", "new-books", editor),
        groups.REVIEW_2: page_in_review(news, "读书分享会圆满举行", "sharing", editor, [r1]),
        groups.REVIEW_3: page_in_review(news, "“阅读之星”评选结果揭晓", "stars", editor, [r1, r2]),
    }
    returned = page_in_review(news, "征文活动通知", "essay", editor, reject_with=(r1, "请核实截稿日期后重新提交。"))

    book = BookFactory(title="平凡的世界", authors="路遥", publisher="北京十月文艺出版社")
    BookFactory(title="乡土中国", authors="费孝通")
    note_model = snippet_model("readingnote")
    note = note_model(author=employee, book=book, title="重读《平凡的世界》", body="<p>在平凡岗位上践行初心。</p>")
    note.live = False
    note.save()
    note.save_revision(user=employee)
    note.get_workflow().start(note, employee)

    room = ReadingRoomFactory(name="机关大楼职工书屋", address="机关大楼三层", opening_hours="工作日 12:00–13:30")
    copy = CopyFactory(book=book, home_room=room, barcode="ZH0001")
    CopyFactory(book=book, home_room=room, barcode="ZH0002")
    loan_services.lend(employee, copy.barcode, room, librarian=staff["librarian"])
    LoanFactory(
        copy=CopyFactory(home_room=room, barcode="ZH0003"),
        borrower=employee,
        due_on=TODAY() - datetime.timedelta(days=3),
    )
    return {
        "staff": staff,
        "employee": employee,
        "news": news,
        "awaiting": awaiting,
        "returned": returned,
        "note": note,
        "note_model": note_model,
        "book": book,
        "room": room,
    }


def signed_in(new_page, admin_login, user, role):
    page = admin_login(new_page(), user)
    page.wait_for_load_state("networkidle")
    return Journey(page, role)


def open_action_menu(journey, label):
    journey.open_and_check("footer .w-dropdown-button .w-dropdown__toggle", label)


def open_side_panels(journey, label):
    """The editor's status side panel (privacy, workflow, locking) and the comments panel."""
    page = journey.page
    for toggle in ("status", "comments", "checks", "preview"):
        button = page.locator(f'[data-side-panel-toggle="{toggle}"]')
        if button.count():
            button.first.click()
            page.wait_for_timeout(500)
            journey.check(f"{label}, side panel {toggle}")


def report(journeys):
    lines = []
    for journey in journeys:
        for where, hits in journey.english.items():
            lines.append(where)
            lines.extend(f"    {hit}" for hit in dict.fromkeys(hits))
    return "\n".join(lines)


def test_editor_and_reviewers_see_only_chinese(new_page, admin_login, screenshot, office):
    staff, news = office["staff"], office["news"]
    journeys = []

    editor = signed_in(new_page, admin_login, staff["editor"], "宣传编辑")
    journeys.append(editor)
    editor.check("dashboard")
    screenshot(editor.page, "admin-zh-editor-dashboard")
    editor.open_and_check("#wagtail-sidebar [aria-haspopup], #wagtail-sidebar .sidebar-footer button", "account menu")
    editor.close_dialogs()
    editor.visit("/admin/pages/", "page explorer root")
    editor.visit(f"/admin/pages/{news.pk}/", "news listing")
    editor.visit(f"/admin/pages/search/?q={news.title}", "page search")
    returned = office["returned"]
    editor.visit(f"/admin/pages/{returned.pk}/edit/", "page sent back with a comment")
    open_side_panels(editor, "page sent back")
    open_action_menu(editor, "page sent back, action menu")
    editor.close_dialogs()
    waiting = office["awaiting"][groups.REVIEW_1]
    editor.visit(f"/admin/pages/{waiting.pk}/edit/", "my page awaiting 初审 (locked by the workflow)")
    open_side_panels(editor, "my page awaiting 初审")
    editor.page.locator('[data-side-panel-toggle="status"]').first.click()
    editor.page.wait_for_timeout(500)
    screenshot(editor.page, "admin-zh-editor-status-panel", full_page=False)
    editor.visit(f"/admin/pages/add/campaigns/articlepage/{news.pk}/", "new report")
    editor.visit(f"/admin/pages/{returned.pk}/history/", "page history")
    editor.visit(f"/admin/pages/{returned.pk}/workflow_history/", "workflow history")
    editor.visit("/admin/account/", "account")

    for step, level in enumerate(groups.REVIEW_LEVELS, start=1):
        reviewer = signed_in(new_page, admin_login, staff[level], level)
        journeys.append(reviewer)
        reviewer.check("dashboard")
        page = office["awaiting"][level]
        reviewer.visit(f"/admin/pages/{page.pk}/edit/", "page awaiting my review")
        open_side_panels(reviewer, "page awaiting my review")
        open_action_menu(reviewer, "action menu")
        if step == 1:
            screenshot(reviewer.page, "admin-zh-reviewer-action-menu", full_page=False)
        approve_with_comment = reviewer.page.locator(
            'footer button[data-workflow-action-name="approve"][data-workflow-action-modal-url]'
        )
        approve_with_comment.first.click()
        reviewer.page.locator(".w-dialog textarea, [role='dialog'] textarea").first.wait_for()
        reviewer.page.wait_for_timeout(500)  # the dialog fades in
        reviewer.check("approve with comment dialog")
        if step == 1:
            screenshot(reviewer.page, "admin-zh-reviewer-approve-dialog", full_page=False)
        reviewer.close_dialogs()
        reviewer.visit(f"/admin/pages/{page.pk}/workflow_history/", "workflow history")
        reviewer.visit(f"/admin/pages/{news.pk}/", "news listing")

    assert not report(journeys), "English left in the admin:\n" + report(journeys)


def test_moderator_librarian_and_superuser_see_only_chinese(new_page, admin_login, screenshot, office):
    staff, note, note_model = office["staff"], office["note"], office["note_model"]
    book_model = snippet_model("book")
    journeys = []

    moderator = signed_in(new_page, admin_login, staff["moderator"], "心得审核员")
    journeys.append(moderator)
    moderator.check("dashboard")
    moderator.visit(snippet_url(note_model, "list"), "reading notes")
    moderator.visit(snippet_url(note_model, "edit", note.pk), "note awaiting moderation")
    open_side_panels(moderator, "note awaiting moderation")
    # Approve and return are the footer's own buttons for a moderator (no "more actions" dropdown).
    moderator.check("note, moderation actions")
    moderator.page.locator('footer button[data-workflow-action-name="reject"]').first.click()
    moderator.page.locator(".w-dialog textarea, [role='dialog'] textarea").first.wait_for()
    moderator.page.wait_for_timeout(500)
    moderator.check("request changes dialog")
    screenshot(moderator.page, "admin-zh-moderator-reject-dialog", full_page=False)
    moderator.close_dialogs()
    moderator.visit(snippet_url(note_model, "history", note.pk), "note history")
    moderator.visit(snippet_url(note_model, "workflow_history", note.pk), "note workflow history")

    librarian = signed_in(new_page, admin_login, staff["librarian"], "书屋管理员")
    journeys.append(librarian)
    librarian.check("dashboard")
    room = office["room"]
    librarian.visit(reverse("loans_desk_lend"), "desk: lend")
    librarian.page.select_option("#id_room", str(room.pk))
    librarian.visit(f"{reverse('loans_desk_lend')}?room={room.pk}&staff_number={office['employee'].staff_number}")
    librarian.visit(reverse("loans_desk_return"), "desk: return")
    librarian.visit(f"{reverse('loans_desk_employee')}?staff_number={office['employee'].staff_number}")
    librarian.visit(reverse("loans_desk_overdue"), "desk: overdue")
    librarian.visit(reverse("loans_desk_holds"), "desk: holds shelf")
    librarian.visit(reverse("loans_desk_transfer"), "desk: transfer")
    screenshot(librarian.page, "admin-zh-librarian-desk")
    librarian.visit(reverse("loans_copies_batch"), "add copies in batch")
    librarian.visit(reverse("booklists_import"), "catalogue import")
    librarian.visit(snippet_url(book_model, "list"), "books")
    librarian.visit(snippet_url(book_model, "edit", office["book"].pk), "book editor")
    librarian.visit(setting_url("loans", "lendingrules"), "lending rules")

    settings = list(settings_registry)
    admin = signed_in(new_page, admin_login, staff["superuser"], "superuser")
    journeys.append(admin)
    admin.check("dashboard")
    screenshot(admin.page, "admin-zh-superuser-dashboard")
    for url, label in (
        ("/admin/users/", "users"),
        (f"/admin/users/edit/{staff['editor'].pk}/", "user editor"),
        ("/admin/groups/", "groups"),
        ("/admin/workflows/list/", "workflows"),
        ("/admin/workflows/tasks/index/", "workflow tasks"),
        ("/admin/reports/workflow/", "workflow report"),
        ("/admin/reports/workflow_tasks/", "workflow tasks report"),
        ("/admin/reports/site-history/", "site history"),
        ("/admin/reports/locked/", "locked pages"),
        ("/admin/reports/aging-pages/", "aging pages"),
        ("/admin/snippets/", "snippets"),
        (snippet_url(note_model, "list"), "reading notes"),
        (snippet_url(book_model, "list"), "books"),
        ("/admin/pages/", "page explorer"),
        *((setting_url(m._meta.app_label, m._meta.model_name), f"settings: {m._meta.model_name}") for m in settings),
    ):
        admin.visit(url, label)

    assert not report(journeys), "English left in the admin:\n" + report(journeys)


def test_users_language_choice_is_respected(new_page, admin_login, office):
    """The check above is meaningful: an English-preferring user does get English."""
    from wagtail.users.models import UserProfile

    editor = office["staff"]["editor"]
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    page = admin_login(new_page(), editor)
    assert re.search(r"\bDashboard\b|\bPages\b", page.locator("body").inner_text())
    assert english_on(page), "the scan finds nothing even on an English dashboard"
