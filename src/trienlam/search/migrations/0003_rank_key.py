"""The static order of large result sets (``rank_key``) and the SQLite head index.

Every entry is built again: the index is emptied and every published item queued, so the
next ``refresh()`` (the first search, or ``trienlam reindex``) rebuilds it with the new keys.
"""

from django.db import migrations, models


def clear_index(apps, schema_editor):
    from trienlam.search.index import drop_engine_tables

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Every trigger of the search engine (search_*): Django rebuilds the two tables
            # to add a column, and SQLite refuses to rename a table other triggers name.
            drop_engine_tables(cursor)
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        cursor.execute("DELETE FROM search_entry")
        cursor.execute("DELETE FROM search_text")
        cursor.execute("DELETE FROM search_dirty")
        cursor.execute(
            "INSERT INTO search_dirty (item_id)"
            " SELECT id FROM catalogue_item WHERE status = 'published'"
        )


def create_engine(apps, schema_editor):
    from trienlam.search.schema import ensure

    ensure(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine")]

    operations = [
        migrations.RunPython(clear_index, migrations.RunPython.noop),
        migrations.AddField(
            model_name="searchentry",
            name="rank_key",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="searchtext",
            name="rank_key",
            field=models.BigIntegerField(db_index=True, default=0),
        ),
        migrations.RunPython(create_engine, migrations.RunPython.noop),
    ]
