"""Chinese-aware search on top of Wagtail's database search backend.

Wagtail's database backend (SQLite FTS5, PostgreSQL tsvector) splits text on
spaces and punctuation, so a run of Chinese characters becomes one huge token
and `笔记` never matches `读书笔记`. Like Elasticsearch's CJK bigram analyser,
we index every run of CJK characters as its overlapping two-character pieces
(`读书笔记` -> `读书 书笔 笔记`) and treat the query the same way, so any
two-character substring matches. Non-CJK words pass through unchanged; digit
groups joined by hyphens (ISBNs, phone numbers) are indexed joined as well.

Models opt in by using `CJKSearchField` instead of `index.SearchField`.
"""

import re

from modelsearch import index

CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]+")
HYPHENATED_DIGITS = re.compile(r"\b\d+(?:[-‐–]\d+)+[\dXx]?\b|\b\d+(?:[-‐–]\d+)*-[\dXx]\b")


def bigrams(run):
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _expand(match):
    return " " + " ".join(bigrams(match.group(0))) + " "


def to_index_text(text):
    """Text as it goes into the index: CJK runs become their bigrams."""
    if not text:
        return ""
    text = str(text)
    joined = [re.sub(r"[-‐–]", "", m.group(0)) for m in HYPHENATED_DIGITS.finditer(text)]
    text = CJK_RUN.sub(_expand, text)
    if joined:
        text = f"{text} {' '.join(joined)}"
    return " ".join(text.split())


def to_query_terms(query):
    """Split a visitor's query into index terms; every term must match."""
    query = HYPHENATED_DIGITS.sub(lambda m: re.sub(r"[-‐–]", "", m.group(0)), query or "")
    terms = []
    for word in re.split(r"[\s,，。、；;:：!?！？\"'“”‘’《》()（）\[\]【】]+", query):
        if not word:
            continue
        terms.extend(to_index_text(word).split())
    # Keep order, drop repeats: "读书读书" should not ask for 读书 twice.
    return list(dict.fromkeys(terms))


def to_query_text(query):
    return " ".join(to_query_terms(query))


class CJKSearchField(index.SearchField):
    """A SearchField whose text is indexed as CJK bigrams."""

    def get_value(self, obj):
        value = super().get_value(obj)
        if isinstance(value, (list, tuple)):
            return [to_index_text(item) for item in value]
        return to_index_text(value)
