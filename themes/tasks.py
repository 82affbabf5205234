"""Background work for themes, run by the task queue: a theme's words in its reviews' search vectors (queued by
themes.search_words), and the dashboards' summary table.

Recounting one published or withdrawn review takes milliseconds and stays in the writer's transaction
(themes.trends.on_reviews_changed), so dashboards show it at once. A board moved to another region or a theme
deleted can touch thousands of reviews: that recount is queued when the change commits. sync_trend_counts is
idempotent (it recounts the reviews as they are now), so a retried job is harmless.
"""

from django.db import transaction
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from reviews.models import Review
from reviews.search import refresh_search_vectors

from . import trends

RETRY = RetryStrategy(max_attempts=5, wait=30)


@app.task(name="themes.refresh_theme_search_words", retry=RETRY)
def refresh_theme_search_words(*, theme_id: int) -> None:
    # The theme's reviews as they are when the job runs, so a review tagged since the change is included too.
    refresh_search_vectors(Review.objects.filter(themes__id=theme_id).values_list("id", flat=True))


@app.task(name="themes.sync_trend_counts", retry=RETRY)
def sync_trend_counts(*, review_ids: list[int]) -> None:
    trends.sync_trend_counts(review_ids)
    trends.forget_cached_figures()


@app.task(name="themes.sync_board_trend_counts", retry=RETRY)
def sync_board_trend_counts(*, board_id: int) -> None:
    # The board's reviews as they are when the job runs.
    trends.sync_trend_counts(list(Review.objects.filter(board_id=board_id).values_list("id", flat=True)))
    trends.forget_cached_figures()


# ---------------------------------------------------------------------------------------------------------------
# Receivers (connected in themes.apps): names change on the dashboards at once, counts when the worker has run


def on_board_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    trends.forget_cached_figures()
    if not raw:  # fixtures being loaded
        board_id = instance.pk
        transaction.on_commit(lambda: sync_board_trend_counts.defer(board_id=board_id))


def on_theme_deleting(sender, instance, **kwargs) -> None:
    # After the delete the theme's links are gone, so note now whose counts hold it.
    instance._trend_review_ids = list(instance.reviews.values_list("id", flat=True))


def on_theme_deleted(sender, instance, **kwargs) -> None:
    trends.forget_cached_figures()
    review_ids = getattr(instance, "_trend_review_ids", [])
    if review_ids:
        transaction.on_commit(lambda: sync_trend_counts.defer(review_ids=review_ids))


@app.periodic(cron="15 * * * *")  # each hour: training again once enough new reviews are published
@app.task(name="themes.train_theme_model_if_due", queueing_lock="themes.train_theme_model_if_due")
def train_theme_model_if_due(timestamp: int | None = None) -> bool:
    """Train the suggestion model again when themes.suggestions says it is due (minutes at national scale: the
    worker's job, never a request's). Returns whether it trained. Idempotent: once trained, it is not due."""
    from .suggestions.receivers import training_wanted
    from .suggestions.training import train_theme_model

    if not training_wanted():
        return False
    train_theme_model()
    return True
