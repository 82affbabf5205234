"""The summary table (TrendCount): kept in step with published reviews in SQL, and added up per set of filters.

Per region, year and review type it holds the published reviews, those with each theme and those with each pair
of themes. The reviews_changed receiver updates it for the changed reviews only, inside the writer's
transaction. One statement per set of filters then adds it up for the nation and every region at once
(GROUPING SETS).
"""

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import IntegerField
from django.db.models.functions import Cast, ExtractYear

from reviews.models import Review

from ..models import TrendCount, TrendReview
from .scope import Filters, reviews_in_scope


@dataclass
class Cube:
    """Counts under one set of filters. Key None is the nation; other keys are region ids."""

    totals: dict[int | None, dict[int, int]] = field(default_factory=dict)  # scope -> year -> reviews
    counts: dict[int | None, dict[int, dict[int, int]]] = field(default_factory=dict)  # scope -> theme -> year -> n
    pairs: dict[int | None, dict[tuple[int, int], int]] = field(default_factory=dict)  # scope -> (theme, theme) -> n


def cube_from_database(filters: Filters) -> Cube:
    """One statement over the summary table TrendCount (tens of thousands of rows at 100,000 reviews, not the
    hundreds of thousands of theme links and pairs behind them); see sync_trend_counts.

    Brings the summary up to date first with any reviews written without reviews_changed (a query).
    """
    catch_up_trend_counts()
    conditions = "year BETWEEN %s AND %s" + (" AND review_type = %s" if filters.review_type else "")
    params = [filters.year_from, filters.year_to] + ([filters.review_type] if filters.review_type else [])
    sql = f"""
        WITH scope AS MATERIALIZED (
            SELECT region_id, year, theme_id, other_theme_id, reviews FROM {TrendCount._meta.db_table}
            WHERE {conditions}
        )
        SELECT region_id, year, theme_id, 0::bigint, SUM(reviews) FROM scope WHERE other_theme_id = 0
            GROUP BY GROUPING SETS ((region_id, year, theme_id), (year, theme_id)) HAVING SUM(reviews) > 0
        UNION ALL
        SELECT region_id, NULL, theme_id, other_theme_id, SUM(reviews) FROM scope WHERE other_theme_id <> 0
            GROUP BY GROUPING SETS ((region_id, theme_id, other_theme_id), (theme_id, other_theme_id))
            HAVING SUM(reviews) > 0
    """
    cube = Cube()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        # A NULL region is a GROUPING SETS total over every region, i.e. the nation (boards always have a region).
        for region_id, year, theme_id, other_theme_id, count in cursor.fetchall():
            if not theme_id:
                cube.totals.setdefault(region_id, {})[year] = count
            elif not other_theme_id:
                cube.counts.setdefault(region_id, {}).setdefault(theme_id, {})[year] = count
            else:
                cube.pairs.setdefault(region_id, {})[(theme_id, other_theme_id)] = count
    return cube


def board_counts_from_database(board_id: int, filters: Filters) -> tuple[int, dict[int, int]]:
    """(reviews, {theme id: reviews with it}) for one board: two small queries on the board's index."""
    reviews = reviews_in_scope(filters).filter(board_id=board_id)
    return reviews.count(), reviews.theme_counts()


# Serialises changes to the summary: each change reads a review's old contribution and writes its new one.
TREND_COUNTS_LOCK = 7_310_042


def sync_trend_counts(review_ids: list[int]) -> None:
    """Make TrendCount count these reviews as they are now: take away what was counted for each (TrendReview),
    add what Review.objects.published() says now, in SQL. Also counts any review added since the last change
    without reviews_changed (tests, the shell). A review that no longer exists is taken away. Idempotent, so
    syncing every review's id repairs the summary after changes made without reviews_changed.

    Three queries, in the caller's transaction if any; milliseconds for a publish, seconds for 100,000 reviews.
    """
    with _locked(), connection.cursor() as cursor:
        ids = sorted(set(review_ids) | set(_reviews_not_yet_seen(cursor)))
        if ids:
            _sync(cursor, ids)


def catch_up_trend_counts() -> None:
    """Count reviews added without reviews_changed: one query when there are none (always, in production)."""
    with connection.cursor() as cursor:
        ids = _reviews_not_yet_seen(cursor)
    if ids:
        with _locked(), connection.cursor() as cursor:
            _sync(cursor, ids)  # syncing an id twice is harmless, so no need to look again under the lock


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    """A transaction (the caller's if there is one: no savepoint needed) holding the summary's lock."""
    with contextlib.ExitStack() as stack:
        if not connection.in_atomic_block:
            stack.enter_context(transaction.atomic())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TREND_COUNTS_LOCK])
        yield


def _reviews_not_yet_seen(cursor) -> list[int]:
    # Newer than every review seen: ids only grow, and every review seen has a TrendReview row, published or not.
    cursor.execute(
        f"SELECT id FROM {Review._meta.db_table} "
        f"WHERE id > (SELECT COALESCE(MAX(review_id), 0) FROM {TrendReview._meta.db_table})"
    )
    return [row[0] for row in cursor.fetchall()]


def _sync(cursor, ids: list[int]) -> None:
    published = (
        Review.objects.published()
        .annotate(year=Cast(ExtractYear("published_on"), IntegerField()))
        .values_list("id", "board__region_id", "year", "review_type")
    )
    published_sql, published_params = published.query.sql_with_params()
    link = Review.themes.through._meta.db_table
    counts, seen = TrendCount._meta.db_table, TrendReview._meta.db_table
    # One statement: the CTEs all see the rows as they were before it, so `old` is the old contribution while
    # `saved` records the new one; a review's pairs are the pairs of its sorted theme ids.
    sql = f"""
        WITH changed AS (SELECT DISTINCT unnest(%s::bigint[]) AS review_id),
        now AS (
            SELECT c.review_id, p.id IS NOT NULL AS counted, p.region_id, p.year,
                COALESCE(p.review_type, '') AS review_type,
                CASE WHEN p.id IS NULL THEN '{{}}'::bigint[] ELSE ARRAY(
                    SELECT l.theme_id FROM {link} l WHERE l.review_id = c.review_id ORDER BY l.theme_id
                ) END AS theme_ids
            FROM changed c
            JOIN {Review._meta.db_table} existing ON existing.id = c.review_id
            LEFT JOIN ({published_sql}) p (id, region_id, year, review_type) ON p.id = c.review_id
        ),
        old AS (SELECT s.* FROM {seen} s JOIN changed c ON c.review_id = s.review_id),
        saved AS (
            INSERT INTO {seen} (review_id, counted, region_id, year, review_type, theme_ids)
            SELECT review_id, counted, region_id, year, review_type, theme_ids FROM now
            ON CONFLICT (review_id) DO UPDATE SET counted = EXCLUDED.counted, region_id = EXCLUDED.region_id,
                year = EXCLUDED.year, review_type = EXCLUDED.review_type, theme_ids = EXCLUDED.theme_ids
        ),
        gone AS (
            DELETE FROM {seen} s USING changed c
            WHERE s.review_id = c.review_id AND NOT EXISTS (SELECT 1 FROM now WHERE now.review_id = c.review_id)
        ),
        deltas AS (
            SELECT region_id, year, review_type, theme_ids, -1 AS delta FROM old WHERE counted
            UNION ALL
            SELECT region_id, year, review_type, theme_ids, 1 FROM now WHERE counted
        ),
        keyed AS (
            SELECT region_id, year, review_type, 0::bigint AS theme_id, 0::bigint AS other_theme_id, delta
                FROM deltas
            UNION ALL
            SELECT region_id, year, review_type, t, 0, delta FROM deltas, unnest(theme_ids) t
            UNION ALL
            SELECT region_id, year, review_type, a, b, delta
                FROM deltas, unnest(theme_ids) a, unnest(theme_ids) b WHERE a < b
        )
        INSERT INTO {counts} (region_id, year, review_type, theme_id, other_theme_id, reviews)
        SELECT region_id, year, review_type, theme_id, other_theme_id, SUM(delta) FROM keyed
            GROUP BY region_id, year, review_type, theme_id, other_theme_id HAVING SUM(delta) <> 0
        ON CONFLICT (region_id, year, review_type, theme_id, other_theme_id)
            DO UPDATE SET reviews = {counts}.reviews + EXCLUDED.reviews
    """
    # Counts that fall to 0 stay as rows (at most one per key ever used); reads skip them.
    cursor.execute(sql, [ids, *published_params])
