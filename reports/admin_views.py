"""The reports' admin screens: the 信息审查单 (one page's sheets, printable and as .docx, and the
combined export of a period) and the visits librarians record at the desk (到馆人次)."""

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.views.generic import IndexView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.models import Page

from campaigns.models import CampaignPage
from portal.internals import content_language
from portal.pagination import paginate
from portal.spreadsheets import SafeCSVWriter, safe_cell

from . import dashboard, review_sheets, summary
from .documents import DOCX_CONTENT_TYPE
from .forms import CampaignReportForm, DashboardRangeForm, DateRangeForm, VisitRecordForm
from .models import CampaignReport, VisitRecord

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
    return dashboard_urls() + [
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


EXPORT_FORMATS = ("csv", "xlsx")


def can_view_dashboard(user):
    return user.is_active and user.has_perm("reports.view_dashboard")


def _sheet_title(title, used):
    """An XLSX sheet name: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    name = "".join("_" if c in "[]:*?/\\" else c for c in str(title))[:28] or "Sheet"
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{name}~{n}", n + 1
    used.add(candidate)
    return candidate


def xlsx_response(tables, filename):
    """The tables as a workbook, one sheet each; every text cell typed as a string (never a formula)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append([str(column) for column in table.columns])
        for row in table.rows:
            sheet.append([str(value) if not isinstance(value, int | float) else value for value in row])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":
                    cell.data_type = "s"
    stream = io.BytesIO()
    workbook.save(stream)
    response = HttpResponse(
        stream.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def csv_response(table, filename):
    stream = io.StringIO()
    stream.write("\ufeff")  # Excel and WPS read UTF-8 CSV as Chinese only with the BOM
    writer = SafeCSVWriter(stream, quoting=csv.QUOTE_MINIMAL)
    writer.writerow([str(column) for column in table.columns])
    for row in table.rows:
        writer.writerow([safe_cell(str(value)) if value is not None else "" for value in row])
    response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


class DashboardView(WagtailAdminTemplateMixin, View):
    template_name = "reports/dashboard.html"
    page_title = gettext_lazy("Organisers' dashboard")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_dashboard(request.user):
            # A plain 403 (not Wagtail's redirect to the dashboard): the screen exists but is not theirs.
            return TemplateResponse(request, "reports/forbidden.html", {"page_title": self.page_title}, status=403)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        # Always bound: with nothing chosen the form gives this year so far.
        form = DashboardRangeForm(request.GET)
        board = None
        if form.is_valid():
            data = form.cleaned_data
            board = dashboard.build(data["start"], data["end"], data["campaign"])
            export = request.GET.get("export")
            if export in EXPORT_FORMATS:
                return self.export(board, export, request.GET.get("table", ""))
        query = request.GET.copy()
        query.pop("export", None)
        query.pop("table", None)
        context = self.get_context_data(form=form, board=board, query=query.urlencode())
        return self.render_to_response(context)

    def export(self, board, export, key):
        tables = [table for q in board.questionnaires for table in q["tables"]]
        tables = board.tables + tables
        filename = f"dashboard-{board.start:%Y%m%d}-{board.end:%Y%m%d}"
        if key:
            chosen = [table for table in tables if table.key == key]
            if not chosen:
                raise Http404("no such table")
            tables = chosen
            filename = f"{filename}-{key}"
        if export == "xlsx":
            return xlsx_response(tables, filename)
        if len(tables) != 1:
            raise Http404("CSV holds one table")  # the page links each table's own CSV
        return csv_response(tables[0], filename)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        board = kwargs.get("board")
        if board is not None:
            context["charts"] = [
                {"id": f"chart-{table.key}", "kind": table.chart, "labels": table.labels, "values": table.values}
                for table in board.tables + [t for q in board.questionnaires for t in q["tables"]]
                if table.chart and table.rows
            ]
        context["no_data_message"] = _("No loans, notes or participants in this period.")
        return context


# -- the summary report (总结评估报告) ----------------------------------------------------


def can_edit_reports(user):
    return user.is_active and user.has_perm("reports.change_campaignreport")


def source_campaigns():
    return CampaignPage.objects.filter(locale__language_code=content_language(settings.LANGUAGE_CODE))


class ReportScreen(WagtailAdminTemplateMixin, View):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_dashboard(request.user):
            return TemplateResponse(request, "reports/forbidden.html", {"page_title": self.page_title}, status=403)
        return super().dispatch(request, *args, **kwargs)

    def campaign(self, pk):
        return get_object_or_404(source_campaigns(), pk=pk)


class ReportListView(ReportScreen):
    template_name = "reports/report_list.html"
    page_title = gettext_lazy("Summary reports")

    def get(self, request):
        campaigns = source_campaigns().order_by("-start_date").select_related("report")
        context = self.get_context_data(campaigns=campaigns, can_edit=can_edit_reports(request.user))
        return self.render_to_response(context)


class ReportEditView(ReportScreen):
    """The report's prose: drafted from the facts with one click, then edited; the figures stay live."""

    template_name = "reports/report_edit.html"
    page_title = gettext_lazy("Summary report")

    def get(self, request, pk):
        campaign = self.campaign(pk)
        report = CampaignReport.objects.filter(campaign=campaign).first()
        form = CampaignReportForm(instance=report) if report else None
        return self.render(request, campaign, report, form)

    def post(self, request, pk):
        campaign = self.campaign(pk)
        if not can_edit_reports(request.user):
            return TemplateResponse(request, "reports/forbidden.html", {"page_title": self.page_title}, status=403)
        if "draft" in request.POST:
            summary.draft_report(campaign, request.user)
            messages.success(request, _("The report was drafted from the campaign's data. Edit it, then export it."))
            return redirect("reports_report_edit", pk=campaign.pk)
        report = get_object_or_404(CampaignReport, campaign=campaign)
        form = CampaignReportForm(request.POST, instance=report)
        if form.is_valid():
            report = form.save(commit=False)
            report.updated_by = request.user
            report.save()
            messages.success(request, _("The report was saved."))
            return redirect("reports_report_edit", pk=campaign.pk)
        messages.error(request, _("The report could not be saved. Check the fields marked below."))
        return self.render(request, campaign, report, form)

    def render(self, request, campaign, report, form):
        the_facts = summary.facts(campaign)
        context = self.get_context_data(
            campaign=campaign,
            report=report,
            form=form,
            facts=the_facts,
            can_edit=can_edit_reports(request.user),
        )
        return self.render_to_response(context)


class ReportDocxView(ReportScreen):
    page_title = gettext_lazy("Summary report")

    def get(self, request, pk):
        campaign = self.campaign(pk)
        report = get_object_or_404(CampaignReport, campaign=campaign)
        response = HttpResponse(
            summary.word_document(report),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="campaign-{campaign.pk}-report.docx"'
        return response


class ReportPrintView(ReportScreen):
    """The same report as a printable page (A4, no admin chrome)."""

    template_name = "reports/report_print.html"
    page_title = gettext_lazy("Summary report")

    def get(self, request, pk):
        campaign = self.campaign(pk)
        report = get_object_or_404(CampaignReport, campaign=campaign)
        the_facts = summary.facts(campaign)
        sections = [
            {"key": key, "heading": heading, "paragraphs": [p for p in getattr(report, key).splitlines() if p.strip()]}
            for key, heading in summary.section_titles()
        ]
        context = {
            "campaign": campaign,
            "report": report,
            "facts": the_facts,
            "sections": sections,
            "participation": the_facts.board.table("participation"),
            "today": timezone.localdate(),
        }
        return TemplateResponse(request, self.template_name, context)


# -- menu and URLs (registered in wagtail_hooks.py) ---------------------------------


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_dashboard(request.user)


def dashboard_menu_item():
    return DashboardMenuItem(
        pgettext_lazy("reports menu", "Dashboard"),
        reverse("reports_dashboard"),
        icon_name="table",
        name="reports-dashboard",
        order=90,
    )


class SummaryMenuItem(DashboardMenuItem):
    pass


def summary_menu_item():
    return SummaryMenuItem(
        gettext_lazy("Summary reports"),
        reverse("reports_report_list"),
        icon_name="doc-full",
        name="reports-summary",
        order=91,
    )


def dashboard_urls():
    return [
        path("reports/dashboard/", DashboardView.as_view(), name="reports_dashboard"),
        path("reports/summary/", ReportListView.as_view(), name="reports_report_list"),
        path("reports/summary/<int:pk>/", ReportEditView.as_view(), name="reports_report_edit"),
        path("reports/summary/<int:pk>/report.docx", ReportDocxView.as_view(), name="reports_report_docx"),
        path("reports/summary/<int:pk>/print/", ReportPrintView.as_view(), name="reports_report_print"),
    ]
