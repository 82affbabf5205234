"""Numbers as shown: small-number suppression, shares, and tests for change (two-proportion z-tests, Holm)."""

import math
from collections.abc import Callable
from dataclasses import dataclass

# Counts from 1 to 4 in a region or board cell are shown as "fewer than 5" and no share is worked out from
# them (the convention of official statistics, so that no one can be recognised from a small area's figures).
SMALL_NUMBER = 5


# The z-test's normal approximation is only trusted when at least this many reviews would be expected with and
# without the theme in each group if nothing had changed.
MIN_EXPECTED = 5


SIGNIFICANCE = 0.05


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


def adjust(comparisons: list[Comparison]) -> None:
    for comparison, adjusted in zip(comparisons, holm_adjust([c.p_value for c in comparisons]), strict=True):
        comparison.p_adjusted = adjusted


def rank(rows: list, value: Callable) -> list:
    """Sorted by value (highest first, then by name), each with its competition rank (1, 2, 2, 4)."""
    rows = sorted(rows, key=lambda row: (-value(row), row.theme.name))
    for row in rows:
        row.rank = 1 + sum(1 for other in rows if value(other) > value(row))
    return rows
