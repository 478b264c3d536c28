"""The reading-note sanitiser (portal/sanitize.py) against a public XSS corpus.

Every payload in portal/tests/xss_corpus.py (OWASP filter evasion, html5sec.org,
published mXSS bypasses, PortSwigger), wrapped in Chinese text, must come out of
`sanitize_user_html` (what is stored) and `render_user_html` (what is shown)
without script, event handlers, dangerous URLs, style or foreign elements,
with the Chinese text intact. The same corpus also goes the whole way: an
employee submits it, a moderator approves it, a visitor reads the public page.
"""

import pytest
from bs4 import BeautifulSoup, NavigableString
from django.urls import NoReverseMatch, reverse

from booklists.factories import BookFactory
from notes.models import ReadingNote
from notes.services import save_note
from people import groups
from people.factories import UserFactory
from portal.sanitize import ALLOWED_TAGS, render_user_html, sanitize_user_html

from .html_safety import URL_ATTRIBUTES, normalised_url, problems
from .xss_corpus import CORPUS, PREFIX, SUFFIX

IDS = [entry["id"] for entry in CORPUS]
PAD = "开卷有益：这本书让我对机关工作中的学习型组织建设有了更深的认识，值得每一位同事在工作之余细细品读、反复思考。"


def test_corpus_is_large_and_sourced():
    assert len(CORPUS) >= 80
    assert {entry["source"] for entry in CORPUS} == {"owasp", "html5sec", "mxss", "portswigger"}
    assert len({entry["payload"] for entry in CORPUS}) == len(CORPUS), "duplicate payloads"


@pytest.mark.parametrize("entry", CORPUS, ids=IDS)
def test_sanitised_and_rendered_payload_is_inert(entry):
    stored = sanitize_user_html(entry["html"])
    rendered = str(render_user_html(stored))
    for label, output in (("stored", stored), ("rendered", rendered)):
        assert problems(output) == [], f"{label} HTML of {entry['id']}: {output}"
        assert PREFIX in output, f"{label} HTML of {entry['id']} lost the Chinese text: {output}"
        if not entry["swallows_rest"]:
            assert SUFFIX in output, f"{label} HTML of {entry['id']} lost the Chinese text: {output}"


@pytest.mark.parametrize("entry", CORPUS, ids=IDS)
def test_sanitising_is_stable(entry):
    """Cleaning the stored HTML again changes nothing: no mutation between store and render."""
    stored = sanitize_user_html(entry["html"])
    assert sanitize_user_html(stored) == stored
    assert str(render_user_html(stored)) == str(render_user_html(str(render_user_html(stored))))


def test_allowed_formatting_survives():
    source = (
        "<h3>第一章 读后感</h3><h4>小节</h4>"
        "<p>书香润机关，<b>多读书</b>、<i>读好书</i>、<strong>善读书</strong>、<em>勤思考</em>。<br>换行</p>"
        "<ul><li>学习党史</li><li>提升素养</li></ul><ol><li>第一点</li><li>第二点</li></ol>"
        "<blockquote>读书破万卷，下笔如有神。</blockquote>"
        '<p>推荐阅读 <a href="https://www.gov.cn/zhengce/">政策文件</a>，'
        '联系 <a href="mailto:reader@example.org">读书会</a>。</p>'
    )
    stored = sanitize_user_html(source)
    for output in (stored, str(render_user_html(stored))):
        soup = BeautifulSoup(output, "html.parser")
        assert soup.find("h3").get_text() == "第一章 读后感"
        assert soup.find("h4").get_text() == "小节"
        assert soup.find(["b", "strong"], string="多读书")
        assert soup.find(["i", "em"], string="读好书")
        assert [li.get_text() for li in soup.select("ul > li")] == ["学习党史", "提升素养"]
        assert [li.get_text() for li in soup.select("ol > li")] == ["第一点", "第二点"]
        assert soup.find("blockquote").get_text() == "读书破万卷，下笔如有神。"
        assert soup.find("br")
        links = {a.get_text(): a for a in soup.find_all("a")}
        assert links["政策文件"]["href"] == "https://www.gov.cn/zhengce/"
        assert links["读书会"]["href"] == "mailto:reader@example.org"
        for link in links.values():
            assert set(link["rel"]) == {"nofollow", "noopener"}
        assert problems(output) == []


def test_relative_and_protocol_relative_links_lose_their_href():
    stored = sanitize_user_html('<p>读书心得：<a href="/admin/">后台</a><a href="//evil.example/">外站</a></p>')
    soup = BeautifulSoup(stored, "html.parser")
    assert [a.get("href") for a in soup.find_all("a")] == [None, None]
    assert "后台" in stored and "外站" in stored


def test_normalised_url_sees_through_encodings():
    assert normalised_url("jav&#x09;ascript:alert(1)").startswith("javascript:")
    assert normalised_url(" &#14; JaVa\x00Script:alert(1)").startswith("javascript:")
    assert normalised_url("&amp;#106;avascript:x").startswith("javascript:")


# --- the whole way: submit, approve, read --------------------------------------


def note_page(client, note):
    """The public note page, or None while notes:detail does not exist yet."""
    try:
        url = reverse("notes:detail", kwargs={"pk": note.pk})
    except NoReverseMatch:
        return None
    response = client.get(url, follow=True)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode()


def note_body_container(page_html):
    """The element that holds the note body: the nearest non-allowlist ancestor of the padding text."""
    soup = BeautifulSoup(page_html, "html.parser")
    text = soup.find(string=lambda s: isinstance(s, NavigableString) and PAD in s)
    assert text is not None, "the note body is not on the page"
    container = text.parent
    while container.name in ALLOWED_TAGS:
        container = container.parent
    return soup, container


def assert_marker_never_executable(soup, marker):
    """Anywhere on the page: the payload's marker is in no script, no event handler, no script URL."""
    for script in soup.find_all("script"):
        assert str(marker) not in script.get_text(), f"marker {marker} inside a <script>"
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else (value or "")
            if attr.lower().startswith("on") or attr.lower() in URL_ATTRIBUTES or attr.lower() == "style":
                assert str(marker) not in value, f"marker {marker} in {attr}= on <{tag.name}>"


@pytest.fixture
def book(db):
    return BookFactory(title="习近平新时代中国特色社会主义思想学习纲要")


@pytest.fixture
def moderator(db):
    return UserFactory(groups=[groups.NOTE_MODERATORS], real_name="心得审核员甲")


def submit_and_approve(author, moderator, book, *, title, body, quote=""):
    note = save_note(author, book=book, title=title, body=body, quote=quote, submit=True)
    note = ReadingNote.objects.get(pk=note.pk)
    task_state = note.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    note = ReadingNote.objects.get(pk=note.pk)
    assert note.live, "the approved note is not published"
    return note


@pytest.mark.parametrize("entry", CORPUS, ids=IDS)
def test_payload_submitted_approved_and_published_is_inert(client, book, moderator, entry):
    author = UserFactory(real_name="读书职工")  # one author per note: 10 submissions an hour each
    note = submit_and_approve(author, moderator, book, title="读书心得", body=f"<p>{PAD}</p>{entry['html']}")

    published = str(render_user_html(note.body))
    assert problems(published) == [], published
    assert PAD in published and PREFIX in published

    page = note_page(client, note)
    if page is None:
        return  # notes:detail is not there yet: the rendered body above is what it will show
    soup, container = note_body_container(page)
    body_html = container.decode_contents()  # the template's wrapper around {{ body }}
    assert problems(body_html) == [], body_html
    assert PREFIX in body_html
    if not entry["swallows_rest"]:
        assert SUFFIX in body_html
    assert_marker_never_executable(soup, entry["marker"])


def test_title_and_quote_are_escaped_on_the_note_page(client, book, moderator):
    author = UserFactory(real_name="读书职工")
    note = submit_and_approve(
        author,
        moderator,
        book,
        title="读书心得<img src=x onerror=alert(8001)><script>alert(8002)</script>",
        quote='"><svg onload=alert(8003)>书中名句',
        body=f"<p>{PAD}</p>",
    )
    page = note_page(client, note)
    if page is None:
        pytest.skip("notes:detail does not exist yet")
    soup = BeautifulSoup(page, "html.parser")
    for marker in (8001, 8002, 8003):
        assert_marker_never_executable(soup, marker)
    assert not soup.find("img", onerror=True)
    assert not soup.find("svg", onload=True)
    assert "&lt;img src=x onerror=alert(8001)&gt;" in page or "alert(8001)" not in page


# --- nesting the rich-text converter cannot take (issue 9, item 9) ----------------------------


def test_excessive_nesting_is_refused_before_conversion():
    import time

    from portal.sanitize import MAX_NESTING, TooDeeplyNested, nesting_depth, sanitize_user_html

    deep = "<p>" + "<b>" * 500 + "字" * 60 + "</b>" * 500 + "</p>"
    assert len(deep) < 4_000
    assert nesting_depth(deep) == 501
    started = time.monotonic()
    with pytest.raises(TooDeeplyNested):
        sanitize_user_html(deep)
    assert time.monotonic() - started < 1
    # Unclosed tags count as well; void elements and closed siblings do not.
    assert nesting_depth("<i>" * 30 + "字") == 30
    assert nesting_depth("<p>一<br>二</p>" * 100) == 1
    assert nesting_depth("<p>一<p>二<p>三") == 1  # a <p> closes the one before it
    assert nesting_depth("<ul><li>一<li>二<li>三</ul>") == 2
    ordinary = "<blockquote><p><b><i><a href='https://example.com'>链接</a></i></b></p></blockquote>"
    assert nesting_depth(ordinary) <= MAX_NESTING
    assert "链接" in sanitize_user_html(ordinary)
