"""Untrusted HTML from employees (reading notes) becomes safe rich text.

Wagtail stores and renders rich text as given, so HTML typed by a non-staff
user goes through two steps before it is stored (DESIGN.md §4):

1. Wagtail's editor-HTML converter turns it into Wagtail's rich-text database
   format, keeping only the elements of the features we allow;
2. an nh3 (ammonia) allowlist cleans the result: paragraphs, h3–h4, bold,
   italic, lists, blockquote, line breaks and links with http, https or mailto
   only, which get rel="nofollow noopener".

Before step 1, the markup of the note form's editor (Quill, static/vendor/quill)
is mapped onto those elements (`normalise_editor_html`): Quill keeps both kinds
of list in one <ol> and tells them apart by <li data-list="bullet|ordered">,
writes one <blockquote> per line and an empty line as <p><br></p>. This step
only reshapes already-cleaned HTML; the allowlist after it is what keeps notes
safe.

Rendering repeats step 2 on the expanded HTML, so nothing stored before a rule
changed can slip through either.

Before any of this, `nesting_depth()` measures how deeply the markup nests, with
the standard library's event parser (no tree, no recursion): Wagtail's converter
and BeautifulSoup recurse once per level, so 500 nested <b> (3.5 KB) raised
RecursionError, and on a debug server took minutes. More than MAX_NESTING levels
is refused (`TooDeeplyNested`); what the note editor produces nests five or six.
"""

from html.parser import HTMLParser

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.safestring import mark_safe

NOTE_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "blockquote"]
ALLOWED_TAGS = {"p", "br", "h3", "h4", "b", "strong", "i", "em", "ul", "ol", "li", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"


MAX_NESTING = 20

# Elements with no end tag, which never contain anything.
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
}  # fmt: skip


class TooDeeplyNested(ValueError):
    """The markup nests more than MAX_NESTING elements deep."""

    def __init__(self, depth):
        super().__init__(f"HTML nested {depth} levels deep; at most {MAX_NESTING}")
        self.depth = depth


class _DepthParser(HTMLParser):
    """Counts the deepest nesting of open elements, closing them the way a browser would for p and li.

    Each tag costs O(1) on well-formed markup (the element closed is the innermost one).
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.counts = {}
        self.deepest = 0

    def _innermost(self, tag):
        """Index of the innermost open `tag`, or -1."""
        if not self.counts.get(tag):
            return -1
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index] == tag:
                return index
        return -1

    def _close_from(self, index):
        for tag in self.open[index:]:
            self.counts[tag] -= 1
        del self.open[index:]

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        if tag == "p" and (index := self._innermost("p")) >= 0:
            self._close_from(index)
        elif tag == "li":
            # A new item closes the open one, unless a list was opened inside it since.
            index = self._innermost("li")
            if index >= 0 and not any(name in ("ul", "ol") for name in self.open[index:]):
                self._close_from(index)
        self.open.append(tag)
        self.counts[tag] = self.counts.get(tag, 0) + 1
        self.deepest = max(self.deepest, len(self.open))

    def handle_startendtag(self, tag, attrs):
        self.deepest = max(self.deepest, len(self.open) + (tag not in _VOID))

    def handle_endtag(self, tag):
        if (index := self._innermost(tag)) >= 0:
            self._close_from(index)


def nesting_depth(html):
    """How many elements deep `html` nests at its deepest point (unclosed elements count)."""
    parser = _DepthParser()
    parser.feed(html or "")
    parser.close()
    return parser.deepest


def check_nesting(html):
    """Raise TooDeeplyNested if `html` nests more than MAX_NESTING elements deep."""
    depth = nesting_depth(html)
    if depth > MAX_NESTING:
        raise TooDeeplyNested(depth)


# Elements dropped with everything inside them, text included.
CLEAN_CONTENT_TAGS = {"script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"}


def clean_html(html):
    """The nh3 allowlist alone (also used at render time)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        url_relative="deny",
        link_rel=LINK_REL,
        strip_comments=True,
    )


# The first pass also keeps what normalise_editor_html reads: Quill's list
# markers, and blocks it renames (other headings, <div>).
_EDITOR_TAGS = ALLOWED_TAGS | {"div", "h1", "h2", "h5", "h6"}
_EDITOR_ATTRIBUTES = {"a": {"href"}, "li": {"data-list"}}
_HEADING = {"h1": "h3", "h2": "h3", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
_BLOCKS = {"p", "div", "ul", "ol", "blockquote", *_HEADING}
_BULLET_KINDS = {"bullet", "checked", "unchecked"}  # Quill's check lists read as bullets


def _first_pass(html):
    """The allowlist with the editor's markers kept; drops <script>/<style> with their text."""
    return nh3.clean(
        html or "",
        tags=_EDITOR_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=_EDITOR_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        url_relative="deny",
        link_rel=None,
        strip_comments=True,
    )


def _is_blank(node):
    if isinstance(node, NavigableString):
        return not node.strip()
    return not node.get_text().strip()


def _lists(soup, parent):
    """Quill's <ol><li data-list="bullet">… becomes <ul>/<ol> runs, one per kind of item."""
    for container in parent.find_all(["ol", "ul"], recursive=False):
        items = [li for li in container.find_all("li", recursive=False) if not _is_blank(li)]
        if not any(li.has_attr("data-list") for li in items):
            for li in items:
                li.attrs = {}
            continue
        runs = []
        for li in items:
            kind = "ul" if li.get("data-list") in _BULLET_KINDS else "ol"
            li.attrs = {}
            if not runs or runs[-1].name != kind:
                runs.append(soup.new_tag(kind))
            runs[-1].append(li.extract())
        for run in runs:
            container.insert_before(run)
        container.decompose()


def _merge_quotes(soup, parent):
    """Quill writes a quotation of several lines as one <blockquote> per line: one quotation, lines with <br>."""
    quote = None
    for node in list(parent.children):
        if isinstance(node, Tag) and node.name == "blockquote":
            if quote is None:
                quote = node
            else:
                quote.append(soup.new_tag("br"))
                for child in list(node.children):
                    quote.append(child.extract())
                node.decompose()
        elif isinstance(node, Tag) or node.strip():
            quote = None
        else:
            node.extract()  # whitespace between two quotation lines


def _lines(node):
    """The inline runs of a block and of the blocks inside it, in order."""
    lines, line = [], []
    for child in list(node.children):
        if isinstance(child, Tag) and child.name in _BLOCKS | {"li"}:
            if line:
                lines.append(line)
                line = []
            lines.extend(_lines(child))
        else:
            line.append(child)
    if line:
        lines.append(line)
    return lines


def _flatten_quote(soup, quote):
    """Blocks inside a quotation (pasted, or typed by hand) become its lines, separated by <br>."""
    if not quote.find(list(_BLOCKS | {"li"})):
        return
    lines = [line for line in _lines(quote) if not all(_is_blank(part) for part in line)]
    quote.clear()
    for i, line in enumerate(lines):
        if i:
            quote.append(soup.new_tag("br"))
        for part in line:
            quote.append(part.extract())


def normalise_editor_html(html):
    """The editor's markup as the paragraphs, headings, lists and quotations that notes store.

    Takes HTML that the allowlist has already cleaned (with Quill's markers kept).
    """
    soup = BeautifulSoup(html, "html.parser")
    # Other headings become the two levels notes have; a <div> holding only text is a paragraph.
    for tag in soup.find_all(list(_HEADING)):
        tag.name = _HEADING[tag.name]
    for div in soup.find_all("div"):
        if div.find(list(_BLOCKS)):
            div.unwrap()
        else:
            div.name = "p"
    # Text and inline elements outside any block become paragraphs.
    paragraph = None
    for node in list(soup.children):
        if isinstance(node, Tag) and node.name in _BLOCKS:
            paragraph = None
            continue
        if paragraph is None:
            if isinstance(node, NavigableString) and not node.strip():
                node.extract()  # whitespace between blocks
                continue
            paragraph = soup.new_tag("p")
            node.insert_before(paragraph)
        paragraph.append(node.extract())
    # Empty lines (Quill's <p><br></p>) and other empty blocks go.
    for block in soup.find_all(["p", "h3", "h4", "blockquote", "li"]):
        if not block.decomposed and _is_blank(block):
            block.decompose()
    for quote in soup.find_all("blockquote"):
        _flatten_quote(soup, quote)
    for parent in [soup, *soup.find_all("li")]:
        _lists(soup, parent)
    for container in soup.find_all(["ul", "ol"]):
        if not container.find("li"):
            container.decompose()
    _merge_quotes(soup, soup)
    return str(soup)


def sanitize_user_html(html):
    """What may be stored: Wagtail's database format, cleaned by the allowlist.

    Raises TooDeeplyNested before any conversion if the markup nests more than MAX_NESTING deep.
    """
    check_nesting(html)
    # Imported here: models import this module before Wagtail's registries are ready.
    from .internals import editor_html_converter

    # A first allowlist pass drops <script>/<style> with their text, which the
    # converter would otherwise keep as words; the editor's markup is then
    # mapped onto the elements notes keep.
    editor_html = normalise_editor_html(_first_pass(html))
    database_html = editor_html_converter(NOTE_FEATURES).to_database_format(editor_html)
    return clean_html(database_html)


def render_user_html(stored):
    """Expand stored rich text for display and clean it once more."""
    from wagtail.rich_text import expand_db_html

    return mark_safe(clean_html(expand_db_html(stored or "")))  # noqa: S308 - cleaned just above


def plain_text_length(html):
    """Characters a reader sees (for the 50–20,000 character limit)."""
    return len(nh3.clean(html or "", tags=set()).strip())
