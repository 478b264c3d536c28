"""Abstract building blocks every page type is made of."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
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
    promote_panels = Page.promote_panels + [FieldPanel("listing_image")]

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
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("listing_image"),
    ]

    # A page type with no template of its own cannot be rendered.
    show_in_menus_default = False

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.search_description or self.intro
