"""The page's QR code is drawn once per address and language, not on every request (6–7 ms each)."""

from unittest import mock

from django.utils import translation

from portal.templatetags import portal_tags


def test_qr_code_is_drawn_once_per_url():
    portal_tags.qr_svg_cache_clear()
    with mock.patch.object(portal_tags.segno, "make", wraps=portal_tags.segno.make) as make:
        first = portal_tags.qr_svg("http://testserver/zh-hans/")
        second = portal_tags.qr_svg("http://testserver/zh-hans/")
        other = portal_tags.qr_svg("http://testserver/zh-hans/news/")

    assert first == second
    assert first != other
    assert make.call_count == 2
    assert first.startswith('<svg role="img" aria-label="')


def test_qr_code_label_follows_the_language():
    portal_tags.qr_svg_cache_clear()
    with translation.override("zh-hans"):
        chinese = portal_tags.qr_svg("http://testserver/x/")
    with translation.override("en"):
        english = portal_tags.qr_svg("http://testserver/x/")

    assert "QR code: http://testserver/x/" in english
    assert chinese != english


def test_no_qr_code_without_url():
    assert portal_tags.qr_svg("") == ""
