"""The home page's 实时数据 block: editors choose which live figures show and how they are labelled;
the numbers come from the database (reports/figures.py)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks

from . import figures


class LiveFigureBlock(blocks.StructBlock):
    figure = blocks.ChoiceBlock(label=pgettext_lazy("live figure", "figure"), choices=figures.CHOICES)
    label = blocks.CharBlock(
        label=pgettext_lazy("portal", "label"),
        max_length=40,
        required=False,
        help_text=_("Leave empty for the standard wording."),
    )

    class Meta:
        icon = "order"
        label = _("Live figure")


class LiveFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    figures = blocks.ListBlock(LiveFigureBlock(), label=_("figures"), min_num=1, max_num=8)

    class Meta:
        icon = "table"
        label = _("Live figures")
        template = "reports/blocks/live_figures.html"
        description = _("A row of large numbers computed from the portal's data: books, loans, readers, visits…")
        preview_value = {
            "title": "职工书屋数据",
            "figures": [{"figure": "copies", "label": ""}, {"figure": "loans_this_year", "label": ""}],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        values = figures.current()
        items = []
        for item in value["figures"]:
            figure = figures.FIGURES.get(item["figure"])
            if figure is None:  # a figure this version no longer offers
                continue
            items.append(
                {
                    "value": figures.formatted(figure.key, values[figure.key]),
                    "unit": figure.unit,
                    "label": item["label"] or figure.label,
                    "recorded": figure.recorded,
                }
            )
        context["items"] = items
        return context
