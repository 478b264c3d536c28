"""The questionnaire answers' CSV export never carries a live formula (audit issue 9, item 6)."""

import csv
import io

from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission


def test_questionnaire_csv_export_quotes_formula_answers(client, superuser, questionnaire):
    names = [field.clean_name for field in questionnaire.get_form_fields()]
    answers = dict(zip(names, ["=1+1", "@部门", "好"], strict=True))
    FormSubmission.objects.create(page=questionnaire, form_data=answers)
    client.force_login(superuser)
    response = client.get(reverse("wagtailforms:list_submissions", args=[questionnaire.pk]) + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(content)))
    assert "'=1+1" in rows[1] and "'@部门" in rows[1]
    assert "=1+1" not in rows[1]
