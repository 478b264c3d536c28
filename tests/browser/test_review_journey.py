"""三审三校 in a real browser: an editor writes a report, three reviewers approve it, a visitor reads it.

Also screenshots the public home page at desktop and phone widths. Run with
`.venv/bin/pytest tests/browser -q -p no:randomly`; screenshots land in
test-artifacts/screenshots/.
"""

import re
from pathlib import Path

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Chromium not installed at /usr/bin/chromium: apt-get install chromium", allow_module_level=True)

from django.utils import timezone  # noqa: E402
from wagtail.models import WorkflowState  # noqa: E402

from campaigns.models import ArticlePage  # noqa: E402
from people import groups  # noqa: E402

from .conftest import DESKTOP, PHONE  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "机关第二届读书分享会圆满举行"
SLUG = "review-journey"
BODY = "来自十二个部门的四十名职工分享了读书心得。"


def open_action_menu(page):
    """Open the dropdown next to the footer's main button, where workflow actions live."""
    toggle = page.locator("footer .w-dropdown-button .w-dropdown__toggle").first
    toggle.click()
    page.wait_for_timeout(300)  # let the menu finish fading in before a screenshot


def show_tab_with(page, selector):
    """Switch the editor to the tab (内容 / 推广 …) that holds `selector`, whatever the tab is called."""
    panel_id = page.locator(f'[role="tabpanel"]:has({selector})').get_attribute("id")
    page.locator(f'a[role="tab"][href="#{panel_id}"]').click()


def fill_body_paragraph(page, text):
    """Add one 富文本 (rich text) block to the body StreamField and type into it."""
    body = page.locator('[data-contentpath="body"]').first
    body.locator("button[title], button.c-sf-add-button").first.click()
    # The block chooser lists block types by label: 富文本 in Chinese, "Rich text" until it is translated.
    page.locator(".w-combobox__option").filter(has_text=re.compile("富文本|Rich text")).first.click()
    editor = body.locator("[contenteditable='true']").first
    editor.click()
    editor.type(text)


def visitor_status(new_page, url):
    visitor = new_page()
    response = visitor.goto(url)
    return visitor, response.status


def test_review_journey(new_page, admin_login, screenshot, staff, published_site):
    article_index = published_site["article_index"]
    public_url = f"/zh-hans/{article_index.slug}/{SLUG}/"

    # --- the editor writes a report and submits it to 三审三校 -------------------------
    editor = admin_login(new_page(), staff["editor"])
    screenshot(editor, "admin-0-editor-dashboard")
    editor.goto(f"/admin/pages/add/campaigns/articlepage/{article_index.pk}/")
    editor.fill("#id_title", TITLE)
    editor.fill("#id_date", timezone.localdate().isoformat())
    editor.keyboard.press("Escape")  # close the date picker
    fill_body_paragraph(editor, BODY)
    show_tab_with(editor, "#id_slug")
    editor.fill("#id_slug", SLUG)
    show_tab_with(editor, "#id_title")
    screenshot(editor, "admin-1-editor-new-report")

    open_action_menu(editor)
    screenshot(editor, "admin-1-editor-action-menu", full_page=False)
    with editor.expect_navigation():
        editor.locator('button[name="action-submit"]').click()
    screenshot(editor, "admin-2-editor-submitted")

    article = ArticlePage.objects.get(slug=SLUG)
    assert article.title == TITLE
    assert not article.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == groups.REVIEW_1

    _, status = visitor_status(new_page, public_url)
    assert status == 404, "a report waiting for 初审 must not be public"

    # --- 初审, 复审, 终审 approve in turn -----------------------------------------------
    for step, level in enumerate(groups.REVIEW_LEVELS, start=1):
        reviewer = admin_login(new_page(), staff[level])
        reviewer.goto(f"/admin/pages/{article.pk}/edit/")
        screenshot(reviewer, f"admin-3-review-{step}-{level}-before")
        open_action_menu(reviewer)
        screenshot(reviewer, f"admin-3-review-{step}-{level}-action-menu", full_page=False)
        approve = reviewer.locator(
            'footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
        )
        with reviewer.expect_navigation():
            approve.click()
        screenshot(reviewer, f"admin-3-review-{step}-{level}-after")

        state.refresh_from_db()
        article.refresh_from_db()
        if step < len(groups.REVIEW_LEVELS):
            assert state.status == WorkflowState.STATUS_IN_PROGRESS
            assert state.current_task_state.task.name == groups.REVIEW_LEVELS[step]
            assert not article.live
            _, status = visitor_status(new_page, public_url)
            assert status == 404, f"a report approved only up to {level} must not be public"
        else:
            assert state.status == WorkflowState.STATUS_APPROVED
            assert article.live

    # Each level's approval is on record, by the right person.
    approvals = {
        ts.task.name: ts.finished_by.staff_number
        for ts in state.task_states.select_related("task", "finished_by").filter(status="approved")
    }
    assert approvals == {level: staff[level].staff_number for level in groups.REVIEW_LEVELS}

    # --- a visitor reads it ----------------------------------------------------------
    visitor, status = visitor_status(new_page, public_url)
    assert status == 200
    assert visitor.locator("h1").first.inner_text().strip() == TITLE
    assert BODY in visitor.content()
    screenshot(visitor, "public-article-after-review")


def test_home_page_screenshots(new_page, screenshot, published_site):
    campaign = published_site["campaign"]
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        visitor = new_page(viewport=viewport)
        response = visitor.goto("/zh-hans/")
        assert response.status == 200
        visitor.wait_for_load_state("networkidle")
        assert campaign.title in visitor.content()
        assert "机关读书月活动启动" in visitor.content()
        # The page must fit the viewport: no sideways scrolling on a phone.
        scroll_width = visitor.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"], f"home page is {scroll_width}px wide at {viewport['width']}px"
        screenshot(visitor, f"home-{name}")
