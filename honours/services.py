"""Rules that change award rounds: generating the candidate list, overriding a
winner, correcting a published round, and what publication does (honours and
notices). The admin views, the monthly command and the demo builder all call these.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override as override_language
from wagtail.log_actions import log
from wagtail.models import WorkflowState

from loans.models import NoticeKind
from loans.notices import notify

from . import scoring
from .models import AwardKind, AwardRound, CountedRead, EssayPrize, Honour, PeriodKind, ScoringRules

GENERATE_ACTION = "honours.generate"
OVERRIDE_ACTION = "honours.override"
CORRECT_ACTION = "honours.correct"

DEFAULT_WINNERS = {
    AwardKind.STAR: "star_winners",
    AwardKind.DEPARTMENT: "department_winners",
    AwardKind.NOTE: "note_winners",
}

# The awards that count verified reads: the loans they count are recorded (CountedRead).
READ_KINDS = (AwardKind.STAR, AwardKind.DEPARTMENT)

CANDIDATE_FUNCTIONS = {
    AwardKind.STAR: scoring.star_candidates,
    AwardKind.DEPARTMENT: scoring.department_candidates,
    AwardKind.NOTE: scoring.note_candidates,
}


# --- periods ----------------------------------------------------------------------------


def month_period(year, month):
    start = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return start, following - datetime.timedelta(days=1)


def quarter_period(year, quarter):
    start, _end = month_period(year, 3 * quarter - 2)
    _start, end = month_period(year, 3 * quarter)
    return start, end


def last_month(today=None):
    today = today or timezone.localdate()
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return month_period(first.year, first.month)


# How the stored rules were applied, kept with each round so the honour wall explains an
# older round by the rule it was generated with. 2: reads dated by their return (the
# N-day mark while out), each read counted by one round of a series; caps per calendar month.
RULES_METHOD = 2


def current_rules():
    return {**ScoringRules.load().as_dict(), "method": RULES_METHOD}


# --- generating -------------------------------------------------------------------------


def clashing_round(kind, period_kind, start, end, exclude_pk=None):
    """A published round of the same award whose dates overlap, or None.

    Monthly, quarterly and campaign awards are separate series (a campaign's
    阅读之星 of the year overlaps its months by design): a round clashes with a
    published round of the same award in the same series; a round with custom
    dates clashes with any published round of the same award.
    """
    if kind == AwardKind.ESSAY:
        return None  # one round per contest (a constraint): two contests may share their dates
    clashes = AwardRound.objects.published().filter(kind=kind, start_date__lte=end, end_date__gte=start)
    if period_kind != PeriodKind.CUSTOM:
        clashes = clashes.filter(period_kind__in=[period_kind, PeriodKind.CUSTOM])
    if exclude_pk:
        clashes = clashes.exclude(pk=exclude_pk)
    return clashes.exclude(start_date=start, end_date=end).order_by("start_date").first()


def in_review(award_round):
    state = award_round.current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


def _title(kind, period_kind, start, end, campaign, event=None):
    probe = AwardRound(kind=kind, period_kind=period_kind, start_date=start, end_date=end, campaign=campaign)
    if event is not None:
        probe.contest_title = event.title
    with override_language("zh-hans"):
        return probe.label()[:120]


def _get_or_create_round(kind, period_kind, start, end, campaign, winner_count, event=None):
    """One round per award and period (per contest for an essay contest), even when two editors ask at once."""
    defaults = {
        "period_kind": period_kind,
        "campaign": campaign,
        "winner_count": winner_count,
        "title": _title(kind, period_kind, start, end, campaign, event),
        "live": False,
    }
    if event is not None:
        lookup = {"kind": kind, "event": event}
        defaults.update(start_date=start, end_date=end)
    else:
        lookup = {"kind": kind, "start_date": start, "end_date": end, "event__isnull": True}
    try:
        with transaction.atomic():
            return AwardRound.objects.get_or_create(**lookup, defaults=defaults)
    except IntegrityError:
        return AwardRound.objects.get(**lookup), False


def contest_period(event):
    """An essay contest's round covers the contest's dates: from its start to its end (or deadline, if later)."""
    end = max(event.end_time, event.entries_close) if event.entries_close else event.end_time
    return timezone.localdate(event.start_time), timezone.localdate(end)


def generate_contest_round(event, *, user=None, now=None):
    """生成候选名单 for an essay contest (征文获奖): its approved entries, once entries have closed."""
    from campaigns.services import contest_campaign, original_event

    if not event.is_essay_contest:
        raise ValidationError(_("This event is not an essay contest: it does not take entries."))
    event = original_event(event)
    now = now or timezone.now()
    if event.entries_close is None or now <= event.entries_close:
        closes = formats.date_format(timezone.localtime(event.entries_close), "DATETIME_FORMAT")
        raise ValidationError(
            _("The contest takes entries until %(date)s; generate its results after that.") % {"date": closes}
        )
    start, end = contest_period(event)
    return generate_round(
        AwardKind.ESSAY,
        start,
        end,
        period_kind=PeriodKind.CONTEST,
        campaign=contest_campaign(event),
        event=event,
        user=user,
    )


def generate_round(
    kind, start, end, *, period_kind=PeriodKind.MONTH, campaign=None, event=None, user=None, as_of=None, if_new=False
):
    """生成候选名单: compute and store the candidate list for a round; return (round, created).

    Two editors generating the same round at once get one round (the unique
    constraint; the second computes it again, after the first has committed).
    `if_new` (the monthly command): a round that exists — made a moment ago by
    another run — is returned as it is, not computed again.

    Refuses (ValidationError) a period overlapping a published round of the same
    award and kind of period, a round that is already published (it is frozen:
    correct it instead) and a round in review. A period with no activity gives a
    round with no candidates and says so.
    """
    if end < start:
        raise ValidationError(_("The period ends before it starts."))
    if (kind == AwardKind.ESSAY) != (event is not None):
        raise ValidationError(_("An essay contest award is generated for one essay contest, from its entries."))
    clash = clashing_round(kind, period_kind, start, end)
    if clash is not None:
        raise ValidationError(
            _("This period overlaps “%(round)s” (%(start)s – %(end)s), which is already published.")
            % {"round": clash, "start": clash.start_date.isoformat(), "end": clash.end_date.isoformat()}
        )
    rules = current_rules()
    with transaction.atomic():
        # An essay contest has no default winners: editors give the prizes.
        winner_count = rules[DEFAULT_WINNERS[kind]] if kind in DEFAULT_WINNERS else 0
        award_round, created = _get_or_create_round(kind, period_kind, start, end, campaign, winner_count, event)
        if if_new and not created:
            return award_round, False
        award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        if award_round.is_frozen:
            raise ValidationError(
                _("“%(round)s” is published and frozen. To change it, edit it and give a reason for the correction.")
                % {"round": award_round}
            )
        if in_review(award_round):
            raise ValidationError(
                _("“%(round)s” is in review. Its candidate list can be generated again once it is returned.")
                % {"round": award_round}
            )
        if kind == AwardKind.ESSAY:
            candidates = scoring.essay_candidates(event, as_of=as_of)
            summary = {"candidates": len(candidates), "ranked": 0, "empty": not candidates}
            summary["contest_title"] = event.title
            award_round.start_date, award_round.end_date = start, end
        else:
            candidates = CANDIDATE_FUNCTIONS[kind](start, end, rules, as_of=as_of, award_round=award_round)
            if kind in READ_KINDS:
                record_counted_reads(award_round, start, end, rules, created=created, as_of=as_of)
            summary = {
                "candidates": len(candidates),
                "ranked": sum(1 for c in candidates if c.get("rank")),
                "empty": not any(c.get("rank") for c in candidates),
            }
        award_round.candidates = candidates
        award_round.rules = rules
        award_round.summary = summary
        award_round.period_kind = period_kind
        award_round.campaign = campaign
        award_round.generated_at = timezone.now()
        award_round.generated_by = user
        award_round.save()
        revision = award_round.save_revision(user=user, log_action=False)
        log(
            instance=award_round,
            action=GENERATE_ACTION,
            user=user,
            revision=revision,
            data={"candidates": len(candidates), "rules": rules},
        )
    return award_round, created


def record_counted_reads(award_round, start, end, rules, *, created=False, as_of=None):
    """Replace the round's CountedRead rows by the loans its candidate list counted, in the database.

    Two statements (INSERT … SELECT, no rows through Python): the rows the new list no
    longer counts are deleted, then the missing ones inserted. The set is the same
    for both: it keeps the round's own earlier reads, so deleting the others does not
    change it. Called inside generate_round's transaction, with the round's row locked.
    """
    counted = scoring.reads_counted_by(start, end, rules, award_round, as_of=as_of).order_by().values("pk")
    counted_sql, counted_params = counted.query.sql_with_params()
    table = CountedRead._meta.db_table
    with connection.cursor() as cursor:
        if not created:
            cursor.execute(
                f"DELETE FROM {table} WHERE round_id = %s AND loan_id NOT IN ({counted_sql})",
                [award_round.pk, *counted_params],
            )
        cursor.execute(
            f"INSERT INTO {table} (round_id, loan_id) SELECT %s, c.pk FROM ({counted_sql}) c"
            f" WHERE NOT EXISTS (SELECT 1 FROM {table} o WHERE o.round_id = %s AND o.loan_id = c.pk)",
            [award_round.pk, *counted_params, award_round.pk],
        )


def ensure_round(kind, start, end, *, period_kind=PeriodKind.MONTH, user=None):
    """Generate the round only if it does not exist yet (for cron). Returns the round, or None if it existed."""
    if AwardRound.objects.filter(kind=kind, start_date=start, end_date=end, event__isnull=True).exists():
        return None
    if clashing_round(kind, period_kind, start, end) is not None:
        return None
    award_round, created = generate_round(kind, start, end, period_kind=period_kind, user=user, if_new=True)
    return award_round if created else None


# --- overrides and corrections -------------------------------------------------------------


def _editable_copy(award_round):
    """The latest version of the round (its latest revision), to change and save as a new revision."""
    latest = award_round.get_latest_revision_as_object() if award_round.latest_revision_id else award_round
    latest.pk = award_round.pk
    return latest


def override_winner(award_round, user, key, action, reason, prize=""):
    """Add or remove a winner, with a written reason. Saves a new revision and an audit-log entry.

    An essay contest's winner is added with a prize (EssayPrize); adding a winner again with
    another prize changes the prize. Without a reason, or for a key that is not a candidate, nothing is saved.
    """
    reason = (reason or "").strip()
    if not user.has_perm("honours.override_awardround"):
        raise PermissionDenied
    if not reason:
        raise ValidationError({"reason": _("Give a reason for adding or removing a winner.")})
    if action not in ("add", "remove"):
        raise ValidationError(_("Choose whether to add or remove the winner."))
    if in_review(award_round):
        raise ValidationError(_("This round is in review; winners can be changed once it is returned."))
    with transaction.atomic():
        award_round = AwardRound.objects.select_for_update().get(pk=award_round.pk)
        latest = _editable_copy(award_round)
        candidate = latest.candidate(key)
        if candidate is None:
            raise ValidationError({"candidate": _("That is not one of this round's candidates.")})
        is_winner = key in latest.winner_keys()
        essay = latest.kind == AwardKind.ESSAY
        if essay and action == "add" and prize not in EssayPrize.values:
            raise ValidationError({"prize": _("Choose the prize for this entry.")})
        if not essay or action == "remove":
            prize = ""
        current_prize = (latest.override_state().get(key) or {}).get("prize", "")
        if action == "add" and is_winner and (not essay or prize == current_prize):
            raise ValidationError({"candidate": _("%(name)s is already a winner.") % {"name": candidate["name"]}})
        if action == "remove" and not is_winner:
            raise ValidationError({"candidate": _("%(name)s is not a winner.") % {"name": candidate["name"]}})
        entry = {
            "key": key,
            "action": action,
            "reason": reason,
            "name": candidate["name"],
            **({"prize": prize} if prize else {}),
            "user_id": user.pk,
            "user": str(user),
            "at": timezone.now().isoformat(),
        }
        latest.overrides = [*(latest.overrides or []), entry]
        if award_round.is_frozen:
            latest.correction_reason = reason
        if not award_round.live:
            latest.save()
        revision = latest.save_revision(user=user, log_action=False)
        log(instance=latest, action=OVERRIDE_ACTION, user=user, revision=revision, data=entry)
    return latest


def log_correction(award_round, user, revision, reason):
    log(instance=award_round, action=CORRECT_ACTION, user=user, revision=revision, data={"reason": reason})


# --- publication -----------------------------------------------------------------------------


def figures_text(candidate, kind):
    if kind == AwardKind.STAR:
        return _("%(reads)d books read · %(notes)d notes · %(excellent)d excellent") % {
            "reads": candidate.get("reads", 0),
            "notes": candidate.get("notes", 0),
            "excellent": candidate.get("excellent", 0),
        }
    if kind == AwardKind.DEPARTMENT:
        return _("%(per_head)s points per head · %(rate)d%% took part") % {
            "per_head": candidate.get("points_per_head") or 0,
            "rate": round((candidate.get("participation") or 0) * 100),
        }
    if kind == AwardKind.ESSAY:
        prize = candidate.get("prize", "")
        return _("%(prize)s · 《%(book)s》") % {
            "prize": EssayPrize(prize).label if prize in EssayPrize.values else "",
            "book": candidate.get("book_title", ""),
        }
    return _("《%(book)s》") % {"book": candidate.get("book_title", "")}


@transaction.atomic
def record_publication(award_round, user=None):
    """The round was published: write its honours from the live row and notify new winners once."""
    award_round = AwardRound.objects.get(pk=award_round.pk)
    Honour.objects.filter(round=award_round).delete()
    awarded_on = timezone.localdate()
    with override_language("zh-hans"):
        rows = [
            Honour(
                round=award_round,
                user_id=winner.get("user_id") if award_round.kind != AwardKind.DEPARTMENT else None,
                department_id=winner.get("department_id"),
                note_id=winner.get("note_id"),
                name=winner["name"][:120],
                rank=EssayPrize.order(winner.get("prize", ""))
                if award_round.kind == AwardKind.ESSAY
                else winner.get("rank"),
                figures=figures_text(winner, award_round.kind)[:200],
                awarded_on=awarded_on,
            )
            for winner in award_round.winners()
        ]
        Honour.objects.bulk_create(rows)
        for honour in rows:
            if honour.user_id:
                notify(
                    honour.user,
                    NoticeKind.HONOUR,
                    f"honour:{award_round.pk}:{honour.user_id}",
                    lambda: (
                        _("Congratulations! You are among the winners of “%(round)s”. See the honour wall.")
                        % {"round": award_round}
                    ),
                )
    return rows


def honours_for(user):
    """A person's honours from published rounds, newest first (one query)."""
    return Honour.objects.filter(user=user, round__live=True).select_related("round").order_by("-round__start_date")
