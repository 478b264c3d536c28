import time

from django.conf import settings
from django.utils.cache import patch_cache_control


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` on every response, static files included.

    It sits before whitenoise in MIDDLEWARE, so the files whitenoise serves get it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response


def private_response(response):
    """Mark a response as personal: no shared cache and no browser cache may keep it."""
    if "public" in response.get("Cache-Control", ""):
        del response["Cache-Control"]
    patch_cache_control(response, private=True, no_store=True)
    return response


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` on every personal response.

    A response is personal when it was made for a logged-in user (my library,
    history.csv, my notes, the admin, and any public page that greets them by
    name) or when it holds a CSRF form token (login pages, any form), which is
    tied to the visitor's cookie. Anonymous public pages stay cacheable.

    It sits after CsrfViewMiddleware in MIDDLEWARE, so it sees whether the view
    asked for a token before that middleware resets the flag.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or (user is not None and user.is_authenticated)
        if personal:
            private_response(response)
        return response


class ContentSecurityPolicyMiddleware:
    """Send a Content-Security-Policy on every response.

    The public site gets a strict policy (only our own files, no inline
    scripts); the Wagtail admin a looser one, because it relies on inline code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(("/admin/", "/django-admin/"))
            response["Content-Security-Policy"] = settings.CSP_ADMIN if admin else settings.CSP_PUBLIC
        return response


SITE_VERSION_KEY = "portal:sites-version"


def site_cache_key(request):
    from .internals import request_host_name

    return f"portal:site:{request_host_name(request)}:{request.get_port()}"


class CachedSiteMiddleware:
    """Resolve the Wagtail Site for the request, and every site-wide datum, in one cache round-trip.

    Wagtail looks the site up in the database on every request; sites change
    rarely, so we keep the answer per host and port in the cache, with the
    version number that portal/signal_handlers.py bumps whenever a Site changes
    (an entry of an older version is stale).

    The same `get_many` brings the version, the site, Wagtail's site root paths,
    the restricted paths and the generic settings; the rest of the request reads
    them from that memo (portal/sitewide.py) instead of asking the cache again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from . import sitewide
        from .internals import SITE_ROOT_PATHS_KEY, remember_site, remember_site_root_paths
        from .models import RESTRICTED_PATHS_KEY, SharedCacheSettingMixin

        with sitewide.request_scope():
            key = site_cache_key(request)
            sitewide.prefetch(
                [SITE_VERSION_KEY, key, SITE_ROOT_PATHS_KEY, RESTRICTED_PATHS_KEY]
                + SharedCacheSettingMixin.generic_cache_keys()
            )
            site = self.find_site(request, key)
            if site is not None:
                remember_site(request, site)
                remember_site_root_paths(request, sitewide.site_root_paths())
            return self.get_response(request)

    @staticmethod
    def find_site(request, key):
        from . import sitewide
        from .internals import find_site_uncached

        version = sitewide.get(SITE_VERSION_KEY)
        if version is None:
            # A new number, so that entries written under a lost one never match again.
            version = time.time_ns() // 1_000_000
            if not sitewide.add(SITE_VERSION_KEY, version, None):
                version = sitewide.get(SITE_VERSION_KEY, version)
        entry = sitewide.get(key)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == version:
            return entry[1]
        site = find_site_uncached(request)
        if site is not None:
            sitewide.set(key, (version, site), 3600)
        return site
