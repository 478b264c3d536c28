"""Reading notes in the Wagtail admin, and on the catalogue's book pages.

Moderation is Wagtail's own workflow (心得审核, campaigns/migrations/0004):
moderators in 心得审核员 open a note from the snippet listing or the workflow
queue, preview it, and approve it or request changes with a comment. History
and the audit log come with the snippet. NoteModerationTask keeps authors from
approving their own notes. "标为优秀 / 取消优秀" is a small confirm-and-POST view.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn
from wagtail.admin.widgets import Button
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from people.groups import NOTE_MODERATORS

from . import note_services
from .note_services import NoteStatus, note_status, with_status, with_verified
from .reading_notes import ReadingNote

BOOK_PAGE_NOTES = 20


def can_mark_excellent(user):
    """Only note moderators (心得审核员) and superusers mark notes 优秀."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_portal_can_mark_excellent", None)
    if cached is None:
        cached = user._portal_can_mark_excellent = user.groups.filter(name=NOTE_MODERATORS).exists()
    return cached


def admin_status_labels():
    return {
        NoteStatus.DRAFT: _("Draft"),
        NoteStatus.PENDING: _("Waiting for review"),
        NoteStatus.RETURNED: _("Returned for changes"),
        NoteStatus.PUBLISHED: _("Published"),
        NoteStatus.EXCELLENT: _("Excellent"),
    }


class NoteStatusColumn(StatusTagColumn):
    def get_value(self, instance):
        return admin_status_labels()[note_status(instance)]


class ReadingNoteViewSet(SnippetViewSet):
    model = ReadingNote
    icon = "doc-full"
    menu_label = gettext_lazy("Reading notes")
    menu_name = "reading-notes"
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = [
        "title",
        Column("author", label=gettext_lazy("author"), accessor="author.display_name"),
        Column("book", label=pgettext_lazy("portal", "Book"), accessor="book.title"),
        NoteStatusColumn(
            "status",
            label=pgettext_lazy("portal", "Status"),
            primary=lambda note: note.live,
        ),
        BooleanColumn("is_excellent", label=gettext_lazy("excellent (优秀)"), sort_key="is_excellent"),
        Column("like_count", label=gettext_lazy("likes"), sort_key="like_count"),
    ]
    list_filter = ["live", "is_excellent", "book__category", "campaign"]
    ordering = ["-submitted_at", "-pk"]

    def get_queryset(self, request):
        # Status in the same query as the rows (with_status), author and book joined.
        return with_status(ReadingNote.objects.select_related("author", "book"))


register_snippet(ReadingNoteViewSet)


# --- 标为优秀 / 取消优秀 ----------------------------------------------------------------


def excellent_url(note, next_url=""):
    url = reverse("campaigns_note_excellent", args=[note.pk])
    return f"{url}?next={next_url}" if next_url else url


def mark_excellent_view(request, pk):
    """GET: confirm; POST: mark (excellent=1) or unmark (excellent=0) a published note."""
    if not can_mark_excellent(request.user):
        raise PermissionDenied
    note = get_object_or_404(ReadingNote.objects.select_related("author", "book"), pk=pk)
    edit_url = reverse("wagtailsnippets_campaigns_readingnote:edit", args=[note.pk])
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = edit_url
    if request.method == "POST":
        if not note.live:
            messages.error(request, _("Only a published note can be marked excellent."))
            return redirect(next_url)
        excellent = request.POST.get("excellent") == "1"
        note_services.mark_excellent(note, request.user, excellent=excellent)
        if excellent:
            messages.success(request, _("“%(title)s” is now marked excellent.") % {"title": note.title})
        else:
            messages.success(request, _("“%(title)s” is no longer marked excellent.") % {"title": note.title})
        return redirect(next_url)
    return TemplateResponse(
        request,
        "campaigns/admin/note_excellent_confirm.html",
        {"note": note, "next": next_url, "edit_url": edit_url, "header_icon": "pick"},
    )


@hooks.register("register_admin_urls")
def register_note_admin_urls():
    return [path("reading-notes/<int:pk>/excellent/", mark_excellent_view, name="campaigns_note_excellent")]


@hooks.register("register_snippet_listing_buttons")
def note_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, ReadingNote) and snippet.live and can_mark_excellent(user):
        label = _("Remove 优秀 mark") if snippet.is_excellent else _("Mark as 优秀")
        yield Button(label, url=excellent_url(snippet, next_url or ""), icon_name="pick", priority=50)


class ExcellentMenuItem(ActionMenuItem):
    name = "action-excellent"
    icon_name = "pick"
    order = 70

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context.get("view") == "edit"
            and isinstance(instance, ReadingNote)
            and instance.live
            and can_mark_excellent(context["request"].user)
        )

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        instance = parent_context["instance"]
        context["label"] = _("Remove 优秀 mark") if instance.is_excellent else _("Mark as 优秀")
        return context

    def get_url(self, parent_context):
        return excellent_url(parent_context["instance"])


@hooks.register("register_snippet_action_menu_item")
def note_excellent_menu_item(model):
    if model is ReadingNote:
        return ExcellentMenuItem()
    return None


# --- notes on the catalogue's book page -------------------------------------------------


@hooks.register("portal_book_page_panels")
def book_notes_panel(request, book):
    """The latest published notes on this book, in one query."""
    notes = list(
        with_verified(ReadingNote.objects.published().filter(book_id=book.pk))
        .select_related("author__department", "book")
        .order_by("-first_published_at", "-pk")[:BOOK_PAGE_NOTES]
    )
    return [
        {
            "template": "campaigns/notes/book_panel.html",
            "book": book,
            "notes": notes,
            "write_url": f"{reverse('notes:write')}?book={book.pk}",
        }
    ]
