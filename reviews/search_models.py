"""The search's own tables: each review's words (SearchDocument) and the log of which reviews changed
(SearchChange). Derived data, written by reviews.search; defined here, beside reviews.models, to keep that module
to the reviews themselves. Their app is `reviews`."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Value
from django.db.models.functions import Now, Repeat

from .models import Review


class SearchDocument(models.Model):
    """A review's words for full-text search, in a narrow table of its own beside the wide review rows.

    `vector` is weighted: title A, theme names and synonyms B, summaries and findings C, recommendations D; it is
    what a search matches and ranks. `title_words` are the title's alone, so that "best match" can tell, for every
    match at once, which of them have the searched words in their title (reviews.search.ordering). Derived data,
    recomputed in SQL by reviews.search on reviews_changed (and written with new reviews by the import).

    `padding` keeps the rows narrow: PostgreSQL moves a row's long values out of line only when the row is longer
    than about 2 kB, and most reviews' words are shorter. With 2,100 spaces in every row (compressed to 35
    bytes), every vector goes out of line: at 100,000 demo reviews the table took 9 MB instead of 129 MB, and
    reading the ids of 49,000 matches 10 ms instead of 60. Nothing reads it.
    """

    review = models.OneToOneField(Review, primary_key=True, on_delete=models.CASCADE, related_name="search_document")
    vector = SearchVectorField()
    title_words = SearchVectorField(null=True)
    padding = models.TextField(db_default=Repeat(Value(" "), 2100), editable=False)

    class Meta:
        indexes = [
            # search page, API, export, feeds and alerts: which reviews have these words
            GinIndex(fields=["vector"], name="searchdocument_vector_idx"),
            # best match: which of them have these words in their title
            GinIndex(fields=["title_words"], name="searchdocument_title_idx"),
        ]

    def __str__(self) -> str:
        return f"Search words of review {self.review_id}"


class SearchChange(models.Model):
    """A review whose facts the public can see changed (or, with no review, a change to every review's labels:
    a board's region, an agency's name), in a database transaction.

    Each web process keeps an in-memory index of published reviews (reviews.search.index). After a change it
    reads only the reviews changed since it last read, as the rows of this log its last read could not see
    (PostgreSQL's snapshot of that read tells which transactions it saw), instead of reading all 100,000 again.
    Rows older than a day are deleted as new ones are written; a process whose index is older reads everything.
    """

    review_id = models.BigIntegerField(null=True)  # no foreign key: a deleted review is a change too
    transaction = models.BigIntegerField()  # the writer's pg_current_xact_id()
    created = models.DateTimeField(db_default=Now())

    class Meta:
        indexes = [
            models.Index(fields=["transaction"], name="searchchange_transaction_idx"),  # changes since a read
            models.Index(fields=["created"], name="searchchange_created_idx"),  # deleting the old ones
        ]

    def __str__(self) -> str:
        return f"Review {self.review_id} changed in transaction {self.transaction}"
