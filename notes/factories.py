"""Factories for reading notes, likes and the 读书心得 page.

``ReadingNoteFactory`` writes a published note directly, bypassing the rules
in notes/services.py and the 心得审核 workflow: use it to set up a state (a
page full of notes, a note to like), and the services for the action under
test. ``ReadingNoteFactory(live=False)`` makes a note nobody but its author
sees. ``NotesIndexPageFactory(parent=home)`` creates and publishes the page.
"""

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from booklists.factories import BookFactory
from notes.models import NoteLike, NotesIndexPage, ReadingNote
from people.factories import UserFactory

NOTE_BODY = "<p>" + "读书使人明智，这本书让我对工作和生活有了新的认识。" * 3 + "</p>"


class ReadingNoteFactory(DjangoModelFactory):
    author = factory.SubFactory(UserFactory)
    book = factory.SubFactory(BookFactory)
    title = factory.Sequence(lambda n: f"读书心得{n}")
    body = NOTE_BODY
    live = True
    first_published_at = factory.LazyAttribute(lambda note: timezone.now() if note.live else None)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        model = ReadingNote


class NoteLikeFactory(DjangoModelFactory):
    """A like row only: ReadingNote.like_count is raised by services.like(), not here."""

    note = factory.SubFactory(ReadingNoteFactory)
    user = factory.SubFactory(UserFactory)

    class Meta:
        model = NoteLike


class NotesIndexPageFactory(wagtail_factories.PageFactory):
    title = "读书心得"
    slug = "notes"
    intro = "干部职工的读书心得"

    class Meta:
        model = NotesIndexPage

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        if parent is None:
            raise ValueError(f"{cls.__name__} needs a parent page")
        instance = model_class(**kwargs)
        parent.add_child(instance=instance)
        instance.save_revision().publish()
        instance.refresh_from_db()
        return instance
