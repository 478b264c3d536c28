"""Admin hooks of the campaigns app: who reads the questionnaires' answers; the 活动报名 screens
(admin_views) and the panels campaigns adds to pages of apps to its left (panels): the
employee's registrations on "my library" and the events attended in the reading record."""

from wagtail import hooks

from . import admin_views, panels
from .models import may_read_answers


@hooks.register("filter_form_submissions_for_user")
def questionnaire_answers_for_owners(user, editable_forms):
    """Answers (personal data) for the questionnaires' owners only (campaigns.models.may_read_answers).

    Wagtail offers the answers to everybody who may edit the form page, reviewers
    included; this narrows the forms menu, the answer lists, their CSV/XLSX export
    and deleting answers to the owners.
    """
    return editable_forms if may_read_answers(user) else editable_forms.none()


hooks.register("register_admin_urls", admin_views.registration_admin_urls)
hooks.register("register_admin_menu_item", admin_views.registrations_menu_item)
hooks.register("loans_my_library_panels", panels.my_registrations_panel)
hooks.register("progress_record_sections", panels.events_attended_section)
