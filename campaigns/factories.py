"""Page factories for the campaigns app (factory_boy + wagtail_factories).

Every page factory needs a ``parent`` page. Pages are published through a
real revision (``save_revision().publish()``), exactly as the admin does;
pass ``live=False`` to get a page that has only a draft revision.
"""

import datetime

import factory
from django.utils import timezone

from campaigns.choices import Enrolment, EventKind, PhaseKind
from campaigns.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    CampaignPhase,
    EventIndexPage,
    EventPage,
    QuestionnaireField,
    QuestionnairePage,
    ReadingChallengePage,
)
from portal.factories import PublishedPageFactory, rich_body  # noqa: F401  (re-exported for the campaigns tests)


def default_phases(page):
    start, end = page.start_date, page.end_date
    length = (end - start).days
    first_end = start + datetime.timedelta(days=length // 5)
    last_start = end - datetime.timedelta(days=length // 5)
    return [
        CampaignPhase(kind=PhaseKind.PREPARE, start_date=start, end_date=first_end, description="制定方案，动员部署"),
        CampaignPhase(
            kind=PhaseKind.IMPLEMENT,
            start_date=first_end + datetime.timedelta(days=1),
            end_date=last_start - datetime.timedelta(days=1),
            description="开展读书分享会、征文和朗诵比赛",
        ),
        CampaignPhase(kind=PhaseKind.EVALUATE, start_date=last_start, end_date=end, description="成果展示，总结评估"),
    ]


class CampaignIndexPageFactory(PublishedPageFactory):
    title = "书香机关创建活动"
    intro = "历年书香机关创建活动"

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"第{n}届书香机关创建活动")
    intro = "书香润机关，阅读促提升"
    theme = "书香润机关 阅读促提升"
    organiser = "机关工会"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=70))
    phases = factory.LazyAttribute(default_phases)
    body = factory.LazyFunction(lambda: rich_body("全体干部职工踊跃参加读书活动。"))

    class Meta:
        model = CampaignPage


class EventIndexPageFactory(PublishedPageFactory):
    title = "活动"
    intro = "读书分享会、征文、朗诵比赛和讲座"

    class Meta:
        model = EventIndexPage


class EventPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"读书分享会第{n}期")
    intro = "与同事分享一本好书"
    kind = EventKind.SHARING
    start_time = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=7))
    end_time = factory.LazyAttribute(lambda e: e.start_time + datetime.timedelta(hours=2))
    place = "机关三楼职工书屋"
    speaker = "张老师"
    body = factory.LazyFunction(lambda: rich_body("欢迎大家带上自己喜爱的书。"))

    class Meta:
        model = EventPage


class ReadingChallengePageFactory(PublishedPageFactory):
    """A themed reading challenge (its parent is a CampaignPage): one book and one note, everyone takes part."""

    title = factory.Sequence(lambda n: f"读书月{n}")
    intro = "一人一本书，一人一篇心得"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=20))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    min_reads = 1
    min_notes = 1
    enrolment = Enrolment.EVERYONE
    body = factory.LazyFunction(lambda: rich_body("欢迎全体干部职工参加读书月活动。"))

    class Meta:
        model = ReadingChallengePage


class ArticleIndexPageFactory(PublishedPageFactory):
    title = "宣传报道"
    intro = "书香机关创建活动的新闻报道"

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(PublishedPageFactory):
    """``ArticlePageFactory(parent=index, tags=["读书月"])`` tags the report."""

    title = factory.Sequence(lambda n: f"宣传报道{n}")
    intro = "机关读书活动近况"
    date = factory.LazyFunction(timezone.localdate)
    source = "机关工会"
    author = "宣传科"
    tags = factory.LazyFunction(list)
    body = factory.LazyFunction(lambda: rich_body("本月共有一百二十名职工参加了读书活动。"))

    class Meta:
        model = ArticlePage

    _deferred_fields = ("tags",)

    @classmethod
    def before_add(cls, instance, tags=()):
        if tags:
            instance.tags.add(*tags)


def default_questions():
    return [
        QuestionnaireField(sort_order=0, label="姓名", field_type="singleline", required=True),
        QuestionnaireField(sort_order=1, label="所在部门", field_type="singleline", required=True),
        QuestionnaireField(sort_order=2, label="意见和建议", field_type="multiline", required=False),
    ]


class QuestionnairePageFactory(PublishedPageFactory):
    title = "读书活动满意度调查"
    intro = "<p>请花两分钟填写本问卷。</p>"
    thank_you_text = "<p>感谢您的参与！</p>"
    form_fields = factory.LazyFunction(default_questions)

    class Meta:
        model = QuestionnairePage
