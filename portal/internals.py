"""Wagtail and Django APIs the portal relies on that are not (or not clearly) public.

Everything here is checked against Wagtail 8.0.1 and Django 5.2.19 (requirements.txt), and
portal/tests/test_internals.py fails loudly when an upgrade removes or changes one: upgrade,
run that test, and fix this module rather than the callers.
"""

from wagtail.coreutils import get_supported_content_language_variant


def content_language(language_code):
    """The content language (WAGTAIL_CONTENT_LANGUAGES) a language code maps to: "zh-hans" for "zh-Hans".

    wagtail.coreutils.get_supported_content_language_variant (Wagtail 8.0.1): what Locale lookups use.
    """
    return get_supported_content_language_variant(language_code)
