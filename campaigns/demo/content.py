"""Texts of the demo campaigns, events, questionnaire and news reports built by `manage.py load_demo`.

This is data, not interface text: it is what an editor of a real office would
have typed into the admin, so it stays in Chinese (with English versions for
the translated pages) and is not marked for translation.

Bodies are StreamField data in raw form: a list of ``(block type, value)``
pairs, rich text as Wagtail's database HTML. A call-to-action whose ``page``
is a string names a page the command created (``"questionnaire"``, ``"about"``
…); the command replaces it by that page's id.

Dates of the running campaign, its events and its reports are offsets in days
from today, so the demo always shows a campaign in its 实施 phase with events
coming up.
"""

# ---------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------

CAMPAIGN_INDEX = {
    "title": "书香机关创建活动",
    "slug": "campaigns",
    "intro": "历年“书香机关”创建活动：活动方案、阶段安排、活动报道与成果。",
}

CAMPAIGN_2024 = {
    "title": "2024年度“书香机关”创建活动",
    "slug": "2024",
    "theme": "书香润机关 阅读促提升",
    "organiser": "机关党委、机关工会",
    "start_date": "2024-03-01",
    "end_date": "2024-12-31",
    "intro": (
        "以“书香润机关 阅读促提升”为主题，通过读书分享会、征文比赛、朗诵比赛和专题讲座，"
        "在机关营造多读书、读好书的浓厚氛围。"
    ),
    "phases": [
        {
            "kind": "prepare",
            "start_date": "2024-03-01",
            "end_date": "2024-03-31",
            "description": (
                "制定活动方案，成立活动领导小组；召开启动仪式；各处室确定读书联络员，职工书屋完成新书采购和图书上架。"
            ),
        },
        {
            "kind": "implement",
            "start_date": "2024-04-01",
            "end_date": "2024-10-31",
            "description": (
                "以“4·23世界读书日”为契机开展读书月活动；组织读书分享会、征文比赛、朗诵比赛和专题讲座；"
                "流动书箱每月轮换进科室；每月评选“阅读之星”。"
            ),
        },
        {
            "kind": "evaluate",
            "start_date": "2024-11-01",
            "end_date": "2024-12-31",
            "description": (
                "各处室总结活动开展情况；举办读书成果展；评选“书香科室”和优秀读书笔记；"
                "召开总结表彰会，形成年度工作报告。"
            ),
        },
    ],
    "body": [
        ("heading", {"text": "活动背景", "size": "h2"}),
        (
            "paragraph",
            "<p>为深入推进学习型机关建设，引导广大干部职工养成爱读书、读好书、善读书的习惯，"
            "机关党委、机关工会决定在全机关开展2024年度“书香机关”创建活动。"
            "活动面向机关全体干部职工，各处室、直属单位共同参与。</p>",
        ),
        ("heading", {"text": "活动目标", "size": "h2"}),
        (
            "paragraph",
            "<ul><li>每名职工全年阅读图书不少于6本，提交读书心得不少于2篇；</li>"
            "<li>职工书屋全年借阅量比上年增长20%以上；</li>"
            "<li>每个处室至少组织1次读书交流活动；</li>"
            "<li>评选“阅读之星”12名、“书香科室”3个、优秀读书笔记30篇。</li></ul>",
        ),
        (
            "quote",
            {
                "text": "读书使人充实，讨论使人机智，笔记使人准确。",
                "attribution": "弗朗西斯·培根《论读书》",
            },
        ),
        ("heading", {"text": "主要活动", "size": "h2"}),
        (
            "paragraph",
            "<p><b>读书分享会：</b>每季度一期，由领导干部领读，职工代表交流读书体会。</p>"
            "<p><b>征文比赛：</b>“书香伴我成长”主题征文，5月至7月征集，9月公布结果。</p>"
            "<p><b>朗诵比赛：</b>“诵读经典 传承文明”，以处室为单位报名参赛。</p>"
            "<p><b>专题讲座：</b>邀请市图书馆专家讲授阅读方法和信息素养。</p>",
        ),
        (
            "figures",
            {
                "title": "活动成效",
                "figures": [
                    {"value": "1,200", "unit": "人", "label": "参与职工"},
                    {"value": "26", "unit": "场", "label": "开展活动"},
                    {"value": "860", "unit": "篇", "label": "读书心得"},
                    {"value": "3,600", "unit": "人次", "label": "借阅"},
                ],
            },
        ),
        (
            "call_to_action",
            {
                "title": "说说您的意见",
                "text": "活动办得怎么样？请花两分钟填写满意度调查，帮助我们把明年的活动办得更好。",
                "button_label": "填写问卷",
                "page": "questionnaire",
                "external_url": "",
            },
        ),
    ],
}

# The running campaign: its title takes the current year; dates are computed by the command.
CURRENT_CAMPAIGN = {
    "title": "{year}年度“书香机关”创建活动",
    "theme": "品读经典 书香致远",
    "organiser": "机关党委、机关工会",
    "intro": (
        "本年度活动以“品读经典 书香致远”为主题，推出职工书屋通借通还、网上预约和读书心得在线提交，"
        "欢迎全体干部职工积极参与。"
    ),
    "phases": {
        "prepare": "制定年度活动方案；完成职工书屋联盟通借通还系统上线；各处室推荐读书联络员。",
        "implement": (
            "开展读书月、读书分享会、专题讲座和朗诵比赛；流动书箱进科室；职工在线提交读书心得，每月评选“阅读之星”。"
        ),
        "evaluate": "评选“书香科室”和优秀读书笔记，举办读书成果展，召开年度总结表彰会。",
    },
    "body": [
        ("heading", {"text": "今年有什么新变化", "size": "h2"}),
        (
            "paragraph",
            "<p>今年起，机关六个职工书屋和两只流动书箱实现<b>通借通还</b>：在任何一个书屋借的书，"
            "都可以在离您最近的书屋归还。图书在架情况可以在网上查询，借不到的书可以在线预约，"
            "书一还回就为您保留。</p>",
        ),
        ("heading", {"text": "怎样参与", "size": "h2"}),
        (
            "paragraph",
            "<ol><li>用工号登录门户，设定自己的年度阅读目标；</li>"
            "<li>到职工书屋借书，或在网上预约；</li>"
            "<li>读完后提交读书心得，经审核后在门户发布；</li>"
            "<li>报名参加读书分享会、讲座和朗诵比赛。</li></ol>",
        ),
        (
            "quote",
            {"text": "书犹药也，善读之可以医愚。", "attribution": "刘向"},
        ),
    ],
}

EVENT_INDEX = {
    "title": "活动安排",
    "slug": "events",
    "intro": "读书分享会、征文比赛、朗诵比赛和专题讲座的时间、地点和报名方式。",
}

# Times are local (Asia/Shanghai).
EVENTS_2024 = [
    {
        "title": "世界读书日主题读书分享会",
        "slug": "world-book-day-sharing",
        "kind": "sharing",
        "start": "2024-04-23 14:30",
        "end": "2024-04-23 16:30",
        "place": "机关三楼职工书屋",
        "speaker": "机关党委副书记 王卫东",
        "intro": "“4·23世界读书日”当天，六位职工代表分享近一年读过的好书。",
        "body": [
            (
                "paragraph",
                "<p>4月23日是世界读书日。机关工会在职工书屋举办主题读书分享会，"
                "由机关党委副书记王卫东领读，六位来自不同处室的职工代表分享读书体会。</p>"
                "<p>欢迎各处室职工旁听，现场设自由交流环节。请于4月19日前向本处室读书联络员报名。</p>",
            ),
        ],
    },
    {
        "title": "“书香伴我成长”主题征文比赛",
        "slug": "essay-contest",
        "kind": "essay",
        "start": "2024-05-10 09:00",
        "end": "2024-07-31 17:30",
        "place": "线上投稿（机关内网门户）",
        "speaker": "机关工会",
        "intro": "围绕“书香伴我成长”写读书感悟，体裁不限，字数1500—3000字，7月31日截止。",
        "body": [
            (
                "paragraph",
                "<p><b>征文主题：</b>书香伴我成长。可以写一本书对自己的影响，也可以写读书与工作的体会。</p>"
                "<p><b>要求：</b>原创，体裁不限（诗歌除外），字数1500—3000字。</p>"
                "<p><b>奖项：</b>一等奖3名、二等奖6名、三等奖10名、优秀奖若干，优秀作品将结集刊印。</p>",
            ),
        ],
    },
    {
        "title": "“诵读经典 传承文明”朗诵比赛",
        "slug": "recitation-contest",
        "kind": "recitation",
        "start": "2024-06-20 14:00",
        "end": "2024-06-20 17:00",
        "place": "机关五楼多功能厅",
        "speaker": "主持人 宣传处 李晓雯",
        "intro": "以处室为单位报名，每个节目不超过6分钟，诵读篇目以中华经典诗文为主。",
        "body": [
            (
                "paragraph",
                "<p>比赛以处室为单位报名，每个处室可报1—2个节目，形式可为单人、双人或集体朗诵。"
                "评委由机关党委、机关工会和特邀市朗诵协会专家组成。</p>"
                "<p>请于6月10日前将报名表和诵读篇目报送机关工会。</p>",
            ),
        ],
    },
    {
        "title": "专题讲座：如何在工作中高效阅读",
        "slug": "lecture-efficient-reading",
        "kind": "lecture",
        "start": "2024-07-11 15:00",
        "end": "2024-07-11 16:30",
        "place": "机关一楼报告厅",
        "speaker": "市图书馆研究馆员 何静",
        "intro": "市图书馆研究馆员何静讲授主题阅读、速读与笔记方法，以及如何利用数字图书馆。",
        "body": [
            (
                "paragraph",
                "<p>讲座内容：一、为什么工作越忙越要读书；二、主题阅读与检视阅读；"
                "三、读书笔记的几种做法；四、市图书馆数字资源的使用。</p>"
                "<p>讲座约90分钟，含20分钟互动答疑。</p>",
            ),
        ],
    },
    {
        "title": "领导干部领读：重读《乡土中国》",
        "slug": "leader-reading-xiangtu-zhongguo",
        "kind": "sharing",
        "start": "2024-09-12 14:30",
        "end": "2024-09-12 16:00",
        "place": "机关三楼职工书屋",
        "speaker": "办公室主任 高建华",
        "intro": "办公室主任高建华领读费孝通《乡土中国》，谈基层治理与群众工作。",
        "body": [
            (
                "paragraph",
                "<p>《乡土中国》是费孝通先生的经典著作。本期领读会由办公室主任高建华主讲，"
                "结合机关基层调研经历，谈谈这本书对今天做好群众工作的启发。</p>"
                "<p>职工书屋已备有该书20册，欢迎提前借阅。</p>",
            ),
        ],
    },
    {
        "title": "流动书箱进科室暨读书心得交流会",
        "slug": "book-box-exchange",
        "kind": "other",
        "start": "2024-10-17 16:00",
        "end": "2024-10-17 17:30",
        "place": "信息中心会议室（二楼）",
        "speaker": "书屋管理员 孙丽华",
        "intro": "流动书箱第十期走进信息中心，同时举办读书心得交流会。",
        "body": [
            (
                "paragraph",
                "<p>本期流动书箱带来新书80册，以科普知识和人生励志类为主，借阅手续现场办理。</p>"
                "<p>交流会上，信息中心职工将分享本年度提交的优秀读书心得。</p>",
            ),
        ],
    },
    {
        "title": "读书成果展",
        "slug": "reading-exhibition",
        "kind": "other",
        "start": "2024-11-18 09:00",
        "end": "2024-11-29 17:30",
        "place": "机关一楼大厅",
        "speaker": "机关工会",
        "intro": "展出本年度优秀征文、读书笔记、“阅读之星”风采和各处室读书活动照片。",
        "body": [
            (
                "paragraph",
                "<p>成果展分为“优秀征文”“读书笔记”“阅读之星”“活动掠影”四个展区，展期两周，欢迎干部职工参观留言。</p>",
            ),
        ],
    },
]

# The running campaign's events: day offsets from today and a local time.
EVENTS_CURRENT = [
    {
        "title": "冬季读书分享会：我的年度好书",
        "slug": "winter-sharing",
        "kind": "sharing",
        "days": 6,
        "start_time": "14:30",
        "end_time": "16:30",
        "place": "机关三楼职工书屋",
        "speaker": "机关工会副主席 马俊",
        "intro": "每位参加者推荐一本今年读过的好书，说说它为什么值得读。",
        "body": [
            (
                "paragraph",
                "<p>欢迎带上您今年最喜欢的一本书，用三分钟讲讲它。分享会后，推荐书目将编入职工书屋“职工荐书”书单。</p>",
            ),
        ],
    },
    {
        "title": "专题讲座：数字阅读与信息素养",
        "slug": "lecture-digital-reading",
        "kind": "lecture",
        "days": 13,
        "start_time": "15:00",
        "end_time": "16:30",
        "place": "机关一楼报告厅",
        "speaker": "市图书馆副馆长 林海燕",
        "intro": "怎样在海量信息中找到可靠的资料？怎样用好电子书和数据库？",
        "body": [
            (
                "paragraph",
                "<p>讲座介绍电子书、期刊数据库和政策文件库的检索方法，"
                "并现场演示如何用读者证登录市图书馆数字资源平台。</p>",
            ),
        ],
    },
    {
        "title": "“品读经典”朗诵比赛决赛",
        "slug": "recitation-final",
        "kind": "recitation",
        "days": 20,
        "start_time": "14:00",
        "end_time": "17:00",
        "place": "机关五楼多功能厅",
        "speaker": "主持人 宣传处 李晓雯",
        "intro": "经初赛选拔的12个节目同台竞技，欢迎职工到场观看。",
        "body": [
            (
                "paragraph",
                "<p>决赛设一等奖2名、二等奖4名、三等奖6名，另设最佳人气奖1名，由现场观众投票产生。</p>",
            ),
        ],
    },
]

QUESTIONNAIRE = {
    "title": "读书活动满意度调查",
    "slug": "survey",
    "intro": (
        "<p>感谢您参加本年度“书香机关”创建活动！请用两分钟填写这份问卷，"
        "您的意见将帮助我们改进职工书屋服务和明年的活动安排。问卷可匿名填写。</p>"
    ),
    "thank_you_text": "<p>提交成功，感谢您的宝贵意见！</p>",
    "fields": [
        {
            "label": "您的姓名",
            "name": "name",
            "field_type": "singleline",
            "required": False,
            "help_text": "可不填。",
        },
        {
            "label": "所在部门",
            "name": "department",
            "field_type": "dropdown",
            "required": True,
            "choices": "办公室\n组织人事处\n宣传处\n财务处\n法规处\n机关党委\n工会\n信息中心\n其他",
        },
        {
            "label": "您对本年度读书活动的总体满意度",
            "name": "satisfaction",
            "field_type": "radio",
            "required": True,
            "choices": "非常满意\n满意\n一般\n不满意",
        },
        {
            "label": "您喜欢的图书类别",
            "name": "categories",
            "field_type": "checkboxes",
            "required": False,
            "choices": "哲学法律\n人文历史\n书画艺术\n中外文学\n党建党史\n生活保健\n科普知识\n人生励志",
            "help_text": "可多选，我们将据此采购新书。",
        },
        {
            "label": "您每月大约读几本书",
            "name": "books_per_month",
            "field_type": "number",
            "required": False,
        },
        {
            "label": "您对职工书屋和读书活动的建议",
            "name": "suggestions",
            "field_type": "multiline",
            "required": True,
        },
    ],
}

# ---------------------------------------------------------------------------
# News reports (宣传报道)
# ---------------------------------------------------------------------------

ARTICLE_INDEX = {
    "title": "宣传报道",
    "slug": "news",
    "intro": "“书香机关”创建活动新闻、职工书屋动态和读书活动报道。",
}

# campaign: "2024" or "current". For the running campaign the date is "month_day" in the current
# year or "days" from today; either way it is kept between the campaign's start and today.
ARTICLES = [
    {
        "title": "机关举行2024年度“书香机关”创建活动启动仪式",
        "slug": "2024-launch-ceremony",
        "date": "2024-03-08",
        "source": "机关工会",
        "author": "李晓雯",
        "campaign": "2024",
        "tags": ["书香机关", "启动仪式"],
        "intro": "3月8日上午，机关2024年度“书香机关”创建活动启动仪式在一楼报告厅举行，200余名干部职工参加。",
        "paragraphs": [
            "3月8日上午，机关2024年度“书香机关”创建活动启动仪式在一楼报告厅举行。"
            "机关党委书记出席并讲话，各处室负责同志和干部职工代表200余人参加。",
            "仪式上，机关工会负责同志宣读了《2024年度“书香机关”创建活动实施方案》。"
            "今年的活动以“书香润机关 阅读促提升”为主题，分准备、实施、总结评估三个阶段，"
            "将开展读书分享会、征文比赛、朗诵比赛、专题讲座等系列活动。",
            "机关党委书记在讲话中指出，读书学习是干部增长本领的重要途径。"
            "希望大家把读书作为一种习惯、一种责任，做到工作学习两不误、两促进。",
            "启动仪式上还向各处室读书联络员发放了聘书，并为新设的两只流动书箱揭牌。"
            "仪式结束后，与会人员参观了新近改造完成的职工书屋。",
        ],
    },
    {
        "title": "职工书屋新进图书500册",
        "slug": "500-new-books",
        "date": "2024-04-02",
        "source": "机关工会",
        "author": "孙丽华",
        "campaign": "2024",
        "tags": ["职工书屋", "新书推荐"],
        "intro": "根据职工问卷和荐书意见，职工书屋新采购图书500册，已于4月1日全部上架。",
        "paragraphs": [
            "为迎接“4·23世界读书日”，职工书屋根据去年年底的职工问卷和各处室的荐书意见，"
            "新采购图书500册，已于4月1日全部上架，欢迎大家借阅。",
            "新书中，人文历史类和中外文学类最多，各约120册；另有党建党史类80册、"
            "科普知识类70册，以及生活保健、书画艺术等类别的图书。"
            "其中既有《额尔古纳河右岸》《人世间》等茅盾文学奖获奖作品，也有《万历十五年》等常读常新的经典。",
            "本批新书已全部录入借阅系统，职工可在门户上查询在架情况并在线预约。"
            "热门图书每种配备3—5册复本，尽量减少排队等待。",
            "职工书屋开放时间为工作日12:00—13:30和17:30—19:00。"
            "如有希望购买的图书，可随时通过书屋留言簿或门户问卷向我们推荐。",
        ],
    },
    {
        "title": "世界读书日｜六位职工分享“我最爱的一本书”",
        "slug": "world-book-day-report",
        "date": "2024-04-24",
        "source": "机关工会",
        "author": "赵敏",
        "campaign": "2024",
        "tags": ["读书分享会", "世界读书日"],
        "intro": "4月23日下午，世界读书日主题读书分享会在职工书屋举行，六位职工代表分享了自己最爱的一本书。",
        "paragraphs": [
            "4月23日下午，机关“世界读书日”主题读书分享会在三楼职工书屋举行。"
            "机关党委副书记王卫东领读，来自六个处室的职工代表依次上台分享。",
            "财务处的王磊分享了《穷查理宝典》，谈到书中“反过来想”的思维方法对预算审核工作的启发；"
            "法规处的黄婷婷推荐了《洞穴奇案》，她说这本书让她对法律条文背后的价值判断有了新的理解。",
            "信息中心的一位年轻同志分享了刘慈欣的《三体》，引发了大家关于科技与人文的热烈讨论。"
            "不少职工表示，会后要到书屋把这几本书借来读一读。",
            "王卫东在总结时说，读书分享会的意义在于“以书会友”，希望各处室也多组织这样的小型交流，"
            "让读书从个人的事变成大家的事。",
        ],
    },
    {
        "title": "流动书箱走进基层科室",
        "slug": "book-boxes-visit-departments",
        "date": "2024-05-20",
        "source": "机关工会",
        "author": "孙丽华",
        "campaign": "2024",
        "tags": ["流动书箱", "职工书屋"],
        "intro": "两只流动书箱每月轮换进科室，把新书送到职工身边，首月借出图书160余册。",
        "paragraphs": [
            "“以前中午想去书屋，常常因为开会错过开放时间，现在书就放在我们办公室门口，方便多了。”"
            "财务处的一位同志这样评价刚刚送到的流动书箱。",
            "为解决部分职工工作繁忙、到书屋借书不便的问题，机关工会今年配置了两只流动书箱，"
            "每只装书80册左右，每月轮换一个处室，书目根据该处室职工的阅读兴趣挑选。",
            "流动书箱的图书与职工书屋统一编目，借还手续由处室读书联络员协助办理，"
            "借出的书也可以直接还到任何一个职工书屋。",
            "5月份，流动书箱先后走进财务处和法规处，共借出图书160余册。下一步，流动书箱还将走进直属单位和基层站所。",
        ],
    },
    {
        "title": "“诵读经典 传承文明”朗诵比赛圆满落幕",
        "slug": "recitation-contest-report",
        "date": "2024-06-21",
        "source": "宣传处",
        "author": "李晓雯",
        "campaign": "2024",
        "tags": ["朗诵比赛", "经典诵读"],
        "intro": "6月20日，机关“诵读经典 传承文明”朗诵比赛在五楼多功能厅举行，14个节目参赛。",
        "paragraphs": [
            "6月20日下午，机关“诵读经典 传承文明”朗诵比赛在五楼多功能厅举行。"
            "来自12个处室和直属单位的14个节目参加比赛，150余名职工到场观看。",
            "参赛选手们饱含深情地诵读了《少年中国说》《将进酒》《我爱这土地》等经典名篇。"
            "组织人事处的集体朗诵《可爱的中国》声情并茂，赢得了全场热烈的掌声。",
            "经过评委现场打分，组织人事处、办公室获一等奖，宣传处、信息中心、工会获二等奖，"
            "另有5个节目获三等奖。特邀评委、市朗诵协会专家对每个节目作了点评。",
            "机关工会负责同志表示，将把优秀节目录制成音频，在门户和机关广播中播放。",
        ],
    },
    {
        "title": "市图书馆专家走进机关 开讲“高效阅读”",
        "slug": "efficient-reading-lecture-report",
        "date": "2024-07-12",
        "source": "机关工会",
        "author": "赵敏",
        "campaign": "2024",
        "tags": ["讲座", "阅读方法"],
        "intro": "7月11日，市图书馆研究馆员何静应邀作《如何在工作中高效阅读》专题讲座。",
        "paragraphs": [
            "7月11日下午，市图书馆研究馆员何静应邀来到机关，在一楼报告厅作《如何在工作中高效阅读》专题讲座，"
            "180余名干部职工聆听了讲座。",
            "何静结合自己三十年的图书馆工作经历，介绍了检视阅读、主题阅读等方法，"
            "建议大家围绕工作中的一个问题，集中读几本相关的书，“带着问题读，读完就能用”。",
            "讲座还介绍了市图书馆的电子书、期刊数据库等数字资源。现场有40多名职工办理了市图书馆读者证。",
            "互动环节中，职工们就“碎片时间怎样读书”“怎样做读书笔记”等问题与何静进行了交流。",
        ],
    },
    {
        "title": "“书香伴我成长”征文比赛结果揭晓",
        "slug": "essay-contest-results",
        "date": "2024-09-05",
        "source": "机关工会",
        "author": "李晓雯",
        "campaign": "2024",
        "tags": ["征文", "获奖名单"],
        "intro": "征文比赛共收到作品136篇，经初评、复评，评出一等奖3篇、二等奖6篇、三等奖10篇。",
        "paragraphs": [
            "历时近三个月的“书香伴我成长”主题征文比赛日前结果揭晓。"
            "活动共收到来自各处室和直属单位的征文136篇，创历年新高。",
            "征文内容丰富、情感真挚：有的写一本书陪伴自己走过人生低谷，有的写读书与业务工作的相互促进，"
            "也有的写与孩子共读的亲子时光。",
            "经评审组初评、复评，共评出一等奖3篇、二等奖6篇、三等奖10篇、优秀奖20篇。"
            "法规处黄婷婷的《一本法典与一座城》、信息中心吴思远的《代码之外》等作品获一等奖。",
            "获奖作品将陆续在门户“读书心得”栏目刊登，并结集印制成册，在年底读书成果展上展出。",
        ],
    },
    {
        "title": "2024年度“书香机关”创建活动总结表彰会召开",
        "slug": "2024-summary-awards",
        "date": "2024-12-20",
        "source": "机关党委",
        "author": "刘志强",
        "campaign": "2024",
        "tags": ["总结表彰", "阅读之星", "书香科室"],
        "intro": "全年开展各类读书活动26场，参与职工1200余人次，12名“阅读之星”和3个“书香科室”受到表彰。",
        "paragraphs": [
            "12月20日，机关召开2024年度“书香机关”创建活动总结表彰会。",
            "会议通报了全年活动开展情况：全年共开展读书分享会、讲座、比赛等各类活动26场，"
            "参与职工1200余人次；职工书屋借阅3600人次，比上年增长24%；职工提交读书心得860篇。",
            "会上，12名职工被评为年度“阅读之星”，法规处、信息中心、组织人事处被评为“书香科室”，"
            "30篇读书笔记被评为优秀读书笔记。",
            "机关党委书记在讲话中肯定了一年来的成绩，并要求明年在通借通还、网上预约等方面继续完善服务，"
            "推动“书香机关”创建活动常态化、长效化。",
        ],
    },
    {
        "title": "{year}年度“书香机关”创建活动启动",
        "slug": "current-launch",
        "month_day": "03-06",
        "source": "机关工会",
        "author": "李晓雯",
        "campaign": "current",
        "tags": ["书香机关", "启动仪式"],
        "intro": "新一年度“书香机关”创建活动以“品读经典 书香致远”为主题，通借通还和网上预约同步上线。",
        "paragraphs": [
            "新一年度“书香机关”创建活动日前正式启动。本年度活动以“品读经典 书香致远”为主题，"
            "由机关党委、机关工会共同组织。",
            "与往年相比，今年最大的变化是服务上网：职工可以在门户上查询图书、在线预约、"
            "提交读书心得，六个职工书屋和两只流动书箱实现通借通还。",
            "活动将继续开展读书分享会、专题讲座、朗诵比赛等品牌活动，并每月评选“阅读之星”，年底评选“书香科室”。",
        ],
    },
    {
        "title": "职工书屋实现通借通还",
        "slug": "return-anywhere",
        "days": -30,
        "source": "机关工会",
        "author": "孙丽华",
        "campaign": "current",
        "tags": ["职工书屋", "通借通还"],
        "intro": "六个职工书屋和两只流动书箱统一编目，在任一书屋借的书可以就近归还。",
        "paragraphs": [
            "经过两个多月的图书清点和统一编目，机关六个职工书屋和两只流动书箱的两万余册图书"
            "已全部纳入同一借阅系统，实现通借通还。",
            "现在，职工在任何一个书屋借的书，都可以就近还到另一个书屋；"
            "想借的书如果已被借出，可以在门户上预约，图书归还后系统会为预约人保留。",
            "书屋管理员孙丽华介绍，通借通还运行以来，借阅量比去年同期明显增加，跨书屋还书已占全部还书的三成左右。",
        ],
    },
    {
        "title": "冬季读书分享会开始报名",
        "slug": "winter-sharing-registration",
        "days": -3,
        "source": "机关工会",
        "author": "赵敏",
        "campaign": "current",
        "tags": ["读书分享会", "报名"],
        "intro": "冬季读书分享会以“我的年度好书”为题，请有意分享的职工向本处室读书联络员报名。",
        "paragraphs": [
            "一年将尽，您今年读到了哪些好书？冬季读书分享会以“我的年度好书”为题，"
            "邀请每位参加者推荐一本今年读过的好书。",
            "分享会在机关三楼职工书屋举行，每人发言三分钟左右。"
            "有意上台分享的职工，请向本处室读书联络员报名；只想来听的，直接到场即可。",
            "分享会上推荐的书目将编入职工书屋“职工荐书”书单，并由书屋优先采购。",
        ],
    },
]

# Left in the review workflow (submitted by the editor), so reviewers have something to approve.
PENDING_ARTICLE = {
    "title": "职工书屋元旦期间开放时间调整的通知",
    "slug": "new-year-opening-hours",
    "days": 0,
    "source": "机关工会",
    "author": "孙丽华",
    "campaign": "current",
    "tags": ["职工书屋", "通知"],
    "intro": "元旦假期职工书屋暂停开放，假期前可一次借阅图书不超过5册，借期顺延。",
    "paragraphs": [
        "元旦假期期间，机关各职工书屋暂停开放，流动书箱暂停轮换。",
        "假期前最后一个工作日，职工书屋开放时间延长至19:30。"
        "假期期间到期的图书，借期自动顺延至假期后第一个工作日，不产生逾期记录。",
        "假期中可以在门户上预约图书，书屋恢复开放后按预约先后为您保留。",
    ],
}


# ---------------------------------------------------------------------------
# English versions of the translated pages
# ---------------------------------------------------------------------------


EN = {
    "campaign_index": {
        "title": "Reading Workplace campaigns",
        "intro": "The yearly Reading Workplace campaigns: plans, phases, reports and results.",
    },
    "campaign_2024": {
        "title": "Reading Workplace Campaign 2024",
        "theme": "Reading enriches the workplace and lifts our work",
        "organiser": "Party Committee and Trade Union of the office",
        "intro": (
            "Under the theme “Reading enriches the workplace”, book-sharing sessions, an essay contest, "
            "a recitation contest and lectures encouraged every member of staff to read more and read well."
        ),
        "phases": {
            "prepare": (
                "Draw up the plan and set up the steering group; hold the launch ceremony; each department "
                "names a reading contact; the reading room buys and shelves new books."
            ),
            "implement": (
                "A reading month around World Book Day (23 April); sharing sessions, an essay contest, a "
                "recitation contest and lectures; mobile book boxes visit a department every month; a "
                "reading star is chosen every month."
            ),
            "evaluate": (
                "Departments review their activities; an exhibition of results; the best notes and the "
                "reading departments of the year are chosen; an awards meeting closes the campaign."
            ),
        },
        "body": [
            ("heading", {"text": "Why a reading campaign", "size": "h2"}),
            (
                "paragraph",
                "<p>To build a learning organisation and help everyone make reading a habit, the office's "
                "Party Committee and Trade Union run a Reading Workplace campaign open to all staff.</p>",
            ),
            ("heading", {"text": "Goals", "size": "h2"}),
            (
                "paragraph",
                "<ul><li>Everyone reads at least six books and writes at least two reading notes;</li>"
                "<li>loans from the reading room grow by at least 20%;</li>"
                "<li>every department holds at least one reading event.</li></ul>",
            ),
            (
                "quote",
                {
                    "text": "Reading maketh a full man; conference a ready man; and writing an exact man.",
                    "attribution": "Francis Bacon, Of Studies",
                },
            ),
            (
                "figures",
                {
                    "title": "Results",
                    "figures": [
                        {"value": "1,200", "unit": "", "label": "staff took part"},
                        {"value": "26", "unit": "", "label": "events"},
                        {"value": "860", "unit": "", "label": "reading notes"},
                        {"value": "3,600", "unit": "", "label": "loans"},
                    ],
                },
            ),
        ],
    },
}
