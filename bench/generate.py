#!/usr/bin/env python
"""Fill a database with benchmark data at the scale DESIGN.md §5 asks for.

    .venv/bin/python bench/generate.py --scale small|full [--seed 20260401]

It uses whatever DATABASE_URL is set (SQLite db.sqlite3 when absent) and
DJANGO_SETTINGS_MODULE (portal.settings.dev when absent). Run `manage.py
migrate` first. The data is deterministic for a given seed; dates are laid
out around today so that one campaign is running, some events are still to
come, some loans are due soon and some overdue.

At full scale: 5,000 employees in 60 departments, ~200 pages, 20,000 titles,
50,000 copies in 30 reading rooms and book boxes, 500,000 loans over three
years with reservations, and 20,000 reading notes. Pages go through Wagtail's
tree API and are published through a revision; everything else is written in
bulk (`bulk_create`, and PostgreSQL's COPY for the loans and likes), and the
search index of books and notes is built in bulk at the end. The script then
checks that the data keeps the lending rules and the model constraints.

The script refuses to run twice on the same database: bench departments are
marked with codes starting "BENCH-"; if any exist it stops with a message.
"""

import argparse
import bisect
import datetime
import io
import itertools
import os
import random
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
# The repository first: bench/honours.py must not shadow the honours app; bench/ second, for import_books.
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Subquery, Sum  # noqa: E402
from django.db.models.functions import Cast, Coalesce  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from import_books import PUBLISHERS, SUMMARY_SENTENCES, TITLE_STEMS, TITLE_TAILS, TITLE_TOPICS, isbn13  # noqa: E402
from modelcluster.models import get_serializable_data_for_fields  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Locale, Revision, TaskState, WorkflowState  # noqa: E402
from wagtail.rich_text import RichText  # noqa: E402

from booklists.models import Book, BookListIndexPage, BookListItem, BookListPage, CataloguePage, Category  # noqa: E402
from campaigns.choices import EventKind, PhaseKind  # noqa: E402
from campaigns.models import (  # noqa: E402
    ArticleIndexPage,
    ArticlePage,
    CampaignIndexPage,
    CampaignPage,
    CampaignPhase,
    EventIndexPage,
    EventPage,
    QuestionnaireField,
    QuestionnairePage,
)
from home.models import HomePage, StandardPage  # noqa: E402
from loans.models import (  # noqa: E402
    ACTIVE_RESERVATION_STATUSES,
    Copy,
    CopyStatus,
    LendingRules,
    Loan,
    ReadingRoom,
    Reservation,
    ReservationStatus,
    RoomKind,
    RoomOperator,
)
from notes.models import NoteLike, NotesIndexPage, ReadingNote  # noqa: E402
from people.groups import ALL_GROUPS, EDITORS, LIBRARIANS, NOTE_MODERATORS  # noqa: E402
from people.models import Department, User  # noqa: E402
from portal.sanitize import sanitize_user_html  # noqa: E402
from portal.search import bulk_index  # noqa: E402

BENCH_CODE_PREFIX = "BENCH-"
BENCH_PASSWORD = "bench-password-2026"
BARCODE_PREFIX = "BN"

SCALES = {
    "small": {
        "departments": 5,
        "employees": 50,
        "campaigns": 1,
        "events": 4,
        "articles": 12,
        "standard": 1,
        "book_lists": 2,
        "list_items": 10,
        "books": 200,
        "rooms": 3,
        "boxes": 1,
        "copies": 500,
        "loans": 3_000,
        "past_reservations": 60,
        "waiting": 10,
        "ready": 2,
        "notes": 150,
    },
    "full": {
        "departments": 60,
        "employees": 5_000,
        "campaigns": 4,
        "events": 10,
        "articles": 135,
        "standard": 3,
        "book_lists": 10,
        "list_items": 30,
        "books": 20_000,
        "rooms": 22,
        "boxes": 8,
        "copies": 50_000,
        "loans": 500_000,
        "past_reservations": 6_000,
        "waiting": 400,
        "ready": 40,
        "notes": 20_000,
    },
}
HISTORY_DAYS = 3 * 365  # loans over three years
HONOUR_MONTHS = 3  # monthly rounds published on the honour wall

# Shares of the reading notes by state (the rest are published).
NOTE_STATES = [("draft", 0.04), ("pending", 0.04), ("returned", 0.02), ("excellent", 0.05)]

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


ROOM_PLACES = [
    "机关职工书屋",
    "综合楼阅览角",
    "二号楼职工书屋",
    "食堂阅览角",
    "信息中心阅览角",
    "党员活动室书架",
    "青年之家书屋",
    "离退休干部活动中心书屋",
    "档案馆阅览室",
    "后勤服务中心书屋",
    "市供电公司联办职工书屋",
    "社区联办职工书屋",
    "东区办公楼阅览角",
    "西区办公楼阅览角",
    "培训中心书屋",
    "图书阅览室",
    "南院职工书屋",
    "北院职工书屋",
    "老干部读书室",
    "科技馆联办书屋",
    "机关幼儿园亲子书屋",
    "值班楼阅览角",
]
OPENING_HOURS = [
    "周一至周五 12:00–13:30、17:30–19:00",
    "工作日 11:30–13:00",
    "工作日 9:00–17:30",
    "周二、周四 12:00–14:00",
]
# Desk hours (minutes after midnight) when loans are made and books come back.
DESK_WINDOWS = [(12 * 60, 13 * 60 + 30), (17 * 60 + 30, 19 * 60), (9 * 60, 11 * 60 + 30), (14 * 60, 17 * 60)]
# More reading in the reading month (April) and the summer, less at New Year.
MONTH_FACTOR = {1: 0.7, 2: 0.6, 3: 1.0, 4: 1.5, 5: 1.2, 6: 1.0, 7: 1.1, 8: 1.1, 9: 1.0, 10: 0.8, 11: 1.0, 12: 0.9}

LIST_THEMES = [
    "领导干部领读书单",
    "党史学习推荐书目",
    "读书月推荐书目",
    "青年干部必读书目",
    "经典文学书单",
    "科普知识书单",
]
LEADER_TITLES = ["党组书记", "局长", "副局长", "机关党委书记", "工会主席", "办公室主任"]

NOTE_TITLE_PATTERNS = [
    "读《{book}》有感",
    "《{book}》读后感",
    "从《{book}》看{topic}",
    "《{book}》：{topic}的一点体会",
    "重读《{book}》",
    "读《{book}》，谈{topic}",
    "《{book}》读书笔记",
    "在《{book}》里读懂{topic}",
]
NOTE_TOPICS = [
    "为民服务",
    "调查研究",
    "担当作为",
    "终身学习",
    "家国情怀",
    "工作方法",
    "初心使命",
    "文化自信",
    "团队协作",
]
NOTE_SENTENCES = [
    "这本书是在职工书屋借的，利用午休时间断断续续读完了。",
    "《{book}》篇幅不长，我却前后读了两遍，每一遍都有新的收获。",
    "书中有一段话让我印象很深，读完以后久久不能平静。",
    "作者用平实的语言讲述了一个个真实的故事，读来令人动容。",
    "联系自己的工作实际，我感到书里讲的道理并不遥远。",
    "做好机关工作，既要有扎实的业务功底，也要有开阔的视野。",
    "读书不能只停留在字面上，更要思考怎样把书中的方法用到工作中去。",
    "这让我想起刚参加工作时老同志的教导：凡事多问几个为什么。",
    "书里写到的调查研究方法，对我们起草材料很有启发。",
    "合上书本，我给自己定了三个小目标。",
    "读到这里，我不禁想到我们部门正在推进的几项工作。",
    "好书值得反复读，每读一遍都像和一位老朋友谈心。",
    "这本书也推荐给科室的同事们，大家读后都说很有收获。",
    "作者对细节的描写十分细腻，人物形象跃然纸上。",
    "读书使人明理，也使人谦逊：越读越觉得自己懂得太少。",
    "书中提到的很多观点，和我们学习的理论是相通的。",
    "我把书中的好句子抄在笔记本上，时常拿出来读一读。",
    "今后我要坚持每月读一本好书，并把心得写下来与大家分享。",
]
NOTE_POINTS = [
    "多读原著，读懂原理",
    "带着问题读书，读出自己的思考",
    "把读书和调查研究结合起来",
    "学以致用，用书中的方法改进工作",
    "和同事一起读，交流中加深理解",
    "坚持做读书笔记，积少成多",
]
NOTE_QUOTES = [
    "读书使人充实，讨论使人机智，笔记使人准确。",
    "问渠那得清如许，为有源头活水来。",
    "纸上得来终觉浅，绝知此事要躬行。",
    "书犹药也，善读之可以医愚。",
    "",
    "",
]
RETURN_REASONS = ["请补充读书收获与工作的联系。", "正文引用过长，请精简后再提交。", "请修改标题，使其与内容相符。"]


def note_body(rng, book, quote):
    """A note's rich text as an employee writes it: paragraphs, sometimes a heading, a list, a quotation."""
    parts = []
    if rng.random() < 0.3:
        parts.append(f"<h3>读《{book}》</h3>")
    for n in range(rng.randint(3, 6)):
        text = "".join(rng.sample(NOTE_SENTENCES, rng.randint(2, 4))).replace("{book}", book)
        if n == 1 and rng.random() < 0.4:
            text = f"<b>{text[:12]}</b>{text[12:]}"
        parts.append(f"<p>{text}</p>")
        if n == 1 and quote and rng.random() < 0.5:
            parts.append(f"<blockquote>{quote}</blockquote>")
    if rng.random() < 0.35:
        parts.append("<p>几点体会：</p><ul>" + "".join(f"<li>{p}</li>" for p in rng.sample(NOTE_POINTS, 3)) + "</ul>")
    # Through the same sanitiser as the public form, so the stored HTML is what the site would store.
    return sanitize_user_html("".join(parts))


@contextmanager
def explicit_timestamps(*fields):
    """Let bulk_create keep the dates we give to auto_now_add fields (history happened in the past)."""
    saved = [(field, field.auto_now_add) for field in fields]
    for field, _value in saved:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field, value in saved:
            field.auto_now_add = value


def copy_rows(model, columns, rows):
    """Insert plain tuples: PostgreSQL COPY (fast), else bulk_create in batches."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        fields = [model._meta.get_field(name) for name in columns]

        def text(value):
            if value is None:
                return r"\N"
            if isinstance(value, datetime.datetime | datetime.date):
                return value.isoformat()
            return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")

        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(text(value) for value in row))
            buffer.write("\n")
        buffer.seek(0)
        sql = f"COPY {model._meta.db_table} ({', '.join(f.column for f in fields)}) FROM STDIN"
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(sql, buffer)
        return
    attnames = [model._meta.get_field(name).attname for name in columns]
    model.objects.bulk_create((model(**dict(zip(attnames, row, strict=True))) for row in rows), batch_size=2000)


@contextmanager
def gin_indexes_rebuilt():
    """On PostgreSQL: drop the search table's GIN indexes, and create them again on the way out."""
    if connection.vendor != "postgresql":
        yield
        return
    from django.contrib.postgres.indexes import GinIndex

    from portal.internals import search_index_entries

    entry = search_index_entries().model
    gin = [index for index in entry._meta.indexes if isinstance(index, GinIndex)]
    with connection.schema_editor() as editor:
        for index in gin:
            editor.remove_index(entry, index)
    yield
    with connection.cursor() as cursor:
        # The inserts' deferred foreign-key checks must run before the table's indexes can change.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    with connection.schema_editor() as editor:
        for index in gin:
            editor.add_index(entry, index)


def no_tags(book):
    """The tags the index reads, without a query per book (new books have none)."""
    empty = Tag.objects.none()
    empty._result_cache = []
    empty._prefetch_done = True
    book._prefetched_objects_cache = {"tags": empty}
    return book


# ------------------------------------------------------------------ builders


class Generator:
    def __init__(self, scale, seed):
        self.spec = SCALES[scale]
        self.rng = random.Random(seed)
        self.today = timezone.localdate()
        self.tz = timezone.get_current_timezone()
        self.created = {}
        self.pages = 0
        self.facts = {}

    def count(self, label, n=1):
        self.created[label] = self.created.get(label, 0) + n

    def add_page(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.pages += 1
        self.count(type(page).__name__)
        return page

    def moment(self, day, minutes):
        """An aware datetime on `day` at `minutes` after midnight, local time."""
        return datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), tzinfo=self.tz)

    # -- people ------------------------------------------------------------------

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
        # Departments of very different sizes (a 办公室 of 200, a 保密办 of 20), as per-capita rankings meet them.
        sizes = [rng.choice((1, 1, 2, 2, 3, 5)) for _ in departments]
        users = []
        for i in range(self.spec["employees"]):
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2))))
            department = departments[i] if i < len(departments) else rng.choices(departments, sizes)[0]
            users.append(
                User(
                    staff_number=f"B{i + 1:05d}",
                    real_name=name,
                    email=f"b{i + 1:05d}@example.org",
                    department=department,
                    password=password,
                    is_active=True,
                    date_joined=now,
                )
            )
        User.objects.bulk_create(users, batch_size=1000)
        self.count("User", len(users))

        # Headcount from the actual membership, counted by the database in one query.
        counts = dict(
            User.objects.filter(department__in=departments)
            .values_list("department")
            .annotate(n=Count("pk"))
            .values_list("department", "n")
        )
        for dept in departments:
            dept.headcount = counts.get(dept.pk, 0)
        Department.objects.bulk_update(departments, ["headcount"])

        # A handful of staff in each admin role so the admin has realistic group sizes.
        first = list(User.objects.filter(staff_number__startswith="B").order_by("staff_number")[: 4 * len(ALL_GROUPS)])
        self.staff = {}
        for n, group_name in enumerate(ALL_GROUPS):
            group = Group.objects.filter(name=group_name).first()
            if group:
                group.user_set.add(*first[n * 4 : n * 4 + 4])
            self.staff[group_name] = first[n * 4 : n * 4 + 4]
        return list(
            User.objects.filter(staff_number__startswith="B").order_by("staff_number").values_list("pk", flat=True)
        )

    # -- pages -------------------------------------------------------------------

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
            self.questionnaire(campaign)
            campaigns.append(campaign)
        return campaigns

    def events(self, campaign, start, end):
        rng = self.rng
        events_index = self.add_page(
            campaign,
            EventIndexPage(title="活动安排", slug="events", intro=f"{campaign.title}的各项活动。"),
        )
        kinds = list(EventKind)
        span = (end - start).days
        for e in range(self.spec["events"]):
            kind = kinds[e % len(kinds)]
            day = start + datetime.timedelta(days=int(span * (e + 0.5) / self.spec["events"]))
            begins = self.moment(day, rng.choice((9, 14, 15)) * 60)
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
                    # An essay contest must say when entries close (EventPage.clean).
                    entries_close=begins if kind == EventKind.ESSAY else None,
                    place=rng.choice(PLACES),
                    speaker=rng.choice(SURNAMES) + rng.choice(GIVEN_CHARS) + rng.choice(("老师", "教授", "同志")),
                    body=body(rng, 2),
                ),
            )

    def questionnaire(self, campaign):
        questions = [
            ("姓名", "singleline", True, ""),
            ("所在部门", "singleline", True, ""),
            ("本次活动您参加了几次？", "dropdown", True, "1次\n2–3次\n4次以上"),
            ("您对活动的总体评价", "radio", True, "非常满意\n满意\n一般\n不满意"),
            ("希望职工书屋增加哪类图书？", "checkboxes", False, "党建党史\n中外文学\n科普知识\n生活保健"),
            ("意见和建议", "multiline", False, ""),
        ]
        self.add_page(
            campaign,
            QuestionnairePage(
                title="读书活动满意度调查",
                slug="survey",
                intro=f"<p>{campaign.title}即将进入总结评估阶段，请花两分钟填写本问卷。</p>",
                thank_you_text="<p>感谢您的参与！</p>",
                form_fields=[
                    QuestionnaireField(sort_order=n, label=label, field_type=kind, required=required, choices=choices)
                    for n, (label, kind, required, choices) in enumerate(questions)
                ],
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

    def book_pages(self, home, campaigns):
        """The catalogue, the book-list index and the lists (领导干部领读 among them)."""
        rng = self.rng
        self.child(home, CataloguePage) or self.add_page(
            home, CataloguePage(title="图书目录", slug="catalogue", intro="职工书屋的全部藏书，可按分类浏览。")
        )
        index = self.child(home, BookListIndexPage) or self.add_page(
            home, BookListIndexPage(title="推荐书目", slug="booklists", intro="领导干部领读书单和各类推荐书目。")
        )
        # Lists recommend the books people borrow, as editors pick them.
        popular = self.book_ids[: max(200, self.spec["list_items"] * 4)]
        for n in range(self.spec["book_lists"]):
            theme = LIST_THEMES[n % len(LIST_THEMES)]
            leader = n % 3 == 0
            items = [
                BookListItem(book_id=book_id, reason=rng.choice(SUMMARY_SENTENCES) + "推荐给大家。", sort_order=k)
                for k, book_id in enumerate(rng.sample(popular, min(self.spec["list_items"], len(popular))))
            ]
            self.add_page(
                index,
                BookListPage(
                    title=f"{theme}（第{n + 1}期）",
                    slug=f"list-{n + 1}",
                    intro=rng.choice(SENTENCES),
                    theme=theme,
                    introduction=paragraph(rng, 2),
                    recommender_name=(rng.choice(SURNAMES) + rng.choice(GIVEN_CHARS)) if leader else "",
                    recommender_title=rng.choice(LEADER_TITLES) if leader else "",
                    campaign=rng.choice(campaigns) if campaigns else None,
                    items=items,
                ),
            )
            self.count("BookListItem", len(items))

    def notes_index(self, home):
        self.child(home, NotesIndexPage) or self.add_page(
            home,
            NotesIndexPage(
                title="读书心得",
                slug="notes",
                intro="干部职工的读书心得，经审核后发布，优秀心得推荐到荣誉墙。",
                show_in_menus=True,
            ),
        )

    # -- honours -----------------------------------------------------------------

    def honours(self, home):
        """The honour wall and the last HONOUR_MONTHS months' rounds (阅读之星, 书香科室, 优秀读书笔记), published.

        Scored by the real code (honours.services.generate_round) from the loans and notes above, then
        published directly, as the demo does, bypassing 三审三校.
        """
        from honours import services
        from honours.models import PERIODIC_KINDS, HonorWallPage, PeriodKind

        self.child(home, HonorWallPage) or self.add_page(
            home,
            HonorWallPage(
                title="荣誉墙",
                slug="honours",
                intro="每月阅读之星、书香科室和优秀读书笔记，由三审三校后发布。",
                show_in_menus=True,
            ),
        )
        editor = self.staff[EDITORS][0]
        year, month = timezone.localdate().year, timezone.localdate().month
        # Publishing congratulates each winner by e-mail once the transaction commits: not into the bench's output.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"), transaction.atomic():
            for _ in range(HONOUR_MONTHS):
                year, month = (year - 1, 12) if month == 1 else (year, month - 1)
                start, end = services.month_period(year, month)
                for kind in PERIODIC_KINDS:
                    award_round, _ = services.generate_round(
                        kind, start, end, period_kind=PeriodKind.MONTH, user=editor
                    )
                    award_round.get_latest_revision().publish(user=editor, skip_permission_checks=True)
                    self.count("AwardRound")

    # -- catalogue ---------------------------------------------------------------

    def books(self):
        """Titles in the eight seeded categories, bulk-inserted; ids in popularity order (most borrowed first)."""
        rng = self.rng
        locale = Locale.get_default()
        categories = list(Category.objects.filter(locale=locale).order_by("sort_order", "pk"))
        if not categories:
            raise SystemExit("No categories: run `manage.py migrate` first (it seeds the eight categories).")
        n = self.spec["books"]
        serials = rng.sample(range(10_000_000, 99_999_999), n)  # distinct ISBNs
        books = []
        for serial in serials:
            authors = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2))))
            if rng.random() < 0.2:
                authors += "、" + rng.choice(SURNAMES) + rng.choice(GIVEN_CHARS)
            books.append(
                Book(
                    locale=locale,
                    isbn=isbn13(f"9787{serial:08d}"),
                    title=rng.choice(TITLE_STEMS) + rng.choice(TITLE_TOPICS) + rng.choice(TITLE_TAILS),
                    authors=authors,
                    publisher=rng.choice(PUBLISHERS),
                    year=rng.randint(1978, self.today.year),
                    category=rng.choice(categories),
                    summary="".join(rng.sample(SUMMARY_SENTENCES, 2)),
                )
            )
        Book.objects.bulk_create(books, batch_size=1000)
        self.count("Book", len(books))
        self.book_objects = books
        ids = [book.pk for book in books]
        rng.shuffle(ids)
        self.book_ids = ids  # popularity rank → book id
        self.book_titles = {book.pk: book.title for book in books}

    def rooms(self, departments):
        rng = self.rng
        rooms = []
        for i in range(self.spec["rooms"]):
            name = ROOM_PLACES[i % len(ROOM_PLACES)] + ("" if i < len(ROOM_PLACES) else f"{i // len(ROOM_PLACES) + 1}")
            rooms.append(
                ReadingRoom(
                    name=name,
                    kind=RoomKind.CORNER if "阅览角" in name else RoomKind.ROOM,
                    operator=RoomOperator.JOINT if "联办" in name else RoomOperator.UNION,
                    address=f"{rng.choice(('综合楼', '一号楼', '二号楼', '东区', '西区'))}{rng.randint(1, 6)}楼",
                    opening_hours=rng.choice(OPENING_HOURS),
                    contact=f"机关工会 0571-8765 {rng.randint(4000, 4999)}",
                    sort_order=i + 1,
                )
            )
        for i in range(self.spec["boxes"]):
            rooms.append(
                ReadingRoom(
                    name=f"流动书箱{i + 1}号",
                    kind=RoomKind.BOX,
                    department=departments[i % len(departments)],
                    opening_hours="随借随还",
                    sort_order=100 + i,
                )
            )
        ReadingRoom.objects.bulk_create(rooms)
        self.count("ReadingRoom", len(rooms))
        self.room_ids = [room.pk for room in rooms]
        self.fixed_rooms = [room.pk for room in rooms if room.kind != RoomKind.BOX]
        return rooms

    def plan_copies(self):
        """How many copies each title has (every title one, popular titles more) and where they live."""
        rng = self.rng
        n_books, n_copies = len(self.book_ids), self.spec["copies"]
        popularity = [1 / (rank + 20) ** 0.9 for rank in range(n_books)]
        per_title = [1] * n_books
        for rank in rng.choices(range(n_books), popularity, k=max(0, n_copies - n_books)):
            per_title[rank] += 1
        room_weights = [rng.choice((6, 3, 2, 2, 1)) for _ in self.room_ids]
        copies = []  # (book_id, home_room_id, acquired day index: negative = before the three years)
        for rank, count in enumerate(per_title):
            for _ in range(count):
                # Most copies were on the shelves before the three years; some were bought during them.
                acquired = -rng.randint(1, 2000) if rng.random() < 0.85 else rng.randint(0, HISTORY_DAYS - 1)
                copies.append((self.book_ids[rank], rng.choices(self.room_ids, room_weights)[0], acquired))
        self.popularity = popularity
        self.copy_plan = copies

    # -- lending history ---------------------------------------------------------

    def simulate_lending(self, employee_ids):
        """Three years of loans at the desk, day by day, keeping the lending rules.

        A copy is never out twice at once; an employee has at most `max_active_loans`
        books out and borrows nothing while one is overdue; a title whose copies
        are all out turns a visitor into a reservation instead.
        """
        rng = self.rng
        rules = LendingRules.load()
        limit, loan_days, renewal_days = rules.max_active_loans, rules.loan_days, rules.renewal_days
        start = self.today - datetime.timedelta(days=HISTORY_DAYS)
        self.start = start
        days = [start + datetime.timedelta(days=d) for d in range(HISTORY_DAYS + 1)]  # the last one is today
        weights = [MONTH_FACTOR[day.month] if day.weekday() < 5 else 0 for day in days[:-1]]
        target = self.spec["loans"]
        total = sum(weights)
        per_day, carry = [], 0.0
        for w in weights:
            carry += target * w / total
            per_day.append(int(carry))
            carry -= int(carry)
        per_day[-1] += target - sum(per_day)

        copies = self.copy_plan
        title_rank = {book_id: rank for rank, book_id in enumerate(self.book_ids)}
        title_copies = defaultdict(list)
        for c, (book_id, _room, _acquired) in enumerate(copies):
            title_copies[title_rank[book_id]].append(c)
        free_from = [acquired for _book, _room, acquired in copies]  # day index the copy is on the shelf
        cum_titles = list(itertools.accumulate(self.popularity))
        # Some read a book a week, most one or two a month, a few hardly ever.
        appetite = [rng.choice((6, 4, 3, 2, 2, 1, 1, 0.3)) for _ in employee_ids]
        cum_borrowers = list(itertools.accumulate(appetite))
        out = defaultdict(list)  # borrower index → [(due day, back day)]
        today_index = HISTORY_DAYS
        loans = []  # (copy index, borrower index, day, due day, back day or None, renewals, returned at another room)
        wanted = []  # (borrower index, title rank, day): every copy was out
        short = [1, 2, 3, 5, 7, 7, 9, 10, 12, 14, 14, 16, 18, 21, 24, 27, 30]
        backlog = 0
        for d, count in enumerate(per_day):
            if not count:
                continue
            count += backlog
            made = attempts = 0
            while made < count and attempts < count * 3:
                attempts += 1
                b = bisect.bisect(cum_borrowers, rng.random() * cum_borrowers[-1])
                current = [loan for loan in out[b] if loan[1] > d]
                out[b] = current
                if len(current) >= limit or any(due < d for due, _back in current):
                    continue  # the desk would refuse: at the limit, or a book overdue
                t = bisect.bisect(cum_titles, rng.random() * cum_titles[-1])
                free = [c for c in title_copies[t] if free_from[c] <= d]
                if not free:
                    wanted.append((b, t, d))
                    continue
                c = rng.choice(free)
                chance = rng.random()
                renewals, due = 0, d + loan_days
                if chance < 0.10:  # renewed once
                    renewals, due = 1, d + loan_days + renewal_days
                    length = rng.randint(loan_days + 1, min(60, loan_days + renewal_days))
                elif chance < 0.15:  # brought back late
                    length = rng.randint(loan_days + 1, 60)
                else:
                    length = rng.choice(short)
                back = d + length
                if days[min(back, today_index)].weekday() >= 5:  # desks open on working days
                    back += 7 - days[min(back, today_index)].weekday() if length + 2 <= 60 else -1
                if back >= today_index:  # still out today
                    free_from[c] = 10**9
                    out[b].append((due, 10**9))
                    back = None
                else:
                    free_from[c] = back
                    out[b].append((due, back))
                elsewhere = rng.random() < 0.1  # 通借通还: returned at another reading room
                loans.append((c, b, d, due, back, renewals, elsewhere))
                made += 1
            backlog = count - made
        self.days = days
        self.loans = loans
        self.wanted = wanted
        self.appetite = appetite

    def write_copies(self):
        rng = self.rng
        active = {loan[0] for loan in self.loans if loan[4] is None}
        objects = []
        for c, (book_id, room_id, acquired) in enumerate(self.copy_plan):
            status = CopyStatus.ON_LOAN if c in active else CopyStatus.ON_SHELF
            if status == CopyStatus.ON_SHELF and rng.random() < 0.004:
                status = rng.choice((CopyStatus.LOST, CopyStatus.WITHDRAWN))
            day = self.today - datetime.timedelta(days=HISTORY_DAYS - acquired)
            objects.append(
                Copy(
                    barcode=f"{BARCODE_PREFIX}{c + 1:07d}",
                    book_id=book_id,
                    home_room_id=room_id,
                    current_room_id=room_id,
                    status=status,
                    acquired_on=day,
                )
            )
        Copy.objects.bulk_create(objects, batch_size=2000)
        self.count("Copy", len(objects))
        self.copy_ids = [copy.pk for copy in objects]
        self.copy_status = [copy.status for copy in objects]

    def write_loans(self, employee_ids):
        rng = self.rng
        librarians = [user.pk for user in self.staff.get(LIBRARIANS, [])] or [None]
        windows = DESK_WINDOWS
        base = [self.moment(day, 0) for day in self.days]
        rows = []
        for c, b, d, due, back, renewals, elsewhere in self.loans:
            book_id, room_id, _acquired = self.copy_plan[c]
            start, end = windows[c % 2] if rng.random() < 0.8 else windows[2 + c % 2]
            lent_at = base[d] + datetime.timedelta(minutes=rng.randint(start, end))
            returned_at = returned_in = returned_by = None
            if back is not None:
                returned_in = rng.choice(self.fixed_rooms) if elsewhere else room_id
                minute = rng.randint(start, end)
                returned_at = base[back] + datetime.timedelta(minutes=minute)
                if back == d and returned_at <= lent_at:
                    returned_at = lent_at + datetime.timedelta(minutes=30)
                returned_by = rng.choice(librarians)
            rows.append(
                (
                    self.copy_ids[c],
                    employee_ids[b],
                    book_id,
                    lent_at,
                    self.days[0] + datetime.timedelta(days=due),
                    renewals,
                    returned_at,
                    room_id,
                    returned_in,
                    rng.choice(librarians),
                    returned_by,
                )
            )
        columns = [
            "copy",
            "borrower",
            "book",
            "lent_at",
            "due_on",
            "renewals",
            "returned_at",
            "lent_in",
            "returned_in",
            "lent_by",
            "returned_by",
        ]
        for start in range(0, len(rows), 50_000):
            copy_rows(Loan, columns, rows[start : start + 50_000])
        self.count("Loan", len(rows))
        # Book.loan_count, counted by the database (the lending services keep it with F() updates).
        counts = Loan.objects.filter(book=OuterRef("pk")).order_by().values("book").annotate(n=Count("pk")).values("n")
        Book.objects.update(loan_count=Coalesce(Subquery(counts), 0))

    def reservations(self, employee_ids):
        """Past reservations (collected, cancelled, expired), the queues for titles that are all out, a holds shelf."""
        rng = self.rng
        spec = self.spec
        rules = LendingRules.load()
        rows = []
        closed_kinds = (
            [ReservationStatus.FULFILLED] * 7 + [ReservationStatus.CANCELLED] * 2 + [ReservationStatus.EXPIRED]
        )
        wanted = [w for w in self.wanted if w[2] < HISTORY_DAYS - 30]
        for b, t, d in rng.sample(wanted, min(spec["past_reservations"], len(wanted))):
            status = rng.choice(closed_kinds)
            created = self.moment(self.days[d], rng.randint(9 * 60, 18 * 60))
            closed = created + datetime.timedelta(days=rng.randint(2, 25), hours=rng.randint(0, 5))
            rows.append(
                Reservation(
                    user_id=employee_ids[b],
                    book_id=self.book_ids[t],
                    pickup_room_id=self.copy_plan[self.copy_index_of_title(t)][1],
                    created_at=created,
                    status=status,
                    closed_at=closed,
                    hold_until=(closed.date() if status == ReservationStatus.EXPIRED else None),
                )
            )
        # Waiting: titles with no copy on the shelf, queued by people who do not have it.
        copies_by_book = defaultdict(list)
        for c, (book_id, _room, _acquired) in enumerate(self.copy_plan):
            copies_by_book[book_id].append(c)
        holders = defaultdict(set)
        for c, b, _d, _due, back, _r, _e in self.loans:
            if back is None:
                holders[self.copy_plan[c][0]].add(b)
        all_out = [
            book_id
            for book_id in self.book_ids[:2000]
            if all(self.copy_status[c] != CopyStatus.ON_SHELF for c in copies_by_book[book_id])
        ]
        waiting, taken = 0, set()
        people = range(len(employee_ids))
        for book_id in all_out:
            if waiting >= spec["waiting"]:
                break
            for b in rng.sample(people, min(len(people), rng.randint(1, 4))):
                if b in holders[book_id] or (b, book_id) in taken:
                    continue
                taken.add((b, book_id))
                rows.append(
                    Reservation(
                        user_id=employee_ids[b],
                        book_id=book_id,
                        pickup_room_id=self.copy_plan[copies_by_book[book_id][0]][1],
                        created_at=timezone.now()
                        - datetime.timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 8)),
                        status=ReservationStatus.WAITING,
                    )
                )
                waiting += 1
        # Ready: a copy back on the shelf, held for the first in line until the pickup deadline.
        on_shelf = [c for c, status in enumerate(self.copy_status) if status == CopyStatus.ON_SHELF]
        held = []
        for c in rng.sample(on_shelf, min(spec["ready"], len(on_shelf))):
            book_id, room_id, _acquired = self.copy_plan[c]
            b = rng.choice(people)
            if (b, book_id) in taken or b in holders[book_id]:
                continue
            taken.add((b, book_id))
            held.append(c)
            rows.append(
                Reservation(
                    user_id=employee_ids[b],
                    book_id=book_id,
                    pickup_room_id=room_id,
                    created_at=timezone.now() - datetime.timedelta(days=rng.randint(5, 25)),
                    status=ReservationStatus.READY,
                    held_copy_id=self.copy_ids[c],
                    hold_until=self.today + datetime.timedelta(days=rng.randint(0, rules.hold_days - 1)),
                )
            )
        Reservation.objects.bulk_create(rows, batch_size=2000)
        Copy.objects.filter(pk__in=[self.copy_ids[c] for c in held]).update(status=CopyStatus.ON_HOLD)
        self.count("Reservation", len(rows))

    def copy_index_of_title(self, rank):
        if not hasattr(self, "_first_copy"):
            self._first_copy = {}
            for c, (book_id, _room, _acquired) in enumerate(self.copy_plan):
                self._first_copy.setdefault(book_id, c)
        return self._first_copy[self.book_ids[rank]]

    # -- reading notes -----------------------------------------------------------

    def notes(self, employee_ids, campaigns):
        """Notes on books their authors borrowed (a few on books they did not), in every state.

        A published note is what the 心得审核 workflow leaves behind: one revision,
        live and live_revision set, an approved workflow state and task state.
        Pending and returned notes have an in-progress / needs-changes workflow
        state on their latest revision; drafts have a revision and no workflow.
        """
        rng = self.rng
        spec = self.spec
        now = timezone.now()
        workflow = ReadingNote().get_workflow()
        task = workflow.tasks.first().specific if workflow else None
        moderators = [user.pk for user in self.staff.get(NOTE_MODERATORS, [])]
        ranges = sorted((c.start_date, c.end_date, c.pk) for c in campaigns)
        base = [self.moment(day, 0) for day in self.days]
        notes, plans = [], []
        for _ in range(spec["notes"]):
            if rng.random() < 0.9:
                c, b, d, _due, back, _r, _e = rng.choice(self.loans)
                book_id = self.copy_plan[c][0]
                written_day = min(HISTORY_DAYS, (back if back is not None else d) + rng.randint(0, 10))
            else:  # read elsewhere: no loan behind it (not 借阅后撰写)
                b = rng.randrange(len(employee_ids))
                book_id = rng.choice(self.book_ids[:5000])
                written_day = rng.randint(0, HISTORY_DAYS)
            written = base[written_day] + datetime.timedelta(minutes=rng.randint(8 * 60, 22 * 60))
            if written > now:
                written = now - datetime.timedelta(minutes=rng.randint(5, 600))
            roll, state = rng.random(), "published"
            for name, share in NOTE_STATES:
                if roll < share:
                    state = name
                    break
                roll -= share
            published = written + datetime.timedelta(days=1, hours=rng.randint(0, 6))
            if state in ("published", "excellent") and published > now:
                state = "pending"  # not reviewed yet
            day = written.date()
            campaign = next((pk for s, e, pk in ranges if s <= day <= e), None)
            title = self.book_titles[book_id]
            quote = rng.choice(NOTE_QUOTES)
            live = state in ("published", "excellent")
            note = ReadingNote(
                author_id=employee_ids[b],
                book_id=book_id,
                campaign_id=campaign,
                title=rng.choice(NOTE_TITLE_PATTERNS).format(book=title, topic=rng.choice(NOTE_TOPICS))[:100],
                body=note_body(rng, title, quote),
                quote=quote,
                created_at=written - datetime.timedelta(hours=rng.randint(1, 48)),
                submitted_at=written if state != "draft" else None,
                live=live,
                has_unpublished_changes=not live,
                first_published_at=published if live else None,
                last_published_at=published if live else None,
                is_excellent=state == "excellent",
                marked_excellent_at=published + datetime.timedelta(days=3) if state == "excellent" else None,
                read_count=(rng.randint(40, 400) if state == "excellent" else rng.randint(0, 120)) if live else 0,
            )
            if live:  # likes from colleagues; more for the excellent notes
                wanted = rng.randint(5, 30) if note.is_excellent else min(rng.randint(0, 4), rng.randint(0, 9))
                likers = {employee_ids[i] for i in rng.sample(range(len(employee_ids)), min(wanted, len(employee_ids)))}
                likers.discard(note.author_id)
                note.like_count = len(likers)
            else:
                likers = set()
            notes.append(note)
            plans.append((state, written, published, sorted(likers)))
        ReadingNote.objects.bulk_create(notes, batch_size=1000)
        self.count("ReadingNote", len(notes))
        for plan in plans:
            self.count(f"  notes {plan[0]}")

        # One revision per note, as save_revision() writes it.
        note_type = ContentType.objects.get_for_model(ReadingNote)
        revisions = [
            Revision(
                content_type=note_type,
                base_content_type=note_type,
                object_id=str(note.pk),
                created_at=written,
                user_id=note.author_id,
                object_str=str(note),
                content=get_serializable_data_for_fields(note),
            )
            for note, (_state, written, _published, _likers) in zip(notes, plans, strict=True)
        ]
        with explicit_timestamps(Revision._meta.get_field("created_at")):
            Revision.objects.bulk_create(revisions, batch_size=1000)
        self.count("Revision (notes)", len(revisions))
        for note, revision in zip(notes, revisions, strict=True):
            note.latest_revision_id = revision.pk
            note.live_revision_id = revision.pk if note.live else None
        # Two UPDATEs joining the revisions by object id (bulk_update's CASE per row is slow at 20,000 rows).
        first, last = notes[0].pk, notes[-1].pk
        own_revision = Revision.objects.filter(base_content_type=note_type, object_id=Cast(OuterRef("pk"), CharField()))
        mine = ReadingNote.objects.filter(pk__range=(first, last))
        mine.update(latest_revision_id=Subquery(own_revision.order_by("-pk").values("pk")[:1]))
        mine.filter(live=True).update(live_revision_id=F("latest_revision_id"))

        # The 心得审核 workflow's trace: approved for published notes, in progress, returned.
        if task is not None:
            states, task_states = [], []
            for note, revision, (state, written, published, _likers) in zip(notes, revisions, plans, strict=True):
                if state == "draft":
                    continue
                moderator = next((m for m in moderators if m != note.author_id), None)
                ws_status, ts_status, finished, comment = {
                    "published": (WorkflowState.STATUS_APPROVED, TaskState.STATUS_APPROVED, published, ""),
                    "excellent": (WorkflowState.STATUS_APPROVED, TaskState.STATUS_APPROVED, published, ""),
                    "pending": (WorkflowState.STATUS_IN_PROGRESS, TaskState.STATUS_IN_PROGRESS, None, ""),
                    "returned": (
                        WorkflowState.STATUS_NEEDS_CHANGES,
                        TaskState.STATUS_REJECTED,
                        published,
                        rng.choice(RETURN_REASONS),
                    ),
                }[state]
                states.append(
                    WorkflowState(
                        content_type=note_type,
                        base_content_type=note_type,
                        object_id=str(note.pk),
                        workflow=workflow,
                        status=ws_status,
                        created_at=written,
                        requested_by_id=note.author_id,
                    )
                )
                task_states.append(
                    TaskState(
                        revision=revision,
                        task=task,
                        status=ts_status,
                        started_at=written,
                        finished_at=finished,
                        finished_by_id=moderator if finished else None,
                        comment=comment,
                    )
                )
            task_state_type = ContentType.objects.get_for_model(TaskState)
            with explicit_timestamps(
                WorkflowState._meta.get_field("created_at"), TaskState._meta.get_field("started_at")
            ):
                WorkflowState.objects.bulk_create(states, batch_size=1000)
                for ws, ts in zip(states, task_states, strict=True):
                    ts.workflow_state = ws
                    ts.content_type = task_state_type
                TaskState.objects.bulk_create(task_states, batch_size=1000)
            if states:
                own_task = TaskState.objects.filter(workflow_state=OuterRef("pk")).order_by("-pk").values("pk")[:1]
                WorkflowState.objects.filter(pk__range=(states[0].pk, states[-1].pk)).update(
                    current_task_state_id=Subquery(own_task)
                )
            self.count("WorkflowState (notes)", len(states))

        # The likes counted in like_count above.
        rows = []
        for note, (_state, _written, published, likers) in zip(notes, plans, strict=True):
            for user_id in likers:
                liked = published + datetime.timedelta(hours=rng.randint(1, 24 * 30))
                rows.append((note.pk, user_id, min(liked, now)))
        copy_rows(NoteLike, ["note", "user", "created_at"], rows)
        self.count("NoteLike", len(rows))
        self.note_objects = notes

    # -- search index ------------------------------------------------------------

    def search_index(self):
        """Books and notes were bulk-inserted (no save signals): index them in bulk, 1,000 at a time.

        On PostgreSQL the GIN indexes of the search table are dropped first and
        built again at the end: one bulk build is several times faster than
        40,000 entries added to them one insert at a time.
        """
        categories = {c.pk: c for c in Category.objects.all()}
        books = self.book_objects
        for book in books:
            book.category = categories.get(book.category_id)
            no_tags(book)
        with gin_indexes_rebuilt():
            bulk_index(Book, books)
            notes = self.note_objects
            bulk_index(ReadingNote, notes)
        self.count("search entries (books + notes)", len(books) + len(notes))

    # -- run ---------------------------------------------------------------------

    def run(self):
        timings = []

        def step(label, fn, *args):
            t = time.perf_counter()
            result = fn(*args)
            seconds = time.perf_counter() - t
            timings.append((label, seconds))
            print(f"  {label:<24} {seconds:8.1f} s", flush=True)
            return result

        with transaction.atomic():
            depts = step("departments", self.departments)
            employee_ids = step("employees", self.employees, depts)
        with transaction.atomic():
            home = self.home()
            campaigns = step("campaigns + events", self.campaigns, home)
            step("articles", self.articles, home, campaigns)
            step("standard pages", self.standard_pages, home)
        with transaction.atomic():
            step("books", self.books)
            step("reading rooms", self.rooms, depts)
            step("plan copies", self.plan_copies)
            step("simulate lending", self.simulate_lending, employee_ids)
            step("copies", self.write_copies)
            step("loans", self.write_loans, employee_ids)
            step("reservations", self.reservations, employee_ids)
        with transaction.atomic():
            step("catalogue + book lists", self.book_pages, home, campaigns)
            step("notes index page", self.notes_index, home)
            step("reading notes", self.notes, employee_ids, campaigns)
        step("honour wall + rounds", self.honours, home)
        with transaction.atomic():
            step("search index", self.search_index)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                step("analyze", cursor.execute, "ANALYZE")
        return timings


# ------------------------------------------------------------------- checks


def check():
    """The lending rules and the model constraints, checked by the database. Returns (facts, problems)."""
    today = timezone.localdate()
    rules = LendingRules.load()
    problems = []
    active = Loan.objects.filter(returned_at__isnull=True)
    doubles = active.values("copy_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    if doubles:
        problems.append(f"{doubles} copies are on loan twice")
    on_loan = Copy.objects.filter(status=CopyStatus.ON_LOAN)
    mismatched = (
        on_loan.exclude(pk__in=active.values("copy_id")).count()
        + active.exclude(copy__status=CopyStatus.ON_LOAN).count()
    )
    if mismatched:
        problems.append(f"{mismatched} copies' status disagrees with their loans")
    over_limit = active.values("borrower_id").annotate(n=Count("pk")).filter(n__gt=rules.max_active_loans).count()
    if over_limit:
        problems.append(f"{over_limit} employees have more than {rules.max_active_loans} books out")
    bad_dates = Loan.objects.filter(returned_at__lt=F("lent_at")).count()
    if bad_dates:
        problems.append(f"{bad_dates} loans come back before they went out")
    reserved = Reservation.objects.filter(status__in=ACTIVE_RESERVATION_STATUSES)
    double_reservations = reserved.values("user_id", "book_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    if double_reservations:
        problems.append(f"{double_reservations} employees hold two active reservations for one title")
    ready = Reservation.objects.filter(status=ReservationStatus.READY)
    held = Copy.objects.filter(status=CopyStatus.ON_HOLD)
    if held.count() != ready.count() or held.exclude(pk__in=ready.values("held_copy_id")).exists():
        problems.append("the holds shelf disagrees with the ready reservations")
    loan_total = Loan.objects.count()
    counted = Book.objects.aggregate(n=Coalesce(Sum("loan_count"), 0))["n"]
    if counted != loan_total:
        problems.append(f"Book.loan_count adds up to {counted:,d}, there are {loan_total:,d} loans")
    notes = ReadingNote.objects.all()
    if notes.filter(Q(live=True, live_revision__isnull=True) | Q(latest_revision__isnull=True)).exists():
        problems.append("some notes have no revision (or are live without a live revision)")
    likes = NoteLike.objects.filter(note=OuterRef("pk")).order_by().values("note").annotate(n=Count("pk")).values("n")
    wrong_likes = notes.alias(n=Coalesce(Subquery(likes), 0)).exclude(like_count=F("n")).count()
    if wrong_likes:
        problems.append(f"{wrong_likes} notes' like_count disagrees with their likes")
    note_type = ContentType.objects.get_for_model(ReadingNote)
    open_states = (
        WorkflowState.objects.active()
        .filter(base_content_type=note_type)
        .values("object_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    if open_states:
        problems.append(f"{open_states} notes have two open workflow states")
    active_count = active.count()
    waiting_count = reserved.filter(status=ReservationStatus.WAITING).count()
    published, excellent = notes.filter(live=True).count(), notes.filter(is_excellent=True).count()
    facts = {
        "loans": loan_total,
        "still out": f"{active_count:,d} ({100 * active_count / max(loan_total, 1):.1f} %)",
        "overdue": active.filter(due_on__lt=today).count(),
        "renewed": Loan.objects.filter(renewals__gt=0).count(),
        "returned elsewhere (通借通还)": Loan.objects.exclude(returned_in=F("lent_in"))
        .filter(returned_at__isnull=False)
        .count(),
        "reservations waiting / ready": f"{waiting_count} / {ready.count()}",
        "notes published / 优秀": f"{published:,d} / {excellent:,d}",
        "notes in review (心得审核)": WorkflowState.objects.filter(
            base_content_type=note_type, status=WorkflowState.STATUS_IN_PROGRESS
        ).count(),
        "notes written after a loan": notes.filter(
            Exists(Loan.objects.filter(borrower=OuterRef("author"), book=OuterRef("book")))
        ).count(),
    }
    return facts, problems


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
    print(f"Generating '{args.scale}' bench data (seed {args.seed}) into {engine}:{db['NAME']}", flush=True)
    started = time.perf_counter()
    generator = Generator(args.scale, args.seed)
    generator.run()
    total = time.perf_counter() - started
    print("Created:")
    for label, n in generator.created.items():
        print(f"  {label:<32} {n:9,d}")
    print(f"  {'pages (total)':<32} {generator.pages:9,d}")
    t = time.perf_counter()
    facts, problems = check()
    print(f"Checks ({time.perf_counter() - t:.1f} s):")
    for label, value in facts.items():
        print(f"  {label:<32} {value:>9,}" if isinstance(value, int) else f"  {label:<32} {value:>9}")
    for problem in problems:
        print(f"  ! {problem}")
    print("  OK: the lending rules and constraints hold" if not problems else "  NOT OK")
    print(f"Generation: {total:.1f} s. Bench users log in with password {BENCH_PASSWORD!r} (staff numbers B00001…).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
