"""Themed reading challenges: what counts (dates, category, list, short loans), completion per head
computed by the database, joining and leaving with the refusals, and the record section."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Locale

from booklists.factories import BookFactory, BookListIndexPageFactory, BookListPageFactory
from booklists.models import Category
from campaigns.choices import Enrolment
from campaigns.factories import ReadingChallengePageFactory
from campaigns.models import ChallengeParticipant, ReadingChallengePage
from notes.factories import ReadingNoteFactory
from people.factories import DepartmentFactory
from progress import challenges
from progress.panels import challenge_record_section

from .conftest import verified_loan

TODAY = timezone.localdate()


def note(user, book, *, days_ago=3, live=True):
    published = timezone.now() - datetime.timedelta(days=days_ago)
    return ReadingNoteFactory(author=user, book=book, live=live, first_published_at=published if live else None)


def party_history():
    return Category.objects.get(code="party-history", locale=Locale.get_default())


@pytest.fixture
def challenge(campaign):
    return ReadingChallengePageFactory(
        parent=campaign,
        slug="reading-month",
        title="读书月",
        start_date=TODAY - datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=10),
    )


# --- what counts ----------------------------------------------------------------


def test_a_read_and_a_note_complete_the_challenge(challenge, employee):
    book = BookFactory()
    verified_loan(employee, book, days_ago=20, kept=10)
    assert not challenges.progress_for(employee, challenge).done
    note(employee, book)
    progress = challenges.progress_for(employee, challenge)
    assert (progress.reads, progress.notes, progress.done) == (1, 1, True)


def test_a_short_loan_does_not_count(challenge, employee):
    book = BookFactory()
    verified_loan(employee, book, days_ago=20, kept=2)  # returned after two days: not reading
    note(employee, book)
    progress = challenges.progress_for(employee, challenge)
    assert (progress.reads, progress.notes, progress.done) == (0, 1, False)


def test_reads_and_notes_outside_the_dates_do_not_count(challenge, employee):
    book = BookFactory()
    verified_loan(employee, book, days_ago=60, kept=20)  # a read dated 53 days ago
    note(employee, book, days_ago=40)
    ReadingNoteFactory(author=employee, book=book, live=False, first_published_at=None)  # not approved
    progress = challenges.progress_for(employee, challenge)
    assert (progress.reads, progress.notes) == (0, 0)


def test_a_read_outside_the_category_does_not_count(campaign, employee):
    limited = ReadingChallengePageFactory(
        parent=campaign,
        slug="party",
        start_date=TODAY - datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=10),
        category=party_history(),
    )
    novel = BookFactory()  # another category
    verified_loan(employee, novel)
    note(employee, novel)
    assert (challenges.progress_for(employee, limited).reads, challenges.progress_for(employee, limited).notes) == (
        0,
        0,
    )
    history = BookFactory(category=party_history())
    verified_loan(employee, history)
    note(employee, history)
    progress = challenges.progress_for(employee, limited)
    assert (progress.reads, progress.notes, progress.done) == (1, 1, True)


def test_the_category_counts_whichever_language_the_editor_chose(campaign, employee, en_locale):
    english = party_history().get_translation(en_locale)
    limited = ReadingChallengePageFactory(
        parent=campaign, slug="party-en", category=english, start_date=TODAY - datetime.timedelta(days=30)
    )
    history = BookFactory(category=party_history())
    verified_loan(employee, history)
    assert challenges.progress_for(employee, limited).reads == 1


def test_a_note_on_a_book_outside_the_list_does_not_count(campaign, home_page, employee):
    on_list, off_list = BookFactory(), BookFactory()
    book_list = BookListPageFactory(parent=BookListIndexPageFactory(parent=home_page), books=[on_list])
    limited = ReadingChallengePageFactory(
        parent=campaign, slug="listed", book_list=book_list, start_date=TODAY - datetime.timedelta(days=30)
    )
    verified_loan(employee, on_list)
    note(employee, off_list)
    progress = challenges.progress_for(employee, limited)
    assert (progress.reads, progress.notes, progress.done) == (1, 0, False)
    note(employee, on_list)
    assert challenges.progress_for(employee, limited).done


def test_two_reads_needed(campaign, employee):
    two = ReadingChallengePageFactory(
        parent=campaign, slug="two", min_reads=2, min_notes=0, start_date=TODAY - datetime.timedelta(days=30)
    )
    verified_loan(employee)
    assert not challenges.progress_for(employee, two).done
    verified_loan(employee)
    assert challenges.progress_for(employee, two).done
    assert challenges.completion(two)["completers"] == 1


# --- completion per head ------------------------------------------------------------


def finish(user, challenge_page):
    book = BookFactory()
    verified_loan(user, book)
    note(user, book)


def test_completion_per_department_hand_counted(challenge, make_user, superuser):
    """Hand-counted: 办公室 4 heads, 2 of its 3 members finish → 50%; 财务科 2 heads, both finish → 100%;
    信息中心 has no headcount: listed last, with its completer, no rate. Overall 5 of 7 employees."""
    office = DepartmentFactory(name="办公室", headcount=4, sort_order=1)
    finance = DepartmentFactory(name="财务科", headcount=2, sort_order=2)
    it = DepartmentFactory(name="信息中心", headcount=0, sort_order=0)
    office_people = [make_user(department=office) for _ in range(3)]
    finance_people = [make_user(department=finance) for _ in range(2)]
    it_person = make_user(department=it)
    nobody = make_user()  # no department: counts overall only
    for user in [*office_people[:2], *finance_people, it_person]:
        finish(user, challenge)
    # Half done: a read and no note.
    verified_loan(nobody)
    # Not employees: an inactive account and the administrator (who finishes) are left out.
    gone = make_user(department=office, is_active=False)
    finish(gone, challenge)
    finish(superuser, challenge)

    with CaptureQueriesContext(connection) as queries:
        rows = challenges.department_completion(challenge)
    assert len(queries) == 1
    by_name = {row["name"]: row for row in rows}
    assert [row["name"] for row in rows] == ["财务科", "办公室", "信息中心"]
    assert by_name["财务科"]["rate"] == pytest.approx(1.0)
    assert (by_name["办公室"]["participants"], by_name["办公室"]["completers"]) == (3, 2)
    assert by_name["办公室"]["rate"] == pytest.approx(0.5)
    assert (by_name["信息中心"]["completers"], by_name["信息中心"]["rate"]) == (1, None)
    with CaptureQueriesContext(connection) as queries:
        overall = challenges.completion(challenge)
    assert len(queries) == 1
    assert overall == {"participants": 7, "completers": 5, "rate": pytest.approx(5 / 7)}


def test_self_enrolment_counts_only_those_who_joined(challenge, make_user):
    challenge.enrolment = Enrolment.SELF
    challenge.save_revision().publish()
    department = DepartmentFactory(name="人事科", headcount=5)
    joined, not_joined = make_user(department=department), make_user(department=department)
    finish(joined, challenge)
    finish(not_joined, challenge)
    assert not challenges.progress_for(joined, challenge).done  # finished the reading, not joined
    challenges.join(joined, challenge)
    assert challenges.progress_for(joined, challenge).done
    assert not challenges.progress_for(not_joined, challenge).done
    assert challenges.completion(challenge) == {"participants": 1, "completers": 1, "rate": 1.0}
    row = next(row for row in challenges.department_completion(challenge) if row["name"] == "人事科")
    assert (row["participants"], row["completers"], row["rate"]) == (1, 1, pytest.approx(0.2))


# --- joining and leaving ------------------------------------------------------------------


@pytest.fixture
def self_challenge(campaign):
    return ReadingChallengePageFactory(
        parent=campaign,
        slug="party-month",
        title="党史学习教育读书月",
        enrolment=Enrolment.SELF,
        start_date=TODAY - datetime.timedelta(days=5),
        end_date=TODAY + datetime.timedelta(days=25),
    )


def refused(action, *args):
    with translation.override("zh-hans"), pytest.raises(challenges.ChallengeRefused) as caught:
        action(*args)
    return caught.value.message


def test_join_and_leave(self_challenge, employee):
    challenges.join(employee, self_challenge)
    assert ChallengeParticipant.objects.filter(challenge=self_challenge, user=employee).exists()
    assert refused(challenges.join, employee, self_challenge) == "您已报名参加这项活动。"
    assert ChallengeParticipant.objects.count() == 1
    challenges.leave(employee, self_challenge)
    assert not ChallengeParticipant.objects.exists()
    assert refused(challenges.leave, employee, self_challenge) == "您没有报名参加这项活动。"


def test_everyone_challenge_cannot_be_joined_or_left(challenge, employee):
    assert refused(challenges.join, employee, challenge) == "这项活动全体职工都参加，无需报名。"
    assert refused(challenges.leave, employee, challenge) == "这项活动全体职工都参加，不能退出。"
    assert not ChallengeParticipant.objects.exists()


def test_ended_challenge_cannot_be_joined_or_left(self_challenge, employee, make_user):
    challenges.join(employee, self_challenge)
    later = self_challenge.end_date + datetime.timedelta(days=1)
    late = make_user()
    end = self_challenge.end_date
    message = refused(challenges.join, late, self_challenge, later)
    assert message == f"这项活动已于{end.year}年{end.month}月{end.day}日结束，不能再报名。"
    assert (
        refused(challenges.leave, employee, self_challenge, later)
        == "这项活动已经结束，您的参与记录会保留在成长档案中。"
    )
    assert list(ChallengeParticipant.objects.values_list("user", flat=True)) == [employee.pk]


def test_administrator_cannot_join(self_challenge, superuser):
    assert refused(challenges.join, superuser, self_challenge) == "只有职工才能报名参加主题阅读活动。"


def test_joining_twice_is_refused_by_the_database_too(self_challenge, employee):
    ChallengeParticipant.objects.create(challenge=self_challenge, user=employee)
    with pytest.raises(IntegrityError), transaction.atomic():
        ChallengeParticipant.objects.create(challenge=self_challenge, user=employee)


def test_joining_a_translation_stores_against_the_source(self_challenge, employee, en_locale, translate):
    english = translate(self_challenge, en_locale)
    challenges.join(employee, english)
    entry = ChallengeParticipant.objects.get()
    assert entry.challenge_id == self_challenge.pk
    assert challenges.progress_for(employee, english).taking_part
    assert challenges.progress_for(employee, self_challenge).taking_part
    assert refused(challenges.join, employee, self_challenge) == "您已报名参加这项活动。"


# --- the rule's validation -----------------------------------------------------------------


def rule_errors(campaign, **fields):
    page = ReadingChallengePage(
        title="读书月",
        slug="rule",
        start_date=fields.pop("start_date", TODAY),
        end_date=fields.pop("end_date", TODAY + datetime.timedelta(days=30)),
        **fields,
    )
    page.path, page.depth = campaign.path + "0001", campaign.depth + 1  # enough for full_clean
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def test_rule_bad_input_is_refused(campaign):
    assert (
        "活动结束日期不能早于开始日期。"
        in rule_errors(campaign, end_date=TODAY - datetime.timedelta(days=1))["end_date"]
    )
    assert "活动至少要求读1本书或写1篇心得。" in rule_errors(campaign, min_reads=0, min_notes=0)["min_reads"]
    assert rule_errors(campaign, min_reads=1000)["min_reads"] == ["活动最多要求读100本书。"]
    assert rule_errors(campaign, min_notes=51)["min_notes"] == ["活动最多要求写50篇心得。"]


def test_rule_bounds_hold_in_the_database(challenge):
    for fields in (
        {"min_reads": 0, "min_notes": 0},
        {"min_notes": 500},
        {"end_date": challenge.start_date - datetime.timedelta(days=1)},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            ReadingChallengePage.objects.filter(pk=challenge.pk).update(**fields)


def test_rule_text(challenge, campaign):
    with translation.override("zh-hans"):
        text = challenge.rule_text()
    start, end = challenge.start_date, challenge.end_date
    assert text == (
        f"在{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日期间，"
        "借阅并读完至少1本书，并发表至少1篇读书心得。"
    )
    limited = ReadingChallengePageFactory(parent=campaign, slug="party", category=party_history(), min_notes=0)
    with translation.override("zh-hans"):
        assert limited.rule_text().endswith("借阅并读完至少1本书。只计“党建党史”类图书。")


# --- the record section ------------------------------------------------------------------


def test_record_section_lists_the_challenges_finished_in_the_year(campaign, employee, make_user):
    finished = ReadingChallengePageFactory(
        parent=campaign,
        slug="done",
        title="春季读书月",
        start_date=TODAY - datetime.timedelta(days=30),
        end_date=TODAY - datetime.timedelta(days=1),
    )
    ReadingChallengePageFactory(parent=campaign, slug="not-done", title="未完成的读书月", min_reads=3)
    finish(employee, finished)
    with translation.override("zh-hans"), CaptureQueriesContext(connection) as queries:
        sections = challenge_record_section(employee, finished.end_date.year)
    assert len(queries) <= 2
    (section,) = sections
    assert (section["order"], section["key"], section["title"]) == (40, "challenges", "完成的主题阅读活动")
    assert section["template"] == "progress/record/challenges.html"
    assert len(section["columns"]) == len(section["rows"][0])
    assert section["rows"] == [["春季读书月", campaign.title, finished.start_date, finished.end_date, 1, 1, "已完成"]]
    # Another year, another employee: nothing.
    assert challenge_record_section(employee, finished.end_date.year - 1)[0]["rows"] == []
    assert challenge_record_section(make_user(), finished.end_date.year)[0]["rows"] == []


def test_record_section_template_renders(campaign, employee):
    from django.template.loader import render_to_string

    finished = ReadingChallengePageFactory(
        parent=campaign, slug="done", title="春季读书月", start_date=TODAY - datetime.timedelta(days=30)
    )
    finish(employee, finished)
    (section,) = challenge_record_section(employee, finished.end_date.year)
    with translation.override("zh-hans"):
        html = render_to_string(section["template"], {"section": section})
    assert "春季读书月" in html and "已完成" in html and campaign.title in html
