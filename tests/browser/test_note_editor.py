"""The reading-note editor (Quill, static/vendor/quill) in a real browser.

Every toolbar button with its Chinese label, a link through the prompt (and a
refused javascript: address), what the server stores from it, a stored note
loaded back and saved unchanged, and the plain textarea without JavaScript.
The page loads nothing from another host and breaks no Content-Security-Policy
rule. Screenshots: note-form-desktop.png (1280 wide) and note-form-phone.png
(375 wide).
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)

from django.urls import reverse  # noqa: E402
from django.utils.translation import override  # noqa: E402

from booklists.factories import BookFactory  # noqa: E402
from people.models import User  # noqa: E402

from .conftest import PASSWORD  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR = ".note-editor__area .ql-editor"
TOOLBAR = ".note-editor__toolbar"
LABELS = ["粗体", "斜体", "标题", "小标题", "项目列表", "编号列表", "引文", "链接"]
PARAGRAPH = "孙少平在艰难中始终没有放弃读书，这份坚持让我深受触动。作为机关干部，我们更要在平凡的岗位上不断学习。"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def url(name, *args):
    with override("zh-hans"):
        return reverse(name, args=args)


@pytest.fixture
def employee(restore_migrated_data):
    user = User(staff_number="bj-writer", real_name="读书职工乙", email="bj-writer@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


def public_login(page, user):
    page.goto(url("people:login"))
    page.fill('input[name="username"]', user.staff_number)
    page.fill('input[name="password"]', PASSWORD)
    with page.expect_navigation():
        page.locator('form:has(input[name="password"]) button[type="submit"]').click()
    assert "login" not in page.url, "the employee could not log in on the public site"
    return page


class Watch:
    """CSP reports, script errors and requests to other hosts while the page is used."""

    def __init__(self, page, origin):
        self.origin = origin
        self.console, self.errors, self.foreign = [], [], []
        page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", self._request)

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.foreign.append(request.url)
        elif parts.scheme not in ("http", "https", "blob"):
            self.foreign.append(request.url[:200])

    def assert_clean(self):
        csp = [line for line in self.console if "Content Security Policy" in line or "Content-Security-Policy" in line]
        assert csp == [] and self.errors == [] and self.foreign == [], (csp, self.errors, self.foreign)


def button(page, label):
    return page.locator(f'{TOOLBAR} button[aria-label="{label}"]')


def select_words(page, words):
    """Select `words` inside the editor (a DOM range), as a mouse drag would."""
    page.evaluate(
        """([selector, words]) => {
            const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
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
        [EDITOR, words],
    )
    page.wait_for_timeout(50)  # Quill reads the selection on selectionchange


def fill_book(page, book):
    page.locator('input[name="book_query"]').press_sequentially(book.title[:2], delay=50)
    page.locator('[role="option"]', has_text=book.title).first.click()


def test_every_toolbar_button_and_what_is_stored(new_page, screenshot, live_server, employee):
    book = BookFactory(title="平凡的世界", authors="路遥")
    page = new_page(viewport=DESKTOP)
    watch = Watch(page, live_server.url)
    public_login(page, employee)
    page.goto(url("notes:write"))

    toolbar = page.locator(TOOLBAR)
    assert toolbar.get_attribute("role") == "toolbar" and toolbar.get_attribute("aria-label") == "格式"
    buttons = toolbar.locator("button")
    assert [buttons.nth(i).get_attribute("aria-label") for i in range(buttons.count())] == LABELS
    assert [buttons.nth(i).get_attribute("title") for i in range(buttons.count())] == LABELS
    assert page.locator('textarea[name="body"]').is_hidden()
    assert page.locator(EDITOR).get_attribute("aria-labelledby") == "body-label"

    dialogs = []
    answers = []

    def on_dialog(dialog):
        dialogs.append((dialog.type, dialog.message))
        dialog.accept(answers.pop(0)) if dialog.type == "prompt" else dialog.accept()

    page.on("dialog", on_dialog)

    page.fill('input[name="title"]', "读《平凡的世界》")
    fill_book(page, book)
    editor = page.locator(EDITOR)
    editor.click()
    button(page, "标题").click()
    editor.press_sequentially("读后感")
    editor.press("Enter")
    button(page, "小标题").click()
    editor.press_sequentially("学习体会")
    editor.press("Enter")
    editor.press_sequentially(PARAGRAPH)
    editor.press("Enter")
    button(page, "引文").click()
    editor.press_sequentially("读书破万卷，")
    editor.press("Enter")
    editor.press_sequentially("下笔如有神。")
    editor.press("Enter")
    editor.press("Enter")  # an empty quotation line ends the quotation
    button(page, "编号列表").click()
    editor.press_sequentially("第一点")
    editor.press("Enter")
    editor.press_sequentially("第二点")
    editor.press("Enter")
    editor.press("Enter")  # an empty item ends the list
    button(page, "项目列表").click()
    editor.press_sequentially("要点")
    editor.press("Enter")
    editor.press("Enter")
    editor.press_sequentially("推荐阅读政策文件，不要点坏链接。")
    select_words(page, "政策文件")
    answers.append("https://www.gov.cn/zhengce/")
    button(page, "链接").click()
    select_words(page, "坏链接")
    answers.append("javascript:alert(1)")
    button(page, "链接").click()
    select_words(page, "作为机关干部")
    button(page, "粗体").click()
    select_words(page, "平凡的岗位")
    button(page, "斜体").click()

    assert [kind for kind, _ in dialogs] == ["prompt", "prompt", "alert"]
    assert "mailto:" in dialogs[0][1] and "留空" in dialogs[0][1]
    assert dialogs[2][1] == "只允许 http://、https:// 和 mailto: 链接。"
    assert editor.locator('a[href="https://www.gov.cn/zhengce/"]').inner_text() == "政策文件"
    assert editor.locator("a").count() == 1
    assert button(page, "斜体").get_attribute("aria-pressed") == "true"
    count = page.locator(".note-editor__count").inner_text()
    assert count.endswith("字") and int(count.split()[0]) > 50
    page.locator(EDITOR).blur()
    screenshot(page, "note-form-desktop")
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(200)
    screenshot(page, "note-form-phone")

    with page.expect_navigation():
        page.locator('button[name="draft"]').click()
    note = employee.reading_notes.get()
    assert note.body == (
        "<h3>读后感</h3><h4>学习体会</h4>"
        "<p>孙少平在艰难中始终没有放弃读书，这份坚持让我深受触动。<strong>作为机关干部</strong>，"
        "我们更要在<em>平凡的岗位</em>上不断学习。</p>"
        "<blockquote>读书破万卷，<br>下笔如有神。</blockquote>"
        "<ol><li>第一点</li><li>第二点</li></ol><ul><li>要点</li></ul>"
        '<p>推荐阅读<a href="https://www.gov.cn/zhengce/" rel="nofollow noopener">政策文件</a>，不要点坏链接。</p>'
    ), note.body
    watch.assert_clean()


def test_a_stored_note_loads_into_the_editor_and_saves_unchanged(new_page, live_server, employee):
    from portal.sanitize import sanitize_user_html

    book = BookFactory(title="人生", authors="路遥")
    page = new_page()
    watch = Watch(page, live_server.url)
    public_login(page, employee)
    body = sanitize_user_html(
        f"<h3>读后感</h3><p>{PARAGRAPH}<strong>粗</strong><em>斜</em><br>换行</p>"
        "<blockquote>其一<br>其二</blockquote><ul><li>甲</li><li>乙</li></ul><ol><li>丙</li></ol>"
        '<p><a href="mailto:reader@example.org">读书会</a></p>'
    )
    page.goto(url("notes:write"))
    page.fill('input[name="title"]', "读《人生》")
    fill_book(page, book)
    # The note as it was pasted into the editor (Quill.find gives the form's editor).
    page.evaluate(
        """(html) => {
            const quill = window.Quill.find(document.querySelector(".note-editor__area"));
            quill.setContents(quill.clipboard.convert({ html }), "user");
        }""",
        body,
    )
    with page.expect_navigation():
        page.locator('button[name="draft"]').click()
    note = employee.reading_notes.get()

    page.goto(url("notes:edit", note.pk))
    editor = page.locator(EDITOR)
    assert editor.locator("h3").inner_text() == "读后感"
    assert editor.locator('li[data-list="bullet"]').all_inner_texts() == ["甲", "乙"]
    assert editor.locator('li[data-list="ordered"]').all_inner_texts() == ["丙"]
    assert editor.locator("blockquote").all_inner_texts() == ["其一", "其二"]
    assert editor.locator('a[href="mailto:reader@example.org"]').inner_text() == "读书会"
    with page.expect_navigation():
        page.locator('button[name="draft"]').click()
    note.refresh_from_db()
    latest = note.get_latest_revision_as_object()
    # Quill has no line break inside a paragraph: 换行 becomes a paragraph of its own.
    assert latest.body == body.replace("<br>换行</p>", "</p><p>换行</p>"), latest.body
    watch.assert_clean()


def test_without_javascript_the_plain_textarea_is_the_editor(browser, live_server, employee):
    context = browser.new_context(locale="zh-CN", viewport=DESKTOP, base_url=live_server.url, java_script_enabled=False)
    try:
        page = public_login(context.new_page(), employee)
        page.goto(url("notes:write"))
        textarea = page.locator('textarea[name="body"]')
        assert textarea.is_visible()
        assert page.locator(TOOLBAR).count() == 0
        typed = f"{PARAGRAPH}\n\n第二段。"
        page.fill('input[name="title"]', "无脚本的心得")
        textarea.fill(typed)
        with page.expect_navigation():
            page.locator('button[name="draft"]').click()
        # The book picker needs JavaScript: the server says so and keeps what was typed.
        assert page.locator("#book-error").is_visible()
        assert page.locator('textarea[name="body"]').input_value() == typed
    finally:
        context.close()
