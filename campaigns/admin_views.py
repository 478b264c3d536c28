"""Admin views of the campaigns app."""

from wagtail.contrib.forms.views import SubmissionsListView

from portal.spreadsheets import SafeSpreadsheetExportMixin


class QuestionnaireSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """The questionnaire answers' CSV/XLSX download, with an answer such as "=1+1" kept as text."""
