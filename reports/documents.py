"""Word documents (python-docx) in the shape of the organisation's paper forms: A4, headings in
黑体, text in 仿宋 (Word substitutes a font it does not have), the organisation's name in the
header, the date and 第 X 页 共 Y 页 in the footer.

Word looks East Asian text up by ``w:eastAsia`` on the run fonts, not by the font name python-docx
sets, so every style and run here sets both.
"""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HEADING_FONT = "黑体"
BODY_FONT = "仿宋"
LATIN_FONT = "Times New Roman"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def set_fonts(target, east_asian, latin=LATIN_FONT):
    """Set a style's or a run's Latin and East Asian font names."""
    target.font.name = latin
    r_pr = target.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _field(run, instruction):
    """A Word field (PAGE, NUMPAGES) in `run`: Word fills in the number when it lays the page out."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def new_document(organisation, title):
    """An empty A4 document with the house styles, header and footer."""
    document = Document()
    document.core_properties.title = title
    document.core_properties.author = organisation
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin, section.right_margin = Mm(25), Mm(22)

    normal = document.styles["Normal"]
    set_fonts(normal, BODY_FONT)
    normal.font.size = Pt(12)
    for name, size in (("Title", 22), ("Heading 1", 16), ("Heading 2", 14)):
        style = document.styles[name]
        set_fonts(style, HEADING_FONT)
        style.font.size = Pt(size)
        style.font.bold = name != "Title"
        style.font.color.rgb = None

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_fonts(header.add_run(organisation), BODY_FONT)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    parts = _("Printed %(date)s · page {page} of {pages}") % {"date": today}
    before, rest = parts.split("{page}", 1)
    middle, after = rest.split("{pages}", 1)
    for text, field in ((before, "PAGE"), (middle, "NUMPAGES"), (after, None)):
        if text:
            set_fonts(footer.add_run(text), BODY_FONT)
        if field:
            run = footer.add_run()
            set_fonts(run, BODY_FONT)
            _field(run, field)
    return document


def heading(document, text, level=0):
    paragraph = document.add_heading(level=level)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if level == 0 else WD_ALIGN_PARAGRAPH.LEFT
    set_fonts(paragraph.add_run(text), HEADING_FONT)
    return paragraph


def paragraph(document, text, *, align=None, size=None, bold=False):
    result = document.add_paragraph()
    if align:
        result.alignment = align
    run = result.add_run(text)
    set_fonts(run, BODY_FONT)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return result


def cell_text(cell, text, *, bold=False, align=None):
    cell.text = ""
    first = cell.paragraphs[0]
    lines = str(text or "").splitlines() or [""]
    for index, line in enumerate(lines):
        run = first.add_run(line)
        set_fonts(run, HEADING_FONT if bold else BODY_FONT)
        run.font.size = Pt(11)
        if index < len(lines) - 1:
            run.add_break()
    if align:
        first.alignment = align


def table(document, widths_mm):
    result = document.add_table(rows=0, cols=len(widths_mm))
    result.style = document.styles["Table Grid"]
    result.alignment = WD_TABLE_ALIGNMENT.CENTER
    result.autofit = False
    result._widths = [Mm(width) for width in widths_mm]
    # The grid's widths are what LibreOffice and WPS lay out by; Word reads the cells' widths.
    for column, width in zip(result.columns, result._widths, strict=True):
        column.width = width
    return result


def add_row(result, values, *, labels=(), merge_from=None):
    """A row of `values`; the cells at the indexes in `labels` are field names (黑体)."""
    row = result.add_row()
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    row.height = Mm(8)
    for cell, width in zip(row.cells, result._widths, strict=True):
        cell.width = width
    cells = row.cells
    if merge_from is not None:
        merged = cells[merge_from].merge(cells[-1])
        cells = [*cells[:merge_from], merged]
    for index, (cell, value) in enumerate(zip(cells, values, strict=False)):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        cell_text(cell, value, bold=index in labels, align=WD_ALIGN_PARAGRAPH.CENTER if index in labels else None)
    return row


def page_break(document):
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def to_bytes(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
