"""The Chinese catalogue is complete, compiled, and does not reword Wagtail's admin."""

from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(LOCALE_DIR / "django.po"))


def test_every_message_is_translated(catalogue):
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == []
    assert fuzzy == []


def test_compiled_catalogue_matches_the_source(catalogue):
    compiled = polib.mofile(str(LOCALE_DIR / "django.mo"))
    compiled_strings = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in compiled}
    source_strings = {
        (entry.msgctxt, entry.msgid): entry.msgstr for entry in catalogue.translated_entries() if not entry.msgid_plural
    }
    stale = {key for key, text in source_strings.items() if compiled_strings.get(key) != text}
    assert stale == set(), "run manage.py compilemessages"


def test_project_strings_do_not_reword_wagtail_or_django(catalogue):
    # Our LOCALE_PATHS win over every app's catalogue: a msgid shared with the
    # admin (e.g. "Title", "Pages") would change the admin's wording too.
    theirs = {}
    roots = [Path(wagtail.__file__).parent, Path(wagtail.__file__).parent.parent / "django"]
    for root in roots:
        for path in root.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"):
            for entry in polib.pofile(str(path)):
                if entry.msgstr and not entry.msgctxt:
                    theirs.setdefault(entry.msgid, set()).add(entry.msgstr)
    reworded = {
        entry.msgid: entry.msgstr
        for entry in catalogue.translated_entries()
        if not entry.msgctxt and entry.msgid in theirs and entry.msgstr not in theirs[entry.msgid]
    }
    assert reworded == {}
