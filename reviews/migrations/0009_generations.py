"""Generation numbers for the dashboards, the tracker and the feeds, like the search's (see reviews.freshness)."""

from django.db import migrations

NAMES = ("reviews_trends_generation", "reviews_tracker_generation", "reviews_feeds_generation")


class Migration(migrations.Migration):
    dependencies = [("reviews", "0008_search_documents")]

    operations = [migrations.RunSQL(f"CREATE SEQUENCE {name}", reverse_sql=f"DROP SEQUENCE {name}") for name in NAMES]
