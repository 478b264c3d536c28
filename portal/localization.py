"""The one way to find "this page in the reader's language".

Several pages exist once per site and are linked from everywhere: the catalogue (every book
link), the notes page, the list index. `localized_page(CataloguePage, request)` returns the
live one in the active language, falling back to the default language's when that language has
no live translation (Wagtail's `Page.localized`). The answer is kept on the request, so a page
that links twenty books looks the catalogue up once.

Apps name their linked pages with `register_linked_pages()` (in `AppConfig.ready()`); the first
lookup in a request finds every registered one in the default language with one query (the home
page links the catalogue, the notes page and the honour wall: one query, not three). They come
as Wagtail's deferred specific instances: the base page fields are loaded, which is what a link
needs; a specific field, if ever read, is loaded then.
"""

from django.conf import settings
from django.utils.translation import get_language

from .internals import content_language
from .models import restricted_paths, visible

_CACHE_ATTRIBUTE = "_portal_localized_pages"
_ORIGINALS = object()  # the request cache's entry for the default-language pages found together
_LINKED_PAGE_CLASSES = []


def register_linked_pages(*page_classes):
    """Page types linked from everywhere, found together by the first `localized_page` of a request."""
    for page_class in page_classes:
        if page_class not in _LINKED_PAGE_CLASSES:
            _LINKED_PAGE_CLASSES.append(page_class)


def localized_page(page_class, request=None):
    """The live, public `page_class` page in the active language, else the default language's; or None.

    When a site has several (there should be one), the one nearest the root is taken.
    """
    cache = _request_cache(request)
    if page_class in cache:
        return cache[page_class]
    default_language = content_language(settings.LANGUAGE_CODE)
    if page_class in _LINKED_PAGE_CLASSES:
        if _ORIGINALS not in cache:
            cache[_ORIGINALS] = _linked_originals(default_language)
        original = cache[_ORIGINALS].get(page_class)
    else:
        original = (
            visible(page_class.objects.filter(locale__language_code=default_language))
            .select_related("locale")
            .order_by("depth", "path")
            .first()
        )
    page = original
    if original is not None and content_language(get_language() or default_language) != default_language:
        page = original.localized  # the live translation in the active language, or the original
        if page is not original and any(page.path.startswith(path) for path in restricted_paths()):
            page = original  # the translation sits in a private section: not for links
    cache[page_class] = page
    return page


def _linked_originals(default_language):
    """{page class: its live, public page nearest the root in the default language}, in one query."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    content_types = ContentType.objects.get_for_models(*_LINKED_PAGE_CLASSES)  # Django keeps these in memory
    by_type = {content_types[page_class].pk: page_class for page_class in _LINKED_PAGE_CLASSES}
    pages = (
        visible(Page.objects.filter(locale__language_code=default_language, content_type_id__in=list(by_type)))
        .select_related("locale")
        .order_by("depth", "path")
        .specific(defer=True)
    )
    found = {}
    for page in pages:
        found.setdefault(by_type[page.content_type_id], page)
    return found


def _request_cache(request):
    if request is None:
        return {}
    cache = getattr(request, _CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(request, _CACHE_ATTRIBUTE, cache)
    return cache
