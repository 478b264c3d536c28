"""Reading notes in the Wagtail admin (registered by notes/wagtail_hooks.py).

Moderation is Wagtail's own workflow (心得审核, notes/migrations/0002):
moderators in 心得审核员 open a note from the snippet listing or the workflow
queue, preview it, and approve it or request changes with a comment. History
and the audit log come with the snippet. NoteModerationTask keeps authors from
approving their own notes. "标为优秀 / 取消优秀" is a small confirm-and-POST view
built on Wagtail's generic operation view; each change is in the audit log.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn
from wagtail.admin.views.generic.base import BaseOperationView, WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.views.snippets import SnippetViewSet

from people.groups import NOTE_MODERATORS

from . import services
from .models import NoteStatus, ReadingNote, note_status

EXCELLENT_URL_NAME = "notes_excellent"


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
        return ReadingNote.objects.select_related("author", "book").with_status()


# --- 标为优秀 / 取消优秀 ----------------------------------------------------------------


def excellent_url(note, next_url=""):
    url = reverse(EXCELLENT_URL_NAME, args=[note.pk])
    return f"{url}?next={next_url}" if next_url else url


def note_edit_url(note):
    return reverse(ReadingNote.snippet_viewset.get_url_name("edit"), args=[note.pk])


class MarkExcellentView(WagtailAdminTemplateMixin, BaseOperationView):
    """GET: confirm; POST: mark (excellent=1) or unmark (excellent=0) a published note."""

    model = ReadingNote
    template_name = "notes/admin/excellent_confirm.html"
    header_icon = "pick"

    def setup(self, request, *args, **kwargs):
        # Permission first: somebody who may not mark notes learns nothing about which exist.
        if not can_mark_excellent(request.user):
            raise PermissionDenied
        super().setup(request, *args, **kwargs)

    def get_base_object_queryset(self):
        return ReadingNote.objects.select_related("author", "book")

    @cached_property
    def edit_url(self):
        return note_edit_url(self.object)

    def get_success_url(self):
        return self.next_url or self.edit_url

    @cached_property
    def excellent(self):
        return self.request.POST.get("excellent") == "1"

    def get_page_title(self):
        return _("Remove 优秀 mark") if self.object.is_excellent else _("Mark as 优秀")

    def get_page_subtitle(self):
        return self.object.title

    def get_breadcrumbs_items(self):
        return []  # the classic header, with the note's title under the action

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        return super().get_context_data(note=self.object, next=self.get_success_url(), edit_url=self.edit_url, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.object.live:
            messages.error(request, _("Only a published note can be marked excellent."))
            return redirect(self.get_success_url())
        return super().post(request, *args, **kwargs)

    def perform_operation(self):
        services.mark_excellent(self.object, self.request.user, excellent=self.excellent)

    def get_success_message(self):
        if self.excellent:
            return _("“%(title)s” is now marked excellent.") % {"title": self.object.title}
        return _("“%(title)s” is no longer marked excellent.") % {"title": self.object.title}


def note_listing_buttons(snippet, user, next_url=None):
    """标为优秀 / 取消优秀 in the snippet listing's row menu (hook register_snippet_listing_buttons)."""
    if isinstance(snippet, ReadingNote) and snippet.live and can_mark_excellent(user):
        label = _("Remove 优秀 mark") if snippet.is_excellent else _("Mark as 优秀")
        yield Button(label, url=excellent_url(snippet, next_url or ""), icon_name="pick", priority=50)


class ExcellentMenuItem(ActionMenuItem):
    """标为优秀 / 取消优秀 in the note editor's action menu (hook register_snippet_action_menu_item)."""

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


def note_excellent_menu_item(model):
    if model is ReadingNote:
        return ExcellentMenuItem()
    return None
