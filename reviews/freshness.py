"""Is this cached figure still current? One answer for every cache in the portal.

Each kind of cached figure has a generation number: a PostgreSQL sequence. Whatever changes the data behind the
figures moves its number on (`move_on`); cached figures are stored under the number they were computed at
(`current`), so an old entry is simply never asked for again and expires. A sequence, rather than a token in the
cache, because nextval() is cheap, never blocks, is never rolled back (a number is never reused), and cannot be
culled from a full cache.

A writer moves the number on at once, so that reads in its own transaction miss old entries, and again when it
commits, because another connection may have cached figures under the new number before the change was visible
to it.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.db import connection, transaction

T = TypeVar("T")
DAY = 24 * 60 * 60

SEARCH = "reviews_search_generation"  # search results and the facet index (reviews.search)
TRENDS = "reviews_trends_generation"  # dashboard figures (themes.trends)
TRACKER = "reviews_tracker_generation"  # the national recommendations tracker (actions.tracker)
FEEDS = "reviews_feeds_generation"  # Atom feeds (learning.feeds)
GENERATIONS = (SEARCH, TRENDS, TRACKER, FEEDS)  # each made by a migration (0004, 0009)
# A sequence's number, read from the sequence as a table: 0 until its first nextval (last_value is then already 1).
NUMBER = "CASE WHEN is_called THEN last_value ELSE 0 END"


def current(generation: str) -> int:
    """The generation's number now (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {NUMBER} FROM {_checked(generation)}")
        return cursor.fetchone()[0]


def cached(
    generation: str,
    key: str,
    compute: Callable[[], T],
    *,
    number: int | None = None,
    timeout: int = DAY,
    where: str = "default",
) -> T:
    """The figure cached under `key` at the generation's current number (or `number`, read once by a caller
    that fetches several), computed and stored if missing. The number, not the timeout, keeps it current: the
    timeout only lets entries of old generations go. `where`: the shared cache ("default") for figures that are
    slow to work out, or this process's own ("local") for small ones that are quick to work out."""
    cache = caches[where]
    full_key = cache_key(generation, key, number=number)
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


def cache_key(generation: str, key: str, *, number: int | None = None) -> str:
    """The cache key of `key` at the generation's current number (or `number`): for callers that decide after
    computing whether to keep a value at all (reviews.page_cache keeps only pages fit for everyone)."""
    number = current(generation) if number is None else number
    return f"{generation}:{number}:{key}"


def move_on(generation: str) -> None:
    """Make every figure cached under this generation stale, in every process."""
    _next(generation)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _next(generation))


def _next(generation: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nextval('{_checked(generation)}')")


def _checked(generation: str) -> str:
    # Names go into SQL text: only the known ones.
    if generation not in GENERATIONS:
        raise ValueError(f"Unknown generation {generation!r}")
    return generation
