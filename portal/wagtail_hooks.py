from wagtail import hooks

from . import pagecache
from .internals import editor_html_rule_without_attributes
from .models import restricted_paths


@hooks.register("register_rich_text_features")
def register_blockquote_for_user_html(features):
    # Reading notes from the public site go through the editor-HTML converter
    # (portal/sanitize.py); it has no rule of its own for blockquote.
    features.register_converter_rule("editorhtml", "blockquote", [editor_html_rule_without_attributes("blockquote")])


@hooks.register("before_serve_page")
def cache_page_for_anonymous_visitors(page, request, serve_args, serve_kwargs):
    """Every page may be kept in the page cache (portal/pagecache.py), under its own tag and the
    tags its type names in ``page_cache_tags``; a page behind a view restriction never is."""
    if any(page.path.startswith(path) for path in restricted_paths()):
        pagecache.exempt(request)
        return None
    pagecache.tag(request, pagecache.page_tag(page), *getattr(page, "page_cache_tags", ()))
    return None
