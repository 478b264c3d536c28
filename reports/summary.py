"""The campaign's summary report (总结评估报告): the facts, the drafted prose and the Word document.

The report has the six parts such reports take: 基本情况, 主要做法, 取得成效 (with the
figures and a table by department), 表彰情况 (the published honour rounds), 存在问题 and
下一步打算. The figures and tables always come from live data (`facts`); the prose is
drafted once from the same facts (`draft`) and then edited by the editors in the admin
(CampaignReport), so an exported report says what they wrote about what the data shows.
"""

import io
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from honours.models import AwardRound

from . import dashboard
from .models import CampaignReport

# Fonts of Chinese official documents (GB/T 9704): headings in 黑体, text in 仿宋, the title in
# 小标宋 (宋体 where that is missing). Word and LibreOffice substitute a font the machine lacks.
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋"
LATIN_FONT = "Times New Roman"


@dataclass
class Facts:
    campaign: object
    board: dashboard.Dashboard
    events: list = field(default_factory=list)
    rounds: list = field(default_factory=list)

    @property
    def loans(self):
        return sum(row[1] for row in self.board.table("loans_by_month").rows)

    @property
    def notes(self):
        return {row[0]: row[1] for row in self.board.table("notes").rows}

    @property
    def has_data(self):
        return bool(self.board.participants or self.loans or self.events or self.rounds)

    def figure_rows(self):
        notes = list(self.notes.values())
        rate = self.board.participation_rate
        return [
            [_("Participants"), self.board.participants],
            [_("Participation rate"), f"{rate}%" if rate is not None else _("headcount not set")],
            [_("Loans"), self.loans],
            [_("Reading notes submitted"), notes[0]],
            [_("Reading notes approved"), notes[1]],
            [_("Excellent notes"), notes[2]],
            [_("Events held"), len(self.events)],
        ]

    def department_rows(self):
        return self.board.table("participation").rows


def facts(campaign):
    """Everything the report states, from live data (the dashboard's queries plus events and rounds)."""
    board = dashboard.build(None, None, campaign)
    now = timezone.now()
    events = list(campaign.events().filter(start_time__lte=now).order_by("start_time"))
    rounds = list(
        AwardRound.objects.published()
        .filter(Q(campaign=campaign) | Q(start_date__gte=campaign.start_date, end_date__lte=campaign.end_date))
        .order_by("start_date", "kind")
    )
    return Facts(campaign=campaign, board=board, events=events, rounds=rounds)


def _join(*sentences):
    """Sentences in a row: no space after a Chinese full stop, one after an English one."""
    text = ""
    for sentence in filter(None, sentences):
        text += sentence if not text or text.endswith(("。", "；", "！", "？")) else " " + sentence
    return text


def _date(value):
    return formats.date_format(value, "DATE_FORMAT")


def draft(campaign, the_facts=None):
    """The six parts' prose drafted from the facts, for the editors to edit."""
    f = the_facts or facts(campaign)
    rate = f.board.participation_rate
    situation = _(
        "From %(start)s to %(end)s the organisation ran %(title)s%(theme)s. Of %(headcount)d employees, "
        "%(participants)d took part (a participation rate of %(rate)s)."
    ) % {
        "start": _date(campaign.start_date),
        "end": _date(campaign.end_date),
        "title": campaign.title,
        "theme": _(" on the theme “%(theme)s”") % {"theme": campaign.theme} if campaign.theme else "",
        "headcount": f.board.headcount,
        "participants": f.board.participants,
        "rate": f"{rate}%" if rate is not None else _("headcount not set"),
    }
    if not f.has_data:
        situation = _join(situation, _("No loans, notes, events or awards were recorded for this campaign."))
    events = [
        _("%(date)s, %(title)s at %(place)s")
        % {"date": _date(timezone.localtime(e.start_time)), "title": e.title, "place": e.place}
        for e in f.events
    ]
    practices = (
        ngettext("%(count)d event was held: ", "%(count)d events were held: ", len(events)) % {"count": len(events)}
        + _("; ").join(events)
        + _(".")
        if events
        else _("No events were held.")
    )
    notes = f.notes
    notes_values = list(notes.values())
    results = _(
        "Employees borrowed %(loans)d books; %(submitted)d reading notes were submitted, %(approved)d approved "
        "and %(excellent)d marked excellent."
    ) % {"loans": f.loans, "submitted": notes_values[0], "approved": notes_values[1], "excellent": notes_values[2]}
    ranked = [row for row in f.department_rows() if row[3] != ""]
    if ranked:
        best, worst = ranked[0], ranked[-1]
        results = _join(
            results,
            _("The highest participation was in %(best)s (%(best_rate)s%%).") % {"best": best[0], "best_rate": best[3]},
        )
    awards = (
        _("Published honours: %(rounds)s.")
        % {"rounds": _("; ").join(f"{r.label()} ({len(r.winners())})" for r in f.rounds)}
        if f.rounds
        else _("No honour rounds were published for this campaign.")
    )
    problems = (
        _("Participation was lowest in %(worst)s (%(worst_rate)s%%).") % {"worst": worst[0], "worst_rate": worst[3]}
        if ranked and len(ranked) > 1
        else ""
    )
    unset = [row[0] for row in f.department_rows() if row[3] == ""]
    if unset:
        problems = _join(
            problems,
            _("Departments without a headcount cannot be compared: %(names)s.") % {"names": _("、").join(unset)},
        )
    next_steps = _join(
        _("Strengthen the mobilisation in the departments where participation was lowest (%(names)s).")
        % {"names": _("、").join(row[0] for row in ranked[-3:])}
        if len(ranked) > 1
        else "",
        _(
            "Keep the reading room, the sharing sessions and the essay contest going, "
            "so that reading becomes part of daily work."
        ),
    )
    return {
        "situation": situation,
        "practices": practices,
        "results": results,
        "awards": awards,
        "problems": problems,
        "next_steps": next_steps,
    }


def draft_report(campaign, user):
    """Create the campaign's report with drafted prose, or re-draft only the parts still empty."""
    report, _created = CampaignReport.objects.get_or_create(campaign=campaign)
    drafted = draft(campaign)
    for name, text in drafted.items():
        if not getattr(report, name).strip():
            setattr(report, name, text)
    report.drafted_at = timezone.now()
    report.updated_by = user
    report.full_clean()
    report.save()
    return report


def section_titles():
    return [
        ("situation", _("I. Overview")),
        ("practices", _("II. What was done")),
        ("results", _("III. Results")),
        ("awards", _("IV. Awards")),
        ("problems", _("V. Problems")),
        ("next_steps", _("VI. Next steps")),
    ]


# -- the Word document ---------------------------------------------------------------


def _font(run, name, size, bold=False):
    run.font.name = LATIN_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    properties = run._element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(document, text, font=BODY_FONT, size=16, bold=False, align=None, indent=True):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)  # two characters, as Chinese text is set
    paragraph.paragraph_format.line_spacing = Pt(28)
    _font(paragraph.add_run(text), font, size, bold)
    return paragraph


def _page_number(section):
    """— 1 — centred in the footer (a PAGE field, so Word and LibreOffice number the pages)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run("— "), BODY_FONT, 14)
    run = paragraph.add_run()
    _font(run, BODY_FONT, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)
    _font(paragraph.add_run(" —"), BODY_FONT, 14)


def _table(document, columns, rows, empty_text=None):
    if not rows:
        return _paragraph(document, empty_text) if empty_text else None
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, heading in zip(table.rows[0].cells, columns, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(str(heading)), HEADING_FONT, 12)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(str(value)), BODY_FONT, 12)
    document.add_paragraph()
    return table


def word_document(report, the_facts=None):
    """The report as .docx bytes: A4, official-document fonts and margins, page numbers, live tables."""
    f = the_facts or facts(report.campaign)
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _page_number(section)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    campaign = report.campaign
    _paragraph(
        document,
        _("%(campaign)s: summary and evaluation report") % {"campaign": campaign.title},
        TITLE_FONT,
        22,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    document.add_paragraph()
    for name, heading in section_titles():
        _paragraph(document, heading, HEADING_FONT, 16, indent=True)
        for text in (getattr(report, name) or "").splitlines():
            if text.strip():
                _paragraph(document, text.strip())
        if name == "situation":
            _table(document, [_("Figure"), _("Value")], f.figure_rows(), _("No data."))
        elif name == "results":
            participation = f.board.table("participation")
            _table(document, participation.columns, participation.rows, _("No departments."))
        elif name == "awards":
            rows = [[r.label(), _("、").join(w["name"] for w in r.winners()) or _("none")] for r in f.rounds]
            _table(document, [_("Award round"), _("Winners")], rows)  # the prose says when there are none
    document.add_paragraph()
    _paragraph(document, campaign.organiser or "", BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, _date(timezone.localdate()), BODY_FONT, 16, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()
