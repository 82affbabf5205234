"""Theme names and synonyms are words in the search vectors of the theme's reviews: when a theme changes, those
reviews' words are recomputed (reviews.search keeps the words; the taxonomy lives here, a room above it)."""

from reviews.search import refresh_search_vectors

from .models import Theme


def on_theme_saved(sender, instance: Theme, raw: bool = False, **kwargs) -> None:
    # (Fixtures being loaded: raw.)
    ids = [] if raw else list(instance.reviews.values_list("id", flat=True))
    refresh_search_vectors(ids)


def on_theme_deleting(sender, instance: Theme, **kwargs) -> None:
    # After the delete the theme's links are gone, so note now whose vectors hold its words.
    instance._search_review_ids = list(instance.reviews.values_list("id", flat=True))


def on_theme_deleted(sender, instance: Theme, **kwargs) -> None:
    refresh_search_vectors(getattr(instance, "_search_review_ids", []))
