"""The honour wall in a real browser: an editor generates last month's 阅读之星, removes one winner with a
reason and submits the round; 初审, 复审 and 终审 approve; a visitor sees it on the wall and the kiosk.

Screenshots: the wall and the kiosk at 1920×1080, the wall at 375 px (test-artifacts/screenshots/).
"""

import datetime
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)

from django.utils import timezone  # noqa: E402
from wagtail.models import ModelLogEntry  # noqa: E402

from honours import services  # noqa: E402
from honours.models import AwardKind, AwardRound, HonorWallPage  # noqa: E402
from honours.tests.helpers import loan, note  # noqa: E402
from people import groups  # noqa: E402
from people.models import Department, User  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREEN = {"width": 1920, "height": 1080}
NARROW = {"width": 375, "height": 812}
READERS = [("B101", "李明", 6), ("B102", "王芳", 5), ("B103", "张伟", 4), ("B104", "刘洋", 3), ("B105", "陈静", 2)]


def at(day, hour=10):
    start, _end = services.last_month()
    return timezone.make_aware(datetime.datetime.combine(start + datetime.timedelta(days=day - 1), datetime.time(hour)))


@pytest.fixture
def reading_month(home_page):
    office = Department.objects.create(name="办公室", headcount=12)
    finance = Department.objects.create(name="财务科", headcount=6)
    for index, (number, name, books) in enumerate(READERS):
        reader = User.objects.create_user(number, real_name=name, department=office if index % 2 == 0 else finance)
        for day in range(1, books + 1):
            loan(reader, lent=at(day), days=10)
        if index < 2:
            note(reader, published=at(15), excellent_at=at(18), title=f"{name}的读书心得")
    wall = HonorWallPage(title="荣誉墙", slug="honours", intro="每月评选阅读之星、书香科室和优秀读书笔记。")
    home_page.add_child(instance=wall)
    wall.save_revision().publish()
    # The other two awards of the month, already through review.
    start, end = services.last_month()
    for kind in (AwardKind.DEPARTMENT, AwardKind.NOTE):
        award_round, _ = services.generate_round(kind, start, end)
        award_round.get_latest_revision().publish()
    return wall


def test_honours_journey(new_page, admin_login, screenshot, staff, reading_month):
    wall_url = "/zh-hans/honours/"
    removed = User.objects.get(staff_number="B103")

    # --- the editor generates last month's 阅读之星 (the form's default month) ---------------
    editor = admin_login(new_page(), staff["editor"])
    editor.goto("/admin/snippets/honours/awardround/generate/")
    editor.select_option("#id_kind", "star")
    with editor.expect_navigation():
        editor.locator("form.honours-generate button[type=submit]").click()
    award_round = AwardRound.objects.get(kind=AwardKind.STAR)
    assert [c["name"] for c in award_round.candidates] == [name for _n, name, _b in READERS]
    screenshot(editor, "honours-1-generated")

    # --- removes one winner; first without a reason (refused), then with one ------------------
    editor.goto(f"/admin/snippets/honours/awardround/winners/{award_round.pk}/")
    editor.select_option("#id_candidate", f"u{removed.pk}")
    editor.select_option("#id_action", "remove")
    with editor.expect_navigation():
        editor.locator("form.honours-override button[type=submit]").click()
    assert AwardRound.objects.get(pk=award_round.pk).overrides == []
    editor.select_option("#id_candidate", f"u{removed.pk}")
    editor.select_option("#id_action", "remove")
    editor.fill("#id_reason", "本人申请不参加本月评选")
    with editor.expect_navigation():
        editor.locator("form.honours-override button[type=submit]").click()
    screenshot(editor, "honours-2-winner-removed")
    assert f"u{removed.pk}" not in AwardRound.objects.get(pk=award_round.pk).winner_keys()
    assert ModelLogEntry.objects.filter(action=services.OVERRIDE_ACTION, user=staff["editor"]).exists()

    # --- submits it to 三审三校 -----------------------------------------------------------------
    editor.goto(f"/admin/snippets/honours/awardround/edit/{award_round.pk}/")
    editor.locator("footer .w-dropdown-button .w-dropdown__toggle").first.click()
    with editor.expect_navigation():
        editor.locator('button[name="action-submit"]').click()
    assert services.in_review(AwardRound.objects.get(pk=award_round.pk))

    # --- 初审, 复审, 终审 approve ------------------------------------------------------------------
    for level in groups.REVIEW_LEVELS:
        reviewer = admin_login(new_page(), staff[level])
        reviewer.goto(f"/admin/snippets/honours/awardround/edit/{award_round.pk}/")
        reviewer.locator("footer .w-dropdown-button .w-dropdown__toggle").first.click()
        approve = reviewer.locator(
            'footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
        )
        with reviewer.expect_navigation():
            approve.click()
        if level != groups.REVIEW_3:
            assert not AwardRound.objects.get(pk=award_round.pk).live
    assert AwardRound.objects.get(pk=award_round.pk).live

    # --- a visitor sees it on the wall and on the kiosk -------------------------------------------
    visitor = new_page(viewport=SCREEN)
    assert visitor.goto(wall_url).status == 200
    stars = visitor.locator(".star-grid .star-card__name").all_inner_texts()
    assert stars == ["李明", "王芳", "刘洋", "陈静"]
    assert "张伟" not in visitor.locator(".star-grid").inner_text()
    assert visitor.locator(".department-row").count() == 2
    assert "李明的读书心得" in visitor.content()
    screenshot(visitor, "honours-wall-1920")

    kiosk = new_page(viewport=SCREEN)
    requests = []
    kiosk.on("request", lambda request: requests.append(request.url))
    assert kiosk.goto(wall_url + "kiosk/").status == 200
    assert kiosk.locator("a").count() == 0
    assert "李明" in kiosk.locator(".kiosk__slide.is-active").inner_text()
    screenshot(kiosk, "honours-kiosk-1920-stars", full_page=False)
    kiosk.wait_for_timeout(12_500)
    assert "李明的读书心得" in kiosk.locator(".kiosk__slide.is-active").inner_text()
    screenshot(kiosk, "honours-kiosk-1920-notes", full_page=False)
    kiosk.wait_for_timeout(12_500)
    assert "办公室" in kiosk.locator(".kiosk__slide.is-active").inner_text()
    screenshot(kiosk, "honours-kiosk-1920-departments", full_page=False)
    assert all(url.startswith(kiosk.url.split("/zh-hans/")[0]) for url in requests), requests

    phone = new_page(viewport=NARROW)
    assert phone.goto(wall_url).status == 200
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"the wall scrolls sideways at 375 px ({width} px wide)"
    screenshot(phone, "honours-wall-375")
