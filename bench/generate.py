#!/usr/bin/env python
"""Fill a database with benchmark data at the scale DESIGN.md §5 asks for.

    .venv/bin/python bench/generate.py --scale small|full [--seed 20260401]

It uses whatever DATABASE_URL is set (SQLite db.sqlite3 when absent) and
DJANGO_SETTINGS_MODULE (portal.settings.dev when absent). Run `manage.py
migrate` first. The data is deterministic for a given seed; dates are laid
out around today so that one campaign is running and some events are still
to come.

What exists today is generated: departments, employees and the page tree
(campaigns with phases, event indexes with events, an article index with
tagged articles and standard pages). Book, copy, loan and note tables join
here when their apps land.

The script refuses to run twice on the same database: bench departments are
marked with codes starting "BENCH-"; if any exist it stops with a message.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale  # noqa: E402
from wagtail.rich_text import RichText  # noqa: E402

from campaigns.choices import EventKind, PhaseKind  # noqa: E402
from campaigns.models import (  # noqa: E402
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    CampaignPhase,
    EventIndexPage,
    EventPage,
)
from home.models import HomePage, StandardPage  # noqa: E402
from people.groups import ALL_GROUPS  # noqa: E402
from people.models import Department, User  # noqa: E402

BENCH_CODE_PREFIX = "BENCH-"
BENCH_PASSWORD = "bench-password-2026"

SCALES = {
    # departments, employees, campaigns, events per campaign, articles, standard pages
    "small": {"departments": 5, "employees": 50, "campaigns": 1, "events": 4, "articles": 12, "standard": 1},
    "full": {"departments": 60, "employees": 5000, "campaigns": 4, "events": 10, "articles": 150, "standard": 3},
}

# ---------------------------------------------------------------- word lists

DEPARTMENT_STEMS = [
    "办公室",
    "政策研究室",
    "法规处",
    "综合处",
    "财务处",
    "人事处",
    "机关党委",
    "机关工会",
    "纪检监察室",
    "信息中心",
    "档案室",
    "后勤服务中心",
    "宣传处",
    "规划处",
    "发展改革处",
    "统计处",
    "审计处",
    "外事处",
    "科技处",
    "教育培训处",
    "安全生产处",
    "督查室",
    "信访办",
    "老干部处",
    "离退休干部处",
    "机要室",
    "保密办",
    "国有资产处",
    "采购中心",
    "研究中心",
]
DEPARTMENT_PREFIXES = ["", "第二", "第三"]

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN_CHARS = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建文红云飞晓燕宁欣悦思远博雅书琳")

THEMES = [
    "书香润机关，阅读促提升",
    "多读书、读好书、善读书",
    "品读经典，涵养初心",
    "阅读新时代，书香满机关",
    "以书为友，与时俱进",
    "书香浸润心灵，阅读成就未来",
]
CAMPAIGN_TITLES = ["书香机关创建活动", "全民阅读月活动", "职工读书节", "“书香伴我行”读书活动", "经典诵读季"]
EVENT_TITLES = {
    EventKind.SHARING: ["读书分享会", "好书推荐交流会", "读书沙龙", "青年读书会"],
    EventKind.ESSAY: ["读书征文比赛", "读后感征文", "“我与书的故事”征文"],
    EventKind.RECITATION: ["经典诵读比赛", "诗歌朗诵会", "红色经典朗诵比赛"],
    EventKind.LECTURE: ["名家讲座", "阅读方法讲座", "党史学习讲座", "国学经典讲座"],
    EventKind.OTHER: ["图书漂流活动", "流动书箱进科室", "书屋开放日"],
}
PLACES = ["机关三楼多功能厅", "职工书屋", "一号会议室", "二号会议室", "机关礼堂", "党员活动室", "图书阅览室"]
BOOKS = [
    "《平凡的世界》",
    "《红星照耀中国》",
    "《乡土中国》",
    "《苏东坡传》",
    "《人类简史》",
    "《活着》",
    "《围城》",
    "《论语》",
    "《史记》",
    "《习近平的七年知青岁月》",
    "《三体》",
    "《谁是最可爱的人》",
    "《毛泽东选集》",
    "《红岩》",
    "《边城》",
    "《朝花夕拾》",
    "《万历十五年》",
    "《浮生六记》",
    "《文化苦旅》",
    "《额尔古纳河右岸》",
]
ARTICLE_PATTERNS = [
    "{dept}开展{book}读书分享活动",
    "{dept}举办“{theme}”主题读书会",
    "职工书屋新到图书{n}册",
    "{dept}干部职工共读{book}",
    "读书月活动圆满落幕 {n}名职工参与",
    "流动书箱走进{dept}",
    "{dept}召开读书心得交流会",
    "领导干部领读{book}",
    "“阅读之星”评选结果揭晓",
    "{dept}读书征文活动收到作品{n}篇",
    "书香机关建设推进会召开",
    "经典诵读比赛在{place}举行",
]
TAGS = ["读书月", "读书分享", "征文", "朗诵", "讲座", "职工书屋", "流动书箱", "阅读之星", "领读", "党史学习"]
SOURCES = ["机关工会", "机关党委", "办公室", "宣传处", "职工书屋"]
SENTENCES = [
    "读书是学习，使用也是学习，而且是更重要的学习。",
    "本次活动旨在引导干部职工多读书、读好书、善读书，营造浓厚的学习氛围。",
    "职工书屋现有藏书两万余册，分为哲学法律、人文历史、书画艺术、中外文学等八大类。",
    "活动期间，各部门共组织读书分享会二十余场，参与职工达数百人次。",
    "与会同志结合工作实际，分享了阅读心得和体会。",
    "大家表示，要把读书学习作为一种生活态度、一种工作责任、一种精神追求。",
    "机关工会将继续推进书香机关建设，完善图书借阅和预约服务。",
    "流动书箱定期将新书送到各科室，方便职工就近借阅。",
    "读书笔记经审核后将在门户网站展示，优秀读书笔记将在荣誉墙公布。",
    "活动分为准备、实施、总结评估三个阶段，最后举办成果展示。",
    "领导干部带头领读，推荐书目涵盖党史学习、经典文学和科普知识。",
    "欢迎广大职工踊跃参与，在阅读中开阔视野、提升素养。",
]
PHASE_TEXT = {
    PhaseKind.PREPARE: "制定活动方案，成立工作小组，充实职工书屋藏书。",
    PhaseKind.IMPLEMENT: "开展读书分享、征文、朗诵等系列活动，推进流动书箱进科室。",
    PhaseKind.EVALUATE: "总结活动成效，评选阅读之星和优秀读书笔记，举办成果展示。",
}


def paragraph(rng, sentences=4):
    return "<p>" + "".join(rng.sample(SENTENCES, sentences)) + "</p>"


def body(rng, paragraphs=3):
    blocks = [("heading", {"text": rng.choice(THEMES), "size": "h2"})]
    for _ in range(paragraphs):
        blocks.append(("paragraph", RichText(paragraph(rng))))
    blocks.append(("quote", {"text": "读书使人充实，讨论使人机智，笔记使人准确。", "attribution": "培根"}))
    return blocks


# ------------------------------------------------------------------ builders


class Generator:
    def __init__(self, scale, seed):
        self.spec = SCALES[scale]
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        self.created = {}
        self.pages = 0

    def count(self, label, n=1):
        self.created[label] = self.created.get(label, 0) + n

    def add_page(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.pages += 1
        self.count(type(page).__name__)
        return page

    def departments(self):
        names = []
        for prefix in DEPARTMENT_PREFIXES:
            for stem in DEPARTMENT_STEMS:
                names.append(f"{prefix}{stem}" if not prefix else f"{stem[:-1]}{prefix}{stem[-1]}")
        names = names[: self.spec["departments"]]
        existing = set(Department.objects.filter(name__in=names).values_list("name", flat=True))
        depts = [
            Department(name=name, code=f"{BENCH_CODE_PREFIX}{i + 1:03d}", sort_order=i + 1)
            for i, name in enumerate(names)
            if name not in existing
        ]
        Department.objects.bulk_create(depts, batch_size=500)
        self.count("Department", len(depts))
        return list(Department.objects.filter(code__startswith=BENCH_CODE_PREFIX).order_by("sort_order"))

    def employees(self, departments):
        rng = self.rng
        password = make_password(BENCH_PASSWORD)  # hashed once, shared by every bench user
        now = timezone.now()
        users = []
        for i in range(self.spec["employees"]):
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2))))
            users.append(
                User(
                    staff_number=f"B{i + 1:05d}",
                    real_name=name,
                    email=f"b{i + 1:05d}@example.org",
                    department=departments[i % len(departments)],
                    password=password,
                    is_active=True,
                    date_joined=now,
                )
            )
        User.objects.bulk_create(users, batch_size=1000)
        self.count("User", len(users))

        # Headcount from the actual membership, computed by the database.
        for dept in departments:
            dept.headcount = dept.members.count()
        Department.objects.bulk_update(departments, ["headcount"])

        # A handful of staff in each admin role so the admin has realistic group sizes.
        first = list(User.objects.filter(staff_number__startswith="B").order_by("staff_number")[: 4 * len(ALL_GROUPS)])
        for n, group_name in enumerate(ALL_GROUPS):
            group = Group.objects.filter(name=group_name).first()
            if group:
                group.user_set.add(*first[n * 4 : n * 4 + 4])

    def home(self):
        zh = Locale.objects.get(language_code="zh-hans")
        home = HomePage.objects.filter(locale=zh, depth=2).first()
        if home is None:
            raise SystemExit("No zh-hans HomePage: run `manage.py migrate` first.")
        return home

    def child(self, parent, model):
        return model.objects.child_of(parent).filter(locale=parent.locale).first()

    def campaigns(self, home):
        rng = self.rng
        index = self.child(home, CampaignIndexPage) or self.add_page(
            home,
            CampaignIndexPage(title="书香机关创建活动", slug="campaigns", intro="历年书香机关创建活动一览。"),
        )
        campaigns = []
        n = self.spec["campaigns"]
        for c in range(n):
            # The last campaign is running today; earlier ones are one year apart.
            start = self.today - datetime.timedelta(days=60 + 365 * (n - 1 - c))
            end = start + datetime.timedelta(days=240)
            year = start.year
            title = f"{year}年{CAMPAIGN_TITLES[c % len(CAMPAIGN_TITLES)]}"
            campaign = CampaignPage(
                title=title,
                slug=f"campaign-{year}-{c + 1}",
                intro=f"{year}年度读书活动，主题为“{THEMES[c % len(THEMES)]}”。",
                theme=THEMES[c % len(THEMES)],
                start_date=start,
                end_date=end,
                organiser=rng.choice(SOURCES),
                body=body(rng),
            )
            third = (end - start) // 3
            campaign.phases = [
                CampaignPhase(
                    kind=kind,
                    start_date=start + third * k,
                    end_date=(start + third * (k + 1) - datetime.timedelta(days=1)) if k < 2 else end,
                    description=PHASE_TEXT[kind],
                    sort_order=k,
                )
                for k, kind in enumerate((PhaseKind.PREPARE, PhaseKind.IMPLEMENT, PhaseKind.EVALUATE))
            ]
            self.add_page(index, campaign)
            self.count("CampaignPhase", 3)
            self.events(campaign, start, end)
            campaigns.append(campaign)
        return campaigns

    def events(self, campaign, start, end):
        rng = self.rng
        events_index = self.add_page(
            campaign,
            EventIndexPage(title="活动安排", slug="events", intro=f"{campaign.title}的各项活动。"),
        )
        kinds = list(EventKind)
        tz = timezone.get_current_timezone()
        span = (end - start).days
        for e in range(self.spec["events"]):
            kind = kinds[e % len(kinds)]
            day = start + datetime.timedelta(days=int(span * (e + 0.5) / self.spec["events"]))
            begins = datetime.datetime.combine(day, datetime.time(rng.choice((9, 14, 15)), 0), tzinfo=tz)
            book = rng.choice(BOOKS)
            self.add_page(
                events_index,
                EventPage(
                    title=f"{rng.choice(EVENT_TITLES[kind])}：{book}",
                    slug=f"event-{e + 1}",
                    intro=f"围绕{book}开展{kind.label}。",
                    kind=kind,
                    start_time=begins,
                    end_time=begins + datetime.timedelta(hours=2),
                    place=rng.choice(PLACES),
                    speaker=rng.choice(SURNAMES) + rng.choice(GIVEN_CHARS) + rng.choice(("老师", "教授", "同志")),
                    body=body(rng, 2),
                ),
            )

    def articles(self, home, campaigns):
        rng = self.rng
        index = self.child(home, ArticleIndexPage) or self.add_page(
            home, ArticleIndexPage(title="宣传报道", slug="news", intro="书香机关创建活动的新闻报道。")
        )
        depts = DEPARTMENT_STEMS
        n = self.spec["articles"]
        for a in range(n):
            pattern = ARTICLE_PATTERNS[a % len(ARTICLE_PATTERNS)]
            title = pattern.format(
                dept=rng.choice(depts),
                book=rng.choice(BOOKS),
                theme=rng.choice(THEMES),
                n=rng.randint(20, 300),
                place=rng.choice(PLACES),
            )
            article = ArticlePage(
                title=title,
                slug=f"article-{a + 1}",
                intro=rng.choice(SENTENCES),
                date=self.today - datetime.timedelta(days=int(700 * (n - a) / n)),
                source=rng.choice(SOURCES),
                author=rng.choice(SURNAMES) + rng.choice(GIVEN_CHARS),
                campaign=rng.choice(campaigns) if campaigns else None,
                body=body(rng, rng.randint(2, 5)),
            )
            article.tags.add(*rng.sample(TAGS, rng.randint(1, 3)))
            self.add_page(index, article)

    def standard_pages(self, home):
        pages = [
            ("关于书香机关", "about", "书香机关创建活动的背景、目标和组织方式。"),
            ("职工书屋借阅规则", "rules", "借阅、续借、预约和通借通还的规则。"),
            ("联系我们", "contact", "机关工会和职工书屋的联系方式。"),
        ][: self.spec["standard"]]
        for title, slug, intro in pages:
            if StandardPage.objects.child_of(home).filter(slug=slug).exists():
                continue
            self.add_page(home, StandardPage(title=title, slug=slug, intro=intro, body=body(self.rng, 3)))

    def run(self):
        timings = []

        def step(label, fn, *args):
            t = time.perf_counter()
            result = fn(*args)
            timings.append((label, time.perf_counter() - t))
            return result

        with transaction.atomic():
            depts = step("departments", self.departments)
            step("employees", self.employees, depts)
        with transaction.atomic():
            home = self.home()
            campaigns = step("campaigns + events", self.campaigns, home)
            step("articles", self.articles, home, campaigns)
            step("standard pages", self.standard_pages, home)
        return timings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--seed", type=int, default=20260401)
    args = parser.parse_args(argv)

    if Department.objects.filter(code__startswith=BENCH_CODE_PREFIX).exists():
        print(
            f"Bench data already exists in {connection.settings_dict['NAME']} "
            f"(departments with codes {BENCH_CODE_PREFIX}*): nothing generated. "
            "Use a fresh database (bench/run.sh makes one).",
            file=sys.stderr,
        )
        return 1

    db = connection.settings_dict
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    print(f"Generating '{args.scale}' bench data (seed {args.seed}) into {engine}:{db['NAME']}")
    started = time.perf_counter()
    generator = Generator(args.scale, args.seed)
    timings = generator.run()
    total = time.perf_counter() - started

    for label, seconds in timings:
        print(f"  {label:<22} {seconds:8.1f} s")
    print("Created:")
    for label, n in generator.created.items():
        print(f"  {label:<22} {n:8,d}")
    print(f"  {'pages (total)':<22} {generator.pages:8,d}")
    print(f"Done in {total:.1f} s. Bench users log in with password {BENCH_PASSWORD!r} (staff numbers B00001…).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
