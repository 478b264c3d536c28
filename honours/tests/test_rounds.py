"""Award rounds: overrides with reasons, 三审三校, publication (honours, notices) and the freeze."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from honours import services
from honours.models import AwardKind, AwardRound, Honour
from loans.models import Notice

from .conftest import generate_all, publish
from .helpers import NOV_END, NOV_START, at, loan, note

pytestmark = pytest.mark.django_db


def workflow_action(client, user, award_round, action, comment=""):
    award_round = AwardRound.objects.get(pk=award_round.pk)
    task_state = award_round.current_workflow_state.current_task_state
    client.force_login(user)
    url = reverse("wagtailsnippets_honours_awardround:workflow_action", args=[award_round.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def submit(client, editor, award_round, **fields):
    client.force_login(editor)
    data = {"winner_count": award_round.winner_count, "correction_reason": "", "action-submit": "1", **fields}
    return client.post(reverse("wagtailsnippets_honours_awardround:edit", args=[award_round.pk]), data)


def test_override_needs_a_reason_and_nothing_is_saved_without_one(readers, editor):
    award_round = generate_all()[AwardKind.STAR]
    revisions = award_round.revisions.count()

    with pytest.raises(ValidationError):
        services.override_winner(award_round, editor, f"u{readers['third'].pk}", "remove", "   ")

    award_round.refresh_from_db()
    assert award_round.overrides == []
    assert award_round.revisions.count() == revisions
    assert not ModelLogEntry.objects.filter(action=services.OVERRIDE_ACTION).exists()


def test_override_with_a_reason_changes_the_winners_and_is_in_the_audit_log(readers, editor):
    award_round = generate_all()[AwardKind.STAR]
    award_round.winner_count = 2
    award_round.save()
    award_round.save_revision()
    third = f"u{readers['third'].pk}"
    first = f"u{readers['first'].pk}"
    assert third not in award_round.winner_keys()

    services.override_winner(award_round, editor, third, "add", "参加读书分享会表现突出")
    services.override_winner(award_round, editor, first, "remove", "本人申请退出评选")

    award_round.refresh_from_db()
    assert award_round.winner_keys() == [f"u{readers['second'].pk}", third]
    entries = ModelLogEntry.objects.filter(action=services.OVERRIDE_ACTION).order_by("pk")
    assert [entry.data["reason"] for entry in entries] == ["参加读书分享会表现突出", "本人申请退出评选"]
    assert all(entry.user_id == editor.pk for entry in entries)


def test_override_view_refuses_a_missing_reason(client, readers, editor):
    award_round = generate_all()[AwardKind.STAR]
    client.force_login(editor)
    url = reverse("wagtailsnippets_honours_awardround:winners", args=[award_round.pk])

    response = client.post(url, {"candidate": f"u{readers['third'].pk}", "action": "remove", "reason": ""})

    assert response.status_code == 200
    assert AwardRound.objects.get(pk=award_round.pk).overrides == []


def test_three_reviewers_approve_then_the_round_is_published_with_honours_and_notices(
    client, readers, editor, reviewers
):
    award_round = generate_all(editor)[AwardKind.STAR]
    response = submit(client, editor, award_round)
    assert response.status_code == 302
    award_round.refresh_from_db()
    assert services.in_review(award_round)

    # Nobody may approve the 复审 step before the 初审.
    assert workflow_action(client, reviewers[1], award_round, "approve").status_code in (302, 403)
    assert not AwardRound.objects.get(pk=award_round.pk).live
    for reviewer in reviewers:
        workflow_action(client, reviewer, award_round, "approve", comment="同意")

    award_round.refresh_from_db()
    assert award_round.live
    assert set(Honour.objects.filter(round=award_round).values_list("user_id", flat=True)) == {
        readers["first"].pk,
        readers["second"].pk,
        readers["third"].pk,
    }
    assert Notice.objects.filter(user=readers["first"], kind="honour").count() == 1
    # Publishing again (a correction) sends nobody a second notice.
    services.record_publication(award_round)
    assert Notice.objects.filter(user=readers["first"], kind="honour").count() == 1


def test_a_rejection_returns_the_round_to_the_editor(client, readers, editor, reviewers):
    award_round = generate_all(editor)[AwardKind.STAR]
    submit(client, editor, award_round)

    workflow_action(client, reviewers[0], award_round, "reject", comment="请核对人数")

    award_round.refresh_from_db()
    assert not award_round.live
    assert award_round.current_workflow_state.status == "needs_changes"


def test_a_published_round_is_frozen(client, readers, wall):
    rounds = {kind: publish(r) for kind, r in generate_all().items()}
    star_round = rounds[AwardKind.STAR]
    before = AwardRound.objects.get(pk=star_round.pk).candidates
    page_before = client.get(wall.url).content.decode()
    assert "李明" in page_before

    # Later loans, returns and notes: a new reader, more reading, a note un-marked.
    newcomer = readers["office"].members.create(staff_number="R099", real_name="新来的")
    for day in range(1, 11):
        loan(newcomer, lent=at(day), days=12)
    note(newcomer, published=at(20), excellent_at=at(21), title="后来评优的心得")
    readers["note"].is_excellent = False
    readers["note"].save()

    assert AwardRound.objects.get(pk=star_round.pk).candidates == before
    page_after = client.get(wall.url).content.decode()
    assert "新来的" not in page_after
    assert "《平凡的世界》读后" in page_after
    with pytest.raises(ValidationError):
        services.generate_round(AwardKind.STAR, NOV_START, NOV_END)


def test_a_correction_needs_a_reason_and_the_history_keeps_both(client, readers, editor, reviewers, wall):
    star_round = publish(generate_all(editor)[AwardKind.STAR])
    edit = reverse("wagtailsnippets_honours_awardround:edit", args=[star_round.pk])
    client.force_login(editor)

    refused = client.post(edit, {"winner_count": 1, "correction_reason": ""})
    assert refused.status_code == 200
    assert AwardRound.objects.get(pk=star_round.pk).revisions.count() == 1

    submit(client, editor, star_round, winner_count=1, correction_reason="名额按活动方案应为一名")
    for reviewer in reviewers:
        workflow_action(client, reviewer, star_round, "approve")

    star_round.refresh_from_db()
    assert star_round.winner_count == 1
    assert star_round.correction_reason == "名额按活动方案应为一名"
    assert star_round.revisions.count() == 2
    first, second = star_round.revisions.order_by("created_at", "pk")
    assert first.content["winner_count"] == 3 or first.content["winner_count"] == 10
    assert second.content["correction_reason"] == "名额按活动方案应为一名"
    assert ModelLogEntry.objects.filter(action=services.CORRECT_ACTION, object_id=str(star_round.pk)).exists()
    assert Honour.objects.filter(round=star_round).count() == 1


def test_the_monthly_command_is_safe_to_run_twice(readers):
    call_command("generate_award_rounds", today="2026-12-01")
    assert AwardRound.objects.filter(start_date=NOV_START, end_date=NOV_END).count() == 3
    call_command("generate_award_rounds", today="2026-12-01")
    assert AwardRound.objects.count() == 3
    star = AwardRound.objects.get(kind=AwardKind.STAR)
    assert [c["name"] for c in star.candidates] == ["李明", "王芳", "张伟"]


def test_month_periods():
    assert services.month_period(2026, 12) == (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))
    assert services.quarter_period(2026, 1) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert services.last_month(datetime.date(2027, 1, 1)) == (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))
