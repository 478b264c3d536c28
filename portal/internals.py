"""Every private or undocumented Wagtail, modelsearch and Django API the portal relies on.

Code elsewhere uses the names below instead of reaching into the libraries itself, so an
upgrade has one place to look. Each entry names the version it was checked against (the pins in
requirements.txt: Django 5.2.19, Wagtail 8.0.1, modelsearch 1.3.2), and
portal/tests/test_internals.py fails loudly when an upgrade removes or changes one: upgrade,
run that test, and fix this module rather than the callers.

Methods we *override* cannot be wrapped in a function; they are listed in OVERRIDDEN (with the
class that defines them, who relies on the override and who calls it), and the test checks that
the library still defines and calls each one.
"""

from django.http.request import split_domain_port
from modelsearch.queryset import SearchableQuerySetMixin  # noqa: F401 - re-exported
from wagtail.coreutils import get_supported_content_language_variant

# Wagtail 8.0.1: the cache key and version under which Site.get_site_root_paths() keeps its
# answer, and the named tuple it returns (wagtail.models.sites, undocumented). portal/sitewide.py
# reads that key in the same get_many as the portal's own site-wide keys.
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY as SITE_ROOT_PATHS_KEY  # noqa: F401
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_VERSION as SITE_ROOT_PATHS_VERSION  # noqa: F401
from wagtail.models.sites import SiteRootPath as site_root_path  # noqa: F401, N813

# --- Django -----------------------------------------------------------------------------------


def request_host_name(request):
    """The request's host name without the port, *before* ALLOWED_HOSTS validation.

    Django 5.2.19: HttpRequest._get_raw_host() is private; django.http.request.split_domain_port
    is undocumented. Wagtail's Site lookup reads the host the same way, so the site cache key
    (portal/middleware.py) matches what Wagtail would find.
    """
    return split_domain_port(request._get_raw_host())[0]


def set_prefetched(instance, name, queryset, objects):
    """Make `instance.<name>.all()` return `objects` without a query, as prefetch_related would.

    Django 5.2.19: QuerySet._result_cache, QuerySet._prefetch_done and
    Model._prefetched_objects_cache are private (booklists/importer.py fills the tags of
    thousands of imported books before indexing them). `queryset` is an empty queryset of the
    related model, e.g. Tag.objects.none().
    """
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    cache = getattr(instance, "_prefetched_objects_cache", None)
    if cache is None:
        cache = instance._prefetched_objects_cache = {}
    cache[name] = queryset


def raw_delete(queryset):
    """DELETE the rows in one statement: no signals, no cascades, no fetching of the rows.

    Django 5.2.19: QuerySet._raw_delete(using) is private (what Collector uses for fast deletes).
    """
    return queryset._raw_delete(queryset.db)


# --- Wagtail ----------------------------------------------------------------------------------


def content_language(language_code):
    """The content language (WAGTAIL_CONTENT_LANGUAGES) a language code maps to: "zh-hans" for "zh-Hans".

    Wagtail 8.0.1: wagtail.coreutils.get_supported_content_language_variant is undocumented;
    Locale.get_for_language uses it, so lookups by language code match Wagtail's own.
    """
    return get_supported_content_language_variant(language_code)


def find_site_uncached(request):
    """The Site serving this request, always from the database.

    Wagtail 8.0.1: Site._find_for_request is private; Site.find_for_request is the public,
    per-request cached wrapper around it.
    """
    from wagtail.models import Site

    return Site._find_for_request(request)


def remember_site(request, site):
    """Make Site.find_for_request(request) answer `site` without a query.

    Wagtail 8.0.1: Site.find_for_request caches its answer in request._wagtail_site.
    """
    request._wagtail_site = site


def remember_site_root_paths(request, paths):
    """Make `page.get_url(request)` (and `{% pageurl %}`) use `paths` without a cache lookup.

    Wagtail 8.0.1: Page._get_site_root_paths caches Site.get_site_root_paths() in
    request._wagtail_cached_site_root_paths.
    """
    request._wagtail_cached_site_root_paths = paths


def editor_html_converter(features):
    """Wagtail's converter from editor HTML to its rich-text database format, for `features`.

    Wagtail 8.0.1: wagtail.admin.rich_text.converters.editor_html is undocumented (the Draftail
    editor uses its contentstate converter instead). portal/sanitize.py stores reading notes
    typed on the public site through it.
    """
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

    return EditorHTMLConverter(features=features)


def editor_html_rule_without_attributes(element):
    """A converter rule letting `element` through the editor-HTML converter with no attributes.

    Wagtail 8.0.1: WhitelistRule (wagtail.admin.rich_text.converters.editor_html) and
    wagtail.whitelist.allow_without_attributes are undocumented.
    """
    from wagtail.admin.rich_text.converters.editor_html import WhitelistRule
    from wagtail.whitelist import allow_without_attributes

    return WhitelistRule(element, allow_without_attributes)


def admin_permission_denied(request):
    """Wagtail's answer to a refused admin request: back to the dashboard with a message.

    Wagtail 8.0.1: wagtail.admin.auth.permission_denied is undocumented (class-based admin views
    raise PermissionDenied instead, which require_admin_access turns into this).
    """
    from wagtail.admin.auth import permission_denied

    return permission_denied(request)


def page_autogenerated_slug(page, base_slug):
    """`base_slug`, or `base_slug-2`, `-3`… : the first slug free among the page's siblings.

    Wagtail 8.0.1: Page._get_autogenerated_slug is private (what Page._set_core_field_defaults
    uses for an empty slug). portal.models.BasePage fills empty slugs with the title's pinyin.
    """
    return page._get_autogenerated_slug(base_slug)


def page_parent_is_known(page):
    """Whether Wagtail would autogenerate the page's slug: it has a path, or a parent cached.

    Wagtail 8.0.1: Page._cached_parent_obj is private (set by Page.add_child / Page.get_parent);
    Page._set_core_field_defaults checks the same two conditions.
    """
    return bool(page.path or getattr(page, "_cached_parent_obj", None))


def page_site_root_paths(page):
    """The (site id, root path, root url, language code) of every site, as the page's URL methods see them.

    Wagtail 8.0.1: Page._get_site_root_paths is private (Page.get_url_parts reads it, cached
    on the request or the page).
    """
    return page._get_site_root_paths()


# --- modelsearch (Wagtail's search backends) -----------------------------------------------------


def database_search_backend(params):
    """The database search backend (SQLite FTS5 / PostgreSQL) for this database.

    modelsearch 1.3.2: modelsearch.backends.database.SearchBackend is a factory module attribute,
    not a documented class. portal/search.py subclasses what it returns (see OVERRIDDEN).
    """
    from modelsearch.backends.database import SearchBackend

    return SearchBackend(params)


def search_index_entries():
    """The manager of modelsearch's IndexEntry rows (one per indexed object).

    modelsearch 1.3.2: the IndexEntry model and modelsearch.conf.get_app_config are internal.
    """
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._default_manager


def search_fts_table():
    """The SQLite FTS5 table that mirrors the IndexEntry rows (rowid = IndexEntry.id), or None.

    modelsearch 1.3.2: the SQLiteFTSIndexEntry model exists only on SQLite with FTS5; its table
    has the columns autocomplete, body and title, kept in step by triggers.
    """
    from django.db import connection
    from modelsearch.conf import get_app_config

    if connection.vendor != "sqlite":
        return None
    try:
        return get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
    except LookupError:
        return None


def search_content_type_ids(model):
    """The content type ids under which modelsearch indexes `model` and its subclasses.

    modelsearch 1.3.2: modelsearch.utils.get_descendants_content_types_pks is internal.
    """
    from modelsearch.utils import get_descendants_content_types_pks

    return get_descendants_content_types_pks(model)


def search_postgres_indexer(backend, obj):
    """modelsearch's reader of an object's search fields on PostgreSQL (`prepare_field`, `search_fields`).

    modelsearch 1.3.2: ObjectIndexer in modelsearch.backends.database.postgres.postgres is internal.
    """
    from modelsearch.backends.database.postgres.postgres import ObjectIndexer

    return ObjectIndexer(obj, backend)


def refresh_search_title_norms(backend):
    """Recompute modelsearch's title_norm for new index entries (what add_items does after each batch).

    modelsearch 1.3.2: BaseIndex._refresh_title_norms is private.
    """
    backend.get_index_for_model(None)._refresh_title_norms()


# --- methods we override ------------------------------------------------------------------------

# (module, class, method, our override, the library code that calls it)
OVERRIDDEN = [
    (
        "wagtail.models",
        "Page",
        "_set_core_field_defaults",
        "portal.models.BasePage._set_core_field_defaults (Wagtail 8.0.1)",
        "Page.full_clean",
    ),
    (
        "wagtail.permission_policies.base",
        "ModelPermissionPolicy",
        "_get_permission_codename",
        "loans.admin_views.LoanPermissionPolicy._get_permission_codename (Wagtail 8.0.1)",
        "ModelPermissionPolicy._get_permission_name",
    ),
    (
        "wagtail.contrib.settings.models",
        "BaseGenericSetting",
        "_get_or_create",
        "portal.models.SharedCacheSettingMixin._get_or_create (Wagtail 8.0.1)",
        "BaseGenericSetting.load",
    ),
    (
        "wagtail.models",
        "Page",
        "get_view_restrictions",
        "portal.models.BasePage.get_view_restrictions (Wagtail 8.0.1)",
        "wagtail.wagtail_hooks.check_view_restrictions",
    ),
    (
        "wagtail.models",
        "Page",
        "_get_site_root_paths",
        "portal.models.PortalPageMixin._get_site_root_paths (Wagtail 8.0.1)",
        "Page._get_relevant_site_root_paths",
    ),
    (
        "modelsearch.backends.base",
        "BaseSearchBackend",
        "_search",
        "portal.search._with_cjk_queries (modelsearch 1.3.2)",
        "BaseSearchBackend.search",
    ),
]
