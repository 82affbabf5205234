"""The statistics, small-number rules and charts behind the dashboards, checked against worked examples."""

import pytest

from themes import charts
from themes.trends import Cell, Filters, Meta, holm_adjust, two_proportion_z_test


def test_z_test_matches_a_worked_example():
    # 45 of 100 against 30 of 100: pooled 0.375, standard error sqrt(0.375 * 0.625 * 0.02) = 0.068465,
    # z = 0.15 / 0.068465 = 2.1909, two-sided p = 0.0285 (from a normal table).
    z, p = two_proportion_z_test(45, 100, 30, 100)
    assert z == pytest.approx(2.1909, abs=1e-4)
    assert p == pytest.approx(0.0285, abs=1e-4)
    z, p = two_proportion_z_test(30, 100, 45, 100)
    assert z == pytest.approx(-2.1909, abs=1e-4)


def test_z_test_is_not_run_on_too_few_reviews():
    # Pooled share 6/200: 3 expected in each group, under the minimum of 5.
    assert two_proportion_z_test(5, 100, 1, 100) is None
    # Nearly every review has the theme: too few expected without it.
    assert two_proportion_z_test(98, 100, 99, 100) is None
    assert two_proportion_z_test(0, 0, 5, 10) is None
    # Exactly 5 expected is enough.
    assert two_proportion_z_test(7, 100, 3, 100) is not None


def test_holm_adjustment_matches_a_worked_example():
    # Sorted: 0.005 x 4 = 0.02; 0.01 x 3 = 0.03; 0.03 x 2 = 0.06; 0.04 x 1 = 0.04, raised to 0.06 to keep order.
    assert holm_adjust([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert holm_adjust([0.5, 0.9]) == pytest.approx([1.0, 1.0])  # 0.5 x 2 caps at 1; the next may not be lower
    assert holm_adjust([]) == []


@pytest.mark.parametrize(
    ("count", "total", "suppressed", "count_text", "share_text"),
    [
        (3, 40, True, "fewer than 5", "not shown"),
        (4, 40, True, "fewer than 5", "not shown"),
        (5, 40, True, "5", "12.5%"),
        (0, 40, True, "0", "0.0%"),
        (3, 40, False, "3", "7.5%"),  # the nation: nothing held back
        (2, 3, True, "fewer than 5", "not shown"),
        (0, 3, True, "0", "not shown"),  # no share from a held-back total
        (0, 0, True, "0", "no reviews"),
        (1234, 5000, False, "1,234", "24.7%"),
    ],
)
def test_small_numbers_are_held_back_only_at_region_and_board_level(count, total, suppressed, count_text, share_text):
    cell = Cell(count, total, suppressed)
    assert (cell.count_text, cell.share_text) == (count_text, share_text)


def test_default_years_are_the_last_ten_with_data():
    meta = Meta(first_year=2001, last_year=2024, themes=(), regions=())
    assert Filters.default(meta) == Filters(2015, 2024, 3, "")
    assert Filters.default(Meta(2023, 2024, (), ())) == Filters(2023, 2024, 1, "")
    assert Filters.default(Meta(2024, 2024, (), ())) == Filters(2024, 2024, 0, "")
    assert Filters.default(Meta(None, None, (), ())) is None
    filters = Filters(2015, 2024, 3)
    assert filters.recent == [2022, 2023, 2024] and filters.earlier == list(range(2015, 2022))


def test_charts_are_named_for_screen_readers_and_escape_their_text():
    svg = charts.bar_chart(
        chart_id="c1",
        title="Themes <b>",
        description="A & B",
        labels=["<script>x</script>", "Neglect"],
        series=[charts.Series("Here", [0.25, None]), charts.Series("All regions", [0.5, 0.1])],
    )
    assert svg.startswith('<svg class="app-chart" id="c1" role="img" aria-labelledby="c1-title c1-desc"')
    assert '<title id="c1-title">Themes &lt;b&gt;</title><desc id="c1-desc">A &amp; B</desc>' in svg
    assert "<script>" not in svg and "&lt;script&gt;x&lt;/script&gt;" in svg
    assert ">25.0%</text>" in svg and ">not shown</text>" in svg and ">50.0%</text>" in svg


def test_line_chart_breaks_the_line_where_a_figure_is_held_back():
    svg = charts.line_chart(
        chart_id="c2",
        title="Trend",
        description="Shares by year",
        x_labels=["2020", "2021", "2022", "2023"],
        series=[charts.Series("Online harm", [0.1, None, 0.3, 0.4])],
    )
    path = svg.split('<path d="')[1].split('"')[0]
    assert path.count("M") == 2 and path.count("L") == 1  # a point, a gap, then a segment
    assert ">Online harm</text>" in svg and ">2023</text>" in svg
