"""Search words move from the review rows to a narrow table of their own (reviews.SearchDocument).

Facet counts are now made in memory (reviews.search_index), so the covering index for counting them in SQL goes.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# Words stored out of line and uncompressed: the rows stay narrow (reading the ids of tens of thousands of matches
# touches few pages), and ranking reads words without decompressing them.
# PostgreSQL moves a row's values out of line only when the row is longer than about 2 kB, whatever
# toast_tuple_target says; most reviews' words are shorter. `filler`, 2,100 spaces that every new row gets (and
# that compress to 35 bytes), makes every row long enough, so that its words go out of line: at 100,000 demo
# reviews the table's rows took 9 MB instead of 129 MB, and reading the ids of 49,000 matches 10 ms instead
# of 60. Django never reads or writes the column.
NARROW_ROWS = """
ALTER TABLE reviews_searchdocument SET (toast_tuple_target = 128);
ALTER TABLE reviews_searchdocument ALTER COLUMN vector SET STORAGE EXTERNAL;
ALTER TABLE reviews_searchdocument ADD COLUMN filler text NOT NULL DEFAULT repeat(' ', 2100);
"""
WIDE_ROWS = "ALTER TABLE reviews_searchdocument DROP COLUMN filler"
MOVE_WORDS = """
INSERT INTO reviews_searchdocument (review_id, vector)
SELECT id, search_vector FROM reviews_review WHERE search_vector IS NOT NULL
"""
MOVE_WORDS_BACK = """
UPDATE reviews_review AS r SET search_vector = d.vector FROM reviews_searchdocument AS d WHERE d.review_id = r.id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0007_search_facet_ids"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "review",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="reviews.review",
                    ),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField()),
            ],
        ),
        migrations.RunSQL(NARROW_ROWS, reverse_sql=WIDE_ROWS),
        migrations.RunSQL(MOVE_WORDS, reverse_sql=MOVE_WORDS_BACK),
        migrations.AddIndex(
            model_name="searchdocument",
            index=django.contrib.postgres.indexes.GinIndex(fields=["vector"], name="searchdocument_vector_idx"),
        ),
        migrations.RemoveIndex(
            model_name="review",
            name="review_search_vector_idx",
        ),
        migrations.RemoveIndex(
            model_name="review",
            name="review_search_facets_idx",
        ),
        migrations.RemoveField(
            model_name="review",
            name="search_vector",
        ),
    ]
