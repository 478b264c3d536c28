"""Builds the demo's site settings, plain pages and home page content, and the home page's
English version (home/demo/content.py)."""

from django.core.management.base import CommandError
from wagtail.models import Locale, Site

from home.models import HomePage, SiteSettings, SiteText, StandardPage
from honours.demo import content_en as honours_en
from honours.models import HonorWallPage
from notes.demo import content_en as notes_en
from notes.models import NotesIndexPage

from . import content, content_en


def home_page():
    """The default language's home page, which migrations create (home 0002)."""
    home = HomePage.objects.filter(locale=Locale.get_default()).order_by("path").first()
    if home is None:
        raise CommandError("No HomePage: run `manage.py migrate` first (home 0002 creates it).")
    return home


def build_site_text(run, locale):
    """The footer text (organisation, address, opening hours) and its English translation."""
    default_locale = Locale.get_default()
    text = SiteText.objects.filter(locale=default_locale).first()
    if text is None:
        text = SiteText.objects.create(
            locale=default_locale,
            **{key: content.SITE_SETTINGS[key] for key in ("organisation", "address", "footer_note")},
        )
        run.count(run.created, "页脚文字")
    else:
        run.count(run.skipped, "页脚文字")
    run.translate(text, locale, content_en.SITE_SETTINGS)


def build_site_settings(run):
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if site_settings.organisation:
        run.count(run.skipped, "站点设置")
        return
    for field, value in content.SITE_SETTINGS.items():
        setattr(site_settings, field, value)
    site_settings.save()
    run.count(run.created, "站点设置")


def build_standard_pages(run, home):
    """The plain pages under the home page; bodies elsewhere link to them by key (run.refs)."""
    for spec in content.STANDARD_PAGES:
        run.refs[spec["key"]] = run.page(
            home,
            StandardPage,
            spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            show_in_menus=spec["show_in_menus"],
            body=run.stream(spec["body"]),
        )


def has_typed_figures(page):
    """The figures block of an older demo: numbers typed in, replaced by live figures."""
    return any(block.block_type == "figures" for block in page.figures)


def live_figures(spec):
    return [{"type": "live_figures", "value": spec["figures"]}]


def build_home(run, home):
    spec = content.HOME
    if home.figures and has_typed_figures(home):
        home.figures = live_figures(spec)
        run.publish(home)
        run.count(run.updated, "首页数据（改为实时数据）")
        return
    if home.figures:
        run.count(run.skipped, "首页内容")
        return
    home.hero_title = spec["hero_title"]
    home.hero_text = spec["hero_text"]
    home.intro = spec["intro"]
    home.figures = live_figures(spec)
    home.body = run.stream(spec["body"])
    run.publish(home)
    run.count(run.created, "首页内容")


def translate(run, locale, home):
    """The home page and the plain pages in `locale` (content_en.py)."""
    spec = content_en.HOME
    english = home.get_translation_or_none(locale)
    run.translate(
        home,
        locale,
        {
            "title": spec["title"],
            "hero_title": spec["hero_title"],
            "hero_text": spec["hero_text"],
            "intro": spec["intro"],
            "figures": live_figures(spec),
            "body": run.stream(spec["body"]),
        },
        # An English home page of an older demo still shows typed figures: translate it again.
        refresh=english is not None and has_typed_figures(english.specific),
    )
    for page in StandardPage.objects.child_of(home).order_by("path"):
        spec = content_en.STANDARD_PAGES[page.slug]
        run.translate(page, locale, {"title": spec["title"], "intro": spec["intro"], "body": run.stream(spec["body"])})


def translate_section_pages(run, locale, home):
    """The pages other apps build under the home page with only a title and an intro: the notes page
    and the honour wall (their English texts are in notes/ and honours/demo/content_en.py)."""
    for page_class, spec in ((NotesIndexPage, notes_en.NOTES_INDEX), (HonorWallPage, honours_en.WALL)):
        for page in page_class.objects.child_of(home).filter(locale=home.locale):
            run.translate(page, locale, {"title": spec["title"], "intro": spec["intro"]})
