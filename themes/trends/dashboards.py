"""The national, regional and board dashboards, assembled from cached figures; and their CSV rows."""

from collections.abc import Iterator
from dataclasses import dataclass, field

from reviews.models import Board

from .figures import Figures
from .scope import Filters, Meta, RegionInfo, ThemeInfo
from .statistics import Cell, Comparison, adjust, compare, rank
from .summary import Cube

TOP_THEMES = 5


TOP_PAIRS = 10


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


def sum_years(by_year: dict[int, int], years: list[int]) -> int:
    return sum(by_year.get(year, 0) for year in years)


def build_dashboard(meta: Meta, cube: Cube, filters: Filters, region: RegionInfo | None = None) -> Dashboard:
    """The nation's dashboard, or one region's (with small numbers held back and the nation beside it)."""
    scope = region.id if region else None
    small = region is not None
    totals = cube.totals.get(scope, {})
    counts = cube.counts.get(scope, {})
    years, recent, earlier = filters.years, filters.recent, filters.earlier
    period_total = Cell(sum_years(totals, years), sum_years(totals, years), small)
    recent_total = Cell(sum_years(totals, recent), sum_years(totals, recent), small)
    earlier_total = Cell(sum_years(totals, earlier), sum_years(totals, earlier), small)
    national_totals = cube.totals.get(None, {})
    national_total = sum_years(national_totals, years)

    rows = []
    for theme in meta.themes:
        by_year = counts.get(theme.id, {})
        row = ThemeRow(
            theme=theme,
            period=Cell(sum_years(by_year, years), period_total.count, small),
            by_year=[Cell(by_year.get(year, 0), totals.get(year, 0), small) for year in years],
            recent=Cell(sum_years(by_year, recent), recent_total.count, small),
            earlier=Cell(sum_years(by_year, earlier), earlier_total.count, small),
        )
        row.change = compare(row.recent, row.earlier)
        if region:
            national = sum_years(cube.counts.get(None, {}).get(theme.id, {}), years)
            row.national = Cell(national, national_total)
            rest = Cell(national - row.period.count, national_total - period_total.count)
            row.versus_rest = compare(row.period, rest)
        rows.append(row)
    changes = [row.change for row in rows if row.change]
    adjust(changes)
    adjust([row.versus_rest for row in rows if row.versus_rest])
    rows = rank(rows, lambda row: row.period.rank_value)

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
    top_themes = sorted(
        meta.themes, key=lambda theme: (-sum_years(national_counts.get(theme.id, {}), years), theme.name)
    )
    top_themes = top_themes[:TOP_THEMES]
    regions = []
    for other in meta.regions:
        other_total = sum_years(cube.totals.get(other.id, {}), years)
        other_counts = cube.counts.get(other.id, {})
        regions.append(
            RegionRow(
                region=other,
                total=Cell(other_total, other_total, True),
                cells=[
                    Cell(sum_years(other_counts.get(theme.id, {}), years), other_total, True) for theme in top_themes
                ],
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


CSV_HEADER = ["theme", "year", "reviews", "total", "share"]


def csv_rows(dashboard: Dashboard) -> Iterator[list]:
    """One row per theme and year: theme slug, reviews with it, all reviews in scope, share (4 decimals).

    The same cells as the page, so held-back counts read "fewer than 5" here too and have no share.
    """
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
    regional_total = sum_years(cube.totals.get(region.id, {}), years)
    national_total = sum_years(cube.totals.get(None, {}), years)
    rows = []
    for theme in figures.meta.themes:
        count = counts.get(theme.id, 0)
        if not count:
            continue
        rows.append(
            ThemeRow(
                theme=theme,
                period=Cell(count, total, True),
                regional=Cell(sum_years(cube.counts.get(region.id, {}).get(theme.id, {}), years), regional_total, True),
                national=Cell(sum_years(cube.counts.get(None, {}).get(theme.id, {}), years), national_total),
            )
        )
    return BoardProfile(
        filters=filters,
        region=region,
        total=Cell(total, total, True),
        regional_total=Cell(regional_total, regional_total, True),
        national_total=Cell(national_total, national_total),
        themes=rank(rows, lambda row: row.period.rank_value),
    )
