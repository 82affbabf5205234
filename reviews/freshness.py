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

from django.db import connection, transaction

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
