"""Where each page type may live, and that editors can create the main types
through Wagtail's real admin editor form."""

import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.factories import (
    ArticleIndexPageFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventIndexPageFactory,
)
from campaigns.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    EventIndexPage,
    EventPage,
    QuestionnairePage,
    ReadingChallengePage,
)
from home.models import HomePage, StandardPage
from notes.models import NotesIndexPage
from people.factories import SuperuserFactory

OUR_APPS = {"home", "campaigns", "notes"}  # the page types this test knows

ALL_TYPES = [
    HomePage,
    StandardPage,
    CampaignIndexPage,
    CampaignPage,
    EventIndexPage,
    EventPage,
    ArticleIndexPage,
    ArticlePage,
    QuestionnairePage,
    ReadingChallengePage,
]

# child model -> the page types it may be created under
ALLOWED_PARENTS = {
    HomePage: {Page},
    StandardPage: {HomePage, StandardPage, CampaignPage},
    CampaignIndexPage: {HomePage},
    CampaignPage: {CampaignIndexPage},
    EventIndexPage: {CampaignPage, HomePage},
    EventPage: {EventIndexPage},
    ArticleIndexPage: {HomePage},
    ArticlePage: {ArticleIndexPage},
    QuestionnairePage: {CampaignPage, HomePage},
    ReadingChallengePage: {CampaignPage},
}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_allowed_parent_page_types(self):
        for child, parents in ALLOWED_PARENTS.items():
            with self.subTest(child=child.__name__):
                self.assertAllowedParentPageTypes(child, parents)

    def test_allowed_subpage_types(self):
        expected_children = {
            HomePage: {
                CampaignIndexPage,
                ArticleIndexPage,
                EventIndexPage,
                QuestionnairePage,
                NotesIndexPage,
                StandardPage,
            },
            StandardPage: {StandardPage},
            CampaignIndexPage: {CampaignPage},
            CampaignPage: {EventIndexPage, QuestionnairePage, ReadingChallengePage, StandardPage},
            EventIndexPage: {EventPage},
            EventPage: set(),
            ArticleIndexPage: {ArticlePage},
            ArticlePage: set(),
            QuestionnairePage: set(),
            ReadingChallengePage: set(),
        }
        for parent, children in expected_children.items():
            with self.subTest(parent=parent.__name__):
                if parent is HomePage:
                    # Other apps (booklists, …) add their own sections under the home page.
                    ours = {m for m in HomePage.allowed_subpage_models() if m._meta.app_label in OUR_APPS}
                    self.assertEqual(ours, children)
                else:
                    self.assertAllowedSubpageTypes(parent, children)

    def test_every_pair_of_page_types(self):
        """The full matrix: each type can be created exactly under its allowed parents."""
        for child in ALL_TYPES:
            for parent in ALL_TYPES:
                with self.subTest(child=child.__name__, parent=parent.__name__):
                    if parent in ALLOWED_PARENTS[child]:
                        self.assertCanCreateAt(parent, child)
                    else:
                        self.assertCanNotCreateAt(parent, child)

    def test_specific_refusals(self):
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(HomePage, CampaignPage)
        self.assertCanNotCreateAt(CampaignPage, CampaignPage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertCanNotCreateAt(Page, CampaignPage)


class SingletonIndexTests(WagtailPageTestCase):
    """Index pages are limited to one per parent."""

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get(locale__language_code="zh-hans")
        CampaignIndexPageFactory(parent=cls.home, slug="campaigns")
        ArticleIndexPageFactory(parent=cls.home, slug="news")

    def test_second_index_not_allowed(self):
        home = HomePage.objects.get(pk=self.home.pk)
        self.assertFalse(CampaignIndexPage.can_create_at(home))
        self.assertFalse(ArticleIndexPage.can_create_at(home))
        # An event index may still be added, once.
        self.assertTrue(EventIndexPage.can_create_at(home))


class CreateThroughAdminEditorTests(WagtailPageTestCase):
    """assertCanCreate posts the admin add form exactly as the editor's browser would."""

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get(locale__language_code="zh-hans")
        cls.campaign_index = CampaignIndexPageFactory(parent=cls.home, slug="campaigns")
        cls.campaign = CampaignPageFactory(parent=cls.campaign_index, slug="2025")
        cls.event_index = EventIndexPageFactory(parent=cls.campaign, slug="events")
        cls.article_index = ArticleIndexPageFactory(parent=cls.home, slug="news")
        cls.admin = SuperuserFactory()

    def setUp(self):
        self.client.force_login(self.admin)

    def test_create_campaign_with_phases(self):
        data = nested_form_data(
            {
                "title": "2026年书香机关创建活动",
                "slug": "2026",
                "intro": "全年读书活动",
                "theme": "书香润机关 阅读促提升",
                "start_date": "2026-03-01",
                "end_date": "2026-12-31",
                "organiser": "机关工会",
                "phases": inline_formset(
                    [
                        {
                            "kind": "prepare",
                            "start_date": "2026-03-01",
                            "end_date": "2026-03-31",
                            "description": "动员",
                        },
                        {"kind": "implement", "start_date": "2026-04-01", "end_date": "2026-11-30", "description": ""},
                        {"kind": "evaluate", "start_date": "2026-12-01", "end_date": "2026-12-31", "description": ""},
                    ],
                    min=1,
                    max=3,
                ),
                "body": streamfield([("paragraph", rich_text("<p>每位职工读好一本书。</p>"))]),
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(self.campaign_index, CampaignPage, data)

        page = CampaignPage.objects.get(slug="2026")
        self.assertTrue(page.live)
        self.assertEqual(page.start_date, datetime.date(2026, 3, 1))
        self.assertEqual(
            [(p.kind, p.start_date.isoformat()) for p in page.phases.order_by("start_date")],
            [("prepare", "2026-03-01"), ("implement", "2026-04-01"), ("evaluate", "2026-12-01")],
        )
        self.assertIn("每位职工读好一本书", str(page.body))

    def test_create_article(self):
        data = nested_form_data(
            {
                "title": "读书分享会成功举办",
                "slug": "sharing-report",
                "intro": "三十名职工参加",
                "date": "2026-04-23",
                "source": "机关工会",
                "author": "宣传科",
                "campaign": str(self.campaign.pk),
                "tags": "读书月, 分享会",
                "body": streamfield(
                    [
                        ("heading", {"text": "活动回顾", "size": "h2"}),
                        ("paragraph", rich_text("<p>大家分享了自己的读书笔记。</p>")),
                    ]
                ),
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(self.article_index, ArticlePage, data)

        page = ArticlePage.objects.get(slug="sharing-report")
        self.assertEqual(page.campaign_id, self.campaign.pk)
        self.assertEqual(sorted(page.tags.names()), ["分享会", "读书月"])
        self.assertEqual([block.block_type for block in page.body], ["heading", "paragraph"])

    def test_create_event(self):
        data = nested_form_data(
            {
                "title": "《平凡的世界》读书分享会",
                "slug": "ordinary-world",
                "intro": "路遥作品分享",
                "kind": "sharing",
                "start_time": "2026-05-20 14:30",
                "end_time": "2026-05-20 16:30",
                "place": "三楼职工书屋",
                "speaker": "李老师",
                "body": streamfield([]),
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(self.event_index, EventPage, data)

        page = EventPage.objects.get(slug="ordinary-world")
        self.assertEqual(page.place, "三楼职工书屋")
        self.assertEqual(page.end_time - page.start_time, datetime.timedelta(hours=2))

    def test_create_reading_challenge(self):
        from booklists.models import Category

        category = Category.objects.get(code="party-history", locale=self.home.locale)
        data = nested_form_data(
            {
                "title": "党史学习教育读书月",
                "slug": "party-month",
                "intro": "读一本党史书，写一篇体会",
                "start_date": "2026-06-01",
                "end_date": "2026-06-30",
                "min_reads": "1",
                "min_notes": "1",
                "category": str(category.pk),
                "book_list": "",
                "enrolment": "self",
                "body": streamfield([]),
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(self.campaign, ReadingChallengePage, data)
        page = ReadingChallengePage.objects.get(slug="party-month")
        self.assertEqual((page.min_reads, page.min_notes, page.category_id), (1, 1, category.pk))

    def test_reading_challenge_bad_rule_is_refused_in_the_editor(self):
        from django.urls import reverse

        data = nested_form_data(
            {
                "title": "读书月",
                "slug": "bad-month",
                "start_date": "2026-06-30",
                "end_date": "2026-06-01",
                "min_reads": "0",
                "min_notes": "0",
                "enrolment": "everyone",
                "body": streamfield([]),
                "comments": inline_formset([]),
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["campaigns", "readingchallengepage", self.campaign.pk])
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("活动结束日期不能早于开始日期。", html)
        self.assertIn("活动至少要求读1本书或写1篇心得。", html)
        self.assertIn('value="读书月"', html)  # what was typed is kept
        self.assertFalse(ReadingChallengePage.objects.exists())
