"""Best match ranks every match: each review's title words get a column of their own (SearchDocument.title_words),
and the column that keeps the rows narrow is declared to Django as `padding` (it was `filler`, known only to
migration 0008)."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.functions.text
from django.db import migrations, models

FILL_TITLE_WORDS = """
UPDATE reviews_searchdocument AS d SET title_words = to_tsvector('english', r.title)
FROM reviews_review AS r WHERE r.id = d.review_id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0013_review_links"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE reviews_searchdocument RENAME COLUMN filler TO padding",
                    reverse_sql="ALTER TABLE reviews_searchdocument RENAME COLUMN padding TO filler",
                )
            ],
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="padding",
                    field=models.TextField(
                        db_default=django.db.models.functions.text.Repeat(models.Value(" "), 2100), editable=False
                    ),
                )
            ],
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="title_words",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.RunSQL(FILL_TITLE_WORDS, reverse_sql=migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="searchdocument",
            index=django.contrib.postgres.indexes.GinIndex(fields=["title_words"], name="searchdocument_title_idx"),
        ),
    ]
