"""Lending data of the demo site, built by ``manage.py load_demo`` (home app).

What it builds, each step idempotent:

* reading rooms (职工书屋, 阅览角, a room run with an enterprise, two 流动书箱),
  looked up by name;
* one copy per 册数 of every catalogue book (``booklists/demo/catalogue.csv``),
  barcodes SX000001… in catalogue order, looked up by barcode; a few lost or
  withdrawn;
* a year of returned loans, written in bulk from a seeded random generator
  (skipped when any returned loan exists), then ``Book.loan_count`` recounted;
* the current state — transfers to the book boxes, active and overdue loans, a
  reservation queue, a copy on the holds shelf, due notices — made through
  ``loans.services`` so every lending rule holds (skipped when any loan is
  active or any reservation exists).

Dates are relative to today, so the demo always has loans due soon and overdue.
Like ``home/demo_content.py`` the texts are data, not interface strings.
"""

import csv
import datetime
import random
from collections import defaultdict

from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from booklists.demo.content import CATALOGUE_FILE
from booklists.models import Book

from . import services
from .models import Copy, CopyMovement, CopyStatus, Loan, Notice, ReadingRoom, Reservation, RoomKind, RoomOperator

MAIN = "机关职工书屋"
CANTEEN = "机关食堂阅览角"
INFO = "信息中心阅览角"
JOINT = "市供电公司联办职工书屋"
BOX_1 = "流动书箱一号"
BOX_2 = "流动书箱二号"

# share: the part of the copies shelved there (book boxes are filled by transfers).
# hours: desk times, used for the times of the demo's loans and returns.
ROOMS = [
    {
        "name": MAIN,
        "kind": RoomKind.ROOM,
        "operator": RoomOperator.UNION,
        "department": None,
        "address": "综合办公楼三楼301—305室",
        "opening_hours": "周一至周五 12:00–13:30、17:30–19:00",
        "contact": "孙丽华 0571-8765 4321",
        "share": 62,
        "hours": [("12:00", "13:30"), ("17:30", "19:00")],
    },
    {
        "name": CANTEEN,
        "kind": RoomKind.CORNER,
        "operator": RoomOperator.UNION,
        "department": None,
        "address": "综合办公楼一楼职工食堂东侧",
        "opening_hours": "工作日 11:30–13:00",
        "contact": "机关工会 0571-8765 4300",
        "share": 12,
        "hours": [("11:30", "13:00")],
    },
    {
        "name": INFO,
        "kind": RoomKind.CORNER,
        "operator": RoomOperator.UNION,
        "department": "信息中心",
        "address": "信息中心五楼休息区",
        "opening_hours": "工作日 9:00–17:30",
        "contact": "信息中心综合科 0571-8765 4388",
        "share": 8,
        "hours": [("09:00", "11:30"), ("14:00", "17:30")],
    },
    {
        "name": JOINT,
        "kind": RoomKind.ROOM,
        "operator": RoomOperator.JOINT,
        "department": None,
        "address": "人民路100号市供电公司综合楼二楼（与机关工会联办，通借通还）",
        "opening_hours": "周一至周五 9:00–17:00，周六 9:00–12:00",
        "contact": "供电公司工会 0571-8760 1122",
        "share": 18,
        "hours": [("09:00", "11:30"), ("13:30", "17:00")],
    },
    {
        "name": BOX_1,
        "kind": RoomKind.BOX,
        "operator": RoomOperator.UNION,
        "department": "办公室",
        "address": "现放在办公室（综合办公楼四楼408室），每两个月轮换一次",
        "opening_hours": "随部门上班时间，借还请在登记本上登记",
        "contact": "办公室 马骏",
        "share": 0,
        "hours": [("09:00", "17:00")],
    },
    {
        "name": BOX_2,
        "kind": RoomKind.BOX,
        "operator": RoomOperator.UNION,
        "department": "法规处",
        "address": "现放在法规处（综合办公楼六楼612室），每两个月轮换一次",
        "opening_hours": "随部门上班时间，借还请在登记本上登记",
        "contact": "法规处 魏琳",
        "share": 0,
        "hours": [("09:00", "17:00")],
    },
]

BARCODE_PREFIX = "SX"
SEED = 20240423  # 世界读书日

# (barcode number, status, note): copies the last stocktaking found missing or worn out.
LOST_AND_WITHDRAWN = [
    (12, CopyStatus.LOST, "2024年12月盘点时未找到，已登记遗失"),
    (97, CopyStatus.LOST, "借阅人调离时遗失，已按价赔偿"),
    (203, CopyStatus.LOST, "2024年12月盘点时未找到，已登记遗失"),
    (58, CopyStatus.WITHDRAWN, "书脊破损、缺页，已剔旧"),
    (150, CopyStatus.WITHDRAWN, "水渍严重，已剔旧"),
    (331, CopyStatus.WITHDRAWN, "旧版，已由新版替换"),
]

# Book boxes: (box, days ago the box was filled, reason, titles sent to it).
BOX_FILLS = [
    (
        BOX_1,
        20,
        "流动书箱轮换：送往办公室",
        [
            "活法",
            "断舍离",
            "五味",
            "人生",
            "月亮和六便士",
            "解忧杂货店",
            "高效能人士的七个习惯",
            "金字塔原理",
            "睡眠革命",
            "历史的温度",
            "我心归处是敦煌",
            "健身气功·八段锦",
        ],
    ),
    (
        BOX_2,
        45,
        "流动书箱轮换：送往法规处",
        [
            "法治的细节",
            "圆圈正义",
            "洞穴奇案",
            "中华人民共和国民法典",
            "刑法学讲义",
            "万历十五年",
            "显微镜下的大明",
            "茶馆",
            "非暴力沟通",
            "深度工作",
        ],
    ),
]

POPULAR_TITLE = "长安的荔枝"

# The current loans, lent through loans.services.lend in this order (oldest first):
# (staff number, title, days ago, room). Overdue borrowers appear once: someone with an
# overdue book may not borrow again. E1007 is the demo employee (run-demo's 职工).
CURRENT_LOANS = [
    ("E2003", "明朝那些事儿", 45, MAIN),
    ("E2029", "非暴力沟通", 43, BOX_2),
    ("E2005", "平凡的世界", 42, MAIN),  # renewed 12 days ago
    ("E2011", "三体", 40, MAIN),
    ("E2017", "人类简史：从动物到上帝", 38, JOINT),
    ("E2024", "金字塔原理", 36, MAIN),
    ("E2030", "苏东坡传", 34, CANTEEN),
    ("E1007", "万历十五年", 28, MAIN),  # due in two days
    ("E2026", "悲惨世界", 25, CANTEEN),  # returned yesterday, held for E1007
    ("E2014", "红楼梦", 24, MAIN),
    ("E2001", POPULAR_TITLE, 21, MAIN),
    ("E2031", "认知觉醒", 19, INFO),
    ("E2008", POPULAR_TITLE, 17, INFO),
    ("E2019", "中国共产党简史", 15, MAIN),
    ("E2033", "法治及其本土资源", 14, MAIN),
    ("E1007", "乡土中国", 12, MAIN),
    ("E2027", "你当像鸟飞往你的山", 11, JOINT),
    ("E2015", POPULAR_TITLE, 10, MAIN),
    ("E2040", "数学之美", 9, INFO),
    ("E2009", "活法", 8, BOX_1),
    ("E2036", "身体从未忘记", 7, MAIN),
    ("E2013", "圆圈正义", 6, BOX_2),
    ("E2021", "唐诗三百首", 6, CANTEEN),
    ("E2002", "摆脱贫困", 5, MAIN),
    ("E1008", "额尔古纳河右岸", 5, MAIN),
    ("E1007", "被讨厌的勇气", 4, MAIN),
    ("E2035", "艺术的故事", 3, MAIN),
    ("E2028", "人工智能", 2, JOINT),
    ("E1009", "正面管教", 2, CANTEEN),
    ("E2010", "卓有成效的管理者", 1, MAIN),
    ("E2037", "宪法学讲义", 1, MAIN),
]
RENEWED = ("E2005", "平凡的世界", 12)  # renewed this many days ago
# The queue for the popular title: (staff number, days ago), first in line first.
QUEUE = [("E1008", 9), ("E1007", 6), ("E2020", 2)]
# A single-copy title: E1007 reserves it while it is out; it comes back yesterday at
# another room and goes onto the holds shelf of E1007's pickup room.
HOLD = {"title": "悲惨世界", "user": "E1007", "reserved_days_ago": 7, "returned_in": CANTEEN, "pickup": MAIN}

HISTORY_DAYS = 365
LOANS_PER_WORKING_DAY = 12
# Reading month (April) and the autumn push borrow more; Spring Festival and summer less.
MONTH_FACTOR = {1: 0.8, 2: 0.5, 3: 1.1, 4: 1.8, 5: 1.1, 6: 0.9, 7: 0.8, 8: 0.8, 9: 1.0, 10: 0.9, 11: 1.2, 12: 0.9}
HOT_TITLES = {
    "长安的荔枝": 6,
    "三体": 5,
    "人世间": 5,
    "明朝那些事儿": 4,
    "平凡的世界": 4,
    "活着": 4,
    "万历十五年": 3,
    "人类简史：从动物到上帝": 3,
    "苏东坡传": 3,
    "被讨厌的勇气": 3,
    "我与地坛": 3,
    "繁花": 3,
    "乡土中国": 3,
    "中国共产党简史": 3,
    "你当像鸟飞往你的山": 3,
    "金字塔原理": 2,
    "蛤蟆先生去看心理医生": 2,
    "显微镜下的大明": 2,
    "额尔古纳河右岸": 2,
}
CATEGORY_FACTOR = {
    "中外文学": 1.6,
    "人文历史": 1.4,
    "人生励志": 1.2,
    "生活保健": 1.1,
    "党建党史": 1.0,
    "科普知识": 0.9,
    "哲学法律": 0.8,
    "书画艺术": 0.6,
}


def read_catalogue():
    """(title, category name, copies) in catalogue order."""
    with CATALOGUE_FILE.open(encoding="utf-8-sig", newline="") as handle:
        return [(row["书名"].strip(), row["分类"].strip(), int(row["册数"] or 0)) for row in csv.DictReader(handle)]


def barcode(number):
    return f"{BARCODE_PREFIX}{number:06d}"


def local_datetime(day, hhmm):
    time = datetime.time.fromisoformat(hhmm)
    return timezone.make_aware(datetime.datetime.combine(day, time))


def desk_time(rng, room_spec, day):
    """A random moment within one of the room's desk hours on `day`."""
    start, end = rng.choice(room_spec["hours"])
    first = datetime.datetime.combine(day, datetime.time.fromisoformat(start))
    minutes = int((datetime.datetime.combine(day, datetime.time.fromisoformat(end)) - first).total_seconds() // 60)
    return timezone.make_aware(first + datetime.timedelta(minutes=rng.randrange(minutes)))


def next_working_day(day):
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


class LendingDemo:
    """Builds the lending data. `tally(label, created, skipped)` records what was done."""

    def __init__(self, departments, users, librarian, tally, today=None):
        self.departments = departments
        self.users = users  # staff number → User: borrowers of the history and the current state
        self.librarian = librarian
        self.tally = tally
        self.today = today or timezone.localdate()
        self.room_specs = {spec["name"]: spec for spec in ROOMS}
        self.warnings = []

    def days_ago(self, days):
        return self.today - datetime.timedelta(days=days)

    def build(self):
        notices_before = Notice.objects.count()
        self.rooms = self.build_rooms()
        self.build_copies()
        self.plan = self.current_plan()
        history = self.build_history()
        current = self.build_current_state()
        if history or current:
            self.recount_loans()
        # What the nightly job does: remind borrowers of books due soon or overdue.
        services.send_due_notices(today=self.today)
        # Counted with the 预约到书 notice the holds shelf sent.
        self.tally("借阅通知", Notice.objects.count() - notices_before, notices_before)

    # -- rooms and copies ----------------------------------------------------

    def build_rooms(self):
        rooms = {}
        created = 0
        for order, spec in enumerate(ROOMS):
            room, was_created = ReadingRoom.objects.get_or_create(
                name=spec["name"],
                defaults={
                    "kind": spec["kind"],
                    "operator": spec["operator"],
                    "department": self.departments.get(spec["department"]),
                    "address": spec["address"],
                    "opening_hours": spec["opening_hours"],
                    "contact": spec["contact"],
                    "sort_order": order,
                },
            )
            created += was_created
            rooms[spec["name"]] = room
        self.tally("阅览点", created, len(ROOMS) - created)
        return rooms

    def copy_plan(self):
        """(barcode, title, room name, acquired_on, status, note) for every catalogue copy, deterministic."""
        rng = random.Random(SEED)
        shelves = [spec["name"] for spec in ROOMS if spec["share"]]
        weights = [spec["share"] for spec in ROOMS if spec["share"]]
        damaged = {number: (status, note) for number, status, note in LOST_AND_WITHDRAWN}
        plan, number = [], 0
        for title, _category, copies in read_catalogue():
            for index in range(copies):
                number += 1
                # The first copy of every title is in the main reading room.
                room = MAIN if index == 0 else rng.choices(shelves, weights)[0]
                # Most copies are a few years old; one in twenty arrived in the last two months.
                age = rng.randint(20, 60) if rng.random() < 0.05 else rng.randint(400, 1800)
                status, note = damaged.get(number, (CopyStatus.ON_SHELF, ""))
                plan.append((barcode(number), title, room, self.days_ago(age), status, note))
        return plan

    def build_copies(self):
        plan = self.copy_plan()
        books = {}
        for book in Book.objects.catalogue().filter(title__in={row[1] for row in plan}).order_by("pk"):
            books.setdefault(book.title, book)
        existing = set(Copy.objects.filter(barcode__in=[row[0] for row in plan]).values_list("barcode", flat=True))
        new = [
            Copy(
                barcode=code,
                book=books[title],
                home_room=self.rooms[room],
                current_room=self.rooms[room],
                acquired_on=acquired_on,
                status=status,
                note=note,
            )
            for code, title, room, acquired_on, status, note in plan
            if code not in existing and title in books
        ]
        Copy.objects.bulk_create(new, batch_size=500)
        self.tally("复本", len(new), len(existing))

    # -- the plan of the current state -----------------------------------------

    def current_plan(self):
        """Which copy each current loan and box transfer uses, and from which day the history must
        leave it alone. Worked out from the copies alone, so the history and the current state agree."""
        copies = defaultdict(list)  # title → [(barcode, home room name)] by barcode
        for code, title, room_name in (
            Copy.objects.filter(barcode__startswith=BARCODE_PREFIX, status=CopyStatus.ON_SHELF)
            .order_by("barcode")
            .values_list("barcode", "book__title", "home_room__name")
        ):
            copies[title].append((code, room_name))
        taken = set()
        reserved_from = {}  # barcode → first day the history must not use it

        def pick(title, room_name, since):
            candidates = [code for code, home in copies.get(title, []) if code not in taken]
            preferred = [code for code, home in copies.get(title, []) if code not in taken and home == room_name]
            chosen = (preferred or candidates or [None])[0]
            if chosen:
                taken.add(chosen)
                reserved_from[chosen] = min(reserved_from.get(chosen, since), since)
            # Lent where the copy is, if the wished-for room has none.
            return chosen, dict(copies.get(title, [])).get(chosen, room_name)

        boxes = []
        for box, days, reason, titles in BOX_FILLS:
            since = self.days_ago(days)
            # A box takes a second copy, so the main room keeps the title.
            codes = []
            for title in titles:
                spare = [code for code, home in copies.get(title, [])[1:] if code not in taken and home == MAIN]
                others = [code for code, home in copies.get(title, [])[1:] if code not in taken]
                chosen = (spare or others or [None])[0]
                if chosen:
                    taken.add(chosen)
                    reserved_from[chosen] = since
                    codes.append(chosen)
            boxes.append((box, since, reason, codes))
        box_codes = {code: box for box, _since, _reason, codes in boxes for code in codes}

        loans = []
        for staff_number, title, days, room_name in CURRENT_LOANS:
            since = self.days_ago(days)
            if room_name in (BOX_1, BOX_2):
                of_title = {code for code, _home in copies.get(title, [])}
                code = next((c for c, b in box_codes.items() if b == room_name and c in of_title), None)
                if code:
                    reserved_from[code] = min(reserved_from[code], since)
            else:
                code, room_name = pick(title, room_name, since)
            loans.append((staff_number, title, since, room_name, code))
        return {"boxes": boxes, "loans": loans, "reserved_from": reserved_from}

    # -- a year of history -----------------------------------------------------

    def build_history(self):
        if Loan.objects.filter(returned_at__isnull=False).exists():
            self.tally("借阅历史", 0, Loan.objects.filter(returned_at__isnull=False).count())
            return 0
        rng = random.Random(SEED + 1)
        catalogue = {title: category for title, category, _copies in read_catalogue()}
        copies = defaultdict(list)
        for copy in (
            Copy.objects.filter(barcode__startswith=BARCODE_PREFIX)
            .select_related("home_room")
            .only("pk", "barcode", "book_id", "book__title", "home_room__name", "acquired_on", "status")
            .order_by("barcode")
        ):
            if copy.status in (CopyStatus.LOST, CopyStatus.WITHDRAWN):
                until = self.days_ago(200)  # they were still on the shelf last spring
            else:
                until = self.plan["reserved_from"].get(copy.barcode, self.today) - datetime.timedelta(days=1)
            copies[copy.book_id].append(
                {"pk": copy.pk, "room": copy.home_room.name, "from": copy.acquired_on, "until": until, "free": None}
            )
        books = list(Book.objects.filter(pk__in=copies).values_list("pk", "title"))
        book_weights = [
            CATEGORY_FACTOR.get(catalogue.get(title), 1.0) * HOT_TITLES.get(title, 1) * (1 + len(copies[pk]) / 2)
            for pk, title in books
        ]
        borrowers = sorted(self.users.values(), key=lambda user: user.staff_number)
        # Some read a book a week, most one or two a month, a few hardly ever.
        appetite = [rng.choice([6, 4, 3, 2, 2, 1, 1, 0.3]) for _ in borrowers]
        on_loan = defaultdict(list)  # borrower pk → [(due, returned)]
        rows = []
        last_day = self.days_ago(1)
        for days in range(HISTORY_DAYS, 0, -1):
            day = self.days_ago(days)
            if day.weekday() >= 5:
                continue
            expected = LOANS_PER_WORKING_DAY * MONTH_FACTOR[day.month]
            for _ in range(max(0, round(rng.gauss(expected, expected / 3)))):
                borrower = rng.choices(borrowers, appetite)[0]
                current = [(due, back) for due, back in on_loan[borrower.pk] if back >= day]
                on_loan[borrower.pk] = current
                if len(current) >= 5 or any(due < day for due, _back in current):
                    continue  # the desk would refuse: at the limit or a book overdue
                book_id = rng.choices(books, book_weights)[0][0]
                free = [
                    copy
                    for copy in copies[book_id]
                    if copy["from"] < day <= copy["until"] and (copy["free"] is None or copy["free"] < day)
                ]
                if not free:
                    continue
                copy = rng.choice(free)
                chance = rng.random()
                renewals = 0
                due = day + datetime.timedelta(days=30)
                if chance < 0.08:  # returned late
                    back = due + datetime.timedelta(days=rng.randint(1, 21))
                elif chance < 0.25:  # renewed once
                    renewals = 1
                    due += datetime.timedelta(days=30)
                    back = day + datetime.timedelta(days=rng.randint(31, 60))
                else:
                    back = day + datetime.timedelta(days=rng.choice([3, 5, 7, 9, 12, 14, 16, 19, 21, 24, 27, 30]))
                back = next_working_day(back)
                if back > last_day or back > copy["until"]:
                    continue  # would still be out today: the current state has its own loans
                lent_in = copy["room"]
                # 通借通还: one book in nine comes back at another reading room.
                returned_in = lent_in
                if rng.random() < 0.11:
                    returned_in = rng.choice([MAIN, CANTEEN, INFO, JOINT])
                rows.append(
                    Loan(
                        copy_id=copy["pk"],
                        borrower=borrower,
                        book_id=book_id,
                        lent_at=desk_time(rng, self.room_specs[lent_in], day),
                        due_on=due,
                        renewals=renewals,
                        returned_at=desk_time(rng, self.room_specs[returned_in], back),
                        lent_in=self.rooms[lent_in],
                        returned_in=self.rooms[returned_in],
                        lent_by=self.librarian,
                        returned_by=self.librarian,
                    )
                )
                copy["free"] = back
                on_loan[borrower.pk].append((due, back))
        Loan.objects.bulk_create(rows, batch_size=500)
        self.tally("借阅历史", len(rows), 0)
        return len(rows)

    # -- the current state, through the lending rules ---------------------------

    def build_current_state(self):
        active = Loan.objects.filter(returned_at__isnull=True).count()
        reservations = Reservation.objects.count()
        if active or reservations:
            self.tally("当前借阅", 0, active)
            self.tally("预约", 0, reservations)
            self.tally("调拨记录", 0, CopyMovement.objects.count())
            return 0
        movements_before = CopyMovement.objects.count()
        self.fill_boxes()
        lent = 0
        self.hold_loan = None
        for staff_number, title, since, room_name, code in self.plan["loans"]:
            borrower = self.users.get(staff_number)
            if borrower is None or code is None:
                self.warnings.append(f"没有可借给 {staff_number} 的《{title}》，跳过")
                continue
            loan = self.lend(borrower, code, room_name, since)
            lent += 1
            if (staff_number, title) == RENEWED[:2]:
                services.renew(loan.pk, borrower, today=self.days_ago(RENEWED[2]))
            if (staff_number, title) != (HOLD["user"], HOLD["title"]) and title == HOLD["title"]:
                self.hold_loan = loan
        reservations = self.build_queue() + self.build_hold()
        self.tally("当前借阅", lent - (self.hold_loan is not None), 0)
        self.tally("预约", reservations, 0)
        # The box fills, and the held copy's trip from where it was returned to its pickup room.
        self.tally("调拨记录", CopyMovement.objects.count() - movements_before, movements_before)
        return lent + reservations

    def fill_boxes(self):
        for box_name, since, reason, codes in self.plan["boxes"]:
            moved, refused = services.transfer(codes, self.rooms[box_name], self.librarian, reason=reason)
            if refused:
                raise RuntimeError("; ".join(str(message) for message in refused))
            CopyMovement.objects.filter(copy__in=moved, to_room=self.rooms[box_name]).update(
                moved_at=local_datetime(since, "09:30")
            )

    def lend(self, borrower, code, room_name, day):
        rng = random.Random(f"{SEED}:{code}:{day}")
        outcome = services.lend(borrower, code, self.rooms[room_name], librarian=self.librarian, today=day)
        lent_at = desk_time(rng, self.room_specs[room_name], day)
        Loan.objects.filter(pk=outcome.loan.pk).update(lent_at=lent_at)
        return outcome.loan

    def build_queue(self):
        book = Book.objects.catalogue().filter(title=POPULAR_TITLE).first()
        made = 0
        for position, (staff_number, days) in enumerate(QUEUE):
            user = self.users.get(staff_number)
            if book is None or user is None:
                continue
            day = self.days_ago(days)
            outcome = services.reserve(user, book, self.rooms[MAIN], today=day)
            Reservation.objects.filter(pk=outcome.reservation.pk).update(
                created_at=local_datetime(day, f"{12 + position % 2}:{10 + 7 * position:02d}")
            )
            made += 1
        return made

    def build_hold(self):
        """E1007 reserves a title that is out; it comes back yesterday and is held for them."""
        user = self.users.get(HOLD["user"])
        loan = getattr(self, "hold_loan", None)
        if user is None or loan is None:
            return 0
        reserved = self.days_ago(HOLD["reserved_days_ago"])
        outcome = services.reserve(user, loan.book, self.rooms[HOLD["pickup"]], today=reserved)
        Reservation.objects.filter(pk=outcome.reservation.pk).update(created_at=local_datetime(reserved, "12:25"))
        yesterday = self.days_ago(1)
        returned = services.return_copy(
            loan.copy.barcode, self.rooms[HOLD["returned_in"]], librarian=self.librarian, today=yesterday
        )
        Loan.objects.filter(pk=loan.pk).update(returned_at=local_datetime(yesterday, "12:20"))
        CopyMovement.objects.filter(copy_id=loan.copy_id, moved_at__date__gte=self.today).update(
            moved_at=local_datetime(yesterday, "12:20")
        )
        return 1 if returned.reservation else 0

    def recount_loans(self):
        counts = Loan.objects.filter(book=OuterRef("pk")).order_by().values("book").annotate(n=Count("pk")).values("n")
        Book.objects.update(loan_count=Coalesce(Subquery(counts), 0))


def check_consistency():
    """What is wrong with the lending data (an empty list when every rule holds)."""
    problems = []
    doubles = (
        Loan.objects.filter(returned_at__isnull=True).values("copy_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    )
    if doubles:
        problems.append(f"{doubles} copies are on loan twice")
    on_loan = set(Loan.objects.filter(returned_at__isnull=True).values_list("copy_id", flat=True))
    status_on_loan = set(Copy.objects.filter(status=CopyStatus.ON_LOAN).values_list("pk", flat=True))
    if on_loan != status_on_loan:
        problems.append(f"{len(on_loan ^ status_on_loan)} copies' status disagrees with their loans")
    held = set(Reservation.objects.filter(status="ready").values_list("held_copy_id", flat=True))
    status_held = set(Copy.objects.filter(status=CopyStatus.ON_HOLD).values_list("pk", flat=True))
    if held != status_held:
        problems.append(f"{len(held ^ status_held)} copies' status disagrees with the holds shelf")
    counts = Loan.objects.filter(book=OuterRef("pk")).order_by().values("book").annotate(n=Count("pk")).values("n")
    wrong = Book.objects.alias(n=Coalesce(Subquery(counts), 0)).exclude(loan_count=F("n")).count()
    if wrong:
        problems.append(f"{wrong} books' loan_count disagrees with their loans")
    return problems
