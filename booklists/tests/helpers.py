"""Spreadsheet bytes for the import tests."""

import csv
import io

from booklists.factories import isbn13

HEADER = ["书名", "作者", "ISBN", "出版社", "出版年", "分类", "简介", "册数"]
ENGLISH_HEADER = ["Title", "Author", "ISBN", "Publisher", "Year", "Category", "Summary", "Copies"]

GOOD_ROWS = [
    ["平凡的世界", "路遥", "978-7-02-004929-5", "人民文学出版社", "2005", "中外文学", "孙少安和孙少平兄弟的奋斗", "3"],
    ["中国共产党简史", "本书编写组", isbn13(900001), "人民出版社", "2021", "党建党史", "党史学习教育读本", "10"],
    ["乡土中国", "费孝通", isbn13(900002), "北京大学出版社", "2012", "人文历史", "中国基层社会的结构", "2"],
    ["苏东坡传", "林语堂", isbn13(900003), "湖南文艺出版社", "2018", "人文历史", "", "1"],
]


def csv_bytes(rows, header=HEADER, encoding="utf-8", delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "图书"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_cell(row, column, value):
    """A copy of ``row`` with the cell under ``column`` (a Chinese header) replaced."""
    row = list(row)
    row[HEADER.index(column)] = value
    return row


# Bytes that are neither UTF-8 nor GB18030: 0x81 0x30 starts a four-byte GB18030
# sequence, whose third byte must be 0x81-0xFE; 0xFF is not allowed anywhere in UTF-8.
MIS_ENCODED = "书名,作者\r\n".encode("gb18030") + b"\x81\x30\xff\x30,\xff\xfe\x81\r\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
