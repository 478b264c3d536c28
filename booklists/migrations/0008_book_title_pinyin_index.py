"""An index for the catalogue in pinyin order (PostgreSQL).

The catalogue lists a language's books by ``title COLLATE "zh-x-icu"`` (portal/collation.py)
24 to a page; without an index in that collation PostgreSQL sorts all 20,000 titles on every
view (13 ms, a top-N heapsort after a sequential scan). With ``(locale_id, title COLLATE
"zh-x-icu", id)`` it reads the first page in index order: 1.3 ms (bench/README.md).

PostgreSQL only, so not in the model's Meta: SQLite's pinyin collation is a Python function
registered on each connection, and an index on it would make every write to the table call
Python and the database unreadable to tools without that function.
"""

from django.db import migrations

INDEX = "book_title_pinyin_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {INDEX} ON booklists_book (locale_id, (title COLLATE "zh-x-icu"), id)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("booklists", "0007_book_in_pinyin_order")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
