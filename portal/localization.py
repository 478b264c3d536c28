"""The one way to find "this page in the reader's language".

Several pages exist once per site and are linked from everywhere: the catalogue (every book
link), the notes page, the list index. `localized_page(CataloguePage, request)` returns the
live one in the active language, falling back to the default language's when that language has
no live translation (Wagtail's `Page.localized`). The answer is kept on the request, so a page
that links twenty books looks the catalogue up once.
"""

from django.conf import settings
from django.utils.translation import get_language

from .internals import content_language
from .models import restricted_paths, visible

_CACHE_ATTRIBUTE = "_portal_localized_pages"


def localized_page(page_class, request=None):
    """The live, public `page_class` page in the active language, else the default language's; or None.

    When a site has several (there should be one), the one nearest the root is taken.
    """
    cache = _request_cache(request)
    if page_class in cache:
        return cache[page_class]
    default_language = content_language(settings.LANGUAGE_CODE)
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


def _request_cache(request):
    if request is None:
        return {}
    cache = getattr(request, _CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(request, _CACHE_ATTRIBUTE, cache)
    return cache
