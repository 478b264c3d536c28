"""Page factories for the home app."""

import factory

from home.models import StandardPage
from portal.factories import PublishedPageFactory, rich_body


class StandardPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"活动章程{n}")
    intro = "书香机关创建活动的规则"
    body = factory.LazyFunction(lambda: rich_body("每位职工每年至少阅读六本书。"))

    class Meta:
        model = StandardPage
