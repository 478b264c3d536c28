"""Inspect HTML for anything that could run script: shared by the sanitiser and browser tests.

The HTML is parsed (html.parser) and every element and attribute is checked;
a few regular expressions over the raw text back the parser up, in case it
reads markup differently from a browser.
"""

import html
import re

from bs4 import BeautifulSoup

from portal.sanitize import ALLOWED_TAGS

FORBIDDEN_ELEMENTS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "style",
    "svg",
    "math",
    "form",
    "base",
    "meta",
    "link",
    "img",
    "image",
    "video",
    "audio",
    "source",
    "input",
    "button",
    "select",
    "textarea",
    "isindex",
    "template",
    "noscript",
    "xmp",
    "plaintext",
    "details",
    "marquee",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster", "cite", "srcdoc"}
BAD_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:")
SAFE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
# Attributes the allowlist can produce, per element.
EXPECTED_ATTRIBUTES = {"a": {"href", "rel"}}

# ASCII controls and whitespace plus the Unicode spaces browsers strip or ignore in URLs.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]")
_EVENT_IN_TAG = re.compile(r"<[^>]*[\s/\"'`]on[a-z]+\s*=", re.IGNORECASE)


def normalised_url(value):
    """What a browser would treat as the URL's scheme part: unescaped, without whitespace/controls, lower case."""
    previous = None
    value = value or ""
    while previous != value:  # entities escaped twice (&amp;#106;) count too
        previous, value = value, html.unescape(value)
    return _URL_NOISE.sub("", value).lower()


def problems(fragment):
    """Everything in `fragment` that could run script or escape the allowlist; [] when safe."""
    found = []
    lowered = fragment.lower()
    if "<script" in lowered:
        found.append("literal <script")
    if _EVENT_IN_TAG.search(fragment):
        found.append(f"event handler inside a tag: {_EVENT_IN_TAG.search(fragment).group(0)!r}")
    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup.find_all(True):
        name = tag.name.lower()
        if name in FORBIDDEN_ELEMENTS:
            found.append(f"forbidden element <{name}>")
        if name not in ALLOWED_TAGS:
            found.append(f"element outside the allowlist <{name}>")
        for attr, value in tag.attrs.items():
            attr = attr.lower()
            value = " ".join(value) if isinstance(value, list) else (value or "")
            if attr.startswith("on"):
                found.append(f"event handler {attr}= on <{name}>")
            if attr == "style":
                found.append(f"style attribute on <{name}>")
            if attr not in EXPECTED_ATTRIBUTES.get(name, set()):
                found.append(f"unexpected attribute {attr}= on <{name}>")
            if attr in URL_ATTRIBUTES or attr.endswith(":href"):
                url = normalised_url(value)
                if url.startswith(BAD_SCHEMES) or "script:" in url:
                    found.append(f"dangerous URL {attr}={value!r} on <{name}>")
                elif not SAFE_URL.match(url):
                    found.append(f"URL outside http/https/mailto {attr}={value!r} on <{name}>")
        if name == "a" and tag.get("href") and tag.get("rel"):
            rel = set(tag.get("rel") if isinstance(tag.get("rel"), list) else tag.get("rel").split())
            if not {"nofollow", "noopener"} <= rel:
                found.append(f"link without rel=nofollow noopener: {tag}")
    return found
