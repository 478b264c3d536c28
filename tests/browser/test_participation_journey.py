"""Taking part, in a real browser: an employee sets a reading goal, adds a leader's recommended list to
their plan and signs up for a sharing session; the organiser checks them in at the door by staff
number; the employee's reading record (个人成长档案) then shows the event and the plan's progress.

Screenshots: the record on desktop and at 375 px, the check-in screen (test-artifacts/screenshots/).
"""

import datetime
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)

from django.utils import timezone  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from booklists.factories import BookFactory, BookListIndexPageFactory, BookListPageFactory  # noqa: E402
from campaigns.factories import (  # noqa: E402
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
)
from campaigns.models import Registration  # noqa: E402
from people.models import User  # noqa: E402
from progress.models import PlannedBook, ReadingGoal  # noqa: E402

from .conftest import PASSWORD, PHONE  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_employee_user(staff_number, real_name):
    user = User(staff_number=staff_number, real_name=real_name, email=f"{staff_number}@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def participation(home_page):
    lists = BookListIndexPageFactory(parent=home_page, title="推荐书单", slug="lists")
    leader_list = BookListPageFactory(
        parent=lists,
        title="领导干部领读书单",
        slug="leaders",
        books=[BookFactory(title="乡土中国"), BookFactory(title="平凡的世界"), BookFactory(title="红星照耀中国")],
    )
    campaigns = CampaignIndexPageFactory(parent=home_page, slug="campaigns")
    campaign = CampaignPageFactory(parent=campaigns, slug="campaign")
    events = EventIndexPageFactory(parent=campaign, slug="events")
    start = timezone.now() + datetime.timedelta(hours=1)
    session = EventPageFactory(
        parent=events,
        title="《乡土中国》读书分享会",
        slug="sharing",
        place="机关三楼职工书屋",
        start_time=start,
        end_time=start + datetime.timedelta(hours=2),
        takes_registrations=True,
        capacity=20,
    )
    return {"list": leader_list, "event": session, "reader": make_employee_user("bj-reader", "读者王磊")}


def public_login(page, user, next_url):
    page.goto(f"/zh-hans/accounts/login/?next={next_url}")
    page.fill('input[name="username"]', user.staff_number)
    page.fill('input[name="password"]', PASSWORD)
    with page.expect_navigation():
        page.locator('main form button[type="submit"]').click()
    assert page.url.endswith(next_url), f"login did not lead to {next_url}: {page.url}"
    return page


def test_plan_sign_up_check_in_and_record(new_page, admin_login, screenshot, staff, participation):
    reader, event = participation["reader"], participation["event"]
    page = public_login(new_page(), reader, "/zh-hans/reading-plan/")
    goal_form = page.locator("form:has(input[name=action][value=goal])")
    goal_form.locator('input[type="number"]').fill("12")
    goal_form.get_by_role("button", name="保存目标").click()
    expect(page.locator(".reading-plan__pace")).to_be_visible()
    assert ReadingGoal.objects.get(user=reader).books == 12

    page.goto(participation["list"].url)
    page.get_by_role("button", name="将本书单加入我的阅读计划").click()
    expect(page.get_by_text("本书单有3本书已加入您的阅读计划。")).to_be_visible()
    assert PlannedBook.objects.filter(user=reader).count() == 3

    page.goto(event.url)
    page.get_by_role("button", name="报名", exact=True).click()
    expect(page.get_by_text("您已成功报名《《乡土中国》读书分享会》。")).to_be_visible()
    registration = Registration.objects.get(user=reader)
    assert registration.status == "confirmed"

    desk = admin_login(new_page(), staff["editor"])
    desk.goto(f"/admin/event-registrations/{registration.event_id}/attendance/")
    box = desk.locator('input[name="staff_number"]')
    expect(box).to_be_focused()  # the scanner types into it straight away
    box.fill(reader.staff_number)
    with desk.expect_navigation():
        box.press("Enter")
    expect(desk.locator(".desk-result--ok")).to_be_visible()
    screenshot(desk, "participation-check-in")
    registration.refresh_from_db()
    assert registration.attended_at is not None

    page.goto("/zh-hans/reading-plan/record/")
    record = page.locator("main")
    expect(record.get_by_text("《乡土中国》读书分享会")).to_be_visible()
    expect(record.locator(".reading-plan__pace")).to_contain_text("已读0本")
    screenshot(page, "participation-record-desktop")
    phone = public_login(new_page(viewport=PHONE | {"width": 375}), reader, "/zh-hans/reading-plan/record/")
    expect(phone.get_by_text("《乡土中国》读书分享会")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "participation-record-375")
