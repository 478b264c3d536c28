"""The librarians' catalogue import in the Wagtail admin: upload, preview, confirm."""

import uuid
from pathlib import PurePath

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.auth import permission_denied

from .forms import BookImportForm, ConfirmImportForm, max_import_size
from .importer import ImportFileError, apply_import, plan_import, read_table

UPLOAD_DIR = "book-imports"


def _stored_path(token, extension):
    return f"{UPLOAD_DIR}/{token}{extension}"


def _find_stored(token):
    for extension in (".xlsx", ".xlsm", ".csv", ".txt"):
        name = _stored_path(token, extension)
        if default_storage.exists(name):
            return name
    return None


class BookImportView(View):
    template_name = "booklists/admin/import.html"
    page_title = gettext_lazy("Import books")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(["booklists.add_book", "booklists.change_book"]):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, **context):
        context.setdefault("form", BookImportForm())
        context["page_title"] = self.page_title
        context["header_icon"] = "upload"
        context["max_size"] = filesizeformat(max_import_size())
        return TemplateResponse(request, self.template_name, context)

    def get(self, request):
        return self.render(request)

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        # Refuse an oversized upload before Django reads the body.
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > max_import_size() + 64 * 1024:
            form = BookImportForm()
            form.errors["file"] = form.error_class(
                [
                    _("The file is %(size)s; the limit is %(limit)s.")
                    % {"size": filesizeformat(declared), "limit": filesizeformat(max_import_size())}
                ]
            )
            return self.render(request, form=form)
        form = BookImportForm(request.POST, request.FILES)
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
        return self.render(
            request,
            plan=plan,
            filename=upload.name,
            confirm_form=ConfirmImportForm(initial={"token": token, "create_categories": create_categories}),
        )

    def confirm(self, request):
        form = ConfirmImportForm(request.POST)
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
        if not plan.is_valid:
            # The catalogue changed since the preview; show what is wrong now.
            return self.render(request, plan=plan, filename=PurePath(name).name, confirm_form=form)
        summary = apply_import(plan)
        default_storage.delete(name)
        messages.success(
            request,
            _("Import finished: %(create)d books created, %(update)d updated, %(unchanged)d unchanged.") % summary,
        )
        if plan.copies_added:
            messages.success(request, _("Added %(copies)d copies (册数).") % {"copies": plan.copies_added})
        return redirect(reverse("wagtailsnippets_booklists_book:list"))
