from django.db import migrations


def create_engine(apps, schema_editor):
    from trienlam.search.schema import ensure

    ensure(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("catalogue", "0005_import_jobs"),
        ("exhibitions", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_engine, migrations.RunPython.noop)]
