"""The sanitised XSS corpus in a real Chromium: no payload may run script.

Two ways in:

- the sanitised and rendered corpus in a bare document (page.set_content), with
  no Content-Security-Policy, so only the sanitiser stands between a payload
  and the browser;
- published notes on the public note page (notes:detail), as visitors get them,
  with the site's own CSP.

alert/confirm/prompt/print are replaced before any page script runs; every
payload calls alert(<its marker>). Each page is poked (mouse, focus, animation,
drag and toggle events on every element of the note body) and given a second
to run anything it would; then no dialog may have opened, nothing may have been
pushed to window.__xss, no request may have gone to a javascript:/data: URL or
to another host, and no CSP violation may have been reported.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)

from django.urls import reverse  # noqa: E402

from booklists.factories import BookFactory  # noqa: E402
from notes.models import ReadingNote  # noqa: E402
from notes.services import save_note  # noqa: E402
from people import groups  # noqa: E402
from people.factories import UserFactory  # noqa: E402
from portal.sanitize import render_user_html, sanitize_user_html  # noqa: E402
from portal.tests.xss_corpus import CORPUS  # noqa: E402

from .conftest import DESKTOP  # noqa: E402

pytestmark = [pytest.mark.browser]

PAD = "开卷有益：这本书让我对机关工作中的学习型组织建设有了更深的认识，值得每一位同事在工作之余细细品读、反复思考。"
MARKER = re.compile(r"\b9\d{3}\b")  # portal/tests/xss_corpus.py: 9000 + index
NOTE_SIZE = 13  # payloads per published note

INIT_SCRIPT = """
window.__xss = [];
(() => {
    const record = (kind) => function (message) {
        window.__xss.push(kind + ":" + String(message));
        return kind === "confirm" ? false : null;
    };
    window.alert = record("alert");
    window.confirm = record("confirm");
    window.prompt = record("prompt");
    window.print = record("print");
})();
"""

# Fire what payloads listen for on every element of the note body (never a click on a link: it would navigate).
POKE_SCRIPT = """
(selector) => {
    const kinds = ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "pointerover", "focus",
                   "focusin", "blur", "input", "change", "toggle", "animationstart", "animationend",
                   "transitionend", "dragstart", "load", "error", "begin", "copy", "paste", "wheel"];
    let count = 0;
    for (const root of document.querySelectorAll(selector)) {
        for (const el of [root, ...root.querySelectorAll("*")]) {
            for (const kind of kinds) { el.dispatchEvent(new Event(kind, {bubbles: true})); }
            if (el.tagName !== "A" && typeof el.click === "function") { el.click(); }
            if (typeof el.focus === "function") { el.focus(); }
            count += 1;
        }
    }
    return count;
}
"""

LINK_SCHEMES_SCRIPT = """
(selector) => [...document.querySelectorAll(selector + " a[href]")].map((a) => a.protocol)
"""


class Watch:
    """Everything a page does that would show a payload ran."""

    def __init__(self, page, allowed_origin=None):
        self.page = page
        self.allowed_origin = allowed_origin
        self.dialogs, self.console, self.bad_requests, self.errors = [], [], [], []
        page.add_init_script(INIT_SCRIPT)
        page.on("dialog", self._dialog)
        page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", self._request)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _request(self, request):
        url = request.url
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("javascript", "data", "vbscript"):
            self.bad_requests.append(url[:200])
        elif scheme in ("http", "https") and self.allowed_origin is not None:
            parts = urlsplit(url)
            if f"{parts.scheme}://{parts.netloc}" != self.allowed_origin:
                self.bad_requests.append(url[:200])
        elif scheme in ("http", "https") and self.allowed_origin is None:
            self.bad_requests.append(url[:200])  # a bare document has nothing to fetch

    def poke_and_check(self, selector, label):
        touched = self.page.evaluate(POKE_SCRIPT, selector)
        assert touched > 0, f"{label}: nothing matched {selector!r}"
        self.page.wait_for_timeout(1000)
        ran = self.page.evaluate("window.__xss")
        assert isinstance(ran, list), f"{label}: the alert/confirm/prompt hooks are not installed"
        schemes = set(self.page.evaluate(LINK_SCHEMES_SCRIPT, selector))
        csp = [line for line in self.console if "Content Security Policy" in line or "Content-Security-Policy" in line]
        report = {
            "script ran (window.__xss)": ran,
            "dialogs": self.dialogs,
            "requests to javascript:/data:/other hosts": self.bad_requests,
            "CSP violations": csp,
            "link schemes other than http/https/mailto": sorted(schemes - {"http:", "https:", "mailto:"}),
            "page errors mentioning a payload": [e for e in self.errors if "alert" in e or MARKER.search(e)],
        }
        assert not any(report.values()), f"{label}: {report}\nconsole: {self.console}"


def test_sanitised_corpus_runs_no_script_in_a_bare_document(browser):
    """Only the sanitiser in the way: no CSP, every payload's output on one page."""
    sections = []
    for entry in CORPUS:
        stored = sanitize_user_html(entry["html"])
        sections.append(f'<section class="note" id="{entry["id"]}">{render_user_html(stored)}</section>')
    document = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>读书心得</title>'
        f"<script>{INIT_SCRIPT}</script></head>"
        f"<body><main>{''.join(sections)}</main></body></html>"
    )
    context = browser.new_context(locale="zh-CN", viewport=DESKTOP)
    try:
        page = context.new_page()
        watch = Watch(page)
        page.route("**/*", lambda route: route.abort())  # nothing may load; Watch records any attempt
        page.set_content(document, wait_until="load")
        assert page.locator("section.note").count() == len(CORPUS)
        assert "书香润机关" in page.inner_text("main")
        watch.poke_and_check("main", "bare document")
    finally:
        context.close()


def chunks():
    """Groups of payloads for one note each; a payload that swallows the rest of a note goes last."""
    plain = [e for e in CORPUS if not e["swallows_rest"]]
    swallowing = [e for e in CORPUS if e["swallows_rest"]]
    groups_ = [plain[i : i + NOTE_SIZE] for i in range(0, len(plain), NOTE_SIZE)]
    while len(groups_) < len(swallowing):
        groups_.append([])
    for group, entry in zip(groups_, swallowing, strict=False):
        group.append(entry)
    return [g for g in groups_ if g]


@pytest.mark.django_db(transaction=True)
def test_published_notes_run_no_script(new_page, live_server, restore_migrated_data):
    """The corpus submitted, approved and read on the public note page."""
    try:
        reverse("notes:detail", kwargs={"pk": 1})
    except Exception:  # noqa: BLE001 - the public note page is not there yet
        pytest.fail("notes:detail does not exist: the public note page is needed for this test")

    book = BookFactory(title="红楼梦")
    moderator = UserFactory(groups=[groups.NOTE_MODERATORS], real_name="心得审核员甲")
    notes = []
    for n, group in enumerate(chunks(), start=1):
        author = UserFactory(real_name=f"读书职工{n}")
        body = f"<p>{PAD}</p>" + "".join(entry["html"] for entry in group)
        note = save_note(author, book=book, title=f"读书心得第{n}篇", body=body, submit=True)
        note = ReadingNote.objects.get(pk=note.pk)
        task_state = note.current_workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, moderator, "approve")
        note.refresh_from_db()
        assert note.live
        notes.append((note, [entry["id"] for entry in group]))
    assert sum(len(ids) for _, ids in notes) == len(CORPUS)

    page = new_page()
    watch = Watch(page, allowed_origin=live_server.url)
    for note, ids in notes:
        response = page.goto(reverse("notes:detail", kwargs={"pk": note.pk}))
        assert response.status == 200
        assert PAD in page.inner_text(".note-body")
        watch.poke_and_check(".note-body", f"note {note.pk} ({', '.join(ids)})")


def test_the_watch_catches_an_unsanitised_payload(browser):
    """Control: the same checks do fail when raw payloads reach the page."""
    raw = "".join(e["payload"] for e in CORPUS if e["id"] in {"owasp-010", "html5sec-072", "owasp-047"})
    context = browser.new_context(locale="zh-CN", viewport=DESKTOP)
    try:
        page = context.new_page()
        watch = Watch(page)
        page.route("**/*", lambda route: route.abort())
        page.set_content(
            f"<!doctype html><html><head><script>{INIT_SCRIPT}</script></head><body><main>{raw}</main></body></html>",
            wait_until="load",
        )
        with pytest.raises(AssertionError, match=r"alert:90(10|47|72)"):
            watch.poke_and_check("main", "raw payloads")
    finally:
        context.close()
