"""Themed reading challenges (主题阅读活动): who takes part, who has finished, and the rates.

A challenge (campaigns.ReadingChallengePage) asks for at least ``min_reads`` verified reads
and ``min_notes`` approved notes dated between its start and end (both included), on books of
its category and/or its list when set. What counts as a verified read or an approved note is
the reading record's (progress.record): these functions only narrow its querysets to the
challenge's dates and books, so the rule lives in one place.

Who takes part: with enrolment "everyone", every active employee (administrator accounts are
not employees); with "self", the active employees who joined. Participants are stored against
the challenge in the default language and found by its ``translation_key``, so every
translation of the page shows the same people.

Every figure is one query, computed by the database: an employee's progress; the overall
completion; the per-department completion per head (completers ÷ Department.headcount;
a department without a headcount is listed but given no rate, 未设置人数).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Length, Substr
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from booklists.models import BookListItem, Category
from campaigns.choices import Enrolment
from campaigns.models import ChallengeParticipant, ReadingChallengePage
from people.models import Department
from portal.internals import content_language
from portal.models import visible

from . import record

# "我的借阅" shows running challenges and those that ended in the last RECENT_DAYS days.
RECENT_DAYS = 60
MY_CHALLENGES_SHOWN = 8


# -- what counts ----------------------------------------------------------------------------


def _books(challenge, field="book"):
    """A Q limiting `field` (a Book FK) to the challenge's category and list; empty Q when unlimited."""
    limit = Q()
    if challenge.category_id:
        # By translation key: the catalogue's books point at the default-language category,
        # whichever language's category the editor chose.
        key = Category.objects.filter(pk=challenge.category_id).values("translation_key")[:1]
        limit &= Q(**{f"{field}__category__translation_key": Subquery(key)})
    if challenge.book_list_id:
        books = BookListItem.objects.filter(page_id=challenge.book_list_id).values("book_id")
        limit &= Q(**{f"{field}__in": books})
    return limit


def counted_reads(challenge, *, as_of=None):
    """Verified reads (progress.record) dated in the challenge, on its books."""
    return record.verified_loans(challenge.start_date, challenge.end_date, as_of=as_of).filter(_books(challenge))


def counted_notes(challenge):
    """Approved notes (progress.record) published during the challenge, on its books."""
    return record.approved_notes(challenge.start_date, challenge.end_date).filter(_books(challenge))


def employees():
    """Everyone who can take part: active accounts that are not administrators."""
    return get_user_model().objects.filter(is_active=True, is_superuser=False)


def entries(challenge):
    """The ChallengeParticipant rows of `challenge` in any of its languages."""
    return ChallengeParticipant.objects.filter(challenge__translation_key=challenge.translation_key)


def participants(challenge):
    """The employees taking part (a User queryset)."""
    if challenge.enrolment == Enrolment.EVERYONE:
        return employees()
    return employees().filter(pk__in=entries(challenge).values("user_id"))


def completer_ids(challenge, *, as_of=None):
    """The ids of employees who meet the rule (taking part or not): grouped, so one pass over the rows."""
    users = get_user_model().objects.all()
    if challenge.min_reads:
        readers = (
            counted_reads(challenge, as_of=as_of)
            .order_by()
            .values("borrower_id")
            .annotate(n=Count("pk"))
            .filter(n__gte=challenge.min_reads)
            .values("borrower_id")
        )
        users = users.filter(pk__in=readers)
    if challenge.min_notes:
        writers = (
            counted_notes(challenge)
            .order_by()
            .values("author_id")
            .annotate(n=Count("pk"))
            .filter(n__gte=challenge.min_notes)
            .values("author_id")
        )
        users = users.filter(pk__in=writers)
    return users.values("pk")


def completers(challenge, *, as_of=None):
    """The participants who have finished."""
    return participants(challenge).filter(pk__in=completer_ids(challenge, as_of=as_of))


# -- one employee ---------------------------------------------------------------------------


def _count(queryset, field):
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@dataclass
class ChallengeProgress:
    challenge: object
    reads: int
    notes: int
    taking_part: bool

    @property
    def reads_done(self):
        return self.reads >= self.challenge.min_reads

    @property
    def notes_done(self):
        return self.notes >= self.challenge.min_notes

    @property
    def done(self):
        return self.taking_part and self.reads_done and self.notes_done

    @staticmethod
    def _percent(value, required):
        return 100 if not required else min(100, round(100 * value / required))

    @property
    def reads_percent(self):
        return self._percent(self.reads, self.challenge.min_reads)

    @property
    def notes_percent(self):
        return self._percent(self.notes, self.challenge.min_notes)


def _progress_annotations(challenge, prefix="", *, as_of=None):
    reads = counted_reads(challenge, as_of=as_of).filter(borrower=OuterRef("pk"))
    notes = counted_notes(challenge).filter(author=OuterRef("pk"))
    joined = entries(challenge).filter(user=OuterRef("pk"))
    return {
        f"{prefix}reads": _count(reads, "borrower"),
        f"{prefix}notes": _count(notes, "author"),
        f"{prefix}joined": Exists(joined),
    }


def _taking_part(challenge, user, joined):
    if not (user.is_active and not user.is_superuser):
        return False
    return challenge.enrolment == Enrolment.EVERYONE or bool(joined)


def progress_for(user, challenge, *, as_of=None):
    """The employee's ChallengeProgress on `challenge`: ONE query."""
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(**_progress_annotations(challenge, as_of=as_of))
        .values("reads", "notes", "joined")
        .first()
    )
    if row is None:
        return ChallengeProgress(challenge, 0, 0, False)
    return ChallengeProgress(challenge, row["reads"], row["notes"], _taking_part(challenge, user, row["joined"]))


def progress_for_many(user, challenges, *, as_of=None):
    """ChallengeProgress for each of `challenges` (a short list): ONE query whatever their number."""
    challenges = list(challenges)
    if not challenges:
        return []
    annotations = {}
    for index, challenge in enumerate(challenges):
        annotations.update(_progress_annotations(challenge, f"c{index}_", as_of=as_of))
    row = get_user_model().objects.filter(pk=user.pk).annotate(**annotations).values(*annotations).first() or {}
    return [
        ChallengeProgress(
            challenge,
            row.get(f"c{index}_reads", 0),
            row.get(f"c{index}_notes", 0),
            _taking_part(challenge, user, row.get(f"c{index}_joined")),
        )
        for index, challenge in enumerate(challenges)
    ]


# -- completion rates -----------------------------------------------------------------------


def completion(challenge, *, as_of=None):
    """{"participants", "completers", "rate"} for the whole challenge: ONE aggregate query.

    The rate is completers ÷ participants (None when nobody takes part).
    """
    figures = participants(challenge).aggregate(
        participants=Count("pk"), completers=Count("pk", filter=Q(pk__in=completer_ids(challenge, as_of=as_of)))
    )
    total, done = figures["participants"], figures["completers"]
    return {"participants": total, "completers": done, "rate": done / total if total else None}


def department_completion(challenge, *, as_of=None):
    """Every department with its participants, completers and rate per head: ONE query.

    rate = completers ÷ headcount, computed by the database (it may pass 1 when the headcount is out
    of date; rate_percent caps what is shown); a department
    without a headcount has rate None and is listed after the rated ones (未设置人数).
    Rated departments come best first.
    """
    taking_part = participants(challenge).values("pk")
    done = completers(challenge, as_of=as_of).values("pk")
    rate = Case(
        When(
            headcount__gt=0,
            then=Cast(F("completers"), FloatField()) / Cast(F("headcount"), FloatField()),
        ),
        default=None,
        output_field=FloatField(),
    )
    return list(
        Department.objects.annotate(
            participants=Count("members", filter=Q(members__in=taking_part), distinct=True),
            completers=Count("members", filter=Q(members__in=done), distinct=True),
        )
        .annotate(rate=rate)
        .order_by(F("rate").desc(nulls_last=True), "sort_order", "name")
        .values("pk", "name", "headcount", "participants", "completers", "rate")
    )


def rate_percent(rate):
    """A rate as a whole percent for bars and text (capped at 100: a headcount may be out of date)."""
    return None if rate is None else min(100, round(rate * 100))


# -- "my library" and the reading record ---------------------------------------------------


def _with_campaign_title(challenges):
    """Annotate `campaign_title`: the parent page's title, in the same query (Wagtail paths step by 4)."""
    parent = Page.objects.filter(path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen))
    return challenges.annotate(campaign_title=Subquery(parent.values("title")[:1]))


def _default_language():
    return content_language(settings.LANGUAGE_CODE)


def _in_visitor_language(pages):
    """`pages` (challenge pages in any language) reduced to one per challenge: the one in the visitor's
    language when it is among them, else the default language's. A queryset (subqueries, no query yet)."""
    language = content_language(get_language() or settings.LANGUAGE_CODE)
    in_language = pages.filter(locale__language_code=language)
    untranslated = pages.filter(locale__language_code=_default_language()).exclude(
        translation_key__in=in_language.values("translation_key")
    )
    return ReadingChallengePage.objects.filter(Q(pk__in=in_language) | Q(pk__in=untranslated))


def my_challenges(user, today=None):
    """The employee's running and recently ended challenges (at most MY_CHALLENGES_SHOWN, latest
    ending first), each with its ChallengeProgress: TWO queries whatever their number.

    Each challenge is the page in the visitor's language when it has a live translation, else the
    default language's (for its title and link).
    """
    today = today or timezone.localdate()
    joined = ChallengeParticipant.objects.filter(challenge__translation_key=OuterRef("translation_key"), user=user)
    pages = visible(ReadingChallengePage.objects.all()).filter(
        Q(enrolment=Enrolment.EVERYONE) | Q(Exists(joined)),
        start_date__lte=today,
        end_date__gte=today - datetime.timedelta(days=RECENT_DAYS),
    )
    challenges = list(
        _with_campaign_title(_in_visitor_language(pages))
        .select_related("locale")
        .order_by("-end_date", "path")[:MY_CHALLENGES_SHOWN]
    )
    return progress_for_many(user, challenges)


def completed_in_year(user, year):
    """The challenges ending in `year` that the employee finished, as ChallengeProgress: TWO queries.

    In the visitor's language where translated (titles of the challenge and its campaign)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    pages = ReadingChallengePage.objects.live().filter(end_date__gte=start, end_date__lte=end)
    challenges = list(_with_campaign_title(_in_visitor_language(pages)).order_by("end_date", "path"))
    return [progress for progress in progress_for_many(user, challenges) if progress.done]


# -- joining and leaving --------------------------------------------------------------------


class ChallengeRefused(Exception):
    """A join or leave that the rules refuse; `message` says why, in the visitor's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def source_page(challenge):
    """The challenge in the default language (where participants are stored)."""
    return ReadingChallengePage.objects.get(
        translation_key=challenge.translation_key, locale__language_code=_default_language()
    )


def join(user, challenge, today=None):
    """报名: add the employee to a self-enrolment challenge. ChallengeRefused, with nothing changed, when:
    everyone takes part already, the challenge has ended, or the employee has joined already."""
    today = today or timezone.localdate()
    if challenge.enrolment == Enrolment.EVERYONE:
        raise ChallengeRefused(_("Every employee takes part in this challenge: there is no need to join."))
    if challenge.end_date < today:
        ended = date_filter(challenge.end_date, "DATE_FORMAT")
        raise ChallengeRefused(_("This challenge ended on %(date)s: it can no longer be joined.") % {"date": ended})
    if not user.is_active or user.is_superuser:
        raise ChallengeRefused(_("Only employees can join a challenge."))
    if entries(challenge).filter(user=user).exists():
        raise ChallengeRefused(_("You have already joined this challenge."))
    try:
        with transaction.atomic():
            return ChallengeParticipant.objects.create(challenge=source_page(challenge), user=user)
    except IntegrityError:  # joined at the same moment in another request
        raise ChallengeRefused(_("You have already joined this challenge.")) from None


def leave(user, challenge, today=None):
    """Leave a self-enrolment challenge before it ends. ChallengeRefused, with nothing changed, when:
    everyone takes part, the challenge has ended (the record keeps it), or the employee is not in it."""
    today = today or timezone.localdate()
    if challenge.enrolment == Enrolment.EVERYONE:
        raise ChallengeRefused(_("Every employee takes part in this challenge: it cannot be left."))
    if challenge.end_date < today:
        raise ChallengeRefused(_("This challenge has ended: your participation stays on your record."))
    deleted, _rows = entries(challenge).filter(user=user).delete()
    if not deleted:
        raise ChallengeRefused(_("You have not joined this challenge."))
