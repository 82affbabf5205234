"""Theme names and synonyms are words in the search vectors of the theme's reviews: when a theme changes, those
reviews' words are recomputed (reviews.search keeps the words; the taxonomy lives here, a room above it).

A common theme is on thousands of reviews, so the recomputing is queued when the change commits and done by the
task queue's worker (themes.tasks, reviews.tasks), never in the request. Names shown in facets change at once.
"""

from django.db import transaction

from reviews import tasks as review_tasks
from reviews.search import forget_cached_results

from . import tasks
from .models import Theme


def on_theme_saved(sender, instance: Theme, raw: bool = False, **kwargs) -> None:
    forget_cached_results()
    if not raw:  # fixtures being loaded
        theme_id = instance.pk
        transaction.on_commit(lambda: tasks.refresh_theme_search_words.defer(theme_id=theme_id))


def on_theme_deleting(sender, instance: Theme, **kwargs) -> None:
    # After the delete the theme's links are gone, so note now whose vectors hold its words.
    instance._search_review_ids = list(instance.reviews.values_list("id", flat=True))


def on_theme_deleted(sender, instance: Theme, **kwargs) -> None:
    forget_cached_results()
    review_ids = getattr(instance, "_search_review_ids", [])
    if review_ids:
        transaction.on_commit(lambda: review_tasks.refresh_search_vectors.defer(review_ids=review_ids))
