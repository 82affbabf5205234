"""Background work for reviews, run by the task queue (procrastinate, jobs kept in PostgreSQL; `manage.py
procrastinate worker` runs them).

Recomputing the search words of many reviews (queued by themes.search_words when a theme changes) and the hourly
sweep of stored documents. Every task is idempotent (a vector is recomputed from the rows as they are now), so a
retried or repeated job is harmless.
"""

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from . import search
from .documents_cleanup import clean_orphan_documents

RETRY = RetryStrategy(max_attempts=5, wait=30)


@app.task(name="reviews.refresh_search_vectors", retry=RETRY)
def refresh_search_vectors(*, review_ids: list[int]) -> None:
    search.refresh_search_vectors(review_ids)


@app.periodic(cron="17 * * * *")  # hourly
@app.task(name="reviews.clean_orphan_documents", queueing_lock="reviews.clean_orphan_documents")
def clean_orphan_documents_hourly(timestamp: int) -> None:
    clean_orphan_documents()
