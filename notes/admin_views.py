"""Reading notes in the Wagtail admin (registered by notes/wagtail_hooks.py).

Notes are written by their authors on the public site (notes.services); in the
admin they are read and decided on. Moderation is Wagtail's own workflow
(心得审核, notes/migrations/0002): moderators in 心得审核员 open a note from the
snippet listing or the workflow queue, read it with its author, department,
book and submission time, and approve it or return it with a reason. They never
change it:

- the permission policy (`ReadingNotePermissionPolicy`) gives nobody "add",
  "change" or "publish" for notes, so the editor opens only while a note waits
  on the user's task (NoteModerationTask.user_can_access_editor, Wagtail's own
  rule) and every other note opens in the read-only inspect view;
- that editor (`ReadingNoteEditView`) is a read-only moderation screen: its
  fields are read-only panels and a POST may only carry a workflow decision,
  which is applied without saving anything from the form;
- and ReadingNote.publish() refuses any revision the author did not write.

NoteModerationTask keeps authors from deciding on their own notes. "标为优秀 /
取消优秀" is a small confirm-and-POST view built on Wagtail's generic operation
view; each change is in the audit log. A draft never submitted (or returned and
being reworked) is its author's alone: the listing and every screen of one note
use ReadingNote.objects.visible_to().
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic.base import BaseOperationView, WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.action_menu import ActionMenuItem, SnippetActionMenu, WorkflowMenuItem
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.sanitize import render_user_html

from . import services
from .models import NoteStatus, ReadingNote, note_status

EXCELLENT_URL_NAME = "notes_excellent"


def can_mark_excellent(user, note=None):
    """Only note moderators (心得审核员) and superusers mark notes 优秀, and never their own."""
    if note is not None and note.author_id == user.pk:
        return False
    return services.is_note_moderator(user)


# --- who may do what ----------------------------------------------------------------------


class ReadingNotePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions for notes, minus everything that writes a note.

    Nobody is given "add", "change" or "publish" for notes in the admin, whatever
    their groups: the author writes on the public site; a moderator's editor opens
    only while the note waits on their task (Wagtail asks the task:
    NoteModerationTask.user_can_access_editor); publishing is the workflow's
    approval (portal.workflows). Reading one note also needs the note to be
    visible to the user (ReadingNote.objects.visible_to).
    """

    WRITING = frozenset({"add", "change", "publish"})

    def user_has_permission(self, user, action):
        return action not in self.WRITING and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in self.WRITING]
        if not actions:
            return self.auth_model._default_manager.none()
        return super().users_with_any_permission(actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return ReadingNote.objects.visible_to(user).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return ReadingNote.objects.none()
        return ReadingNote.objects.visible_to(user)


def on_users_task(note, user):
    """The note waits on a moderation task this user may decide (so its moderation screen opens)."""
    task = note.current_workflow_task
    return bool(task) and task.specific.user_can_access_editor(note, user)


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


class ExcellentColumn(Column):
    """“优秀” for excellent notes, nothing for the others (not a red ✗ on every ordinary note)."""

    cell_template_name = "notes/admin/excellent_cell.html"


# --- the screens of one note ----------------------------------------------------------------


class NoteFactsPanel(Panel):
    """Who wrote the note, in which department, on which book, and when it was submitted."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "notes/admin/note_facts_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # The editor shows the latest revision; the submission time is kept on the row.
            note = ReadingNote.objects.select_related("author__department", "book", "campaign").get(pk=self.instance.pk)
            context.update(note=note, status=admin_status_labels()[note_status(note)])
            return context


class NoteBodyPanel(FieldPanel):
    """The note's text as readers see it (read-only)."""

    def format_value_for_display(self, value):
        return render_user_html(value)


def read_only_panels():
    return ObjectList(
        [
            NoteFactsPanel(heading=gettext_lazy("About this note")),
            FieldPanel("title", read_only=True),
            FieldPanel("quote", read_only=True),
            NoteBodyPanel("body", read_only=True, heading=gettext_lazy("Text of the note")),
        ]
    )


class VisibleNotesMixin:
    """One note's screen: a note the user may not read is a 404, like one that does not exist."""

    def get_visible_note(self, pk):
        return get_object_or_404(
            ReadingNote.objects.visible_to(self.request.user).select_related("author__department", "book", "campaign"),
            pk=pk,
        )


class ReadingNoteEditView(VisibleNotesMixin, snippet_views.EditView):
    """The moderation screen: the note read-only, the workflow's decisions in the footer.

    Wagtail's editor posts the whole form with a workflow decision; here nothing of
    the form is saved, so the revision approved is the one the author submitted.
    A note that is not waiting on the user's task opens in the inspect view.
    """

    def get_queryset(self):
        return ReadingNote.objects.visible_to(self.request.user).select_related("author__department", "book")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.autosave_enabled = False  # there is nothing to save

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            if self.user_has_permission("view"):
                return redirect(self.get_inspect_url())
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.action != "workflow-action":
            raise PermissionDenied  # saving, submitting or publishing another person's note
        title = str(self.object)
        self.workflow_action_action()
        note = ReadingNote.objects.get(pk=self.object.pk)
        if self.workflow_action == "approve":
            if note.live and note.live_revision_id == note.latest_revision_id:
                message = _("Approved “%(title)s”; it is now published.")
            else:
                message = _("Approved “%(title)s”.")
        else:
            message = _("Returned “%(title)s” to its author.")
        messages.success(request, message % {"title": title})
        return redirect(self.get_success_url())

    def _get_action_menu(self):
        return NoteActionMenu(
            self.request, view=self.view_name, instance=self.object, locked_for_user=self.locked_for_user
        )


INSPECT_FIELDS = ["title", "author", "department", "book", "campaign", "submitted_at", "status", "quote", "body"]


class ReadingNoteInspectView(VisibleNotesMixin, snippet_views.InspectView):
    """A note as readers see it, with who wrote it, where and when: for notes not waiting on the user's task."""

    def get_object(self, queryset=None):
        return self.get_visible_note(self.pk)

    def get_field_label(self, field_name, field):
        labels = {"department": _("department"), "status": pgettext_lazy("portal", "Status")}
        if field_name in labels:
            return labels[field_name]
        return super().get_field_label(field_name, field)

    def get_author_display_value(self):
        return self.object.author.display_name

    def get_department_display_value(self):
        department = self.object.author.department
        return department.name if department else "-"

    def get_book_display_value(self):
        return f"《{self.object.book.title}》"

    def get_status_display_value(self):
        return admin_status_labels()[note_status(self.object)]

    def get_body_display_value(self):
        return render_user_html(self.object.body)

    def get_edit_url(self):
        if on_users_task(self.object, self.request.user):
            return reverse(self.edit_url_name, args=(quote(self.object.pk),))
        return None

    @cached_property
    def header_buttons(self):
        # 标为优秀 / 取消优秀 in plain sight: the moderator's one decision on a published note.
        if self.object.live and can_mark_excellent(self.request.user, self.object):
            label = _("Remove 优秀 mark") if self.object.is_excellent else _("Mark as 优秀")
            return [Button(label, url=excellent_url(self.object), icon_name="pick", priority=10)]
        return []


class ReadingNoteHistoryView(snippet_views.HistoryView):
    any_permission_required = ["change", "delete", "view"]

    def get_base_object_queryset(self):
        return ReadingNote.objects.visible_to(self.request.user).select_related("latest_revision")


class ReadingNotePreviewOnEditView(snippet_views.PreviewOnEditView):
    """The preview beside the moderation screen: only while the note waits on the user's task."""

    def get_object(self):
        note = get_object_or_404(ReadingNote.objects.visible_to(self.request.user), pk=self.kwargs["pk"])
        if not on_users_task(note, self.request.user):
            raise PermissionDenied
        return note.get_latest_revision_as_object()

    def user_has_permission(self, permission):
        # "change" stands for "may open the moderation screen", which get_object() has checked.
        return permission == "change" or super().user_has_permission(permission)


class ReadingNoteIndexView(snippet_views.IndexView):
    def search_queryset(self, queryset):
        # The index filters only on its FilterFields; "visible to this user" is applied to what it finds.
        if not self.is_searching:
            return queryset
        found = super().search_queryset(ReadingNote.objects.all())
        return queryset.filter(pk__in=found.get_queryset().values("pk"))

    def get_edit_url(self, instance):
        # A note waiting on the user's task opens in the moderation screen; the others in the inspect view.
        if instance.workflow_status == "in_progress" and on_users_task(instance, self.request.user):
            return reverse(self.edit_url_name, args=(quote(instance.pk),))
        return None


class ReadingNoteViewSet(SnippetViewSet):
    model = ReadingNote
    icon = "doc-full"
    menu_label = gettext_lazy("Reading notes")
    menu_name = "reading-notes"
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ReadingNoteIndexView
    edit_view_class = ReadingNoteEditView
    inspect_view_class = ReadingNoteInspectView
    inspect_view_fields = INSPECT_FIELDS
    history_view_class = ReadingNoteHistoryView
    preview_on_edit_view_class = ReadingNotePreviewOnEditView
    list_display = [
        "title",
        Column("author", label=gettext_lazy("author"), accessor="author.display_name"),
        Column("book", label=pgettext_lazy("portal", "Book"), accessor="book.title"),
        NoteStatusColumn(
            "status",
            label=pgettext_lazy("portal", "Status"),
            primary=lambda note: note.live,
        ),
        ExcellentColumn("is_excellent", label=gettext_lazy("excellent (优秀)"), sort_key="is_excellent"),
        Column("like_count", label=gettext_lazy("likes"), sort_key="like_count"),
    ]
    list_filter = ["live", "is_excellent", "book__category", "campaign"]
    ordering = ["-submitted_at", "-pk"]

    def get_edit_handler(self):
        return read_only_panels().bind_to_model(ReadingNote)

    def get_queryset(self, request):
        # Status in the same query as the rows (with_status), author and book joined; drafts are their authors'.
        return ReadingNote.objects.visible_to(request.user).select_related("author", "book").with_status()


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

    def get_context_data(self, **kwargs):
        return super().get_context_data(note=self.object, next=self.get_success_url(), edit_url=self.edit_url, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.object.author_id == request.user.pk:
            return self.refuse(_("You cannot decide on your own note: another moderator marks it excellent."))
        return self.render_to_response(self.get_context_data())

    def refuse(self, message):
        messages.error(self.request, message)
        return redirect(self.get_success_url())

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except services.NotAllowed as error:  # the service's rules: published notes only, never one's own
            return self.refuse(error.message)

    def perform_operation(self):
        services.mark_excellent(self.object, self.request.user, excellent=self.excellent)

    def get_success_message(self):
        if self.excellent:
            return _("“%(title)s” is now marked excellent.") % {"title": self.object.title}
        return _("“%(title)s” is no longer marked excellent.") % {"title": self.object.title}


def note_listing_buttons(snippet, user, next_url=None):
    """标为优秀 / 取消优秀 in the snippet listing's row menu (hook register_snippet_listing_buttons)."""
    if isinstance(snippet, ReadingNote) and snippet.live and can_mark_excellent(user, snippet):
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
            and can_mark_excellent(context["request"].user, instance)
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


# --- the moderation screen's footer ----------------------------------------------------------

DECISIONS = ("approve", "reject")


def note_action_menu(menu_items, request, context):
    """construct_snippet_action_menu: a note's footer holds the decisions, approve first, then return.

    Save, submit, publish, unpublish and the workflow's cancel/restart are taken away:
    nobody writes or submits another person's note in the admin (ReadingNoteEditView
    refuses them too).
    """
    if context.get("model") is not ReadingNote:
        return
    kept = [item for item in menu_items if isinstance(item, WorkflowMenuItem | ExcellentMenuItem)]
    for item in kept:
        if item.name == "approve" and not item.launch_modal:
            item.label = _("Approve and publish")
        elif item.name == "reject":
            item.label = _("Return for changes")

    def rank(item):
        if isinstance(item, WorkflowMenuItem) and item.name == "approve" and not item.launch_modal:
            return 0
        if isinstance(item, WorkflowMenuItem) and item.name == "reject":
            return 1
        return 2

    menu_items[:] = sorted(kept, key=rank)


class NoteActionMenu(SnippetActionMenu):
    """Approve and return as buttons of their own; anything else (approve with a comment, 优秀) in the dropdown."""

    template = "notes/admin/action_menu.html"

    def render_html(self):
        from django.template.loader import render_to_string

        if not self.default_item:
            return ""
        decisions = [item for item in self.menu_items if isinstance(item, WorkflowMenuItem) and item.name == "reject"]
        others = [item for item in self.menu_items if item not in decisions]
        rest = [item.render_html(self.context) for item in others]
        return render_to_string(
            self.template,
            {
                "default_menu_item": self.default_item.render_html(self.context),
                "decision_items": [item.render_html(self.context) for item in decisions],
                "first_other_item": rest[0] if rest else "",
                "other_items": rest[1:],
            },
            request=self.request,
        )
