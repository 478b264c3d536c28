from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import TranslatableField

from booklists.models import BookListPage, CataloguePage
from campaigns.models import ArticlePage, CampaignPage, EventPage
from honours.panels import home_stars
from loans.stats import popular_books
from notes.models import ReadingNote
from portal import pagecache
from portal.blocks import BodyBlock, FiguresBlock
from portal.localization import localized_page
from portal.models import BasePage, SharedCacheSettingMixin, visible
from portal.search import CJKSearchField
from reports.blocks import LiveFiguresBlock


class HomePage(BasePage):
    """The portal's front page: the current campaign, events, reports and figures."""

    # Cached pages (portal/pagecache.py): it shows 优秀 notes and the latest 阅读之星.
    page_cache_tags = (pagecache.NOTES, pagecache.HONOURS)

    hero_title = models.CharField(_("hero title"), max_length=80, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True, max_length=300)
    figures = StreamField(
        [("live_figures", LiveFiguresBlock()), ("figures", FiguresBlock())],
        verbose_name=_("headline figures"),
        blank=True,
        max_num=1,
        help_text=_(
            "Live figures are computed from the portal's data (visits from what librarians record); "
            "typed figures show the numbers as you enter them."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Banner")),
        FieldPanel("figures"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [CJKSearchField("hero_text"), CJKSearchField("body")]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("hero_title"),
        TranslatableField("hero_text"),
        TranslatableField("figures"),
        TranslatableField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "campaigns.CampaignIndexPage",
        "campaigns.ArticleIndexPage",
        "campaigns.EventIndexPage",
        "campaigns.QuestionnairePage",
        "booklists.CataloguePage",
        "booklists.BookListIndexPage",
        "notes.NotesIndexPage",
        "honours.HonorWallPage",
        "home.StandardPage",
    ]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def current_campaign(self, request=None):
        """(campaign, is_current): the campaign of the moment by its dates (CampaignPageQuerySet.current)
        among this home page's, else the latest one, which the page shows as past."""
        campaigns = visible(CampaignPage.objects.descendant_of(self))
        current = campaigns.current()
        if current is not None:
            return current, True
        return campaigns.latest(), False

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaign, campaign_is_current = self.current_campaign(request)
        context["campaign_is_current"] = campaign_is_current
        now = timezone.now()
        context["campaign"] = campaign
        context["timeline"] = campaign.phase_timeline() if campaign else []
        context["upcoming_events"] = list(
            visible(EventPage.objects.descendant_of(self)).filter(end_time__gte=now).order_by("start_time")[:4]
        )
        context["latest_articles"] = list(
            visible(ArticlePage.objects.descendant_of(self))
            .select_related("listing_image")
            .order_by("-date", "-pk")[:6]
        )
        context["book_lists"] = list(
            visible(BookListPage.objects.descendant_of(self)).order_by("-first_published_at")[:3]
        )
        # 热门图书: the most borrowed titles, linked to the catalogue in this page's language.
        # 优秀读书心得: the notes moderators marked excellent most recently.
        context["excellent_notes"] = list(
            ReadingNote.objects.cards().filter(is_excellent=True).order_by("-marked_excellent_at", "-pk")[:4]
        )
        # 阅读之星: the latest published month's reading stars (honours).
        context.update(home_stars(request))
        context["popular_books"] = list(popular_books(6))
        if context["popular_books"]:
            context["catalogue"] = localized_page(CataloguePage, request)
        return context


class StandardPage(BasePage):
    """Rules, "about" and other plain pages."""

    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [CJKSearchField("body")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage", "campaigns.CampaignPage"]
    subpage_types = ["home.StandardPage"]
    template = "home/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(SharedCacheSettingMixin, BaseSiteSetting):
    """Who runs the portal: shown in the footer of every page."""

    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    footer_note = models.CharField(_("footer note"), max_length=200, blank=True)

    panels = [
        FieldPanel("organisation"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("footer_note"),
    ]

    class Meta:
        verbose_name = _("site settings")


@register_snippet
class SiteText(TranslatableMixin, models.Model):
    """What the footer says, in one language: who runs the portal, its address, the opening hours.

    A translatable snippet (translated in the admin with wagtail-localize, like pages). Where a
    language has none, the footer shows the site settings' texts.
    """

    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    footer_note = models.CharField(
        _("footer note"), max_length=200, blank=True, help_text=_("e.g. the reading room's opening hours")
    )

    panels = [FieldPanel("organisation"), FieldPanel("address"), FieldPanel("footer_note")]
    translatable_fields = [
        TranslatableField("organisation"),
        TranslatableField("address"),
        TranslatableField("footer_note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return self.organisation or str(_("footer text"))

    @classmethod
    def for_active_language(cls):
        """The footer text in the active language, else the default language's, else None."""
        # One query: comparing language codes spares the two Locale lookups that
        # Locale.get_active() and get_default() would each run on every page.
        texts = {text.locale.language_code: text for text in cls.objects.select_related("locale")[:20]}
        for language in (translation.get_language(), settings.LANGUAGE_CODE):
            code = get_supported_content_language_variant(language or settings.LANGUAGE_CODE)
            if code in texts:
                return texts[code]
        return None
