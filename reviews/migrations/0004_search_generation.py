"""A counter that says when search results cached by any process went stale.

reviews.search bumps it whenever reviews or their labels change and reads it with every search (in the same query
as the facet vocabulary); cached results are keyed by its value. A sequence, because nextval() is cheap, never
blocks and is never rolled back, so a number is never reused.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("reviews", "0004_search_vector")]

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE reviews_search_generation", reverse_sql="DROP SEQUENCE reviews_search_generation"
        ),
    ]
