"""A campaign's figures for its 成果展示 (the campaign page in 总结评估), computed by the database.

The same definitions as the organisers' dashboard and the summary report (reports.dashboard,
progress.record, progress.challenges) for the campaign's dates, but as one ``UNION ALL``
statement (rows made as in reports.figures), so a public page pays one query for all of them
(the page lists the campaign's themed reading challenges anyway) and nothing while the result is in
the shared cache (``CACHE_SECONDS``: a figure may lag a new loan by up to five minutes, as on
the home page).

- participants: employees with a verified read (有效阅读) or an approved note dated in the
  campaign; participation rate: participants per head of the departments' headcount (none
  without a headcount), as in the dashboard;
- loans: loans lent during the campaign; verified reads: the verified reads dated in it;
- notes submitted, approved (first published) and marked 优秀 during the campaign;
- events held: the campaign's published events that have started; attendance: the check-ins
  (签到) at them;
- challenge completers: employees who finished at least one of the campaign's themed reading
  challenges (progress.challenges).
"""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import timezone

from campaigns.models import Registration
from notes.models import ReadingNote
from people.models import Department
from progress import challenges as challenge_rules
from progress.record import approved_notes, period_bounds, verified_loans

from .dashboard import loans_in
from .figures import _row

CACHE_SECONDS = 300
CACHE_KEY = "reports:outcomes:%s:%s:%s"

KEYS = (
    "participants",
    "headcount",
    "loans",
    "verified_reads",
    "notes_submitted",
    "notes_approved",
    "notes_excellent",
    "events",
    "attendance",
    "challenge_completers",
)


def compute(campaign):
    """{key: number} for the campaign's dates (KEYS; "participation_rate" a percentage or None;
    "challenge_completers" None when the campaign has no themed reading challenge). One query, and
    one for the campaign's challenges unless the page has listed them already."""
    start, end = campaign.start_date, campaign.end_date
    low, high = period_bounds(start, end)
    User = get_user_model()
    participants = User.objects.filter(
        Q(pk__in=verified_loans(start, end).values("borrower_id"))
        | Q(pk__in=approved_notes(start, end).values("author_id"))
    )
    events = campaign.events().filter(start_time__lte=timezone.now())
    # Registrations belong to the event's source page: found by translation key from any language's page.
    attendance = Registration.objects.attended().filter(event__translation_key__in=events.values("translation_key"))
    rows = [
        _row("participants", participants, Count("pk")),
        _row("headcount", Department.objects.all(), Sum("headcount")),
        _row("loans", loans_in(start, end), Count("pk")),
        _row("verified_reads", verified_loans(start, end), Count("pk")),
        _row("notes_submitted", ReadingNote.objects.filter(submitted_at__gte=low, submitted_at__lt=high), Count("pk")),
        _row("notes_approved", approved_notes(start, end), Count("pk")),
        _row("notes_excellent", ReadingNote.objects.excellent_between(start, end), Count("pk")),
        _row("events", events, Count("pk")),
        _row("attendance", attendance, Count("pk")),
    ]
    challenges = campaign.live_challenges  # one query, shared with the campaign page
    if challenges:
        finished = Q()
        for challenge in challenges:
            finished |= Q(pk__in=challenge_rules.completers(challenge).values("pk"))
        rows.append(_row("challenge_completers", User.objects.filter(finished), Count("pk")))
    values = dict(rows[0].union(*rows[1:], all=True))
    values = {key: values.get(key, 0) or 0 for key in KEYS}
    if not challenges:
        values["challenge_completers"] = None
    headcount = values["headcount"]
    values["participation_rate"] = round(100 * values["participants"] / headcount, 1) if headcount else None
    return values


def current(campaign):
    """`compute`, kept in the shared cache for CACHE_SECONDS: the same in every language of the campaign."""
    key = CACHE_KEY % (campaign.translation_key, campaign.start_date, campaign.end_date)
    values = cache.get(key)
    if values is None:
        values = compute(campaign)
        cache.set(key, values, CACHE_SECONDS)
    return values
