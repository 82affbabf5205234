"""Theme trends for the dashboards: counts by theme, year and region in SQL; shares; tests for change.

Every count starts from Review.objects.published(). A summary table (TrendCount) holds, per region, year and
review type, the published reviews, those with each theme and those with each pair of themes; the
reviews_changed receiver updates it in SQL for the changed reviews only, inside the writer's transaction. One
statement per set of filters then adds it up for the nation and every region at once (GROUPING SETS): tens of
thousands of summary rows at 100,000 reviews, instead of hundreds of thousands of theme links and pairs. Python
only adds up at most a handful of yearly figures and runs the tests.

The figures are cached in the shared cache under a generation number (reviews.freshness). Every change to
reviews (reviews.signals.reviews_changed) moves it on, so a published or withdrawn review shows on the next page
view in every process; old entries simply expire.

One module a step: `scope` (themes, regions, years, filters), `summary` (the summary table, kept current and
added up), `figures` (the cache and its generation number, and the receivers that move it on), `statistics`
(suppression, shares, tests), `dashboards` (national, regional and board pages, CSV rows).
"""

from .dashboards import (
    CSV_HEADER,
    BoardProfile,
    Dashboard,
    Pair,
    RegionRow,
    ThemeRow,
    board_profile,
    build_dashboard,
    csv_rows,
    national_dashboard,
    regional_dashboard,
)
from .figures import Figures, forget_cached_figures
from .scope import DEFAULT_YEARS, Filters, Meta, RegionInfo, ThemeInfo, default_recent_years, reviews_in_scope
from .statistics import Cell, Comparison, compare, holm_adjust, percent, two_proportion_z_test
from .summary import Cube, catch_up_trend_counts, sync_trend_counts

__all__ = [
    "CSV_HEADER",
    "DEFAULT_YEARS",
    "BoardProfile",
    "Cell",
    "Comparison",
    "Cube",
    "Dashboard",
    "Figures",
    "Filters",
    "Meta",
    "Pair",
    "RegionInfo",
    "RegionRow",
    "ThemeInfo",
    "ThemeRow",
    "board_profile",
    "build_dashboard",
    "catch_up_trend_counts",
    "compare",
    "csv_rows",
    "default_recent_years",
    "forget_cached_figures",
    "holm_adjust",
    "national_dashboard",
    "percent",
    "regional_dashboard",
    "reviews_in_scope",
    "sync_trend_counts",
    "two_proportion_z_test",
]
