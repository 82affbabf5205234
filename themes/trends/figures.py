"""Cached figures: the dashboards' counts, kept in the shared cache under a generation number (reviews.freshness).

Every change to reviews (reviews.signals.reviews_changed), boards, regions or themes moves the number on, so a
published or withdrawn review shows on the next page view in every process; old entries simply expire.
"""

from collections.abc import Callable

from reviews import freshness
from reviews.models import Board

from ..models import Theme
from .scope import Filters, Meta, meta_from_database
from .summary import Cube, board_counts_from_database, cube_from_database, sync_trend_counts

CACHE_VERSION = 1  # raise when the shape of cached objects changes


# The generation number, not expiry, keeps figures fresh; a day's life just lets stale generations' entries go.
FIGURES_TIMEOUT = 24 * 60 * 60


def on_reviews_changed(sender, review_ids: list[int], public: bool = True, **kwargs) -> None:
    """Receiver for reviews_changed: recount the changed reviews (in the writer's transaction), then forget
    cached figures. The summary counts published reviews only: a change the public cannot see changes nothing."""
    if public:
        sync_trend_counts(review_ids)
        forget_cached_figures()


def on_board_saved(sender, instance: Board, raw: bool = False, **kwargs) -> None:
    # A board moved to another region moves its reviews' counts with it. (Fixtures being loaded: raw.)
    if not raw:
        sync_trend_counts(list(instance.reviews.values_list("id", flat=True)))
    forget_cached_figures()


def on_theme_deleting(sender, instance: Theme, **kwargs) -> None:
    # After the delete the theme's links are gone, so note now whose counts hold it.
    instance._trend_review_ids = list(instance.reviews.values_list("id", flat=True))


def on_theme_deleted(sender, instance: Theme, **kwargs) -> None:
    sync_trend_counts(getattr(instance, "_trend_review_ids", []))
    forget_cached_figures()


def forget_cached_figures(**kwargs) -> None:
    """After any change to reviews (on_reviews_changed), boards, regions or themes: every figure cached so far
    is stale."""
    freshness.move_on(freshness.TRENDS)


class Figures:
    """Cached figures as of one generation: read the number once per request, then everything under it."""

    def __init__(self):
        self.generation = freshness.current(freshness.TRENDS)
        self.meta: Meta = self._cached("meta", meta_from_database)

    def _cached(self, name: str, compute: Callable):
        key = f"v{CACHE_VERSION}:{name}"
        return freshness.cached(freshness.TRENDS, key, compute, number=self.generation, timeout=FIGURES_TIMEOUT)

    def cube(self, filters: Filters) -> Cube:
        key = f"cube:{filters.year_from}-{filters.year_to}:{filters.review_type or 'all'}"
        return self._cached(key, lambda: cube_from_database(filters))

    def board_counts(self, board_id: int, filters: Filters) -> tuple[int, dict[int, int]]:
        key = f"board:{board_id}:{filters.year_from}-{filters.year_to}:{filters.review_type or 'all'}"
        return self._cached(key, lambda: board_counts_from_database(board_id, filters))

    def default_filters(self) -> Filters | None:
        return Filters.default(self.meta)
