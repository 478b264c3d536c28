"""Scoring: the reading record turned into rankings, computed by the database.

Each ranking is one query: employees with their figures and points, ordered by
the published tie-break (points, then notes, then verified reads, then the
earliest last activity, then staff number); departments per head from the same
figures (a derived table over the employee query); 优秀 notes of the period.
"""

from django.db import connection
from django.db.models import ExpressionWrapper, F, IntegerField, Value
from django.db.models.functions import Least

from people.models import User
from progress import record

from .models import months_in

# Stored per round: enough for every realistic winner list and override.
STORED_CANDIDATES = 200


def scored_employees(start, end, rules, *, as_of=None, users=None):
    """Employees with activity in the period, their figures, counted figures and points, best first."""
    months = months_in(start, end)
    read_cap = rules["max_reads_per_month"] * months
    note_cap = rules["max_notes_per_month"] * months
    base = users if users is not None else User.objects.all()
    base = base.filter(pk__in=record.active_employees(start, end, min_days=rules["min_read_days"]).values("pk"))
    figures = record.reading_figures(base, start, end, min_days=rules["min_read_days"], as_of=as_of)
    counted = figures.annotate(
        reads_counted=Least(F("reads"), Value(read_cap)),
        notes_counted=Least(F("notes"), Value(note_cap)),
        excellent_counted=Least(F("excellent"), Value(note_cap)),
    )
    scored = counted.annotate(
        points=ExpressionWrapper(
            F("reads_counted") * rules["read_points"]
            + F("notes_counted") * rules["note_points"]
            + F("excellent_counted") * rules["excellent_bonus"],
            output_field=IntegerField(),
        )
    )
    return scored.order_by("-points", "-notes_counted", "-reads_counted", "last_activity", "staff_number")


def best_note_annotations(start, end):
    """The employee's best note of the period (优秀 first, then the latest), as two subqueries."""
    from django.db.models import OuterRef, Subquery

    best = (
        record.approved_notes(start, end)
        .filter(author=OuterRef("pk"))
        .order_by("-is_excellent", "-first_published_at", "-pk")
    )
    return {"best_note_id": Subquery(best.values("pk")[:1]), "best_note_title": Subquery(best.values("title")[:1])}


def star_candidates(start, end, rules, *, as_of=None):
    """阅读之星: (public candidates, department figures source). Opted-out employees are left out of the list."""
    rows = (
        scored_employees(start, end, rules, as_of=as_of)
        .filter(points__gt=0, hide_from_rankings=False)
        .annotate(**best_note_annotations(start, end))
        .select_related("department")[:STORED_CANDIDATES]
    )
    candidates = []
    for rank, user in enumerate(rows, start=1):
        candidates.append(
            {
                "key": f"u{user.pk}",
                "rank": rank,
                "user_id": user.pk,
                "name": user.display_name,
                "staff_number": user.staff_number,
                "department_id": user.department_id,
                "department": user.department.name if user.department else "",
                "reads": user.reads,
                "notes": user.notes,
                "excellent": user.excellent,
                "verified_notes": user.verified_notes,
                "reads_counted": user.reads_counted,
                "notes_counted": user.notes_counted,
                "excellent_counted": user.excellent_counted,
                "points": user.points,
                "last_activity": user.last_activity.isoformat() if user.last_activity else None,
                "best_note_id": user.best_note_id,
                "best_note_title": user.best_note_title or "",
            }
        )
    return candidates


def department_candidates(start, end, rules, *, as_of=None):
    """书香科室: departments by points per head and participation, in ONE query.

    Every employee counts for their department, including those who left
    themselves out of the public list. Departments with no headcount are
    listed as unranked (未设置人数).
    """
    employees = scored_employees(start, end, rules, as_of=as_of).filter(department__isnull=False)
    inner_sql, params = employees.values("department_id", "points", "reads", "notes").query.sql_with_params()
    sql = f"""
        SELECT d.id, d.name, d.headcount,
               COALESCE(s.total, 0) AS total, COALESCE(s.participants, 0) AS participants
        FROM people_department d
        LEFT JOIN (
            SELECT e.department_id AS department_id, SUM(e.points) AS total,
                   SUM(CASE WHEN e.reads > 0 OR e.notes > 0 THEN 1 ELSE 0 END) AS participants
            FROM ({inner_sql}) e
            GROUP BY e.department_id
        ) s ON s.department_id = d.id
        ORDER BY CASE WHEN d.headcount > 0 THEN 0 ELSE 1 END,
                 CASE WHEN d.headcount > 0 THEN COALESCE(s.total, 0) * 1.0 / d.headcount ELSE 0 END DESC,
                 CASE WHEN d.headcount > 0 THEN COALESCE(s.participants, 0) * 1.0 / d.headcount ELSE 0 END DESC,
                 COALESCE(s.total, 0) DESC, d.sort_order, d.name
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    candidates = []
    rank = 0
    for pk, name, headcount, total, participants in rows:
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


def note_candidates(start, end, rules, *, as_of=None):
    """优秀读书笔记: notes marked 优秀 in the period; verified ones first, then by when they were marked."""
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


__all__ = ["department_candidates", "note_candidates", "scored_employees", "star_candidates"]
