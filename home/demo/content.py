"""Texts of the demo home page, plain pages and site settings built by `manage.py load_demo`.

This is data, not interface text: it is what an editor of a real office would
have typed into the admin, so it stays in Chinese (with English versions for
the translated pages) and is not marked for translation.

Bodies are StreamField data in raw form: a list of ``(block type, value)``
pairs, rich text as Wagtail's database HTML. A call-to-action whose ``page``
is a string names a page the command created (``"questionnaire"``, ``"about"``
…); the command replaces it by that page's id.
"""

# ---------------------------------------------------------------------------
# Site settings and the home page
# ---------------------------------------------------------------------------

SITE_SETTINGS = {
    "organisation": "某某市机关工会 · 职工书屋",
    "address": "某某市人民路88号市级机关综合办公楼三楼",
    "phone": "0571-8765 4321",
    "email": "shuwu@example.gov.cn",
    "footer_note": "职工书屋开放时间：工作日 12:00—13:30、17:30—19:00",
}

HOME = {
    "hero_title": "书香润机关，阅读促提升",
    "hero_text": (
        "多读书、读好书、善读书。机关职工书屋藏书两万余册，欢迎全体干部职工借阅、预约、分享读书心得，共建学习型机关。"
    ),
    "intro": "某某市机关“书香机关”创建活动门户：活动动态、借阅服务、读书心得与荣誉墙。",
    # 实时数据: computed from the demo's catalogue, loans and notes (reports/figures.py); the visits
    # are those the librarians recorded (reports/demo/).
    "figures": {
        "title": "职工书屋数据",
        "figures": [
            {"figure": "copies", "label": "馆藏图书"},
            {"figure": "reading_rooms", "label": "职工书屋和流动书箱"},
            {"figure": "loans_this_year", "label": "今年借阅"},
            {"figure": "participation_rate", "label": "今年参与阅读的职工"},
            {"figure": "visits_this_year", "label": "今年到馆"},
        ],
    },
    "body": [
        ("heading", {"text": "职工书屋欢迎您", "size": "h2"}),
        (
            "paragraph",
            "<p>机关职工书屋设在综合办公楼三楼，另有五个分布在各办公区的阅览点和两只流动书箱。"
            "书屋藏书涵盖哲学法律、人文历史、中外文学、党建党史、科普知识等八大类，"
            "支持网上查询、预约和各书屋之间通借通还。</p>",
        ),
        (
            "call_to_action",
            {
                "title": "第一次来借书？",
                "text": "看看借阅规则：每人最多同时借阅5册，借期30天，可续借一次。",
                "button_label": "查看借阅规则",
                "page": "rules",
                "external_url": "",
            },
        ),
    ],
}


# ---------------------------------------------------------------------------
# Plain pages
# ---------------------------------------------------------------------------

STANDARD_PAGES = [
    {
        "key": "about",
        "title": "关于职工书屋",
        "slug": "about",
        "show_in_menus": True,
        "intro": "机关职工书屋是机关工会为干部职工建设的阅读阵地，藏书两万余册，六个书屋通借通还。",
        "body": [
            ("heading", {"text": "书屋简介", "size": "h2"}),
            (
                "paragraph",
                "<p>机关职工书屋始建于2015年，2019年被评为“全国工会职工书屋示范点”。"
                "主书屋位于综合办公楼三楼，面积约180平方米，设阅览座位40个；"
                "另有五个阅览点分布在各办公区，两只流动书箱每月轮换进科室。</p>",
            ),
            ("heading", {"text": "馆藏", "size": "h2"}),
            (
                "paragraph",
                "<p>书屋现有藏书两万余册，分为八大类：哲学法律、人文历史、书画艺术、中外文学、"
                "党建党史、生活保健、科普知识、人生励志。每年根据职工推荐和问卷结果采购新书约1000册。</p>",
            ),
            ("heading", {"text": "开放时间", "size": "h2"}),
            (
                "table",
                {
                    "data": [
                        ["书屋", "地点", "开放时间"],
                        ["主书屋", "综合办公楼三楼", "工作日 12:00—13:30、17:30—19:00"],
                        ["东区阅览点", "东区办公楼一楼", "工作日 12:00—13:30"],
                        ["信息中心阅览点", "信息中心二楼", "工作日 12:00—13:30"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "",
                },
            ),
            (
                "paragraph",
                "<p>联系人：孙丽华（机关工会），电话 0571-8765 4321，邮箱 shuwu@example.gov.cn。</p>",
            ),
        ],
    },
    {
        "key": "rules",
        "title": "借阅规则",
        "slug": "rules",
        "show_in_menus": True,
        "intro": "每人最多同时借阅5册，借期30天，可续借一次；六个书屋通借通还。",
        "body": [
            ("heading", {"text": "借阅", "size": "h2"}),
            (
                "paragraph",
                "<ol><li>机关在职干部职工凭工号借阅，每人最多同时借阅<b>5册</b>。</li>"
                "<li>借期<b>30天</b>，到期前可在门户或书屋<b>续借一次</b>，续借期30天；"
                "已有他人预约的图书不能续借。</li>"
                "<li>在任何一个职工书屋或流动书箱借的书，都可以还到任何一个职工书屋。</li></ol>",
            ),
            ("heading", {"text": "预约", "size": "h2"}),
            (
                "paragraph",
                "<p>想借的书全部借出时，可以在门户上预约。图书归还后按预约先后为预约人保留，"
                "请在通知的取书期限内到书屋领取，逾期未取的自动转给下一位预约人。</p>",
            ),
            ("heading", {"text": "爱护图书", "size": "h2"}),
            (
                "paragraph",
                "<p>请爱护图书，不要在书上圈划、折角。图书遗失或严重损坏的，请与书屋管理员联系，"
                "购买同一版本的图书赔偿。逾期未还的，将暂停借阅直至归还。</p>",
            ),
        ],
    },
]


# ---------------------------------------------------------------------------
# English versions of the translated pages
# ---------------------------------------------------------------------------

EN = {
    "home": {
        "title": "Reading Workplace",
        "hero_title": "Reading enriches our workplace",
        "hero_text": (
            "Read more, read well, read wisely. The staff reading rooms hold more than 20,000 books: "
            "borrow, reserve and share what you have read."
        ),
        "intro": "Portal of the Reading Workplace campaign: news, events, lending and the honour wall.",
        "figures": {
            "title": "Staff reading rooms in figures",
            "figures": [
                {"value": "20,000", "unit": "", "label": "books"},
                {"value": "6", "unit": "", "label": "reading rooms"},
                {"value": "3,600", "unit": "", "label": "loans a year"},
                {"value": "1,200", "unit": "", "label": "staff taking part"},
            ],
        },
        "body": [
            ("heading", {"text": "Welcome to the staff reading room", "size": "h2"}),
            (
                "paragraph",
                "<p>The main reading room is on the third floor of the office building; five more reading "
                "points and two mobile book boxes bring books closer to every department. A book borrowed "
                "in one room can be returned in any other.</p>",
            ),
        ],
    },
}
