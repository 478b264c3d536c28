#!/usr/bin/env python
"""Time the catalogue import at the scale DESIGN.md §5 asks for (20,000 titles).

    .venv/bin/python bench/import_books.py [--rows 20000] [--seed 20260401] [--csv /tmp/bench-books.csv]

Writes a seeded CSV of ``--rows`` books (Chinese titles and authors from word
lists, valid ISBN-13s with a computed check digit, the eight seeded
categories), then runs ``manage.py import_books`` on it as a librarian would,
in a subprocess, and prints rows, seconds and rows/s. It then imports the same
file again (every row unchanged) and times that too.

It uses whatever DATABASE_URL points at (SQLite db.sqlite3 when absent) and
must start from a migrated database without books; bench/run.sh --books makes
a fresh one. The CSV stays behind for bench/search_books.py and for you.
"""

import argparse
import csv
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

HEADER = ["书名", "作者", "ISBN", "出版社", "出版年", "分类", "简介", "册数"]
CATEGORIES = ["哲学法律", "人文历史", "书画艺术", "中外文学", "党建党史", "生活保健", "科普知识", "人生励志"]

# Titles are made of a stem and a topic word; authors from surnames and given-name characters.
TITLE_STEMS = [
    "中国",
    "世界",
    "新时代",
    "百年",
    "平凡",
    "人生",
    "乡土",
    "城市",
    "大国",
    "少年",
    "春天",
    "故乡",
    "经典",
    "远方",
    "历史",
    "文明",
    "科学",
    "自然",
    "生活",
    "心灵",
    "青年",
    "机关",
    "红色",
    "长江",
]
TITLE_TOPICS = [
    "简史",
    "故事",
    "随笔",
    "读本",
    "通识",
    "漫谈",
    "十讲",
    "笔记",
    "传",
    "之路",
    "手册",
    "散文集",
    "诗选",
    "评传",
    "概论",
    "探索",
    "见闻",
    "札记",
    "演义",
    "纪事",
    "答问",
    "原理",
    "导读",
    "图志",
]
TITLE_TAILS = ["", "", "", "（修订版）", "（上）", "（下）", "：第二版", "（插图本）", "选读", "新编"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN_CHARS = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建文红云飞晓燕宁欣悦思远博雅书琳")
PUBLISHERS = [
    "人民出版社",
    "人民文学出版社",
    "商务印书馆",
    "中华书局",
    "生活·读书·新知三联书店",
    "北京大学出版社",
    "中信出版社",
    "译林出版社",
    "上海译文出版社",
    "科学出版社",
    "党建读物出版社",
    "中共党史出版社",
    "作家出版社",
    "长江文艺出版社",
    "湖南文艺出版社",
    "浙江人民出版社",
]
SUMMARY_SENTENCES = [
    "本书以生动的笔触记录了一个时代的变迁。",
    "作者结合多年研究，系统梳理了相关知识。",
    "适合机关干部职工在工作之余阅读。",
    "书中收录了大量珍贵的历史照片和资料。",
    "语言平实，深入浅出，是一本很好的入门读物。",
    "讲述了普通人在平凡岗位上的奋斗故事。",
    "全书分为十二章，每章后附有思考题。",
    "荣获多项图书奖，深受读者喜爱。",
]


def isbn13(first12):
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def book_rows(count, seed):
    rng = random.Random(seed)
    serials = rng.sample(range(10_000_000, 99_999_999), count)  # distinct ISBNs
    for serial in serials:
        title = rng.choice(TITLE_STEMS) + rng.choice(TITLE_TOPICS) + rng.choice(TITLE_TAILS)
        authors = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2))))
        if rng.random() < 0.2:
            authors += "、" + rng.choice(SURNAMES) + rng.choice(GIVEN_CHARS)
        yield [
            title,
            authors,
            isbn13(f"9787{serial:08d}"),
            rng.choice(PUBLISHERS),
            str(rng.randint(1978, 2025)),
            rng.choice(CATEGORIES),
            "".join(rng.sample(SUMMARY_SENTENCES, 2)),
            str(rng.randint(1, 5)),
        ]


def write_csv(path, count, seed):
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(book_rows(count, seed))


def run_import(path, python):
    started = time.perf_counter()
    result = subprocess.run(
        [python, "manage.py", "import_books", str(path), "--verbosity", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        print(result.stdout, result.stderr[-3000:], sep="\n", file=sys.stderr)
        raise SystemExit(f"import_books failed with exit code {result.returncode}")
    return seconds, result.stdout.strip()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=20260401)
    parser.add_argument("--csv", type=Path, default=Path("/tmp/bench-books.csv"))
    parser.add_argument("--python", default=sys.executable, help="the interpreter that runs manage.py")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds the first import may take (exit 1 above)")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection

    from booklists.models import Book

    db = connection.settings_dict
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    if Book.objects.exists():
        print(f"{engine}:{db['NAME']} already has books: use a fresh database (bench/run.sh --books).", file=sys.stderr)
        return 1
    connection.close()

    started = time.perf_counter()
    write_csv(args.csv, args.rows, args.seed)
    size = args.csv.stat().st_size
    print(f"Catalogue import bench — {engine}:{db['NAME']}")
    written = time.perf_counter() - started
    print(f"CSV: {args.csv} — {args.rows:,d} rows, {size / 1024 / 1024:.1f} MB, written in {written:.1f} s")

    first, output = run_import(args.csv, args.python)
    print(f"  {output}")
    books = Book.objects.count()
    connection.close()
    second, output_again = run_import(args.csv, args.python)
    print(f"  {output_again}")

    print(f"{'import':<22} {'rows':>7} {'seconds':>8} {'rows/s':>8}")
    print(f"{'first (all new)':<22} {args.rows:>7,d} {first:>8.1f} {args.rows / first:>8,.0f}")
    print(f"{'again (all unchanged)':<22} {args.rows:>7,d} {second:>8.1f} {args.rows / second:>8,.0f}")
    print("Times are wall clock for `manage.py import_books` in a subprocess, Django start-up included.")
    if books != args.rows:
        print(f"! {books:,d} books in the database, expected {args.rows:,d}")
        return 1
    if first > args.limit:
        print(f"! the first import took more than {args.limit:.0f} s")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
