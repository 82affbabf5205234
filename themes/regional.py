"""Views of a region's or a board's figures that still say something when most yearly counts are small.

A region has a few reviews a year, so a theme's count in one year is mostly below 5 and held back. Counted over
two, three or five years together, the same reviews give counts that can be shown. grouped_years picks the
shortest span that leaves no more than a third of the non-zero counts held back.
"""

from dataclasses import dataclass

from .trends import BoardProfile, Cell, Dashboard, RegionRow, ThemeInfo, ThemeRow

SPANS = (1, 2, 3, 5)
MOST_HELD_BACK = 1 / 3


@dataclass
class Period:
    first: int
    last: int

    @property
    def label(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first} to {self.last}"


@dataclass
class PeriodRow:
    theme: ThemeInfo
    cells: list[Cell]


@dataclass
class GroupedYears:
    span: int
    periods: list[Period]
    totals: list[Cell]
    rows: list[PeriodRow]


def _group(cells: list[Cell], years: list[int], span: int) -> list[tuple[Period, Cell]]:
    """Cells summed over runs of `span` years, the newest run ending with the last year (the oldest may be short)."""
    groups = []
    end = len(years)
    while end > 0:
        start = max(0, end - span)
        part = cells[start:end]
        count, total = sum(c.count for c in part), sum(c.total for c in part)
        groups.append((Period(years[start], years[end - 1]), Cell(count, total, any(c.suppressed for c in part))))
        end = start
    return groups[::-1]


def _held_back_share(rows: list[list[Cell]]) -> float:
    shown = [cell for row in rows for cell in row if cell.count]
    return sum(cell.hidden for cell in shown) / len(shown) if shown else 0.0


def grouped_years(dashboard: Dashboard) -> GroupedYears:
    """Every theme by period: single years for the nation; for a region, the shortest span that says something."""
    years = dashboard.years
    chosen = None
    for span in SPANS if dashboard.region else (1,):
        if span > len(years) and chosen:
            break
        rows = [[cell for _, cell in _group(row.by_year, years, span)] for row in dashboard.themes_by_name]
        chosen = (span, rows)
        if _held_back_share(rows) <= MOST_HELD_BACK:
            break
    span, rows = chosen
    totals = _group(dashboard.year_totals, years, span)
    return GroupedYears(
        span=span,
        periods=[period for period, _ in totals],
        totals=[cell for _, cell in totals],
        rows=[PeriodRow(row.theme, cells) for row, cells in zip(dashboard.themes_by_name, rows, strict=True)],
    )


def regions_with_reviews(dashboard: Dashboard) -> list[RegionRow]:
    """The all-regions table's rows: only nations and regions with reviews in the years shown (and this one)."""
    return [row for row in dashboard.regions if row.total.count or row.current]


def board_themes(profile: BoardProfile) -> tuple[list[ThemeRow], list[ThemeRow]]:
    """A board's themes (trends.BoardProfile): those whose share can be compared, and those in fewer than 5 reviews."""
    compared = [row for row in profile.themes if row.period.share is not None]
    return compared, [row for row in profile.themes if row.period.share is None]
