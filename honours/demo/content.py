"""Texts of the demo honour wall (the English is in home/demo/content_en.py)."""

WALL = {
    "slug": "honours",
    "title": "荣誉墙",
    "intro": "每月依据有效阅读和读书心得评选阅读之星、书香科室和优秀读书笔记，经三审三校后发布。",
}
