"""Texts of the demo honour wall (the English is in home/demo/content_en.py)."""

WALL = {
    "slug": "honours",
    "title": "荣誉墙",
    "intro": "每月依据有效阅读和读书心得评选阅读之星、书香科室和优秀读书笔记，经三审三校后发布。",
}

# 征文获奖: the prizes of the 2024 essay contest (campaigns/demo/content.py ESSAY_ENTRIES), by the
# entry's author, each with the reason the editor gives. Data, not interface strings.
ESSAY_PRIZES = [
    ("E2014", "first", "评委会评定：立意深刻，结合工作实际，文笔真挚。"),
    ("E2009", "second", "评委会评定：情感真挚，细节动人。"),
    ("E2001", "third", "评委会评定：以书悟事，联系工作。"),
    ("E1008", "merit", "评委会评定：视角独特。"),
]
