"""What the note form's editor (Quill 2, static/vendor/quill) submits, as it is stored.

The form copies Quill's own markup into the body field: paragraphs as <p>, an
empty line as <p><br></p>, both kinds of list in one <ol> told apart by
<li data-list="bullet|ordered"> with an empty <span class="ql-ui">, a quotation
as one <blockquote> per line, links with rel/target. The server maps that onto
the Wagtail rich text that notes store (<ul>/<ol>, one quotation with <br>
between its lines) and its allowlist cleans the result.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from booklists.factories import BookFactory
from portal.sanitize import normalise_editor_html, sanitize_user_html

UI = '<span class="ql-ui" contenteditable="false"></span>'
PARAGRAPH = "读书使人明智，这本书让我对机关工作和自身学习有了新的认识，值得每一位同事细细品读。"

# A note as Quill 2.0.3 writes it (quill.root.innerHTML), with every toolbar format.
QUILL_NOTE = (
    f"<p>{PARAGRAPH}<strong>多读书</strong>、<em>读好书</em>。</p>"
    "<p><br></p>"
    "<h3>一、读后感</h3>"
    "<h4>（一）学习体会</h4>"
    f'<ol><li data-list="bullet">{UI}每天坚持阅读三十分钟</li><li data-list="bullet">{UI}每月写一篇读书心得</li></ol>'
    f'<ol><li data-list="ordered">{UI}第一点</li><li data-list="ordered">{UI}第二点</li></ol>'
    "<blockquote>读书破万卷，</blockquote><blockquote>下笔如有神。</blockquote>"
    '<p>推荐阅读 <a href="https://www.gov.cn/zhengce/" rel="noopener noreferrer" target="_blank">政策文件</a>，'
    '联系 <a href="mailto:reader@example.org" rel="noopener noreferrer" target="_blank">读书会</a>。</p>'
    "<p><br></p>"
)
STORED_NOTE = (
    f"<p>{PARAGRAPH}<strong>多读书</strong>、<em>读好书</em>。</p>"
    "<h3>一、读后感</h3>"
    "<h4>（一）学习体会</h4>"
    "<ul><li>每天坚持阅读三十分钟</li><li>每月写一篇读书心得</li></ul>"
    "<ol><li>第一点</li><li>第二点</li></ol>"
    "<blockquote>读书破万卷，<br>下笔如有神。</blockquote>"
    '<p>推荐阅读 <a href="https://www.gov.cn/zhengce/" rel="nofollow noopener">政策文件</a>，'
    '联系 <a href="mailto:reader@example.org" rel="nofollow noopener">读书会</a>。</p>'
)


def test_a_quill_note_is_stored_as_wagtail_rich_text():
    assert sanitize_user_html(QUILL_NOTE) == STORED_NOTE


def test_storing_is_stable():
    """Stored HTML loaded back into the editor and saved unchanged is stored the same."""
    assert sanitize_user_html(STORED_NOTE) == STORED_NOTE


@pytest.mark.parametrize(
    ("quill", "stored"),
    [
        # Bulleted and numbered items next to each other: Quill keeps them in one <ol>.
        (
            f'<ol><li data-list="ordered">{UI}甲</li><li data-list="bullet">{UI}乙</li>'
            f'<li data-list="bullet">{UI}丙</li><li data-list="ordered">{UI}丁</li></ol>',
            "<ol><li>甲</li></ol><ul><li>乙</li><li>丙</li></ul><ol><li>丁</li></ol>",
        ),
        # A check list (typed as "[ ] ") is a bulleted list; an empty item goes.
        (
            f'<ol><li data-list="unchecked">{UI}待读</li><li data-list="checked">{UI}已读</li>'
            f'<li data-list="bullet">{UI}<br></li></ol>',
            "<ul><li>待读</li><li>已读</li></ul>",
        ),
        # A list with nothing in it goes.
        (f'<p>前言</p><ol><li data-list="bullet">{UI}<br></li></ol>', "<p>前言</p>"),
        # Formatting inside list items and quotations stays.
        (
            f'<ol><li data-list="bullet">{UI}<strong>重点</strong>内容</li></ol>'
            "<blockquote><em>学而时习之</em></blockquote>",
            "<ul><li><strong>重点</strong>内容</li></ul><blockquote><em>学而时习之</em></blockquote>",
        ),
        # Two quotations with a paragraph between stay two quotations.
        (
            "<blockquote>其一</blockquote><p>评语</p><blockquote>其二</blockquote>",
            "<blockquote>其一</blockquote><p>评语</p><blockquote>其二</blockquote>",
        ),
        # Pasted headings of other levels become the two levels notes have (the editor does the same).
        (
            "<h1>大标题</h1><h2>次标题</h2><h5>小</h5><h6>更小</h6>",
            "<h3>大标题</h3><h3>次标题</h3><h4>小</h4><h4>更小</h4>",
        ),
        # Empty lines, at the start, between and at the end, go; a line break inside a paragraph stays.
        (
            "<p><br></p><p>第一段<br>换行</p><p><br></p><p><br></p><p>第二段</p><p><br></p>",
            "<p>第一段<br>换行</p><p>第二段</p>",
        ),
        # An address the editor refused (Quill writes about:blank) keeps the words, not the link.
        (
            '<p><a href="about:blank" rel="noopener noreferrer" target="_blank">坏链接</a></p>',
            '<p><a rel="nofollow noopener">坏链接</a></p>',
        ),
        # Quill's alignment and indent classes are not kept.
        ('<p class="ql-align-center ql-indent-1">居中</p>', "<p>居中</p>"),
        # Other editors' markup: <div> paragraphs and text outside any block.
        ("<div>一段</div><div><p>二段</p></div>散文<b>字</b>", "<p>一段</p><p>二段</p><p>散文<b>字</b></p>"),
    ],
    ids=[
        "mixed-lists",
        "check-list",
        "empty-list",
        "inline-formatting",
        "separate-quotes",
        "headings",
        "empty-lines",
        "refused-link",
        "classes",
        "div-and-loose-text",
    ],
)
def test_editor_markup_is_mapped(quill, stored):
    assert sanitize_user_html(quill) == stored
    assert sanitize_user_html(stored) == stored


def test_the_mapping_is_not_the_defence():
    """Markup the editor never writes, hidden in its list and quotation markup, is still cleaned."""
    hostile = (
        f'<ol><li data-list="bullet" onclick="alert(1)">{UI}<img src=x onerror=alert(2)>条目</li></ol>'
        '<blockquote style="x" data-list="bullet"><script>alert(3)</script>引文</blockquote>'
        '<p><a href="javascript:alert(4)">链接</a></p>'
    )
    stored = sanitize_user_html(hostile)
    assert stored == '<ul><li>条目</li></ul><blockquote>引文</blockquote><p><a rel="nofollow noopener">链接</a></p>'


def test_normalise_keeps_already_clean_html():
    assert normalise_editor_html(STORED_NOTE.replace("<br>", "<br/>")) == STORED_NOTE.replace("<br>", "<br/>")


@pytest.mark.django_db
def test_the_form_stores_what_the_editor_submits(client, make_user):
    """The public form, posted as the browser posts it after typing in Quill."""
    cache.clear()  # the hourly submission limit
    author = make_user(real_name="李明")
    book = BookFactory(title="红楼梦", authors="曹雪芹")
    client.force_login(author)
    response = client.post(
        reverse("notes:write"),
        {
            "title": "读《红楼梦》有感",
            "book": book.pk,
            "book_query": book.title,
            "campaign": "",
            "quote": "",
            "body": QUILL_NOTE,
            "draft": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    note = author.reading_notes.get()
    assert note.body == STORED_NOTE
