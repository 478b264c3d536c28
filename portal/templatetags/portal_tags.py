"""Template tags shared by every public page: menu, language switcher, breadcrumbs, dates, QR codes."""

import datetime
import functools
import re

import segno
from django import template
from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.defaultfilters import date as date_filter
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.html import conditional_escape, escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

register = template.Library()

LANGUAGE_LABELS = {"zh-hans": "简体中文", "en": "English"}


def _language():
    return get_language() or "zh-hans"


def _local(value):
    """An aware datetime in the site's time zone (Beijing); dates and naive datetimes as they are.

    The database returns aware datetimes in UTC: written as they are, anything
    between 00:00 and 08:00 in Beijing would show the day before.
    """
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter(expects_localtime=True)
def local_date(value):
    """A date in the active language's DATE_FORMAT (portal/formats): 2025年3月8日 / 8 March 2025."""
    if not value:
        return ""
    return date_filter(_local(value), "DATE_FORMAT")


@register.filter(expects_localtime=True)
def local_datetime(value):
    if not value:
        return ""
    return date_filter(_local(value), "DATETIME_FORMAT")


@register.filter(expects_localtime=True)
def local_time(value):
    if not value:
        return ""
    return date_filter(_local(value), "TIME_FORMAT")


@register.filter(expects_localtime=True)
def month_day(value):
    if not value:
        return ""
    return date_filter(_local(value), "MONTH_DAY_FORMAT")


_HAN = re.compile(r"[\u3400-\u9fff]")


@register.filter(is_safe=True)
def chinese(value):
    """Text that is Chinese by nature (a Chinese book's title or author, a person's or a department's
    name, an employee's note) on a page in another language, marked `lang="zh-Hans"` so that
    browsers, screen readers and the English edition's checks know it; elsewhere as it is."""
    text = conditional_escape(value)
    if value and _language() != "zh-hans" and _HAN.search(str(value)):
        return mark_safe(f'<span lang="zh-Hans">{text}</span>')
    return text


@register.filter(is_safe=True)
def chinese_title(value):
    """A book's title as the page's language writes one: 《红楼梦》 in Chinese; on another
    language's page a Chinese title keeps its 《》 inside a lang="zh-Hans" span, any other is a <cite>."""
    text = conditional_escape(value)
    if _language() == "zh-hans":
        return mark_safe(f"《{text}》")
    if value and _HAN.search(str(value)):
        return mark_safe(f'<span lang="zh-Hans">《{text}》</span>')
    return mark_safe(f"<cite>{text}</cite>")


@register.filter
def same_day(start, end):
    """True when two datetimes fall on the same local day."""
    if not start or not end:
        return False
    return timezone.localtime(start).date() == timezone.localtime(end).date()


def _site(request):
    if request is None:
        return None
    return Site.find_for_request(request)


def _chrome(context):
    """Menu, breadcrumbs and translations of the current page, fetched in ONE query.

    - menu: live children of the site root in the active language with show_in_menus set
      (the localized root is found by a subquery on its translation key, falling back to
      the site's own root when that language has no translation);
    - breadcrumbs: the page's ancestors from its home page (depth 2) down;
    - translations: live pages sharing the page's translation key, with their locale.

    The result is kept on the request, so every tag below reuses it.
    """
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        page = None
    cached = getattr(request, "_portal_chrome", None)
    if cached is not None and cached["page_id"] == (page.pk if page else None):
        return cached

    chrome = {"page_id": page.pk if page else None, "menu": [], "crumbs": [], "translations": {}}
    site = _site(request)
    conditions = Q()
    menu_q = None
    if site is not None:
        root = Page.objects.filter(pk=site.root_page_id)
        localized_root = Page.objects.filter(
            translation_key=Subquery(root.values("translation_key")[:1]),
            locale__language_code=_language(),
        )
        root_path = Coalesce(Subquery(localized_root.values("path")[:1]), Subquery(root.values("path")[:1]))
        menu_q = Q(
            live=True,
            show_in_menus=True,
            path__startswith=root_path,
            depth=Subquery(root.values("depth")[:1]) + 1,
        )
        conditions |= menu_q
    ancestor_paths = []
    if page is not None:
        ancestor_paths = [page.path[:i] for i in range(2 * Page.steplen, len(page.path), Page.steplen)]
        conditions |= Q(translation_key=page.translation_key, live=True)
        if ancestor_paths:
            conditions |= Q(path__in=ancestor_paths)
    if conditions:
        if menu_q is not None:
            in_menu = ExpressionWrapper(menu_q, output_field=BooleanField())
        else:
            in_menu = Value(False, output_field=BooleanField())
        rows = (
            Page.objects.filter(conditions)
            .select_related("locale")
            .only(
                "id",
                "title",
                "path",
                "depth",
                "url_path",
                "live",
                "show_in_menus",
                "translation_key",
                "locale__language_code",
            )
            .annotate(portal_in_menu=in_menu)
            .order_by("path")
        )
        for row in rows:
            if page is not None and row.translation_key == page.translation_key and row.live:
                chrome["translations"][row.locale.language_code] = row
            if row.path in ancestor_paths:
                chrome["crumbs"].append(row)
            if row.portal_in_menu:
                chrome["menu"].append(row)
    if request is not None:
        request._portal_chrome = chrome
    return chrome


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Live children of the site root in the active language that are shown in menus."""
    return _chrome(context)["menu"]


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the current page's translation, else that language's home.

    Returns a list of dicts: code, label, url, current (bool), available (bool).
    """
    request = context.get("request")
    page = context.get("page")
    current = _language()
    by_code = _chrome(context)["translations"]
    links = []
    for code, name in settings.LANGUAGES:
        translation = by_code.get(code)
        if translation is not None:
            # A routable page's sub-page (a book in the catalogue) keeps its route in every language.
            url = translation.get_url(request)
            if url and context.get("route_suffix"):
                url += context["route_suffix"]
            available = True
        elif request is not None and not isinstance(page, Page):
            # A view that is not a page (search, login): the same address in the other language.
            url = translate_url(request.get_full_path(), code)
            available = True
        else:
            # No translation: a notice in both languages that offers that language's home page.
            url = (
                reverse("untranslated", args=[code])
                + "?"
                + urlencode({"from": request.get_full_path() if request else ""})
            )
            available = False
        links.append(
            {
                "code": code,
                "label": LANGUAGE_LABELS.get(code, name),
                "url": url,
                "current": code == current,
                "available": available,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """Ancestors of the current page from its home page down (no extra query)."""
    return _chrome(context)["crumbs"]


@register.simple_tag(takes_context=True)
def full_url(context, page=None):
    """The absolute address of the page being shown (or of this request).

    `route_suffix` in the context (e.g. "123/" for a book of the catalogue) is
    added to the page's address, so a routable page's sub-pages get their own.

    Built from the request, so the QR code and share links carry the host and
    port the visitor actually used (an intranet portal is often reached by
    several names); the Site record is the fallback.
    """
    request = context.get("request")
    suffix = context.get("route_suffix") or ""
    if isinstance(page, Page) and page.pk:
        relative = page.get_url(request)
        if relative and request is not None and relative.startswith("/"):
            return request.build_absolute_uri(relative + suffix)
        url = page.get_full_url(request)
        if url:
            return url + suffix
    if request is not None:
        return request.build_absolute_uri(request.path)
    return ""


@register.simple_tag
def qr_svg(url, size=None):
    """An inline SVG QR code for url, drawn on the server (no external request, no script).

    Drawing one takes 6–7 ms, and every page shows one: each is drawn once per
    address and language and then kept (a pure function of the two; at most
    1,024 are kept per worker, least recently used dropped first).
    """
    if not url:
        return ""
    return mark_safe(_qr_svg(str(url), _language()))


@functools.lru_cache(maxsize=1024)
def _qr_svg(url, language):
    # `language` is part of the key: the title and label below are translated.
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(
        scale=4,
        border=2,
        dark="#1b2a41",
        light="#ffffff",
        omitsize=True,
        svgclass="qr-svg",
        lineclass=None,
        title=_("QR code for this page"),
    )
    label = escape(_("QR code: %(url)s") % {"url": url})
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


qr_svg_cache_clear = _qr_svg.cache_clear


@register.simple_tag(takes_context=True)
def query_string(context, **kwargs):
    """The current query string with some parameters replaced (None or '' removes one)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode() if params else ""
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """path made absolute with the current request's scheme and host."""
    request = context.get("request")
    if not path:
        return ""
    if request is None or "://" in str(path):
        return path
    return request.build_absolute_uri(path)


OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_GB"}


@register.simple_tag
def og_locale(code=None):
    return OG_LOCALES.get(code or _language(), "zh_CN")


@register.filter
def html_lang(code):
    """A BCP 47 tag for <html lang>: zh-hans -> zh-Hans."""
    return "zh-Hans" if code == "zh-hans" else (code or "zh-Hans")


@register.filter
def verbose_name(obj):
    """The verbose name of a model class or instance (templates cannot read _meta)."""
    meta = getattr(obj, "_meta", None)
    return meta.verbose_name if meta is not None else ""


@register.simple_tag(takes_context=True)
def page_link(context, number, param="page"):
    """The current query string with the pagination parameter `param` set to number."""
    return query_string(context, **{param: number})
