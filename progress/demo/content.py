"""The reading plans of a few demo employees: a goal, planned catalogue books (by title),
a book typed in from outside the reading room, and self-reported reads (days before today)."""

PLANS = [
    {
        "staff_number": "E1007",
        "goal": 24,
        "planned": ["万历十五年", "乡土中国", "人类简史：从动物到上帝"],
        "typed": [("额尔古纳河右岸", "迟子建")],
        "self_reads": [("额尔古纳河右岸", "迟子建", 40, "在家读完，写东北森林里的鄂温克人。")],
    },
    {
        "staff_number": "E1008",
        "goal": 12,
        "planned": ["论语译注", "传习录"],
        "typed": [],
        "self_reads": [("长安的荔枝", "马伯庸", 15, ""), ("人生海海", "麦家", 70, "出差路上读的。")],
    },
    {
        "staff_number": "E2001",
        "goal": 36,
        "planned": ["史记", "资治通鉴", "国史大纲", "中国大历史"],
        "typed": [("置身事内", "兰小欢")],
        "self_reads": [],
    },
    {
        "staff_number": "E2003",
        "goal": 6,
        "planned": ["中国法律与中国社会"],
        "typed": [],
        "self_reads": [("置身事内", "兰小欢", 5, "")],
    },
]

# Employees who joined the running 党史学习教育读书月 (campaigns/demo/content.py CHALLENGE_CURRENT).
CHALLENGE_SLUG = "party-history-reading-month"
CHALLENGE_PARTICIPANTS = ["E2002", "E2006", "E2010", "E2019", "E2021", "E2035", "E1003"]
