"""Builds the reading notes of the demo site for ``manage.py load_demo`` (home app); the data is notes/demo/content.py.

Every note goes through ``services.save_note`` (so the body is sanitised
and validated like one typed into the public form) and, when submitted,
through the 心得审核 workflow: the demo moderator approves it with the task's
own action, or returns it with a reason. A note is looked up by author and
title, so running the command again creates nothing.
"""

import datetime
import random
import time

from django.core.cache import cache
from django.utils import timezone
from wagtail.models import WorkflowState

from booklists.models import Book
from notes import services
from notes.demo.content import NOTES, NOTES_INDEX
from notes.models import NoteLike, NotesIndexPage, ReadingNote

__all__ = ["NOTES_INDEX", "NotesDemo", "notes_index"]


def html(paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


class NotesDemo:
    """Builds the demo notes, their reviews and likes. `tally(label, created, skipped)` records what was done."""

    def __init__(self, users, moderator, campaigns, tally, today=None):
        self.users = users  # staff number → User
        self.moderator = moderator
        self.campaigns = campaigns  # "2024" / "current" → CampaignPage
        self.tally = tally
        self.today = today or timezone.localdate()

    def build(self):
        notes = self.build_notes()
        self.build_likes(notes)

    def when(self, spec):
        if "date" in spec:
            day = datetime.date.fromisoformat(spec["date"])
        else:
            day = self.today - datetime.timedelta(days=spec["days"])
            campaign = self.campaigns.get(spec["campaign"])
            if campaign is not None and campaign.start_date:
                day = max(day, campaign.start_date)
        hour = 9 + len(spec["title"]) % 9
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, (len(spec["body"]) * 7) % 60)))

    def build_notes(self):
        books = {}
        for book in Book.objects.catalogue().filter(title__in={spec["book"] for spec in NOTES}).order_by("pk"):
            books.setdefault(book.title, book)
        existing = {
            (author, title): pk
            for author, title, pk in ReadingNote.objects.filter(
                author__staff_number__in={spec["author"] for spec in NOTES}
            ).values_list("author__staff_number", "title", "pk")
        }
        created = skipped = 0
        for spec in NOTES:
            author, book = self.users.get(spec["author"]), books.get(spec["book"])
            if author is None or book is None:
                continue
            if (spec["author"], spec["title"]) in existing:
                skipped += 1
                continue
            self.create(spec, author, book)
            created += 1
        self.tally("读书心得", created, skipped)
        return ReadingNote.objects.filter(live=True, author__staff_number__in={spec["author"] for spec in NOTES})

    def create(self, spec, author, book):
        submit = spec["state"] != "draft"
        if submit:
            self.clear_rate_limit(author)
        note = services.save_note(
            author,
            book=book,
            title=spec["title"],
            body=html(spec["body"]),
            quote=spec["quote"],
            campaign=self.campaigns.get(spec["campaign"]),
            submit=submit,
        )
        if submit:
            self.clear_rate_limit(author)  # the demo does not use up the employee's own allowance
        written = self.when(spec)
        dates = {"created_at": written - datetime.timedelta(days=1, hours=2)}
        if submit:
            dates["submitted_at"] = written
        if spec["state"] in ("excellent", "published", "returned"):
            state = note.current_workflow_state
            task_state = state.current_task_state
            if spec["state"] == "returned":
                task_state.task.specific.on_action(task_state, self.moderator, "reject", comment=spec["reason"])
            else:
                task_state.task.specific.on_action(task_state, self.moderator, "approve")
                published = written + datetime.timedelta(days=1, hours=1)
                dates.update(first_published_at=published, last_published_at=published)
            WorkflowState.objects.filter(pk=state.pk).update(created_at=written)
        ReadingNote.objects.filter(pk=note.pk).update(**dates)
        if spec["state"] == "excellent":
            note.refresh_from_db()  # the approval above published it
            services.mark_excellent(note, self.moderator)
            ReadingNote.objects.filter(pk=note.pk).update(
                marked_excellent_at=dates["first_published_at"] + datetime.timedelta(days=3)
            )
        if spec["state"] in ("excellent", "published"):
            rng = random.Random(spec["title"])
            ReadingNote.objects.filter(pk=note.pk).update(read_count=rng.randint(20, 90))
        return note

    @staticmethod
    def clear_rate_limit(author):
        cache.delete(f"note-submissions:{author.pk}:{int(time.time() // 3600)}")

    def build_likes(self, notes):
        """Likes from colleagues: more for the excellent notes; the same likers on every run."""
        likers = sorted(self.users.values(), key=lambda user: user.staff_number)
        existing = set(NoteLike.objects.filter(note__in=notes).values_list("note_id", "user_id"))
        created = 0
        for note in notes.order_by("pk").select_related("author"):
            rng = random.Random(f"like:{note.author.staff_number}:{note.title}")
            count = rng.randint(8, 18) if note.is_excellent else rng.randint(0, 9)
            for user in rng.sample(likers, min(count, len(likers))):
                if user.pk == note.author_id or (note.pk, user.pk) in existing:
                    continue
                created += services.like(note, user)
        self.tally("点赞", created, len(existing))


def notes_index(page_builder, home):
    """The 读书心得 page under the home page (page_builder: the command's `page` helper)."""
    return page_builder(
        home,
        NotesIndexPage,
        NOTES_INDEX["slug"],
        title=NOTES_INDEX["title"],
        intro=NOTES_INDEX["intro"],
        show_in_menus=True,
    )
