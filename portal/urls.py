import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from portal import pagecache
from portal import views as portal_views
from portal.sitemaps import AllLanguagesSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", pagecache.cacheable(sitemap), {"sitemaps": {"pages": AllLanguagesSitemap}}),
    path("healthz", home_views.healthz, name="healthz"),
    path("untranslated/<str:language_code>/", portal_views.untranslated, name="untranslated"),
]

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("accounts/", include("people.urls")),
    path("library/", include("loans.urls")),
    path("notes/", include("notes.urls")),
    path("reading-plan/", include("progress.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Development and the demo only (SERVE_MEDIA in portal.settings.dev); in
    # production the proxy or shared storage serves the media files.
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
        )
    ]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
