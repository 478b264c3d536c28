"""The lending side of the demo site, as data: reading rooms and book boxes, lost and withdrawn
copies, book box fills, the current loans, the reservation queue, the held copy, and how much a
year of history borrows. `builder.LendingDemo` turns it into rows.

Like ``home/demo_content.py`` the texts are data, not interface strings.
"""

from ..models import CopyStatus, RoomKind, RoomOperator

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

# The 2024 读书月 (4.23–5.23, campaigns/demo/content.py CHALLENGE_2024): loans in that window, before
# the year of history. (staff number, title, lent on, days kept.) With their notes of 4.23 and 5.10
# (notes/demo/content.py) E2003 and E2009 finish the challenge; the others read but wrote no note
# in time, and E2012's two-day loan is no verified read.
READING_MONTH_2024 = [
    ("E2003", "乡土中国", "2024-04-22", 12),
    ("E2009", "我与地坛", "2024-04-25", 14),
    ("E2012", "万历十五年", "2024-05-06", 2),
    ("E2016", "活着", "2024-04-26", 20),
    ("E2025", "红楼梦", "2024-05-08", 25),
    ("E2006", "苦难辉煌", "2024-05-13", 9),
    ("E2019", "红星照耀中国", "2024-04-29", 16),
]
