"""信息审查单: who reviewed a page published through 三审三校, at which level, with what decision,
comment and time, read from Wagtail's workflow history.

One sheet per approved workflow run (a page edited and published again later has a second sheet).
A run holds one TaskState per attempt at a level: a rejection at 复审 followed by the editor's
resubmission gives 复审 two rows (退回修改, then 通过), in the order they happened, with the
resubmission (Wagtail's ``wagtail.workflow.resume`` log entry) between them.

The sheets of any number of pages take a fixed number of queries (``sheets_for``).
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from people import groups
from progress.record import period_bounds

from . import documents

LEVEL_LABELS = {
    groups.REVIEW_1: _("First review"),
    groups.REVIEW_2: _("Second review"),
    groups.REVIEW_3: _("Final review"),
}
DECISIONS = {
    TaskState.STATUS_APPROVED: pgettext_lazy("review sheet", "Approved"),
    TaskState.STATUS_REJECTED: pgettext_lazy("review sheet", "Returned for changes"),
    TaskState.STATUS_SKIPPED: pgettext_lazy("review sheet", "Skipped"),
    TaskState.STATUS_CANCELLED: pgettext_lazy("review sheet", "Withdrawn"),
    TaskState.STATUS_IN_PROGRESS: pgettext_lazy("review sheet", "Pending"),
}
RESUBMITTED = pgettext_lazy("review sheet", "Resubmitted")


@dataclass
class Row:
    """One line of the sheet: a reviewer's decision at a level, or the editor's resubmission."""

    level: str
    person: str
    decision: str
    comment: str
    time: datetime.datetime | None
    status: str
    resubmission: bool = False


@dataclass
class Sheet:
    state_id: int
    page_id: int
    title: str
    page_type: str
    workflow: str
    editor: str
    submitted_at: datetime.datetime
    published_at: datetime.datetime | None
    rows: list = field(default_factory=list)

    def reviewers(self):
        """The reviewers' names in the order they acted (resubmissions left out)."""
        return [row.person for row in self.rows if not row.resubmission]


def _name(user):
    return user.display_name if user is not None else str(_("(deleted user)"))


def level_label(task_name):
    label = LEVEL_LABELS.get(task_name)
    return str(label) if label else task_name


def approved_page_states():
    """Approved (published) workflow runs of pages, with ``published_at``: the last approval's time."""
    return (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page), status=WorkflowState.STATUS_APPROVED
        )
        .annotate(published_at=Max("task_states__finished_at"))
        .select_related("workflow", "requested_by")
    )


def published_between(start, end):
    """The approved runs whose final approval falls in [start, end] (local dates, both included)."""
    low, high = period_bounds(start, end)
    return approved_page_states().filter(published_at__gte=low, published_at__lt=high)


def sheets_for(states):
    """The sheets of these workflow runs (a queryset from ``approved_page_states``), oldest first.

    Four queries whatever the number: the runs, their pages, their task states, the resubmissions.
    """
    states = list(states.order_by("published_at", "pk"))
    if not states:
        return []
    page_ids = {int(state.object_id) for state in states}
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in=page_ids)
        .select_related("content_type")
        .only("pk", "title", "content_type")
    }
    task_states = (
        TaskState.objects.filter(workflow_state__in=states)
        .exclude(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("task", "finished_by", "revision")
        .order_by("started_at", "pk")
    )
    by_state = {}
    for task_state in task_states:
        by_state.setdefault(task_state.workflow_state_id, []).append(task_state)
    resumed = {}
    for entry in PageLogEntry.objects.filter(page_id__in=page_ids, action="wagtail.workflow.resume").select_related(
        "user"
    ):
        task_state_id = ((entry.data or {}).get("workflow") or {}).get("task_state_id")
        if task_state_id:
            resumed[task_state_id] = entry

    sheets = []
    for state in states:
        page = pages.get(int(state.object_id))
        attempts = by_state.get(state.pk, [])
        final_revision = attempts[-1].revision if attempts else None
        sheet = Sheet(
            state_id=state.pk,
            page_id=int(state.object_id),
            title=(final_revision.object_str if final_revision else "") or (page.title if page else ""),
            page_type=str(page.content_type.model_class()._meta.verbose_name) if page else "",
            workflow=state.workflow.name,
            editor=_name(state.requested_by),
            submitted_at=state.created_at,
            published_at=state.published_at,
        )
        for attempt in attempts:
            sheet.rows.append(
                Row(
                    level=level_label(attempt.task.name),
                    person=_name(attempt.finished_by),
                    decision=str(DECISIONS.get(attempt.status, attempt.status)),
                    comment=attempt.comment,
                    time=attempt.finished_at,
                    status=attempt.status,
                )
            )
            entry = resumed.get(attempt.pk)
            if attempt.status == TaskState.STATUS_REJECTED and entry is not None:
                sheet.rows.append(
                    Row(
                        level=level_label(attempt.task.name),
                        person=_name(entry.user),
                        decision=str(RESUBMITTED),
                        comment="",
                        time=entry.timestamp,
                        status="resubmitted",
                        resubmission=True,
                    )
                )
        sheets.append(sheet)
    return sheets


def page_sheets(page):
    """Every sheet of one page, oldest first."""
    return sheets_for(approved_page_states().filter(object_id=str(page.pk)))


def local_time(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def as_document(sheets, organisation, title=None):
    """The sheets as one Word document, one sheet per page of paper (python-docx)."""
    document = documents.new_document(organisation, title or gettext("Review sheets"))
    for index, sheet in enumerate(sheets):
        if index:
            documents.page_break(document)
        documents.heading(document, gettext("Content review sheet"))
        documents.paragraph(
            document,
            gettext("No. %(number)s") % {"number": f"{sheet.state_id:06d}"},
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            size=10.5,
        )
        info = documents.table(document, [26, 55, 26, 56])
        documents.add_row(info, [pgettext("review sheet", "Title"), sheet.title], labels=(0,), merge_from=1)
        documents.add_row(
            info,
            [
                pgettext("review sheet", "Page type"),
                sheet.page_type,
                pgettext("review sheet", "Review workflow"),
                sheet.workflow,
            ],
            labels=(0, 2),
        )
        documents.add_row(
            info,
            [
                pgettext("review sheet", "Editor"),
                sheet.editor,
                pgettext("review sheet", "Submitted at"),
                local_time(sheet.submitted_at),
            ],
            labels=(0, 2),
        )
        documents.add_row(
            info,
            [
                pgettext("review sheet", "Published at"),
                local_time(sheet.published_at),
                pgettext("review sheet", "Page ID"),
                str(sheet.page_id),
            ],
            labels=(0, 2),
        )
        documents.paragraph(document, "")
        reviews = documents.table(document, [22, 26, 30, 51, 34])
        documents.add_row(
            reviews,
            [
                pgettext("review sheet", "Level"),
                pgettext("review sheet", "Reviewer"),
                pgettext("review sheet", "Decision"),
                pgettext("review sheet", "Comment"),
                pgettext("review sheet", "Time"),
            ],
            labels=(0, 1, 2, 3, 4),
        )
        for row in sheet.rows:
            documents.add_row(reviews, [row.level, row.person, row.decision, row.comment, local_time(row.time)])
        if not sheet.rows:
            documents.add_row(reviews, [gettext("No review recorded.")], merge_from=0)
        documents.paragraph(document, "")
        documents.paragraph(
            document,
            gettext("Taken from the portal's workflow history on %(date)s.") % {"date": local_time(timezone.now())},
            size=10.5,
        )
    if not sheets:
        documents.heading(document, gettext("Content review sheet"))
        documents.paragraph(document, gettext("No page was published through the review workflow in this period."))
    return documents.to_bytes(document)
