"""Registers what the home app offers the apps below it: the organisation's name from the site
settings, for the reports' documents (reports_organisation_name)."""

from wagtail import hooks

from .models import SiteSettings


@hooks.register("reports_organisation_name")
def organisation_name(request):
    return SiteSettings.for_request(request).organisation if request is not None else ""
