"""The cache table (settings.CACHES, DatabaseCache): the rate-limit counters are shared by every
web process and machine. `createcachetable` creates it only when missing; made here whatever cache
the settings name (the tests use memory), so every database has it."""

from django.core.management import call_command
from django.db import migrations

TABLE = "zz_cache"  # settings.CACHES["default"]["LOCATION"] in production


def create_cache_table(apps, schema_editor):
    alias = schema_editor.connection.alias
    call_command("createcachetable", TABLE, database=alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0008_prepareddownload")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
