"""Admin hooks of the campaigns app: who reads the questionnaires' answers."""

from wagtail import hooks

from .models import may_read_answers


@hooks.register("filter_form_submissions_for_user")
def questionnaire_answers_for_owners(user, editable_forms):
    """Answers (personal data) for the questionnaires' owners only (campaigns.models.may_read_answers).

    Wagtail offers the answers to everybody who may edit the form page, reviewers
    included; this narrows the forms menu, the answer lists, their CSV/XLSX export
    and deleting answers to the owners.
    """
    return editable_forms if may_read_answers(user) else editable_forms.none()
