"""A reading note (读书心得) from first draft to 优秀, in a real browser.

An employee logs in on the public site, picks a book through the search box,
writes a note with bold text and a list in the editor and submits it; a
moderator (心得审核员) requests changes in the Wagtail admin with a comment;
the employee reads the reason on 我的心得, edits and resubmits; the moderator
approves and marks it 优秀; a visitor finds it on the book's page and on the
home page. Screenshots: notes-editor.png and notes-published.png.
"""

from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)

from django.urls import reverse  # noqa: E402
from django.utils.translation import override  # noqa: E402
from wagtail.models import TaskState, WorkflowState  # noqa: E402

from booklists.factories import BookFactory, CataloguePageFactory  # noqa: E402
from notes.models import ReadingNote  # noqa: E402
from people import groups  # noqa: E402
from people.models import User  # noqa: E402

from .conftest import PASSWORD, make_staff  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "重读《平凡的世界》：在平凡岗位上践行初心"
FIRST_TEXT = (
    "孙少平在艰难中始终没有放弃读书，这份坚持让我深受触动。"
    "作为机关干部，我们更要在平凡的岗位上不断学习、提升本领，把读书当作一种生活方式。"
)
BOLD_WORDS = "在平凡的岗位上不断学习"
LIST_ITEMS = ["每天坚持阅读三十分钟", "每月写一篇读书心得"]
REASON = "请补充一段结合本部门工作的体会，再重新提交。"
EDITOR = ".note-editor__area .ql-editor"  # the Quill editor's editable area (static/js/note-form.js)
ADDED_TEXT = "结合办公室的文字工作，我体会到读书是写好材料的根本，今后要把学习成果用到服务群众上。"


def url(name, *args):
    with override("zh-hans"):
        return reverse(name, args=args)


def public_login(page, user):
    page.goto(url("people:login"))
    page.fill('input[name="username"]', user.staff_number)
    page.fill('input[name="password"]', PASSWORD)
    with page.expect_navigation():
        page.locator('form:has(input[name="password"]) button[type="submit"]').click()
    assert "login" not in page.url, "the employee could not log in on the public site"
    return page


def admin_login(page, user):
    page.goto("/admin/login/")
    page.fill('input[name="username"]', user.staff_number)
    page.fill('input[name="password"]', PASSWORD)
    page.click('form button[type="submit"]')
    page.wait_for_url("**/admin/")
    return page


def toolbar_button(page, key):
    """The editor's toolbar button whose label the form gives in data-label-<key> (translated)."""
    label = page.locator("[data-note-editor]").get_attribute(f"data-label-{key}")
    return page.locator(f'.note-editor__toolbar button[aria-label="{label}"]')


def open_action_menu(page):
    """Open the footer's dropdown, if there is one: approve and return are buttons of their own (issue 9, item 19)."""
    toggle = page.locator("footer .w-dropdown-button .w-dropdown__toggle")
    if toggle.count():
        toggle.first.click()
        page.wait_for_timeout(300)


def moderator_opens_note(page, note, screen="edit"):
    """From the listing: a note waiting for review opens in the moderation screen, any other in the inspect view."""
    page.goto("/admin/snippets/notes/readingnote/")
    page.locator(f'a[href*="/admin/snippets/notes/readingnote/{screen}/{note.pk}/"]').first.click()
    page.wait_for_url(f"**/admin/snippets/notes/readingnote/{screen}/{note.pk}/")


def workflow_state(note):
    return WorkflowState.objects.filter(base_content_type__model="readingnote", object_id=str(note.pk)).latest(
        "created_at"
    )


def test_note_from_draft_to_excellent(new_page, screenshot, home_page):
    catalogue = CataloguePageFactory(parent=home_page)
    book = BookFactory(title="平凡的世界", authors="路遥", publisher="北京十月文艺出版社")
    BookFactory(title="人生", authors="路遥")
    employee = User(staff_number="bj-reader", real_name="读书职工甲", email="bj-reader@example.org")
    employee.set_password(PASSWORD)  # an ordinary employee: no role group, no admin
    employee.save()
    moderator = make_staff("bj-moderator", "心得审核员甲", groups.NOTE_MODERATORS)

    # --- the employee writes a note --------------------------------------------------
    writer = public_login(new_page(), employee)
    writer.goto(url("notes:write"))
    writer.fill('input[name="title"]', TITLE)
    writer.locator('input[name="book_query"]').press_sequentially("平凡", delay=50)
    writer.locator('[role="option"]', has_text="平凡的世界").first.click()
    assert writer.locator('input[name="book"]').input_value() == str(book.pk)
    assert "平凡的世界" in writer.locator("[data-book-chosen-title]").inner_text()

    editor = writer.locator(EDITOR)
    editor.click()
    editor.press_sequentially(FIRST_TEXT)
    # Select the words to make bold (a text range inside the editor), then the toolbar's bold button.
    writer.evaluate(
        """(words) => {
            const area = document.querySelector(".note-editor__area .ql-editor");
            const walker = document.createTreeWalker(area, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.nodeValue.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                }
            }
            throw new Error("words not found in the editor");
        }""",
        BOLD_WORDS,
    )
    toolbar_button(writer, "bold").click()
    # A new paragraph at the end, made a bulleted list with the toolbar, two items.
    editor.press("Control+End")
    editor.press("Enter")
    toolbar_button(writer, "ul").click()
    editor.press_sequentially(LIST_ITEMS[0])
    editor.press("Enter")
    editor.press_sequentially(LIST_ITEMS[1])
    assert editor.locator("strong, b").filter(has_text=BOLD_WORDS).count() == 1
    # Quill keeps both kinds of list in an <ol>; a bulleted item says so in data-list.
    assert [li.strip() for li in editor.locator('li[data-list="bullet"]').all_inner_texts()] == LIST_ITEMS
    screenshot(writer, "notes-editor")

    with writer.expect_navigation():
        writer.locator('button[name="submit"]').click()
    assert writer.url.endswith(url("notes:mine")), writer.url

    note = ReadingNote.objects.get(title=TITLE)
    assert note.author == employee and note.book == book and not note.live
    assert f"<strong>{BOLD_WORDS}</strong>" in note.body or f"<b>{BOLD_WORDS}</b>" in note.body, note.body
    assert all(f"<li>{item}</li>" in note.body for item in LIST_ITEMS), note.body
    assert workflow_state(note).status == WorkflowState.STATUS_IN_PROGRESS

    # --- the moderator requests changes, with a reason --------------------------------
    reviewer = admin_login(new_page(), moderator)
    moderator_opens_note(reviewer, note)
    open_action_menu(reviewer)
    reviewer.locator('footer button[data-workflow-action-name="reject"]').click()
    dialog = reviewer.locator("[role='dialog'], .w-dialog").filter(has=reviewer.locator("textarea")).first
    dialog.locator("textarea").fill(REASON)
    with reviewer.expect_navigation():
        dialog.locator('button[type="submit"], input[type="submit"]').first.click()
    state = workflow_state(note)
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = state.task_states.get(status=TaskState.STATUS_REJECTED)
    assert rejected.finished_by == moderator and rejected.get_comment() == REASON

    # --- the employee reads the reason on 我的心得, edits and resubmits ------------------
    writer.goto(url("notes:mine"))
    assert REASON in writer.content(), "the moderator's reason is not shown on 我的心得"
    writer.goto(url("notes:edit", note.pk))
    assert REASON in writer.content(), "the moderator's reason is not shown on the edit page"
    editor = writer.locator(EDITOR)
    editor.click()
    editor.press("Control+End")
    editor.press("Enter")
    editor.press("Enter")  # leave the list: a new paragraph
    editor.press_sequentially(ADDED_TEXT)
    with writer.expect_navigation():
        writer.locator('button[name="submit"]').click()
    note.refresh_from_db()
    latest = note.get_latest_revision_as_object()
    assert ADDED_TEXT in latest.body and f"<li>{LIST_ITEMS[1]}</li>" in latest.body, latest.body
    assert workflow_state(note).status == WorkflowState.STATUS_IN_PROGRESS

    # --- the moderator approves and marks it 优秀 ---------------------------------------
    moderator_opens_note(reviewer, note)
    open_action_menu(reviewer)
    approve = reviewer.locator(
        'footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    )
    with reviewer.expect_navigation():
        approve.click()
    note.refresh_from_db()
    assert note.live, "the approved note is not published"
    assert workflow_state(note).status == WorkflowState.STATUS_APPROVED

    moderator_opens_note(reviewer, note, screen="inspect")  # published: nothing to approve, 优秀 in the header
    reviewer.locator("header").get_by_text("优秀").first.click()
    with reviewer.expect_navigation():
        reviewer.locator('form button[type="submit"]').filter(has_text="优秀").first.click()
    note.refresh_from_db()
    assert note.is_excellent

    # --- a visitor reads it on the book's page, the home page and its own page --------
    visitor = new_page()
    response = visitor.goto(f"{catalogue.url}{book.pk}/")
    assert response.status == 200
    assert visitor.get_by_role("link", name=TITLE).count() >= 1, "the note is not on the book's page"

    response = visitor.goto("/zh-hans/")
    assert response.status == 200
    home_notes = visitor.locator("#home-excellent-notes")
    assert home_notes.count() == 1, "the home page has no 优秀读书心得 section"
    assert visitor.get_by_role("link", name=TITLE).count() >= 1, "the 优秀 note is not on the home page"

    visitor.get_by_role("link", name=TITLE).first.click()
    visitor.wait_for_url(f"**{url('notes:detail', note.pk)}")
    body = visitor.locator(".note-body")
    assert body.locator("strong, b").filter(has_text=BOLD_WORDS).count() == 1
    assert [li.strip() for li in body.locator("ul > li").all_inner_texts()] == LIST_ITEMS
    assert ADDED_TEXT in body.inner_text()
    screenshot(visitor, "notes-published")
