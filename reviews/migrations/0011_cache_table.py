"""The site's database cache table (settings.CACHES), made by `migrate` so that no deployment can forget it.

Without it every command that changes reviews (import_reviews, seed_demo) did all its work and then failed at the
end, when the changed figures are dropped from the cache. `createcachetable` only makes the table when it is
missing, so running it as well (as older instructions say) is harmless.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    from django.conf import settings

    for cache in settings.CACHES.values():
        if cache["BACKEND"].endswith("DatabaseCache"):
            schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(cache['LOCATION'])}")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0010_review_demo_idx")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
