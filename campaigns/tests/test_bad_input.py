"""Bad input is refused with a clear message and nothing typed is lost."""

import json

import pytest
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.models import CampaignPage, EventPage

pytestmark = pytest.mark.django_db

TITLE = "2026年书香机关创建活动（草稿）"


def campaign_data(phases, start="2026-03-01", end="2026-12-31"):
    return nested_form_data(
        {
            "title": TITLE,
            "slug": "campaign-2026",
            "intro": "全年读书活动",
            "theme": "书香润机关",
            "start_date": start,
            "end_date": end,
            "organiser": "机关工会",
            "phases": inline_formset(
                [
                    {"kind": kind, "start_date": s, "end_date": e, "description": f"{kind}阶段说明"}
                    for kind, s, e in phases
                ],
                min=1,
                max=3,
            ),
            "body": streamfield([("paragraph", rich_text("<p>正文</p>"))]),
            "comments": inline_formset([]),
        }
    )


GOOD_PHASES = [
    ("prepare", "2026-03-01", "2026-03-31"),
    ("implement", "2026-04-01", "2026-11-30"),
    ("evaluate", "2026-12-01", "2026-12-31"),
]


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def post_campaign(client, campaign_index, data, action="action-publish"):
    url = reverse("wagtailadmin_pages:add", args=["campaigns", "campaignpage", campaign_index.pk])
    return client.post(url, {**data, action: action})


def phase_errors(response):
    form = response.context["form"]
    return [dict(f.errors) for f in form.formsets["phases"].forms]


def assert_refused(response):
    assert response.status_code == 200
    assert not CampaignPage.objects.filter(slug="campaign-2026").exists()
    form = response.context["form"]
    # What was typed is still there.
    assert form["title"].value() == TITLE
    assert TITLE in response.content.decode()
    return form


def test_valid_campaign_is_created(admin_client, campaign_index):
    response = post_campaign(admin_client, campaign_index, campaign_data(GOOD_PHASES))
    assert response.status_code == 302
    page = CampaignPage.objects.get(slug="campaign-2026")
    assert page.phases.count() == 3


def test_phase_ending_before_it_starts(admin_client, campaign_index):
    phases = [("prepare", "2026-03-31", "2026-03-01"), *GOOD_PHASES[1:]]

    response = post_campaign(admin_client, campaign_index, campaign_data(phases))

    assert_refused(response)
    errors = phase_errors(response)
    assert "A phase cannot end before it starts." in errors[0]["end_date"][0] or errors[0]["end_date"]
    assert not errors[1] and not errors[2]


def test_overlapping_phases(admin_client, campaign_index):
    phases = [
        ("prepare", "2026-03-01", "2026-04-15"),
        ("implement", "2026-04-01", "2026-11-30"),
        ("evaluate", "2026-12-01", "2026-12-31"),
    ]

    response = post_campaign(admin_client, campaign_index, campaign_data(phases))

    assert_refused(response)
    errors = phase_errors(response)
    assert errors[1]["start_date"]
    assert "2026-04-15" in errors[1]["start_date"][0]
    assert not errors[0]


def test_phases_out_of_order(admin_client, campaign_index):
    phases = [
        ("prepare", "2026-05-01", "2026-05-31"),
        ("implement", "2026-03-01", "2026-04-30"),
        ("evaluate", "2026-12-01", "2026-12-31"),
    ]

    response = post_campaign(admin_client, campaign_index, campaign_data(phases))

    form = assert_refused(response)
    assert form.non_field_errors()
    assert all(not e for e in phase_errors(response))


def test_phase_outside_the_campaign(admin_client, campaign_index):
    phases = [("prepare", "2026-02-01", "2026-03-31"), *GOOD_PHASES[1:]]

    response = post_campaign(admin_client, campaign_index, campaign_data(phases))

    assert_refused(response)
    assert phase_errors(response)[0]["start_date"]


def test_phase_after_the_campaign(admin_client, campaign_index):
    phases = [*GOOD_PHASES[:2], ("evaluate", "2026-12-01", "2027-01-15")]
    response = post_campaign(admin_client, campaign_index, campaign_data(phases))
    assert_refused(response)
    assert phase_errors(response)[2]["start_date"]


def test_same_phase_twice(admin_client, campaign_index):
    phases = [("prepare", "2026-03-01", "2026-03-31"), ("prepare", "2026-04-01", "2026-11-30")]
    response = post_campaign(admin_client, campaign_index, campaign_data(phases))
    assert_refused(response)
    assert phase_errors(response)[1]["kind"]


def test_campaign_ending_before_it_starts(admin_client, campaign_index):
    response = post_campaign(
        admin_client, campaign_index, campaign_data(GOOD_PHASES, start="2026-12-31", end="2026-03-01")
    )
    form = assert_refused(response)
    assert form.errors["end_date"]


def test_phase_rules_apply_to_a_draft_too(client, editor, campaign_index):
    client.force_login(editor)
    phases = [("prepare", "2026-03-31", "2026-03-01"), *GOOD_PHASES[1:]]
    response = post_campaign(client, campaign_index, campaign_data(phases), action="action-submit")
    assert_refused(response)


def test_editing_an_existing_campaign_into_bad_phases_is_refused(admin_client, campaign):
    before = list(campaign.phases.values_list("kind", "start_date", "end_date"))
    data = campaign_data(
        [("prepare", "2026-03-01", "2026-04-15"), ("implement", "2026-04-01", "2026-11-30")],
    )
    data["slug"] = campaign.slug

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[campaign.pk]), {**data, "action-publish": "action-publish"}
    )

    assert response.status_code == 200
    assert response.context["form"]["title"].value() == TITLE
    campaign.refresh_from_db()
    assert list(campaign.phases.values_list("kind", "start_date", "end_date")) == before
    assert campaign.title != TITLE


class TestEventTimes:
    def post(self, client, event_index, start, end, **registration):
        data = nested_form_data(
            {
                "title": "读书分享会（草稿）",
                "slug": "bad-event",
                "intro": "",
                "kind": "sharing",
                "start_time": start,
                "end_time": end,
                "place": "三楼职工书屋",
                "speaker": "李老师",
                "body": streamfield([]),
                "comments": inline_formset([]),
                **registration,
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["campaigns", "eventpage", event_index.pk])
        return client.post(url, {**data, "action-publish": "action-publish"})

    def test_event_ending_before_it_starts(self, admin_client, event_index):
        response = self.post(admin_client, event_index, "2026-05-20 16:30", "2026-05-20 14:30")

        assert response.status_code == 200
        assert not EventPage.objects.filter(slug="bad-event").exists()
        form = response.context["form"]
        assert form.errors["end_time"]
        assert form["place"].value() == "三楼职工书屋"
        assert "读书分享会（草稿）" in response.content.decode()

    def test_event_ending_when_it_starts(self, admin_client, event_index):
        response = self.post(admin_client, event_index, "2026-05-20 14:30", "2026-05-20 14:30")
        assert response.status_code == 200
        assert response.context["form"].errors["end_time"]
        assert not EventPage.objects.filter(slug="bad-event").exists()

    def test_valid_event(self, admin_client, event_index):
        response = self.post(admin_client, event_index, "2026-05-20 14:30", "2026-05-20 16:30")
        assert response.status_code == 302
        assert EventPage.objects.filter(slug="bad-event", live=True).exists()


class TestEventRegistrationSettings:
    post = TestEventTimes.post

    def test_registrations_without_places(self, admin_client, event_index):
        response = self.post(
            admin_client, event_index, "2026-05-20 14:30", "2026-05-20 16:30", takes_registrations="on", capacity=""
        )
        assert response.status_code == 200
        assert "请填写名额" in " ".join(response.context["form"].errors["capacity"])
        assert response.context["form"]["place"].value() == "三楼职工书屋"
        assert not EventPage.objects.filter(slug="bad-event").exists()

    def test_zero_places(self, admin_client, event_index):
        response = self.post(
            admin_client, event_index, "2026-05-20 14:30", "2026-05-20 16:30", takes_registrations="on", capacity="0"
        )
        assert response.status_code == 200 and response.context["form"].errors["capacity"]
        assert not EventPage.objects.filter(slug="bad-event").exists()

    def test_deadline_after_the_event(self, admin_client, event_index):
        response = self.post(
            admin_client,
            event_index,
            "2026-05-20 14:30",
            "2026-05-20 16:30",
            takes_registrations="on",
            capacity="30",
            registration_deadline="2026-05-21 09:00",
        )
        assert response.status_code == 200
        assert "早于活动结束" in " ".join(response.context["form"].errors["registration_deadline"])
        assert not EventPage.objects.filter(slug="bad-event").exists()

    def test_valid_registration_settings(self, admin_client, event_index):
        response = self.post(
            admin_client,
            event_index,
            "2026-05-20 14:30",
            "2026-05-20 16:30",
            takes_registrations="on",
            capacity="30",
            registration_deadline="2026-05-19 17:00",
        )
        assert response.status_code == 302
        event = EventPage.objects.get(slug="bad-event")
        assert event.takes_registrations and event.capacity == 30
        assert event.registration_closes_at < event.start_time


class TestQuestionnaire:
    def names(self, questionnaire):
        fields = {f.label: f.clean_name for f in questionnaire.form_fields.all()}
        return fields["姓名"], fields["所在部门"], fields["意见和建议"]

    def test_form_renders(self, client, questionnaire):
        response = client.get(questionnaire.url)
        assert response.status_code == 200
        html = response.content.decode()
        for label in ("姓名", "所在部门", "意见和建议"):
            assert label in html
        assert 'method="post"' in html.lower() or "method=post" in html.lower()
        assert "csrfmiddlewaretoken" in html

    def test_missing_required_answer_keeps_the_rest(self, client, questionnaire):
        name, department, suggestion = self.names(questionnaire)

        response = client.post(questionnaire.url, {name: "", department: "办公室", suggestion: "希望多买新书"})

        assert response.status_code == 200
        form = response.context["form"]
        assert list(form.errors) == [name]
        assert form[department].value() == "办公室"
        assert form[suggestion].value() == "希望多买新书"
        html = response.content.decode()
        assert "办公室" in html
        assert "希望多买新书" in html
        assert FormSubmission.objects.filter(page=questionnaire).count() == 0

    def test_valid_answer_is_stored_once(self, client, questionnaire):
        name, department, suggestion = self.names(questionnaire)

        response = client.post(questionnaire.url, {name: "王芳", department: "办公室", suggestion: ""})

        assert response.status_code == 200
        [submission] = FormSubmission.objects.filter(page=questionnaire)
        data = submission.get_data() if hasattr(submission, "get_data") else json.loads(submission.form_data)
        assert data[name] == "王芳"
        assert data[department] == "办公室"
        assert "感谢您的参与" in response.content.decode()
