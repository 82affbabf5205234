"""A stored, weighted full-text vector on every review, filled for existing reviews, with a GIN index.

The SQL is copied here rather than imported from reviews.search so that this migration never changes.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

BACKFILL = """
UPDATE reviews_review AS r SET search_vector =
    setweight(to_tsvector('english', r.title), 'A')
 || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(t.name || ' ' || array_to_string(t.synonyms, ' '), ' ' ORDER BY t.name)
        FROM reviews_review_themes AS rt JOIN themes_theme AS t ON t.id = rt.theme_id
        WHERE rt.review_id = r.id), '')), 'B')
 || setweight(to_tsvector('english', r.summary || ' ' || r.plain_summary || ' ' || coalesce((
        SELECT string_agg(f.text, ' ' ORDER BY f.position, f.id) FROM reviews_finding AS f
        WHERE f.review_id = r.id), '')), 'C')
 || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(c.text, ' ' ORDER BY c.position, c.id) FROM reviews_recommendation AS c
        WHERE c.review_id = r.id), '')), 'D')
"""


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_review_plain_summary"),
        ("themes", "0002_taxonomy_v1"),
    ]

    operations = [
        migrations.AddField(
            model_name="review",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        # Before the index, so the index is built once over filled rows.
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop, elidable=True),
        migrations.AddIndex(
            model_name="review",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("status", "published")), fields=["search_vector"], name="review_search_vector_idx"
            ),
        ),
    ]
