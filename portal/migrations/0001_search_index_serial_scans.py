"""Plan searches of the full-text index without parallel workers (PostgreSQL).

A search reads a few thousand index entries through the GIN indexes; starting
two parallel workers for that costs more than it saves: at 20,000 books 平凡
(5,682 matches) took 56 ms with workers and 27-35 ms without (EXPLAIN ANALYZE,
bench/README.md). The storage parameter touches only this table, so the
dashboard's large aggregates keep their parallel plans.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def serial(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (parallel_workers = 0)")


def default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (parallel_workers)")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(serial, default, elidable=False)]
