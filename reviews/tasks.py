"""Background work for reviews, run by the task queue (procrastinate, jobs kept in PostgreSQL).

A theme's name and synonyms are part of the search words of every review tagged with it, so renaming a theme or
changing its synonyms means recomputing thousands of reviews' vectors: seconds of work that no web request should
wait for. The receivers below queue it once the change has committed; `manage.py procrastinate worker` runs it.
Every task is idempotent (recomputing a vector from the rows as they are now), so a retried or repeated job is
harmless.
"""

from django.db import transaction
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from . import search
from .documents_cleanup import clean_orphan_documents
from .models import Review

RETRY = RetryStrategy(max_attempts=5, wait=30)


@app.task(name="reviews.refresh_search_vectors", retry=RETRY)
def refresh_search_vectors(*, review_ids: list[int]) -> None:
    search.refresh_search_vectors(review_ids)


@app.task(name="reviews.refresh_theme_search_vectors", retry=RETRY)
def refresh_theme_search_vectors(*, theme_id: int) -> None:
    # The theme's reviews as they are when the job runs, so a review tagged since the change is included too.
    search.refresh_search_vectors(Review.objects.filter(themes__id=theme_id).values_list("id", flat=True))


@app.periodic(cron="17 * * * *")  # hourly
@app.task(name="reviews.clean_orphan_documents", queueing_lock="reviews.clean_orphan_documents")
def clean_orphan_documents_hourly(timestamp: int) -> None:
    clean_orphan_documents()


# ---------------------------------------------------------------------------------------------------------------
# Receivers (connected in reviews.apps): queue the work when the change commits


def on_theme_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    # Names shown in facets change at once; the vectors follow when the worker has run. (Fixtures: raw.)
    search.forget_cached_results()
    if not raw:
        theme_id = instance.pk
        transaction.on_commit(lambda: refresh_theme_search_vectors.defer(theme_id=theme_id))


def on_theme_deleting(sender, instance, **kwargs) -> None:
    # After the delete the theme's links are gone, so note now whose vectors hold its words.
    instance._search_review_ids = list(instance.reviews.values_list("id", flat=True))


def on_theme_deleted(sender, instance, **kwargs) -> None:
    search.forget_cached_results()
    review_ids = getattr(instance, "_search_review_ids", [])
    if review_ids:
        transaction.on_commit(lambda: refresh_search_vectors.defer(review_ids=review_ids))
