"""The reports' admin screens: the 信息审查单 (one page's sheets, printable and as .docx, and the
combined export of a period) and the visits librarians record at the desk (到馆人次)."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.models import Page

from portal.pagination import paginate

from . import review_sheets
from .documents import DOCX_CONTENT_TYPE
from .forms import DateRangeForm, VisitRecordForm
from .models import VisitRecord

REVIEW_SHEETS_PERMISSION = "reports.view_review_sheets"
SHEETS_PER_PAGE = 50


def can_view_review_sheets(user):
    """宣传编辑, 初审, 复审, 终审 and superusers (the permission is granted in reports 0002)."""
    return user.is_active and user.has_perm(REVIEW_SHEETS_PERMISSION)


def organisation_name(request):
    """Who the sheets belong to: the site settings' organisation (asked of the apps above through the
    ``reports_organisation_name`` hook), else the portal's name."""
    for hook in hooks.get_hooks("reports_organisation_name"):
        name = hook(request)
        if name:
            return name
    return settings.WAGTAIL_SITE_NAME


def forbidden(request):
    return TemplateResponse(
        request,
        "reports/admin/forbidden.html",
        {"page_title": _("Review sheets"), "header_icon": "clipboard-list"},
        status=403,
    )


def docx_response(content, filename):
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class ReviewSheetAccessMixin:
    """A user with admin access but without the permission (a librarian, a moderator) gets a 403;
    Wagtail itself sends users without admin access (employees) to the login page."""

    def dispatch(self, request, *args, **kwargs):
        if not can_view_review_sheets(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)


class ReviewSheetIndexView(ReviewSheetAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """The pages published through 三审三校 in a period, and all their sheets as one .docx."""

    template_name = "reports/admin/review_sheet_index.html"
    page_title = gettext_lazy("Review sheets")
    header_icon = "clipboard-list"

    def get(self, request, *args, **kwargs):
        form = DateRangeForm(request.GET)
        context = {"form": form, "page": None}
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(**context))
        start, end = form.period()
        states = review_sheets.published_between(start, end)
        if request.GET.get("format") == "docx":
            content = review_sheets.as_document(
                review_sheets.sheets_for(states),
                organisation_name(request),
                title=_("Review sheets %(start)s–%(end)s") % {"start": start, "end": end},
            )
            return docx_response(content, _("review-sheets-%(start)s-%(end)s.docx") % {"start": start, "end": end})
        ids = states.order_by("-published_at", "-pk").values_list("pk", flat=True)
        page = paginate(request, ids, SHEETS_PER_PAGE, param="p")
        sheets = review_sheets.sheets_for(review_sheets.approved_page_states().filter(pk__in=list(page.object_list)))
        context.update(
            page=page,
            sheets=list(reversed(sheets)),
            start=start,
            end=end,
            page_query=urlencode({"start": start, "end": end}),
        )
        return self.render_to_response(self.get_context_data(**context))


class PageReviewSheetView(ReviewSheetAccessMixin, TemplateView):
    """One page's sheets (every time it was published through 三审三校), ready to print."""

    template_name = "reports/review_sheet_print.html"

    def get(self, request, page_id):
        page = get_object_or_404(Page, pk=page_id)
        sheets = review_sheets.page_sheets(page)
        return self.render_to_response(
            {
                "page": page,
                "sheets": sheets,
                "organisation": organisation_name(request),
                "printed_at": timezone.localtime(),
                "docx_url": reverse("reports_review_sheet_docx", args=[page.pk]),
                "index_url": reverse("reports_review_sheets"),
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            }
        )


class PageReviewSheetDocxView(ReviewSheetAccessMixin, TemplateView):
    def get(self, request, page_id):
        page = get_object_or_404(Page, pk=page_id)
        content = review_sheets.as_document(
            review_sheets.page_sheets(page),
            organisation_name(request),
            title=_("Review sheet: %(title)s") % {"title": page.title},
        )
        return docx_response(content, _("review-sheet-%(id)d.docx") % {"id": page.pk})


def review_sheet_button(page, user):
    """信息审查单 in a page's "more" menu and header, for those who keep the sheets."""
    if page.is_root() or not page.live or not can_view_review_sheets(user):
        return []
    return [
        Button(
            _("Review sheet"),
            reverse("reports_review_sheet", args=[page.pk]),
            icon_name="clipboard-list",
            priority=55,
        )
    ]


def page_listing_more_buttons(page, user, next_url=None):
    return review_sheet_button(page, user)


def page_header_buttons(page, user, view_name, next_url=None):
    return review_sheet_button(page, user)


class ReviewSheetsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_review_sheets(request.user)


def review_sheets_menu_item():
    """In Wagtail's 报告 (Reports) menu, beside its workflow report."""
    return ReviewSheetsMenuItem(
        gettext_lazy("Review sheets"),
        reverse("reports_review_sheets"),
        name="review-sheets",
        icon_name="clipboard-list",
        order=810,
    )


def admin_urls():
    return [
        path("review-sheets/", ReviewSheetIndexView.as_view(), name="reports_review_sheets"),
        path("review-sheets/page/<int:page_id>/", PageReviewSheetView.as_view(), name="reports_review_sheet"),
        path(
            "review-sheets/page/<int:page_id>/docx/",
            PageReviewSheetDocxView.as_view(),
            name="reports_review_sheet_docx",
        ),
    ]


# --- 到馆人次 -------------------------------------------------------------------------------


class VisitRecordIndexView(IndexView):
    def get_base_queryset(self):
        return VisitRecord.objects.select_related("room", "recorded_by__wagtail_userprofile")


class VisitRecordViewSet(ModelViewSet):
    """Librarians record the visits counted at a reading room's door, per day or per month."""

    model = VisitRecord
    index_view_class = VisitRecordIndexView
    edit_handler = ObjectList(
        [FieldPanel("room"), FieldPanel("period"), FieldPanel("date"), FieldPanel("count"), FieldPanel("note")],
        base_form_class=VisitRecordForm,
    )
    name = "reports_visits"
    url_prefix = "visits"
    icon = "group"
    add_to_admin_menu = True
    menu_label = gettext_lazy("Visits")
    menu_name = "visits"
    menu_order = 257
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "room",
        Column("period_label", label=gettext_lazy("date")),
        Column("count", label=gettext_lazy("number of visits")),
        UserColumn("recorded_by", label=gettext_lazy("recorded by")),
        DateColumn("recorded_at", label=gettext_lazy("recorded at")),
    ]
    list_filter = ["room", "period"]
    ordering = ["-date", "room__sort_order", "room__name"]
