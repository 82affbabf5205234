"""Theme trends for the dashboards: counts by theme, year and region in SQL; shares; tests for change.

Every count starts from Review.objects.published(). A summary table (TrendCount) holds, per region, year and
review type, the published reviews, those with each theme and those with each pair of themes; the
reviews_changed receiver updates it in SQL for the changed reviews only, inside the writer's transaction. One
statement per set of filters then adds it up for the nation and every region at once (GROUPING SETS): tens of
thousands of summary rows at 100,000 reviews, instead of hundreds of thousands of theme links and pairs. Python
only adds up at most a handful of yearly figures and runs the tests.

The figures are cached in the shared database cache under a "generation" token. Every change to reviews
(reviews.signals.reviews_changed) replaces the token, so a published or withdrawn review shows on the next page
view in every process; old entries simply expire.
"""

import contextlib
import datetime
import math
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import IntegerField, Max, Min
from django.db.models.functions import Cast, ExtractYear
from django.urls import reverse

from reviews.models import Board, Region, Review

from .models import Theme, TrendCount, TrendReview

# Counts from 1 to 4 in a region or board cell are shown as "fewer than 5" and no share is worked out from
# them (the convention of official statistics, so that no one can be recognised from a small area's figures).
SMALL_NUMBER = 5
# The z-test's normal approximation is only trusted when at least this many reviews would be expected with and
# without the theme in each group if nothing had changed.
MIN_EXPECTED = 5
SIGNIFICANCE = 0.05
DEFAULT_YEARS = 10
DEFAULT_RECENT_YEARS = 3
TOP_THEMES = 5
TOP_PAIRS = 10

CACHE_VERSION = 1  # raise when the shape of cached objects changes
GENERATION_KEY = "trends:generation"
# The generation token, not expiry, keeps figures fresh; a day's life just lets stale generations' entries go.
FIGURES_TIMEOUT = 24 * 60 * 60


# ---------------------------------------------------------------------------------------------------------------
# What the dashboards are about: themes, regions, the years with data, the chosen filters


@dataclass(frozen=True)
class ThemeInfo:
    id: int
    slug: str
    name: str

    def get_absolute_url(self) -> str:
        return reverse("themes:detail", args=[self.slug])


@dataclass(frozen=True)
class RegionInfo:
    id: int
    slug: str
    name: str

    def get_absolute_url(self) -> str:
        return reverse("themes:regional-dashboard", args=[self.slug])


@dataclass(frozen=True)
class Meta:
    first_year: int | None  # None: nothing published yet
    last_year: int | None
    themes: tuple[ThemeInfo, ...]  # by name
    regions: tuple[RegionInfo, ...]  # by name

    def region(self, slug: str) -> RegionInfo | None:
        return next((region for region in self.regions if region.slug == slug), None)


@dataclass(frozen=True)
class Filters:
    year_from: int
    year_to: int
    recent_years: int = DEFAULT_RECENT_YEARS  # the last N years of the range are "recent"; the rest "earlier"
    review_type: str = ""  # "" for every type

    @classmethod
    def default(cls, meta: Meta) -> "Filters | None":
        """The last ten years with data, the last three of them recent; None when nothing is published."""
        if meta.last_year is None:
            return None
        year_from = max(meta.first_year, meta.last_year - DEFAULT_YEARS + 1)
        return cls(year_from, meta.last_year, default_recent_years(year_from, meta.last_year))

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))

    @property
    def recent_from(self) -> int:
        return self.year_to - self.recent_years + 1

    @property
    def recent(self) -> list[int]:
        return [year for year in self.years if year >= self.recent_from]

    @property
    def earlier(self) -> list[int]:
        return [year for year in self.years if year < self.recent_from]

    @property
    def review_type_label(self) -> str:
        return Review.ReviewType(self.review_type).label if self.review_type else ""

    def query_string(self) -> str:
        """The filters as URL parameters, for links that keep them (other regions, the CSV)."""
        params = f"year_from={self.year_from}&year_to={self.year_to}&recent={self.recent_years}"
        return f"{params}&review_type={self.review_type}" if self.review_type else params


def default_recent_years(year_from: int, year_to: int) -> int:
    """Three recent years, fewer when the range is short, so that some earlier years are left to compare with."""
    return max(0, min(DEFAULT_RECENT_YEARS, year_to - year_from))


# ---------------------------------------------------------------------------------------------------------------
# The SQL


def reviews_in_scope(filters: Filters):
    """Published reviews in the filters' years and of their review type."""
    reviews = Review.objects.published().filter(
        published_on__gte=datetime.date(filters.year_from, 1, 1),
        published_on__lte=datetime.date(filters.year_to, 12, 31),
    )
    if filters.review_type:
        reviews = reviews.filter(review_type=filters.review_type)
    return reviews


def _meta_from_database() -> Meta:
    dates = Review.objects.published().aggregate(first=Min("published_on"), last=Max("published_on"))
    return Meta(
        first_year=dates["first"].year if dates["first"] else None,
        last_year=dates["last"].year if dates["last"] else None,
        themes=tuple(ThemeInfo(*row) for row in Theme.objects.order_by("name").values_list("id", "slug", "name")),
        regions=tuple(RegionInfo(*row) for row in Region.objects.order_by("name").values_list("id", "slug", "name")),
    )


@dataclass
class Cube:
    """Counts under one set of filters. Key None is the nation; other keys are region ids."""

    totals: dict[int | None, dict[int, int]] = field(default_factory=dict)  # scope -> year -> reviews
    counts: dict[int | None, dict[int, dict[int, int]]] = field(default_factory=dict)  # scope -> theme -> year -> n
    pairs: dict[int | None, dict[tuple[int, int], int]] = field(default_factory=dict)  # scope -> (theme, theme) -> n


def _cube_from_database(filters: Filters) -> Cube:
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


def _board_counts_from_database(board_id: int, filters: Filters) -> tuple[int, dict[int, int]]:
    """(reviews, {theme id: reviews with it}) for one board: two small queries on the board's index."""
    reviews = reviews_in_scope(filters).filter(board_id=board_id)
    return reviews.count(), reviews.theme_counts()


# ---------------------------------------------------------------------------------------------------------------
# The summary behind the cube: counts per region, year, review type, theme and pair of themes

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


def on_reviews_changed(sender, review_ids: list[int], **kwargs) -> None:
    """Receiver for reviews_changed: recount the changed reviews (in the writer's transaction), then forget
    cached figures."""
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


# ---------------------------------------------------------------------------------------------------------------
# The cache


def forget_cached_figures(**kwargs) -> None:
    """After any change to reviews (on_reviews_changed), boards, regions or themes: every figure cached so far
    is stale.

    Runs inside the writer's transaction, so the new token and the changed reviews become visible together.
    """
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)  # add: another process may just have set one
        token = cache.get(GENERATION_KEY)
    return token


class Figures:
    """Cached figures as of one generation: read the token once per request, then everything under it."""

    def __init__(self):
        self.generation = _generation()
        self.meta: Meta = self._cached("meta", _meta_from_database)

    def _cached(self, name: str, compute: Callable):
        key = f"trends:v{CACHE_VERSION}:{self.generation}:{name}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, timeout=FIGURES_TIMEOUT)
        return value

    def cube(self, filters: Filters) -> Cube:
        key = f"cube:{filters.year_from}-{filters.year_to}:{filters.review_type or 'all'}"
        return self._cached(key, lambda: _cube_from_database(filters))

    def board_counts(self, board_id: int, filters: Filters) -> tuple[int, dict[int, int]]:
        key = f"board:{board_id}:{filters.year_from}-{filters.year_to}:{filters.review_type or 'all'}"
        return self._cached(key, lambda: _board_counts_from_database(board_id, filters))

    def default_filters(self) -> Filters | None:
        return Filters.default(self.meta)


# ---------------------------------------------------------------------------------------------------------------
# Numbers as shown: small-number suppression, shares, tests


def percent(value: float | None) -> str:
    return f"{value * 100:.1f}%"


@dataclass
class Cell:
    """`count` reviews out of `total`; at region or board level (`suppressed`) small counts are held back."""

    count: int
    total: int
    suppressed: bool = False

    @property
    def hidden(self) -> bool:
        return self.suppressed and 0 < self.count < SMALL_NUMBER

    @property
    def total_hidden(self) -> bool:
        return self.suppressed and 0 < self.total < SMALL_NUMBER

    @property
    def share(self) -> float | None:
        """count / total, or None when there are no reviews or either number is held back."""
        if self.hidden or self.total_hidden or not self.total:
            return None
        return self.count / self.total

    @property
    def count_text(self) -> str:
        return f"fewer than {SMALL_NUMBER}" if self.hidden else f"{self.count:,}"

    @property
    def total_text(self) -> str:
        return f"fewer than {SMALL_NUMBER}" if self.total_hidden else f"{self.total:,}"

    @property
    def share_text(self) -> str:
        if not self.total:
            return "no reviews"
        return "not shown" if self.share is None else percent(self.share)

    @property
    def share_display(self) -> str:
        """The share, or where the count is held back, that it is small (so a table of shares still says why)."""
        return f"fewer than {SMALL_NUMBER} reviews" if self.hidden else self.share_text

    @property
    def rank_value(self) -> int:
        # Held-back counts rank together, so the order does not reveal which small count is bigger.
        return 1 if self.hidden else self.count


def two_proportion_z_test(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float] | None:
    """(z, two-sided p-value) for "x1 of n1 and x2 of n2 come from the same proportion".

    None when the test would be unreliable: if nothing had changed we would expect fewer than MIN_EXPECTED
    reviews with, or without, the theme in one of the groups.
    """
    if n1 == 0 or n2 == 0:
        return None
    pooled = (x1 + x2) / (n1 + n2)
    if min(n1 * pooled, n1 * (1 - pooled), n2 * pooled, n2 * (1 - pooled)) < MIN_EXPECTED:
        return None
    standard_error = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (x1 / n1 - x2 / n2) / standard_error
    return z, math.erfc(abs(z) / math.sqrt(2))


def holm_adjust(p_values: list[float]) -> list[float]:
    """Holm's step-down adjustment: many themes are tested at once, so each p-value is scaled up to keep the
    chance of any false alarm across all of them at SIGNIFICANCE."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    adjusted = [1.0] * len(p_values)
    running = 0.0
    for position, index in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - position) * p_values[index]))
        adjusted[index] = running
    return adjusted


@dataclass
class Comparison:
    """One theme's share in two groups of reviews (recent against earlier years, or a region against the rest of
    the country), with a two-proportion z-test."""

    first: Cell
    second: Cell
    z: float
    p_value: float
    p_adjusted: float = 1.0

    @property
    def higher(self) -> bool:
        return self.z > 0

    @property
    def significant(self) -> bool:
        return self.p_adjusted < SIGNIFICANCE

    @property
    def evidence(self) -> str:
        if self.p_adjusted < 0.001:
            return "very strong evidence"
        if self.p_adjusted < 0.01:
            return "strong evidence"
        if self.p_adjusted < SIGNIFICANCE:
            return "some evidence"
        return "no clear evidence"

    @property
    def p_text(self) -> str:
        return "less than 0.001" if self.p_adjusted < 0.001 else f"{self.p_adjusted:.3f}"


def compare(first: Cell, second: Cell) -> Comparison | None:
    result = two_proportion_z_test(first.count, first.total, second.count, second.total)
    return None if result is None else Comparison(first, second, *result)


def _adjust(comparisons: list[Comparison]) -> None:
    for comparison, adjusted in zip(comparisons, holm_adjust([c.p_value for c in comparisons]), strict=True):
        comparison.p_adjusted = adjusted


def _rank(rows: list, value: Callable) -> list:
    """Sorted by value (highest first, then by name), each with its competition rank (1, 2, 2, 4)."""
    rows = sorted(rows, key=lambda row: (-value(row), row.theme.name))
    for row in rows:
        row.rank = 1 + sum(1 for other in rows if value(other) > value(row))
    return rows


# ---------------------------------------------------------------------------------------------------------------
# The dashboards


@dataclass
class ThemeRow:
    theme: ThemeInfo
    period: Cell  # reviews with the theme over the whole range, of all reviews in it
    by_year: list[Cell] = field(default_factory=list)
    recent: Cell | None = None
    earlier: Cell | None = None
    change: Comparison | None = None  # recent against earlier years
    national: Cell | None = None  # on a region's or board's page: the same theme across the nation
    regional: Cell | None = None  # on a board's page: the same theme across its region
    versus_rest: Comparison | None = None  # on a region's page: the region against the rest of the country
    rank: int = 0


@dataclass
class Pair:
    first: ThemeInfo
    second: ThemeInfo
    cell: Cell


@dataclass
class RegionRow:
    region: RegionInfo
    total: Cell
    cells: list[Cell]  # one per top theme
    current: bool = False


@dataclass
class Dashboard:
    filters: Filters
    region: RegionInfo | None
    year_totals: list[Cell]
    period_total: Cell
    recent_total: Cell
    earlier_total: Cell
    themes: list[ThemeRow]  # ranked
    pairs: list[Pair]
    regions: list[RegionRow]
    top_themes: list[ThemeInfo]  # the nation's top themes: the columns of the regions table
    tested: int  # themes common enough to test for change

    @property
    def years(self) -> list[int]:
        return self.filters.years

    @property
    def top(self) -> list[ThemeRow]:
        return self.themes[:TOP_THEMES]

    @property
    def top_by_year(self) -> list[tuple[int, Cell, list[Cell]]]:
        """(year, all reviews, the top themes' cells) for each year: the trend chart's table."""
        return [
            (year, total, [row.by_year[i] for row in self.top])
            for i, (year, total) in enumerate(zip(self.years, self.year_totals, strict=True))
        ]

    @property
    def emerging(self) -> list[ThemeRow]:
        rows = [row for row in self.themes if row.change and row.change.significant and row.change.higher]
        return sorted(rows, key=lambda row: (row.change.p_adjusted, -row.change.z))

    @property
    def declining(self) -> list[ThemeRow]:
        rows = [row for row in self.themes if row.change and row.change.significant and not row.change.higher]
        return sorted(rows, key=lambda row: (row.change.p_adjusted, row.change.z))

    @property
    def different(self) -> list[ThemeRow]:
        return [row for row in self.themes if row.versus_rest and row.versus_rest.significant]

    @property
    def themes_by_name(self) -> list[ThemeRow]:
        return sorted(self.themes, key=lambda row: row.theme.name)


def _sum(by_year: dict[int, int], years: list[int]) -> int:
    return sum(by_year.get(year, 0) for year in years)


def build_dashboard(meta: Meta, cube: Cube, filters: Filters, region: RegionInfo | None = None) -> Dashboard:
    """The nation's dashboard, or one region's (with small numbers held back and the nation beside it)."""
    scope = region.id if region else None
    small = region is not None
    totals = cube.totals.get(scope, {})
    counts = cube.counts.get(scope, {})
    years, recent, earlier = filters.years, filters.recent, filters.earlier
    period_total = Cell(_sum(totals, years), _sum(totals, years), small)
    recent_total = Cell(_sum(totals, recent), _sum(totals, recent), small)
    earlier_total = Cell(_sum(totals, earlier), _sum(totals, earlier), small)
    national_totals = cube.totals.get(None, {})
    national_total = _sum(national_totals, years)

    rows = []
    for theme in meta.themes:
        by_year = counts.get(theme.id, {})
        row = ThemeRow(
            theme=theme,
            period=Cell(_sum(by_year, years), period_total.count, small),
            by_year=[Cell(by_year.get(year, 0), totals.get(year, 0), small) for year in years],
            recent=Cell(_sum(by_year, recent), recent_total.count, small),
            earlier=Cell(_sum(by_year, earlier), earlier_total.count, small),
        )
        row.change = compare(row.recent, row.earlier)
        if region:
            national = _sum(cube.counts.get(None, {}).get(theme.id, {}), years)
            row.national = Cell(national, national_total)
            rest = Cell(national - row.period.count, national_total - period_total.count)
            row.versus_rest = compare(row.period, rest)
        rows.append(row)
    changes = [row.change for row in rows if row.change]
    _adjust(changes)
    _adjust([row.versus_rest for row in rows if row.versus_rest])
    rows = _rank(rows, lambda row: row.period.rank_value)

    themes_by_id = {theme.id: theme for theme in meta.themes}
    pairs = [
        Pair(
            *sorted((themes_by_id[first], themes_by_id[second]), key=lambda t: t.name),
            Cell(count, period_total.count, small),
        )
        for (first, second), count in cube.pairs.get(scope, {}).items()
        if first in themes_by_id and second in themes_by_id
    ]
    pairs.sort(key=lambda pair: (-pair.cell.rank_value, pair.first.name, pair.second.name))

    national_counts = cube.counts.get(None, {})
    top_themes = sorted(meta.themes, key=lambda theme: (-_sum(national_counts.get(theme.id, {}), years), theme.name))
    top_themes = top_themes[:TOP_THEMES]
    regions = []
    for other in meta.regions:
        other_total = _sum(cube.totals.get(other.id, {}), years)
        other_counts = cube.counts.get(other.id, {})
        regions.append(
            RegionRow(
                region=other,
                total=Cell(other_total, other_total, True),
                cells=[Cell(_sum(other_counts.get(theme.id, {}), years), other_total, True) for theme in top_themes],
                current=region is not None and other.id == region.id,
            )
        )
    return Dashboard(
        filters=filters,
        region=region,
        year_totals=[Cell(totals.get(year, 0), totals.get(year, 0), small) for year in years],
        period_total=period_total,
        recent_total=recent_total,
        earlier_total=earlier_total,
        themes=rows,
        pairs=pairs[:TOP_PAIRS],
        regions=regions,
        top_themes=top_themes,
        tested=len(changes),
    )


def national_dashboard(figures: Figures, filters: Filters) -> Dashboard:
    return build_dashboard(figures.meta, figures.cube(filters), filters)


def regional_dashboard(figures: Figures, filters: Filters, region: RegionInfo) -> Dashboard:
    return build_dashboard(figures.meta, figures.cube(filters), filters, region)


def csv_rows(dashboard: Dashboard) -> Iterator[list]:
    """One row per theme and year: theme slug, reviews with it, all reviews in scope, share (4 decimals).

    The same cells as the page, so held-back counts read "fewer than 5" here too and have no share.
    """
    yield ["theme", "year", "reviews", "total", "share"]
    for row in dashboard.themes_by_name:
        for year, cell in zip(dashboard.years, row.by_year, strict=True):
            share = "" if cell.share is None else f"{cell.share:.4f}"
            yield [row.theme.slug, year, cell.count_text.replace(",", ""), cell.total_text.replace(",", ""), share]


@dataclass
class BoardProfile:
    filters: Filters
    region: RegionInfo
    total: Cell
    regional_total: Cell
    national_total: Cell
    themes: list[ThemeRow]  # the themes in the board's reviews, ranked

    @property
    def top(self) -> list[ThemeRow]:
        return [row for row in self.themes if row.period.share is not None][:TOP_THEMES]


def board_profile(figures: Figures, board: Board) -> BoardProfile | None:
    """The board's themes over the default years, beside its region's and the nation's; None with no data.

    Needs board.region loaded (select_related) to avoid a query.
    """
    filters = figures.default_filters()
    if filters is None:
        return None
    region = RegionInfo(board.region.id, board.region.slug, board.region.name)
    cube = figures.cube(filters)
    total, counts = figures.board_counts(board.id, filters)
    years = filters.years
    regional_total = _sum(cube.totals.get(region.id, {}), years)
    national_total = _sum(cube.totals.get(None, {}), years)
    rows = []
    for theme in figures.meta.themes:
        count = counts.get(theme.id, 0)
        if not count:
            continue
        rows.append(
            ThemeRow(
                theme=theme,
                period=Cell(count, total, True),
                regional=Cell(_sum(cube.counts.get(region.id, {}).get(theme.id, {}), years), regional_total, True),
                national=Cell(_sum(cube.counts.get(None, {}).get(theme.id, {}), years), national_total),
            )
        )
    return BoardProfile(
        filters=filters,
        region=region,
        total=Cell(total, total, True),
        regional_total=Cell(regional_total, regional_total, True),
        national_total=Cell(national_total, national_total),
        themes=_rank(rows, lambda row: row.period.rank_value),
    )
