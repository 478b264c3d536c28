"""Shared fixtures for the server-side test suite.

The data migrations already create the zh-hans HomePage (root of the default
Site, hostname localhost), the English locale, the role groups and the
三审三校 workflow, so fixtures start from those and build a small published
page tree with the factories in campaigns/factories.py and home/factories.py.
"""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site

from campaigns.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    QuestionnairePageFactory,
    rich_body,
)
from home.factories import StandardPageFactory
from home.models import HomePage
from people import groups
from people.factories import SuperuserFactory, UserFactory

_MIGRATED_DATA = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Remember what the data migrations created (home page, groups, workflow, categories).

    Transactional tests (browser, concurrency) flush the database when they end;
    `restore_migrated_data` puts these rows back. (pytest-django's
    serialized_rollback does the same, but loses its copy once Playwright's
    event loop has run in the main thread.)
    """
    from django.db import connection

    with django_db_blocker.unblock():
        objects = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: saving the other rows looks them up (search index
    # signals), and must find these, not create new ones.
    first = ("contenttypes.contenttype", "auth.permission")
    objects.sort(key=lambda obj: first.index(obj["model"]) if obj["model"] in first else len(first))
    _MIGRATED_DATA["default"] = json.dumps(objects)


@pytest.fixture
def restore_migrated_data(transactional_db):
    from django.db import connection

    if not Locale.objects.exists():
        # The flush re-ran post_migrate, which made new content types and
        # permissions; the saved copy brings its own, with the ids it refers to.
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        ContentType.objects.clear_cache()
        connection.creation.deserialize_db_from_string(_MIGRATED_DATA["default"])


@pytest.fixture(autouse=True)
def _clear_cache():
    """Site root paths, settings and whole pages (portal/pagecache.py) are cached; start every test clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _page_cache_off(request, settings):
    """`@pytest.mark.page_cache_off`: the test measures pages as rendered, not their cached copies
    (query budgets: the second GET would otherwise come from the page cache with no query)."""
    if request.node.get_closest_marker("page_cache_off"):
        settings.PAGE_CACHE_ENABLED = False


@pytest.fixture(autouse=True)
def _default_language():
    """Every test ends in the default language.

    A request through the test client leaves LocaleMiddleware's language active in the thread
    (Django never deactivates it after the response), so a test that asked for /en/… made the
    tests after it run in English.
    """
    yield
    translation.deactivate()


# --- locales and the page tree -------------------------------------------------


@pytest.fixture
def zh_locale(db):
    return Locale.objects.get(language_code="zh-hans")


@pytest.fixture
def en_locale(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(db):
    return HomePage.objects.get(locale__language_code="zh-hans")


@pytest.fixture
def campaign_index(home_page):
    return CampaignIndexPageFactory(parent=home_page, slug="campaigns")


@pytest.fixture
def campaign(campaign_index):
    return CampaignPageFactory(parent=campaign_index, slug="2025", title="2025年书香机关创建活动")


@pytest.fixture
def campaign_page_factory():
    """CampaignPageFactory, for the tests of apps below campaigns (notes), which do not import it."""
    return CampaignPageFactory


@pytest.fixture
def event_index(campaign):
    return EventIndexPageFactory(parent=campaign, slug="events")


@pytest.fixture
def event(event_index):
    start = timezone.now().replace(microsecond=0, second=0) + datetime.timedelta(days=5)
    return EventPageFactory(
        parent=event_index,
        slug="sharing",
        title="《红楼梦》读书分享会",
        start_time=start,
        end_time=start + datetime.timedelta(hours=2),
    )


@pytest.fixture
def article_index(home_page):
    return ArticleIndexPageFactory(parent=home_page, slug="news")


@pytest.fixture
def article(article_index, campaign):
    return ArticlePageFactory(
        parent=article_index,
        slug="reading-month",
        title="机关读书月活动启动",
        campaign=campaign,
        tags=["读书月"],
        body=rich_body("各部门职工踊跃提交读书笔记，共收到心得八十篇。"),
    )


@pytest.fixture
def standard_page(home_page):
    return StandardPageFactory(parent=home_page, slug="rules", title="活动章程")


@pytest.fixture
def questionnaire(campaign):
    return QuestionnairePageFactory(parent=campaign, slug="survey")


@pytest.fixture
def site_tree(
    home_page, campaign_index, campaign, event_index, event, article_index, article, standard_page, questionnaire
):
    """One published page of every type."""
    return SimpleNamespace(
        home=home_page,
        campaign_index=campaign_index,
        campaign=campaign,
        event_index=event_index,
        event=event,
        article_index=article_index,
        article=article,
        standard=standard_page,
        questionnaire=questionnaire,
    )


def publish_translation(page, locale):
    """Translate ``page`` (and any untranslated ancestors) into ``locale`` and publish all of them."""
    translated = page.copy_for_translation(locale, copy_parents=True)
    for ancestor in translated.get_ancestors().filter(locale=locale).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


@pytest.fixture
def translate():
    return publish_translation


@pytest.fixture
def en_home(home_page, en_locale):
    existing = home_page.get_translation_or_none(en_locale)
    if existing:
        return existing.specific
    return publish_translation(home_page, en_locale)


# --- users --------------------------------------------------------------------


@pytest.fixture
def make_user(db):
    def make(*group_names, **kwargs):
        return UserFactory(groups=list(group_names), **kwargs)

    return make


@pytest.fixture
def employee(make_user):
    return make_user(real_name="普通职工")


@pytest.fixture
def editor(make_user):
    return make_user(groups.EDITORS, real_name="宣传编辑甲")


@pytest.fixture
def reviewer_1(make_user):
    return make_user(groups.REVIEW_1, real_name="初审员")


@pytest.fixture
def reviewer_2(make_user):
    return make_user(groups.REVIEW_2, real_name="复审员")


@pytest.fixture
def reviewer_3(make_user):
    return make_user(groups.REVIEW_3, real_name="终审员")


@pytest.fixture
def reviewers(reviewer_1, reviewer_2, reviewer_3):
    return [reviewer_1, reviewer_2, reviewer_3]


@pytest.fixture
def superuser(db):
    return SuperuserFactory(real_name="系统管理员")


def live_url(page):
    """The page's URL as the public site serves it (with its language prefix)."""
    return Page.objects.get(pk=page.pk).specific.url
