"""The catalogue in the Wagtail admin: book and category listings, and the librarians'
import (upload, preview, confirm). booklists/wagtail_hooks.py registers them."""

import uuid
from pathlib import PurePath

import django_filters
from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.collation import PinyinOrderingMixin
from portal.spreadsheets import SafeSpreadsheetExportMixin

from .forms import BookImportForm, ConfirmImportForm, max_import_size
from .importer import ImportFileError, ImportRefused, apply_import, plan_import, read_table, room_choices
from .models import Book, Category

UPLOAD_DIR = "book-imports"


def _stored_path(token, extension):
    return f"{UPLOAD_DIR}/{token}{extension}"


def _find_stored(token):
    for extension in (".xlsx", ".xlsm", ".csv", ".txt"):
        name = _stored_path(token, extension)
        if default_storage.exists(name):
            return name
    return None


# --- listings -----------------------------------------------------------------------------


def default_locale_categories(request):
    return Category.objects.filter(locale_id=Locale.get_default().pk)


class BookFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(label=gettext_lazy("category"), queryset=default_locale_categories)
    year = django_filters.RangeFilter(label=gettext_lazy("publication year"))

    class Meta:
        model = Book
        fields = ["category", "year"]


class BookIndexView(SafeSpreadsheetExportMixin, PinyinOrderingMixin, SnippetIndexView):
    pinyin_fields = ("title", "authors")


class CategoryIndexView(PinyinOrderingMixin, SnippetIndexView):
    pinyin_fields = ("name",)


class BookViewSet(SnippetViewSet):
    model = Book
    index_view_class = BookIndexView
    icon = "doc-full"
    menu_label = gettext_lazy("Books")
    filterset_class = BookFilterSet
    list_display = ["title", "authors", Column("display_category", label=gettext_lazy("category")), "year", "isbn"]
    list_export = ["isbn", "title", "subtitle", "authors", "translator", "publisher", "year", "category", "summary"]
    export_filename = "books"
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "subtitle",
        "authors",
        "translator",
        "isbn",
        "publisher",
        "year",
        "category",
        "summary",
        "cover",
    ]
    ordering = ["title"]

    def get_queryset(self, request):
        return Book.objects.select_related("category", "locale")


class CategoryViewSet(SnippetViewSet):
    model = Category
    index_view_class = CategoryIndexView
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Categories")
    list_display = ["name", "code", "sort_order"]


class CatalogueViewSetGroup(SnippetViewSetGroup):
    items = (BookViewSet, CategoryViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = gettext_lazy("Catalogue")
    menu_name = "catalogue"
    menu_order = 250


# --- import ---------------------------------------------------------------------------------

book_permission_policy = ModelPermissionPolicy(Book)
# An import creates books and updates existing ones: it needs both permissions.
IMPORT_ACTIONS = ("add", "change")


def user_can_import(user):
    return all(book_permission_policy.user_has_permission(user, action) for action in IMPORT_ACTIONS)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_import(request.user)


class BookImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, View):
    template_name = "booklists/admin/import.html"
    page_title = gettext_lazy("Import books")
    header_icon = "upload"
    permission_policy = book_permission_policy
    permission_required = IMPORT_ACTIONS

    def user_has_permission(self, permission):
        # PermissionCheckedMixin checks one action; the import needs every one of IMPORT_ACTIONS.
        actions = (permission,) if isinstance(permission, str) else permission
        return all(super(BookImportView, self).user_has_permission(action) for action in actions)

    def render(self, request, **context):
        context.setdefault("form", BookImportForm(room_choices=room_choices()))
        context["max_size"] = filesizeformat(max_import_size())
        return self.render_to_response(self.get_context_data(**context))

    def get(self, request):
        return self.render(request)

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        # Refuse an oversized upload before Django reads the body.
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > max_import_size() + 64 * 1024:
            form = BookImportForm(room_choices=room_choices())
            form.errors["file"] = form.error_class(
                [
                    _("The file is %(size)s; the limit is %(limit)s.")
                    % {"size": filesizeformat(declared), "limit": filesizeformat(max_import_size())}
                ]
            )
            return self.render(request, form=form)
        rooms = room_choices()
        form = BookImportForm(request.POST, request.FILES, room_choices=rooms)
        if not form.is_valid():
            return self.render(request, form=form)
        upload = form.cleaned_data["file"]
        data = upload.read()
        create_categories = form.cleaned_data["create_categories"]
        try:
            headers, rows = read_table(data, upload.name)
            plan = plan_import(headers, rows, create_categories=create_categories)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.render(request, form=form)
        token = uuid.uuid4().hex
        default_storage.save(_stored_path(token, PurePath(upload.name).suffix.lower()), ContentFile(data))
        confirm_form = ConfirmImportForm(
            initial={"token": token, "create_categories": create_categories, "room": form.cleaned_data.get("room")},
            room_choices=rooms,
            updates=plan.count("update"),
        )
        return self.render(request, plan=plan, filename=upload.name, confirm_form=confirm_form, form=form)

    def confirm(self, request):
        rooms = room_choices()
        form = ConfirmImportForm(request.POST, room_choices=rooms)
        name = _find_stored(form.data.get("token", "")) if form.is_valid() else None
        if not name:
            messages.error(request, _("The uploaded file has expired. Please upload it again."))
            return redirect("booklists_import")
        with default_storage.open(name, "rb") as stored:
            data = stored.read()
        try:
            headers, rows = read_table(data, name)
            plan = plan_import(headers, rows, create_categories=form.cleaned_data["create_categories"])
        except ImportFileError as error:
            default_storage.delete(name)
            messages.error(request, str(error))
            return redirect("booklists_import")
        filename = PurePath(name).name
        if not plan.is_valid:
            # The catalogue changed since the preview; show what is wrong now.
            return self.render(request, plan=plan, filename=filename, confirm_form=form)
        # The same form again, now offering the checkbox for the updates this plan makes.
        form = ConfirmImportForm(request.POST, room_choices=rooms, updates=plan.count("update"))
        form.is_valid()
        confirmed = form.cleaned_data.get("confirm_updates", False)
        if plan.updates and not confirmed:
            form.add_error(
                "confirm_updates",
                _("Nothing was written: tick the box to update the existing books shown above, or correct the file."),
            )
            return self.render(request, plan=plan, filename=filename, confirm_form=form)
        try:
            summary = apply_import(plan, update_existing=confirmed, room=form.cleaned_data.get("room") or None)
        except ImportRefused:
            # A row was refused while writing (e.g. a barcode taken meanwhile): nothing was written.
            return self.render(request, plan=plan, filename=filename, confirm_form=form)
        default_storage.delete(name)
        messages.success(
            request,
            _("Import finished: %(create)d books created, %(update)d updated, %(unchanged)d unchanged.") % summary,
        )
        if plan.copies_added:
            messages.success(request, _("Added %(copies)d copies (册数).") % {"copies": plan.copies_added})
        return redirect(reverse("wagtailsnippets_booklists_book:list"))
