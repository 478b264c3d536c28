"""Public views of the portal itself (not of one app)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page, Site


def untranslated(request, language_code):
    """Where the language switcher leads when the page has no version in `language_code`.

    Says so in both languages (the one the reader came from and the one asked for) and offers
    that language's home page and the way back; it never moves the reader silently.
    """
    languages = dict(settings.LANGUAGES)
    if language_code not in languages:
        raise Http404
    back = request.GET.get("from", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False):
        back = ""
    from_language = next(
        (code for code in languages if back.startswith(f"/{code}/") and code != language_code),
        next(code for code in languages if code != language_code),
    )
    return render(
        request,
        "portal/untranslated.html",
        {
            "target_language": language_code,
            "from_language": from_language,
            "languages": [from_language, language_code],
            "target_home": _home_url(request, language_code),
            "back": back,
        },
    )


def _home_url(request, language_code):
    site = Site.find_for_request(request)
    if site is not None:
        home = (
            Page.objects.live()
            .filter(translation_key=site.root_page.translation_key, locale__language_code=language_code)
            .first()
        )
        if home is not None:
            return home.get_url(request)
    return f"/{language_code}/"
