"""Headings keep Chinese, digits and quotes in one font (item 17 of the outside audit).

On a machine without a Song (serif) font, the serif stack fell through to the
generic `serif`, a Latin font: `2026年度“书香机关”` was drawn with Latin digits
and quotes beside Chinese from a fallback font. The stacks now name CJK fonts
(which carry their own digits and punctuation) before any Latin-only family.

Chromium reports which fonts it actually used for a node's text
(CSS.getPlatformFontsForNode); the test needs a Chinese font installed
(fonts-wqy-microhei on Debian) and no Song font, which is this machine's case
and the audit's.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)
if not shutil.which("fc-list") or not subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout:
    pytest.skip("No Chinese font installed: apt-get install fonts-wqy-microhei", allow_module_level=True)

pytestmark = pytest.mark.browser

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_text(encoding="utf-8")
PRINT_CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "print.css").read_text(encoding="utf-8")
HEADING = "2026年度“书香机关”创建活动：12项任务、3个阶段"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def fonts_used(page, selector):
    """The font families Chromium drew the element's text with, by number of glyphs."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def render(browser, body, lang="zh-Hans", media="screen"):
    page = browser.new_page(viewport={"width": 1000, "height": 400})
    page.emulate_media(media=media)
    page.set_content(
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><style>{CSS}</style>'
        f'<style media="print">{PRINT_CSS}</style></head><body><main class="container">{body}</main></body></html>'
    )
    return page


@pytest.mark.parametrize(
    "selector,markup",
    [
        ("h1", f'<h1 class="page-title">{HEADING}</h1>'),
        ("h2", f'<h2 class="campaign-card__title">{HEADING}</h2>'),
        ("p", f'<p class="page-lead">{HEADING}</p>'),
    ],
)
def test_chinese_digits_and_quotes_share_one_font(browser, selector, markup):
    page = render(browser, markup)
    try:
        used = fonts_used(page, selector)
        assert len(used) == 1, used
    finally:
        page.close()


def test_printed_headings_share_one_font(browser):
    page = render(browser, f'<h1 class="page-title">{HEADING}</h1>', media="print")
    try:
        used = fonts_used(page, "h1")
        assert len(used) == 1, used
    finally:
        page.close()


def test_screenshot_of_a_heading_with_digits_and_quotes(browser):
    page = render(browser, f'<h1 class="page-title">{HEADING}</h1><p class="page-lead">{HEADING}</p>')
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / "heading-fonts.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 0
    finally:
        page.close()
