"""Departments, demo users (one for every role) and employees of the demo built by `manage.py load_demo`.

This is data, not interface text: what an office's administrator would have typed into the
admin, so it stays in Chinese and is not marked for translation. scripts/run-demo prints the
login table from USERS and EMPLOYEES.
"""

DEMO_PASSWORD = "shuxiang2024"

# ---------------------------------------------------------------------------
# Departments and people
# ---------------------------------------------------------------------------

DEPARTMENTS = [
    {"name": "办公室", "code": "BGS", "headcount": 32},
    {"name": "组织人事处", "code": "ZZRS", "headcount": 18},
    {"name": "宣传处", "code": "XCC", "headcount": 15},
    {"name": "财务处", "code": "CWC", "headcount": 16},
    {"name": "法规处", "code": "FGC", "headcount": 12},
    {"name": "机关党委", "code": "JGDW", "headcount": 10},
    {"name": "工会", "code": "GH", "headcount": 8},
    {"name": "信息中心", "code": "XXZX", "headcount": 21},
]

# role: shown in the run-demo login table; may: what the role can do there.
USERS = [
    {
        "staff_number": "admin",
        "real_name": "周立新",
        "department": "信息中心",
        "email": "admin@example.gov.cn",
        "superuser": True,
        "groups": [],
        "role": "系统管理员",
        "may": "全部功能：用户、用户组、工作流、站点设置",
    },
    {
        "staff_number": "E1001",
        "real_name": "李晓雯",
        "department": "宣传处",
        "email": "lixiaowen@example.gov.cn",
        "groups": ["宣传编辑"],
        "role": "宣传编辑",
        "may": "撰写、修改页面并提交审核（不能直接发布）",
    },
    {
        "staff_number": "E1002",
        "real_name": "张明远",
        "department": "宣传处",
        "email": "zhangmingyuan@example.gov.cn",
        "groups": ["初审"],
        "role": "初审",
        "may": "三审三校第一步：通过或退回（附意见）",
    },
    {
        "staff_number": "E1003",
        "real_name": "陈静",
        "department": "办公室",
        "email": "chenjing@example.gov.cn",
        "groups": ["复审"],
        "role": "复审",
        "may": "三审三校第二步：通过或退回",
    },
    {
        "staff_number": "E1004",
        "real_name": "刘志强",
        "department": "机关党委",
        "email": "liuzhiqiang@example.gov.cn",
        "groups": ["终审"],
        "role": "终审",
        "may": "三审三校第三步：通过即发布",
    },
    {
        "staff_number": "E1005",
        "real_name": "赵敏",
        "department": "工会",
        "email": "zhaomin@example.gov.cn",
        "groups": ["心得审核员"],
        "role": "心得审核员",
        "may": "审核职工提交的读书心得",
    },
    {
        "staff_number": "E1006",
        "real_name": "孙丽华",
        "department": "工会",
        "email": "sunlihua@example.gov.cn",
        "groups": ["书屋管理员"],
        "role": "书屋管理员",
        "may": "管理职工书屋：图书、借还、预约",
    },
    {
        "staff_number": "E1007",
        "real_name": "王磊",
        "department": "财务处",
        "email": "wanglei@example.gov.cn",
        "groups": [],
        "role": "职工",
        "may": "在前台登录：借阅、预约、提交读书心得",
    },
    {
        "staff_number": "E1008",
        "real_name": "黄婷婷",
        "department": "法规处",
        "email": "huangtingting@example.gov.cn",
        "groups": [],
        "role": "职工",
        "may": "同上",
    },
    {
        "staff_number": "E1009",
        "real_name": "吴俊杰",
        "department": "组织人事处",
        "email": "wujunjie@example.gov.cn",
        "groups": [],
        "role": "职工",
        "may": "同上",
    },
]

# Ordinary employees (职工) who borrow books and write notes in the demo: their
# loans, reservations and reading notes are built by the lending and notes
# demo builders. (staff number, name, department); same password.
EMPLOYEES = [
    ("E2001", "陈建国", "办公室"),
    ("E2002", "罗文静", "组织人事处"),
    ("E2003", "韩冰", "宣传处"),
    ("E2004", "曹玉梅", "财务处"),
    ("E2005", "潘立群", "法规处"),
    ("E2006", "田国庆", "机关党委"),
    ("E2007", "石磊", "工会"),
    ("E2008", "夏天", "信息中心"),
    ("E2009", "林雅琴", "办公室"),
    ("E2010", "梁志刚", "组织人事处"),
    ("E2011", "唐诗雨", "宣传处"),
    ("E2012", "彭飞", "财务处"),
    ("E2013", "杜若溪", "法规处"),
    ("E2014", "任秀英", "机关党委"),
    ("E2015", "钟丽萍", "工会"),
    ("E2016", "邱少华", "信息中心"),
    ("E2017", "郭浩然", "办公室"),
    ("E2018", "宋佳怡", "组织人事处"),
    ("E2019", "冯宇航", "宣传处"),
    ("E2020", "袁慧", "财务处"),
    ("E2021", "董建华", "法规处"),
    ("E2022", "姜涛", "机关党委"),
    ("E2023", "萧然", "工会"),
    ("E2024", "侯俊", "信息中心"),
    ("E2025", "何晓燕", "办公室"),
    ("E2026", "郑凯", "组织人事处"),
    ("E2027", "许嘉欣", "宣传处"),
    ("E2028", "蒋天佑", "财务处"),
    ("E2029", "程思远", "法规处"),
    ("E2030", "范文博", "机关党委"),
    ("E2031", "汪洋", "工会"),
    ("E2032", "孔令杰", "信息中心"),
    ("E2033", "马骏", "办公室"),
    ("E2034", "谢雨桐", "组织人事处"),
    ("E2035", "邓子涵", "宣传处"),
    ("E2036", "蔡晓丽", "财务处"),
    ("E2037", "魏琳", "法规处"),
    ("E2038", "方晓梅", "机关党委"),
    ("E2039", "贾明珠", "工会"),
    ("E2040", "白雪", "信息中心"),
]
