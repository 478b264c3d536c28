"""Scoring: the reading record turned into rankings, computed by the database.

Each ranking is one statement: employees with their figures and points, ordered
by the published tie-break (points, then notes, then verified reads, then the
earliest last activity, then staff number); departments per head from the same
figures (a derived table over the employee statement); 优秀 notes of the period.
The statements are put together from the reading record's querysets
(progress.record), so the rule for what counts lives in one place.
"""

from django.db import connection

from loans.models import Loan
from people.models import User
from portal.collation import pinyin_sql
from progress import record

from .models import CountedRead, months_in

# Stored per round: enough for every realistic winner list and override.
STORED_CANDIDATES = 200


def _sql(queryset):
    return queryset.query.sql_with_params()


def counted_reads(award_round, start, end, *, min_days=record.DEFAULT_MIN_DAYS, as_of=None):
    """(counted_elsewhere, kept) for progress.record.verified_loans, for generating `award_round`.

    counted_elsewhere: the reads other rounds of the same award and series (kind of
    period) have counted, for periods that do not overlap this one (overlapping series,
    such as a quarter and its months, are separate rankings by design): left out, so a
    read whose date moved (counted while the book was out, returned the next month) is
    never counted twice. Every round that exists holds its reads, whatever its state
    (draft, in review, returned by a reviewer, published); deleting a round frees them.

    kept: the ids of this round's own reads from its previous generation whose date has
    since moved out of the period (counted while out, returned after it), which it keeps;
    None when there are none. The others are in the period anyway, so the list is short
    and the reads query stays a few index ranges (one query to find them).
    """
    if award_round is None or award_round.pk is None:
        return None, None
    elsewhere = (
        CountedRead.objects.filter(round__kind=award_round.kind, round__period_kind=award_round.period_kind)
        .exclude(round=award_round)
        .exclude(round__start_date__lte=end, round__end_date__gte=start)
    )
    moved = list(
        Loan.objects.filter(pk__in=CountedRead.objects.filter(round=award_round).values("loan_id"))
        .exclude(record.dated_in(start, end, min_days=min_days, as_of=as_of))
        .values_list("pk", flat=True)
    )
    return elsewhere, (moved or None)


def reads_counted_by(start, end, rules, award_round, *, as_of=None):
    """The loans `award_round`'s candidate list counts as verified reads (the CountedRead rows it writes)."""
    counted_elsewhere, kept = counted_reads(award_round, start, end, min_days=rules["min_read_days"], as_of=as_of)
    return record.verified_loans(
        start, end, min_days=rules["min_read_days"], as_of=as_of, counted_elsewhere=counted_elsewhere, kept=kept
    )


def _capped_by_month(grouped_sql, who, cap):
    """Per employee: n (everything), counted (the sum over calendar months of min(that month's count, cap)), last."""
    cap = int(cap)
    return f"""
        SELECT m.{who} AS {who}, CAST(SUM(m.n) AS INTEGER) AS n,
               CAST(SUM(CASE WHEN m.n > {cap} THEN {cap} ELSE m.n END) AS INTEGER) AS counted, MAX(m.last) AS last
        FROM ({grouped_sql}) m
        GROUP BY m.{who}
    """


def scored_employees_sql(start, end, rules, *, as_of=None, award_round=None):
    """(sql, params, order): one row per employee with activity in the period, best first:

    id, staff_number, department_id, hide_from_rankings, reads, notes, excellent,
    verified_notes, reads_counted, notes_counted, excellent_counted, points, last_activity.

    The period's figures are grouped once each (progress.record.grouped_figures)
    and joined to the employees in ONE statement, so the cost follows the
    period's loans and notes, not the number of employees.

    Caps apply month by month: an employee's counted reads are the sum, over the
    calendar months the period touches, of min(reads dated in that month, the cap);
    the same for notes (by publication) and 优秀 marks (by the mark, under the note
    cap). A custom period's partial first and last months are capped as whole months.
    A period within one month is grouped per employee only (no date truncation).

    With `award_round`, reads other rounds of its award and series have counted are
    left out and its own earlier reads kept (see counted_reads).
    """
    counted_elsewhere, kept = counted_reads(award_round, start, end, min_days=rules["min_read_days"], as_of=as_of)
    groups = record.grouped_figures(
        start,
        end,
        min_days=rules["min_read_days"],
        as_of=as_of,
        by_month=months_in(start, end) > 1,
        counted_elsewhere=counted_elsewhere,
        kept=kept,
    )
    reads_sql, reads_params = _sql(groups["reads"])
    notes_sql, notes_params = _sql(groups["notes"])
    excellent_sql, excellent_params = _sql(groups["excellent"])
    verified_sql, verified_params = _sql(groups["verified_notes"])
    read_cap, note_cap = rules["max_reads_per_month"], rules["max_notes_per_month"]

    reads, notes, excellent = "COALESCE(r.n, 0)", "COALESCE(n.n, 0)", "COALESCE(e.n, 0)"
    reads_counted, notes_counted, excellent_counted = (
        "COALESCE(r.counted, 0)",
        "COALESCE(n.counted, 0)",
        "COALESCE(e.counted, 0)",
    )
    a, b, c = "COALESCE(r.last, %s)", "COALESCE(n.last, %s)", "COALESCE(e.last, %s)"
    points = (
        f"{reads_counted} * {int(rules['read_points'])}"
        f" + {notes_counted} * {int(rules['note_points'])}"
        f" + {excellent_counted} * {int(rules['excellent_bonus'])}"
    )
    sql = f"""
        SELECT u.id AS id, u.staff_number AS staff_number, u.department_id AS department_id,
               u.hide_from_rankings AS hide_from_rankings,
               {reads} AS reads, {notes} AS notes, {excellent} AS excellent, COALESCE(v.n, 0) AS verified_notes,
               {reads_counted} AS reads_counted, {notes_counted} AS notes_counted,
               {excellent_counted} AS excellent_counted,
               {points} AS points,
               CASE WHEN {a} >= {b} AND {a} >= {c} THEN {a} WHEN {b} >= {c} THEN {b} ELSE {c} END AS last_activity
        FROM people_user u
        LEFT JOIN ({_capped_by_month(reads_sql, "borrower_id", read_cap)}) r ON r.borrower_id = u.id
        LEFT JOIN ({_capped_by_month(notes_sql, "author_id", note_cap)}) n ON n.author_id = u.id
        LEFT JOIN ({_capped_by_month(excellent_sql, "author_id", note_cap)}) e ON e.author_id = u.id
        LEFT JOIN ({verified_sql}) v ON v.author_id = u.id
        WHERE r.n IS NOT NULL OR n.n IS NOT NULL OR e.n IS NOT NULL
    """
    # Parameters in the order their placeholders appear: the nine in the CASE, then the joins'.
    never = connection.ops.adapt_datetimefield_value(record.NEVER)
    params = [*[never] * 9, *reads_params, *notes_params, *excellent_params, *verified_params]
    order = "ORDER BY points DESC, notes_counted DESC, reads_counted DESC, last_activity ASC, staff_number ASC"
    return sql, params, order


def _rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _iso(value):
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def best_notes(user_ids, start, end):
    """{user id: (note id, title)}: each employee's best note of the period (优秀 first, then the latest); one query."""
    best = {}
    notes = (
        record.approved_notes(start, end)
        .filter(author_id__in=user_ids)
        .order_by("author_id", "-is_excellent", "-first_published_at", "-pk")
        .values_list("author_id", "pk", "title")
    )
    for author_id, pk, title in notes:
        best.setdefault(author_id, (pk, title))
    return best


def star_candidates(start, end, rules, *, as_of=None, award_round=None):
    """阅读之星: the ranked employees, opted-out employees left out (they still count for their department)."""
    sql, params, order = scored_employees_sql(start, end, rules, as_of=as_of, award_round=award_round)
    ranked = _rows(
        f"SELECT * FROM ({sql}) s WHERE s.points > 0 AND s.hide_from_rankings = %s {order} LIMIT {STORED_CANDIDATES}",
        [*params, False],
    )
    ids = [row["id"] for row in ranked]
    users = User.objects.select_related("department").in_bulk(ids)
    best = best_notes(ids, start, end)
    candidates = []
    for rank, row in enumerate(ranked, start=1):
        user = users[row["id"]]
        note_id, note_title = best.get(user.pk, (None, ""))
        candidates.append(
            {
                "key": f"u{user.pk}",
                "rank": rank,
                "user_id": user.pk,
                "name": user.display_name,
                "staff_number": user.staff_number,
                "department_id": user.department_id,
                "department": user.department.name if user.department else "",
                "reads": int(row["reads"]),
                "notes": int(row["notes"]),
                "excellent": int(row["excellent"]),
                "verified_notes": int(row["verified_notes"]),
                "reads_counted": int(row["reads_counted"]),
                "notes_counted": int(row["notes_counted"]),
                "excellent_counted": int(row["excellent_counted"]),
                "points": int(row["points"]),
                "last_activity": _iso(row["last_activity"]),
                "best_note_id": note_id,
                "best_note_title": note_title,
            }
        )
    return candidates


def department_candidates(start, end, rules, *, as_of=None, award_round=None):
    """书香科室: departments by points per head and participation, in ONE query.

    Every employee counts for their department, including those who left
    themselves out of the public list. Departments with no headcount are
    listed as unranked (未设置人数).
    """
    inner_sql, params, _order = scored_employees_sql(start, end, rules, as_of=as_of, award_round=award_round)
    sql = f"""
        SELECT d.id, d.name, d.headcount,
               COALESCE(s.total, 0) AS total, COALESCE(s.participants, 0) AS participants
        FROM people_department d
        LEFT JOIN (
            SELECT e.department_id AS department_id, SUM(e.points) AS total,
                   SUM(CASE WHEN e.reads > 0 OR e.notes > 0 THEN 1 ELSE 0 END) AS participants
            FROM ({inner_sql}) e
            WHERE e.department_id IS NOT NULL
            GROUP BY e.department_id
        ) s ON s.department_id = d.id
        ORDER BY CASE WHEN d.headcount > 0 THEN 0 ELSE 1 END,
                 CASE WHEN d.headcount > 0 THEN COALESCE(s.total, 0) * 1.0 / d.headcount ELSE 0 END DESC,
                 CASE WHEN d.headcount > 0 THEN COALESCE(s.participants, 0) * 1.0 / d.headcount ELSE 0 END DESC,
                 COALESCE(s.total, 0) DESC, d.sort_order, {pinyin_sql("d.name", connection)}
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    candidates = []
    rank = 0
    for pk, name, headcount, total, participants in rows:
        total, participants = int(total), int(participants)  # PostgreSQL's SUM gives Decimal
        ranked = headcount > 0
        if ranked:
            rank += 1
        candidates.append(
            {
                "key": f"d{pk}",
                "rank": rank if ranked else None,
                "department_id": pk,
                "name": name,
                "headcount": headcount,
                "points": int(total),
                "participants": int(participants),
                "points_per_head": round(total / headcount, 2) if ranked else None,
                "participation": round(min(participants / headcount, 1.0), 4) if ranked else None,
            }
        )
    return candidates


def note_candidates(start, end, rules, *, as_of=None, award_round=None):
    """优秀读书笔记: notes marked 优秀 in the period; verified ones first, then by when they were marked.

    (Reads are not counted here, only used for the 借阅后撰写 badge: `award_round` is not needed.)
    """
    notes = (
        record.with_verified_read(record.excellent_notes(start, end), rules["min_read_days"], as_of)
        .filter(author__hide_from_rankings=False)
        .select_related("author__department", "book")
        .order_by("-verified", "marked_excellent_at", "pk")[:STORED_CANDIDATES]
    )
    return [
        {
            "key": f"n{note.pk}",
            "rank": rank,
            "note_id": note.pk,
            "title": note.title,
            "book_title": note.book.title,
            "user_id": note.author_id,
            "name": note.author.display_name,
            "department_id": note.author.department_id,
            "department": note.author.department.name if note.author.department else "",
            "verified": note.verified,
            "marked_at": note.marked_excellent_at.isoformat() if note.marked_excellent_at else None,
        }
        for rank, note in enumerate(notes, start=1)
    ]


def essay_candidates(event, *, as_of=None):
    """征文获奖: the contest's approved entries (their notes published), in the order they were submitted.

    There is no score: editors read the entries and give the prizes (each with a reason). The
    candidates are unranked, so nobody wins until an editor adds them. One query.
    Employees who left themselves out of public rankings are candidates all the same: they
    entered the contest themselves, and their entry is published under their name.
    """
    from campaigns.models import EssayEntry

    entries = (
        EssayEntry.objects.for_event(event)
        .published()
        .select_related("note__author__department", "note__book")
        .order_by("submitted_at", "pk")
    )
    if as_of is not None:
        entries = entries.filter(submitted_at__lte=as_of)
    return [
        {
            "key": f"n{entry.note_id}",
            "rank": None,
            "position": position,
            "note_id": entry.note_id,
            "title": entry.note.title,
            "book_title": entry.note.book.title,
            "user_id": entry.note.author_id,
            "name": entry.note.author.display_name,
            "staff_number": entry.note.author.staff_number,
            "department_id": entry.note.author.department_id,
            "department": entry.note.author.department.name if entry.note.author.department else "",
            "submitted_at": entry.submitted_at.isoformat(),
            "excellent": entry.note.is_excellent,
        }
        for position, entry in enumerate(entries[:STORED_CANDIDATES], start=1)
    ]


__all__ = [
    "counted_reads",
    "department_candidates",
    "essay_candidates",
    "note_candidates",
    "reads_counted_by",
    "scored_employees_sql",
    "star_candidates",
]
