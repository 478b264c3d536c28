"""The footer text in the reader's language, for every template (base.html's footer)."""

from django.utils.functional import SimpleLazyObject


def site_text(request):
    from home.models import SiteText

    return {"site_text": SimpleLazyObject(SiteText.for_active_language)}
