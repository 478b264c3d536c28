"""Abstract building blocks every page type is made of."""

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .search import CJKAutocompleteField, CJKSearchField


class BasePage(Page):
    """Fields every public page has: an introduction and a listing image.

    The introduction is what listings, search results and Open Graph show.
    """

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("One or two sentences shown in listings, search results and when shared."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in listings and when the page is shared."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    # search_description is filled from the introduction (see save()).
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("show_in_menus")],
            heading=_("For search engines"),
        ),
        FieldPanel("listing_image"),
    ]

    # Page's own fields stay (admin search, filters); the bigram copies make Chinese match.
    search_fields = Page.search_fields + [
        CJKSearchField("title", boost=3),
        CJKSearchField("intro", boost=2),
        CJKAutocompleteField("title"),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("intro"),
        SynchronizedField("listing_image"),
    ]

    # A page type with no template of its own cannot be rendered.
    show_in_menus_default = False

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.search_description

    def save(self, *args, **kwargs):
        # The introduction is the page's description everywhere: listings,
        # search results (which then need no per-type query) and sharing.
        self.search_description = self.intro
        return super().save(*args, **kwargs)

    def get_view_restrictions(self):
        # Undocumented Page method Wagtail calls on serve: see portal.internals.OVERRIDDEN.
        # Serving a page checks its ancestors' restrictions; skip the two
        # queries when no restriction covers it.
        if not self.alias_of_id and not any(self.path.startswith(path) for path in restricted_paths()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def route(self, request, path_components):
        """Find the page at any depth in two queries.

        Wagtail's own routing walks one level at a time (two queries a level);
        we look up every prefix of the path by `url_path` at once and take the
        deepest page that exists, which then routes what is left (e.g. the
        sub-URLs of a routable page, or a 404).
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = {
            f"{self.url_path}{'/'.join(path_components[:length])}/": length
            for length in range(1, len(path_components) + 1)
        }
        match = (
            Page.objects.filter(url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth)
            .order_by("-depth")
            .specific()
            .first()
        )
        if match is None:
            raise Http404
        remaining = path_components[prefixes[match.url_path] :]
        # The page routes the rest itself, even when nothing is left: a routable
        # page (the catalogue) serves its "" route, any other page itself (404 if not live).
        return match.route(request, remaining)


RESTRICTED_PATHS_KEY = "portal:restricted-page-paths"


def restricted_paths():
    """Tree paths of the pages with a view restriction (private sections).

    Kept in the shared cache and dropped whenever a restriction changes or a
    page moves (portal/signal_handlers.py), so public pages do not pay for the
    lookup on every request.
    """
    paths = cache.get(RESTRICTED_PATHS_KEY)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(RESTRICTED_PATHS_KEY, paths, 300)
    return paths


def visible(queryset, request=None):
    """`queryset.live().public()`, without Wagtail's query for the restrictions on every call."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    queryset = queryset.live()
    return queryset.exclude(private) if private else queryset


class SharedCacheSettingMixin:
    """Settings read on every request (footer, lending rules) come from the shared
    cache; saving one drops the cached copy in every worker at once."""

    @classmethod
    def _shared_cache_key(cls, suffix):
        return f"portal:setting:{cls._meta.label_lower}:{suffix}"

    @classmethod
    def for_site(cls, site):
        if site is None:
            return super().for_site(site)
        key = cls._shared_cache_key(site.pk)
        instance = cache.get(key)
        if instance is None:
            instance = super().for_site(site)
            cache.set(key, instance, 3600)
        return instance

    @classmethod
    def _get_or_create(cls):
        # Wagtail's private BaseGenericSetting._get_or_create: see portal.internals.OVERRIDDEN.
        key = cls._shared_cache_key("generic")
        instance = cache.get(key)
        if instance is None:
            instance = super()._get_or_create()
            cache.set(key, instance, 3600)
        return instance

    def _forget(self):
        cache.delete_many([self._shared_cache_key("generic"), self._shared_cache_key(getattr(self, "site_id", None))])

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._forget()

    def delete(self, *args, **kwargs):
        self._forget()
        return super().delete(*args, **kwargs)
