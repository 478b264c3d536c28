"""Fixtures for the browser tests: a Chromium driven by Playwright against pytest-django's live server.

The tests run against Debian's Chromium (/usr/bin/chromium); Playwright's own
browser download is not used. Screenshots go to test-artifacts/screenshots/.
"""

import datetime
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import sync_playwright
from wagtail.rich_text import RichText

from campaigns.choices import PhaseKind
from campaigns.models import ArticleIndexPage, ArticlePage, CampaignIndexPage, CampaignPage, CampaignPhase
from home.models import HomePage
from people import groups
from people.models import User

# Debian's Chromium; the test modules skip themselves when it is missing.
CHROMIUM = "/usr/bin/chromium"

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PASSWORD = "Shuxiang-browser-2026"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls without this."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(_allow_orm_beside_playwright):
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (own cookies): new_page(viewport=PHONE)."""
    contexts = []

    def make(viewport=DESKTOP):
        context = browser.new_context(locale="zh-CN", viewport=viewport, base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot as test-artifacts/screenshots/<name>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name, full_page=True):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


@pytest.fixture
def admin_login():
    """Log `user` into the Wagtail admin through its login form."""

    def login(page, user):
        page.goto("/admin/login/")
        page.fill('input[name="username"]', user.staff_number)
        page.fill('input[name="password"]', PASSWORD)
        page.click('form button[type="submit"]')
        page.wait_for_url("**/admin/")
        return page

    return login


def make_staff(staff_number, real_name, group_name):
    user = User(staff_number=staff_number, real_name=real_name, email=f"{staff_number}@example.org")
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def staff(restore_migrated_data):
    """An editor and one reviewer for each level of the 三审三校 workflow."""
    return {
        "editor": make_staff("bj-editor", "宣传编辑甲", groups.EDITORS),
        groups.REVIEW_1: make_staff("bj-review1", "初审员", groups.REVIEW_1),
        groups.REVIEW_2: make_staff("bj-review2", "复审员", groups.REVIEW_2),
        groups.REVIEW_3: make_staff("bj-review3", "终审员", groups.REVIEW_3),
    }


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def home_page(restore_migrated_data):
    home = HomePage.objects.get(locale__language_code="zh-hans", depth=2)
    home.hero_text = "多读书、读好书、善读书，让阅读成为机关干部职工的习惯。"
    home.save_revision().publish()
    return home


@pytest.fixture
def published_site(home_page):
    """A running campaign with phases and a news index with a few reports, all published."""
    today = timezone.localdate()
    campaign_index = publish(home_page, CampaignIndexPage(title="书香机关创建活动", slug="campaigns"))
    campaign = CampaignPage(
        title=f"{today.year}年书香机关创建活动",
        slug="campaign",
        intro="以“书香润机关，阅读促提升”为主题，开展读书分享、征文和朗诵活动。",
        theme="书香润机关，阅读促提升",
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=150),
        organiser="机关工会",
    )
    campaign.phases = [
        CampaignPhase(
            kind=PhaseKind.PREPARE,
            start_date=today - datetime.timedelta(days=30),
            end_date=today - datetime.timedelta(days=1),
            description="制定方案，充实书屋。",
        ),
        CampaignPhase(
            kind=PhaseKind.IMPLEMENT,
            start_date=today,
            end_date=today + datetime.timedelta(days=120),
            description="读书分享、征文、朗诵。",
        ),
        CampaignPhase(
            kind=PhaseKind.EVALUATE,
            start_date=today + datetime.timedelta(days=121),
            end_date=today + datetime.timedelta(days=150),
            description="评选阅读之星，成果展示。",
        ),
    ]
    publish(campaign_index, campaign)
    article_index = publish(home_page, ArticleIndexPage(title="宣传报道", slug="news", intro="活动新闻。"))
    for n, title in enumerate(["机关读书月活动启动", "职工书屋新到图书三百册", "“阅读之星”评选结果揭晓"], start=1):
        article = ArticlePage(
            title=title,
            slug=f"report-{n}",
            date=today - datetime.timedelta(days=n),
            source="机关工会",
            intro="各部门职工踊跃参加读书活动，共收到读书心得八十篇。",
            campaign=campaign,
            body=[("paragraph", RichText("<p>读书使人充实，讨论使人机智，笔记使人准确。</p>"))],
        )
        article.tags.add("读书月")
        publish(article_index, article)
    return {"home": home_page, "campaign": campaign, "article_index": article_index}
