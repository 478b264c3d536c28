"""StreamField blocks shared by every page type."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote", "hr"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    size = blocks.ChoiceBlock(
        label=_("size"),
        choices=[("h2", _("Large")), ("h3", _("Medium")), ("h4", _("Small"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        description = _("A section heading")
        preview_value = {"text": "读书月活动安排", "size": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)
    attribution = blocks.CharBlock(label=_("photographer / source"), required=False, max_length=100)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/image_block.html"
        description = _("A photo with a caption and its source")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=100)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        description = _("A quotation, for example from a book or a speech")
        preview_value = {"text": "读书使人充实，讨论使人机智，笔记使人准确。", "attribution": "培根"}


class LinkStructValue(blocks.StructValue):
    def url(self):
        page = self.get("page")
        if page:
            return page.url
        return self.get("external_url") or ""


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    text = blocks.TextBlock(label=_("text"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=30)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    external_url = blocks.URLBlock(label=_("or an address"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        value_class = LinkStructValue
        description = _("A highlighted box with a button, e.g. “sign up for the reading month”")
        preview_value = {
            "title": "参加读书月",
            "text": "提交一篇读书心得，赢取阅读之星称号。",
            "button_label": "立即参加",
            "external_url": "https://example.com/",
        }

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        if not value.get("page") and not value.get("external_url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an address."))}
            )
        return super().clean(value)


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("figure"), max_length=20)
    unit = blocks.CharBlock(label=_("unit"), max_length=10, required=False)
    label = blocks.CharBlock(label=pgettext_lazy("portal", "label"), max_length=40)

    class Meta:
        icon = "order"
        label = _("Figure")


class FiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    figures = blocks.ListBlock(FigureBlock(), label=_("figures"), min_num=1, max_num=8)

    class Meta:
        icon = "table"
        label = _("Headline figures")
        template = "blocks/figures_block.html"
        description = _("A row of large numbers, e.g. books held and loans this year")
        preview_value = {
            "title": "书屋数据",
            "figures": [
                {"value": "20000", "unit": "册", "label": "藏书"},
                {"value": "3600", "unit": "人次", "label": "年借阅"},
            ],
        }


class TranslatableTableBlock(TableBlock):
    """A table whose cells and caption are translated like any other text (wagtail-localize
    leaves a plain TableBlock untouched, so an English page would keep the Chinese table)."""

    def get_translatable_segments(self, value):
        from wagtail_localize.segments import StringSegmentValue

        segments = []
        for row_number, row in enumerate((value or {}).get("data") or []):
            for column_number, cell in enumerate(row):
                if cell:
                    segments.append(StringSegmentValue(f"{row_number}.{column_number}", cell))
        if (value or {}).get("table_caption"):
            segments.append(StringSegmentValue("caption", value["table_caption"]))
        return segments

    def restore_translated_segments(self, value, segments):
        value = {**value, "data": [list(row) for row in value.get("data") or []]}
        for segment in segments:
            text = segment.render_text()
            if segment.path == "caption":
                value["table_caption"] = text
            else:
                row_number, column_number = (int(part) for part in segment.path.split("."))
                value["data"][row_number][column_number] = text
        return value


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Paragraphs of text with links and lists"),
        preview_value="<p>职工书屋每周一至周五 12:00—13:30 开放。</p>",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    table = TranslatableTableBlock(
        label=_("Table"),
        template="blocks/table_block.html",
        description=_("A simple table, e.g. a schedule"),
        table_options={"renderer": "text", "autoColumnSize": False},
    )
    call_to_action = CallToActionBlock()
    figures = FiguresBlock()

    class Meta:
        block_counts = {}
