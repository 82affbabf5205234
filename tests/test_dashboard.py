"""The theme dashboards on a small known corpus: every figure is counted again here, from the corpus's own list."""

import csv
import datetime
import io
import itertools
import math
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.core.cache import cache

from reviews.models import Board, Region, Review
from reviews.services import review_publish, review_withdraw
from reviews.status_guard import status_change_allowed
from themes.models import Theme

from .factories import BoardFactory, ReviewFactory

pytestmark = pytest.mark.django_db

YEARS = list(range(2015, 2025))  # the default: the last ten years with data (the corpus runs 2012 to 2024)
RECENT = [2022, 2023, 2024]
EARLIER = [year for year in YEARS if year not in RECENT]


@dataclass
class Spec:
    board: str
    year: int
    themes: list[str]
    review_type: str = "CSPR"
    status: str = "published"


BOARDS = {"riverside": "london", "thameside": "london", "pennine": "north-west", "tyne": "north-east"}


def board_name(key: str) -> str:
    return f"{key.title()} Children's Partnership"


def corpus_specs() -> list[Spec]:
    specs = []
    for year in range(2019, 2025):
        recent = year >= 2022
        for i in range(10):  # London: online harm rises, record keeping falls, neglect steady, two small themes
            themes = []
            if i < (7 if recent else 1):
                themes.append("online-harm")
            if i < (2 if recent else 8):
                themes.append("record-keeping")
            if i % 2 == 0:
                themes.append("neglect")
            if i == 9:
                themes.append("safe-sleep")
            if i in (3, 4):
                themes.append("information-sharing")
            specs.append(Spec("riverside" if i % 2 == 0 else "thameside", year, themes))
        for i in range(5):  # North West: neglect in every review, domestic abuse in most
            themes = ["neglect"] + (["online-harm"] if i == 0 else []) + (["domestic-abuse"] if i < 3 else [])
            themes += ["record-keeping"] if i < 2 else []
            specs.append(Spec("pennine", year, themes))
    # North East: three adult reviews, too few to show.
    specs += [Spec("tyne", 2023, ["neglect", "domestic-abuse"], review_type="SAR") for _ in range(3)]
    # Outside the default ten years, and not public: none of these may be counted.
    specs.append(Spec("riverside", 2012, ["self-neglect"]))
    specs.append(Spec("riverside", 2023, ["online-harm"], status="draft"))
    specs.append(Spec("riverside", 2023, ["online-harm"], status="withdrawn"))
    return specs


@pytest.fixture(autouse=True)
def empty_cache(db):
    cache.clear()


@pytest.fixture
def corpus(db) -> list[Spec]:
    boards = {
        key: BoardFactory(name=board_name(key), region=Region.objects.get(slug=region))
        for key, region in BOARDS.items()
    }
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    specs = corpus_specs()
    reviews = Review.objects.bulk_create(
        ReviewFactory.build(
            board=boards[spec.board],
            published_on=datetime.date(spec.year, 6, 1) if spec.status == "published" else None,
            status=spec.status,
            review_type=spec.review_type,
            themes=None,
        )
        for spec in specs
    )
    Review.themes.through.objects.bulk_create(
        Review.themes.through(review_id=review.id, theme_id=themes[slug].id)
        for review, spec in zip(reviews, specs, strict=True)
        for slug in spec.themes
    )
    return specs


# ---------------------------------------------------------------------------------------------------------------
# Counting again, independently of the code under test


def region_of(spec: Spec) -> str:
    return BOARDS[spec.board]


def in_scope(specs, *, years=YEARS, region=None, board=None, review_type=None) -> list[Spec]:
    return [
        s
        for s in specs
        if s.status == "published"
        and s.year in years
        and (region is None or region_of(s) == region)
        and (board is None or s.board == board)
        and (review_type is None or s.review_type == review_type)
    ]


def theme_counts(specs) -> Counter:
    return Counter(slug for spec in specs for slug in spec.themes)


def percent(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%"


def competition_ranks(values: dict[str, int]) -> dict[str, int]:
    return {key: 1 + sum(1 for other in values.values() if other > value) for key, value in values.items()}


def z_test(x1, n1, x2, n2):
    p = (x1 + x2) / (n1 + n2)
    if min(n1 * p, n1 * (1 - p), n2 * p, n2 * (1 - p)) < 5:
        return None
    z = (x1 / n1 - x2 / n2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    return z, math.erfc(abs(z) / math.sqrt(2))


def holm(p_values: dict[str, float]) -> dict[str, float]:
    ordered = sorted(p_values, key=p_values.get)
    adjusted, running = {}, 0.0
    for i, key in enumerate(ordered):
        running = max(running, min(1.0, (len(ordered) - i) * p_values[key]))
        adjusted[key] = running
    return adjusted


def names() -> dict[str, str]:
    return dict(Theme.objects.values_list("slug", "name"))


def small(count: int) -> str:
    return "fewer than 5" if 0 < count < 5 else f"{count:,}"


# ---------------------------------------------------------------------------------------------------------------
# Reading tables the way a visitor does


class _Tables(HTMLParser):
    """Tables' text as a screen reader reads it: what is hidden from it (aria-hidden) is left out."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._row, self._caption = [], None, None, None
        self._hidden = 0  # open <span aria-hidden="true"> elements (never nested in these tables)

    def handle_starttag(self, tag, attrs):
        if ("aria-hidden", "true") in attrs:
            self._hidden += 1
        elif tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "span" and self._hidden:
            self._hidden -= 1
        elif tag == "caption":
            self.tables[-1]["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self.tables[-1]["rows"].append(self._row)

    def handle_data(self, data):
        if self._hidden:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._caption is not None:
            self._caption.append(data)


def table(html: str, caption_start: str) -> list[list[str]]:
    """The rows (header first) of the table captioned `caption_start`, or else whose caption starts so."""
    parser = _Tables()
    parser.feed(html)
    found = [t["rows"] for t in parser.tables if t["caption"] == caption_start] or [
        t["rows"] for t in parser.tables if t["caption"].startswith(caption_start)
    ]
    assert len(found) == 1, f"{len(found)} tables captioned {caption_start!r}"
    return found[0]


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())  # as read: runs of white space are one space


DASHBOARD = "/themes/dashboard/"
COLD = 20  # generation (1), names and years (3 + store 5), figures (1 + 4 + store 5)


# ---------------------------------------------------------------------------------------------------------------
# The national dashboard


def test_ranking_counts_shares_and_ranks_match_the_corpus(client, corpus):
    scope = in_scope(corpus)
    counts = theme_counts(scope)
    all_counts = {slug: counts.get(slug, 0) for slug in names()}
    ranks = competition_ranks(all_counts)
    rows = table(get(client, DASHBOARD), "Reviews with each theme")
    assert rows[0] == ["Rank", "Theme", "Reviews", "Share"]
    shown = {row[1]: row for row in rows[1:]}
    assert len(shown) == Theme.objects.count()
    for slug, name in names().items():
        assert shown[name] == [str(ranks[slug]), name, str(all_counts[slug]), percent(all_counts[slug], len(scope))]
    # Highest first.
    assert [int(row[0]) for row in rows[1:]] == sorted(int(row[0]) for row in rows[1:])


def test_the_page_says_what_it_counts_and_that_counts_do_not_rank_boards(client, corpus):
    page = get(client, DASHBOARD)
    assert f"{len(in_scope(corpus))} published reviews from 2015 to 2024" in page
    assert "They do not rank boards or regions" in page
    assert "two-proportion z-test" in page and "Holm" in page and "at least 5 reviews in each period" in page


def test_theme_by_year_table_counts_every_theme_in_every_year(client, corpus):
    rows = table(get(client, DASHBOARD), "Reviews with each theme by year")
    assert rows[0] == ["Theme", *map(str, YEARS)]
    totals = {year: len(in_scope(corpus, years=[year])) for year in YEARS}
    assert rows[1] == ["All reviews", *(str(totals[year]) for year in YEARS)]
    by_name = {row[0]: row[1:] for row in rows[2:]}
    for slug, name in names().items():
        expected = []
        for year in YEARS:
            count = theme_counts(in_scope(corpus, years=[year])).get(slug, 0)
            expected.append(f"{count} ({percent(count, totals[year])})" if totals[year] else str(count))
        assert by_name[name] == expected, name


def test_top_themes_over_time_chart_has_a_table_of_the_same_shares(client, corpus):
    page = get(client, DASHBOARD)
    counts = theme_counts(in_scope(corpus))
    top = sorted(names(), key=lambda slug: (-counts.get(slug, 0), names()[slug]))[:5]
    rows = table(page, "Share of each year’s reviews with the top 5 themes")
    assert rows[0] == ["Year", "Reviews", *(names()[slug] for slug in top)]
    for row, year in zip(rows[1:], YEARS, strict=True):
        year_scope = in_scope(corpus, years=[year])
        year_counts = theme_counts(year_scope)
        expected = [percent(year_counts.get(s, 0), len(year_scope)) if year_scope else "no reviews" for s in top]
        assert row == [str(year), str(len(year_scope)), *expected]
    # The chart is named for screen readers and carries the same top themes.
    assert (
        '<svg class="app-chart" id="chart-trend" role="img" aria-labelledby="chart-trend-title chart-trend-desc"'
        in page
    )
    assert '<title id="chart-trend-title">Share of reviews with the top 5 themes by year, all regions</title>' in page
    for slug in top:
        assert f"{names()[slug]}</text>" in page


def test_review_type_and_years_filter_every_figure(client, corpus):
    page = get(client, f"{DASHBOARD}?review_type=SAR&year_from=2023&year_to=2023")
    rows = table(page, "Reviews with each theme")
    shown = {row[1]: row[2:] for row in rows[1:]}
    assert shown["Neglect"] == ["3", "100.0%"] and shown["Domestic abuse"] == ["3", "100.0%"]
    assert shown["Online harm"] == ["0", "0.0%"]
    assert "3 published reviews from 2023 to 2023 (safeguarding adult reviews only)" in page


def test_emerging_and_declining_themes_are_judged_by_a_z_test_with_holm_adjustment(client, corpus):
    recent, earlier = in_scope(corpus, years=RECENT), in_scope(corpus, years=EARLIER)
    recent_counts, earlier_counts = theme_counts(recent), theme_counts(earlier)
    tests = {}
    for slug in names():
        result = z_test(recent_counts.get(slug, 0), len(recent), earlier_counts.get(slug, 0), len(earlier))
        if result:
            tests[slug] = result
    assert set(tests) == {"online-harm", "record-keeping", "neglect", "domestic-abuse", "information-sharing"}
    adjusted = holm({slug: p for slug, (z, p) in tests.items()})
    significant = {slug for slug, p in adjusted.items() if p < 0.05}
    assert significant == {"online-harm", "record-keeping"}  # the corpus was built that way; neglect is steady

    page = get(client, DASHBOARD)
    assert f"Because we test {len(tests)} themes at once" in page
    emerging = table(page, "Emerging themes")
    declining = table(page, "Declining themes")
    assert [row[0] for row in emerging[1:]] == ["Online harm"]
    assert [row[0] for row in declining[1:]] == ["Record keeping"]
    for rows, slug in ((emerging, "online-harm"), (declining, "record-keeping")):
        z, p = tests[slug]
        row = rows[1]
        assert row[1:5] == [
            str(earlier_counts[slug]),
            percent(earlier_counts[slug], len(earlier)),
            str(recent_counts[slug]),
            percent(recent_counts[slug], len(recent)),
        ]
        p_text = "less than 0.001" if adjusted[slug] < 0.001 else f"{adjusted[slug]:.3f}"
        words = "Very strong evidence" if adjusted[slug] < 0.001 else "Strong evidence"
        assert row[5] == f"{words} adjusted p-value {p_text}, z = {z:.1f}"
    assert tests["online-harm"][0] > 0 > tests["record-keeping"][0]


def test_recent_years_can_be_chosen(client, corpus):
    page = get(client, f"{DASHBOARD}?recent=1")
    recent, earlier = in_scope(corpus, years=[2024]), in_scope(corpus, years=list(range(2015, 2024)))
    assert f"in 2024 ({len(recent)} reviews) with its share in 2015 to 2023 ({len(earlier)} reviews)" in page


def test_pairs_of_themes_in_the_same_review_are_counted(client, corpus):
    scope = in_scope(corpus)
    pairs = Counter(pair for spec in scope for pair in itertools.combinations(sorted(spec.themes, key=names().get), 2))
    expected = sorted(pairs.items(), key=lambda item: (-item[1], names()[item[0][0]], names()[item[0][1]]))[:10]
    rows = table(get(client, DASHBOARD), "Themes most often found together")
    assert rows[1:] == [
        [f"{names()[a]} and {names()[b]}", str(count), percent(count, len(scope))] for (a, b), count in expected
    ]


def test_csv_has_one_row_per_theme_and_year(client, corpus):
    response = client.get("/themes/dashboard.csv?year_from=2020&year_to=2022")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="themes-all-regions-2020-2022.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["theme", "year", "reviews", "total", "share"]
    expected = []
    for slug, _name in sorted(names().items(), key=lambda item: item[1]):
        for year in (2020, 2021, 2022):
            scope = in_scope(corpus, years=[year])
            count = theme_counts(scope).get(slug, 0)
            expected.append([slug, str(year), str(count), str(len(scope)), f"{count / len(scope):.4f}"])
    assert rows[1:] == expected


def test_bad_choices_get_a_clear_message_not_an_error(client, corpus):
    response = client.get(f"{DASHBOARD}?year_from=2024&year_to=2019&review_type=nonsense&recent=9")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Theme dashboard" in page
    assert "The first year must be the same as or before the last year" in page
    assert "Choose a type of review from the list" in page
    assert "The figures below are for the default choices." in page
    response = client.get(f"{DASHBOARD}?year_from=1900")
    assert "Choose a first year that has published reviews" in response.content.decode()
    response = client.get("/themes/dashboard.csv?year_to=abc")
    assert response.status_code == 400
    assert "Choose a last year that has published reviews" in response.content.decode()
    response = client.get(f"{DASHBOARD}?year_from=2024&year_to=2024&recent=2")
    assert "Choose fewer recent years than the years shown" in response.content.decode()


def test_with_nothing_published_the_dashboards_say_so(client, db):
    assert "No reviews have been published yet" in get(client, DASHBOARD)
    assert "No reviews have been published yet" in get(client, "/themes/dashboard/london/")
    rows = list(csv.reader(io.StringIO(client.get("/themes/dashboard.csv").content.decode())))
    assert rows == [["theme", "year", "reviews", "total", "share"]]


# ---------------------------------------------------------------------------------------------------------------
# Regional dashboards


def test_regional_shares_sit_beside_the_nation_with_small_numbers_held_back(client, corpus):
    page = get(client, "/themes/dashboard/london/")
    assert "Themes in London" in page and "fewer than 5" in page and "Small numbers" in page
    london, nation = in_scope(corpus, region="london"), in_scope(corpus)
    london_counts, nation_counts = theme_counts(london), theme_counts(nation)
    values = {slug: london_counts.get(slug, 0) for slug in names()}
    # Counts of 1 to 4 rank together, so the order does not give them away.
    ranks = competition_ranks({slug: 1 if 0 < n < 5 else n for slug, n in values.items()})
    assert ranks["neglect"] == ranks["record-keeping"] == 1  # 30 each: a tie
    rows = table(page, "Reviews with each theme in London")
    assert rows[0][:5] == ["Rank", "Theme", "Reviews", "Share in London", "Share in all regions"]
    shown = {row[1]: row for row in rows[1:]}

    rest = [s for s in nation if region_of(s) != "london"]
    rest_counts = theme_counts(rest)
    tests = {}
    for slug in names():
        result = z_test(values[slug], len(london), rest_counts.get(slug, 0), len(rest))
        if result:
            tests[slug] = result
    adjusted = holm({slug: p for slug, (z, p) in tests.items()})
    for slug, name in names().items():
        count = values[slug]
        share = "not shown" if 0 < count < 5 else percent(count, len(london))
        national = percent(nation_counts.get(slug, 0), len(nation))
        if slug not in tests:
            mark = "Too few to test"
        elif adjusted[slug] >= 0.05:
            mark = "No clear difference"
        else:
            mark = "Higher" if tests[slug][0] > 0 else "Lower"
        assert shown[name][:5] == [str(ranks[slug]), name, small(count), share, national], name
        assert shown[name][5].startswith(mark), name
    # North West has neglect in every review, so London is clearly lower on it.
    assert shown["Neglect"][5].startswith("Lower")


def test_regional_year_cells_of_one_to_four_say_fewer_than_5_and_have_no_share(client, corpus):
    page = get(client, "/themes/dashboard/london/")
    # Most yearly counts in London are below 5, so years are counted three at a time, the newest three last.
    rows = table(page, "Reviews with each theme by period in London")
    assert rows[0] == ["Theme", "2015", "2016 to 2018", "2019 to 2021", "2022 to 2024"]
    assert rows[1] == ["All reviews", "0", "0", "30", "30"]
    by_name = {row[0]: row[1:] for row in rows[2:]}
    # One safe sleep review a year: still held back over three years; five neglect reviews a year can be shown.
    assert by_name["Safe sleep"] == ["0", "0", "fewer than 5", "fewer than 5"]
    assert by_name["Neglect"] == ["0", "0", "15 (50.0%)", "15 (50.0%)"]
    assert 'aria-hidden="true">&lt;5</span>' in page and page.count("Small numbers: counts from 1 to 4") == 1

    # The spreadsheet keeps every year, held back in the same way.
    response = client.get("/themes/dashboard/london.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["safe-sleep", "2019", "fewer than 5", "10", ""] in rows
    assert ["neglect", "2020", "5", "10", "0.5000"] in rows
    assert ["neglect", "2015", "0", "0", ""] in rows
    assert len(rows) == 1 + Theme.objects.count() * len(YEARS)


def test_a_region_with_fewer_than_5_reviews_shows_no_shares(client, corpus):
    page = get(client, "/themes/dashboard/north-east/")
    assert "fewer than 5 published reviews from 2015 to 2024" in page
    rows = table(page, "Reviews with each theme in North East")
    shown = {row[1]: row for row in rows[1:]}
    assert shown["Neglect"][2:4] == ["fewer than 5", "not shown"]


def test_all_regions_table_shows_every_region_against_the_top_themes(client, corpus):
    page = get(client, "/themes/dashboard/london/")
    nation_counts = theme_counts(in_scope(corpus))
    top = sorted(names(), key=lambda slug: (-nation_counts.get(slug, 0), names()[slug]))[:5]
    rows = table(page, "Regions against the top themes")
    assert rows[0] == ["Region", "Reviews", *(names()[slug] for slug in top)]
    # Only nations and regions with reviews: not a row of "0" and "no reviews" for Scotland.
    with_reviews = [region for region in Region.objects.all() if in_scope(corpus, region=region.slug)]
    assert 0 < len(with_reviews) < Region.objects.count()
    assert len(rows) - 1 == len(with_reviews)
    by_region = {row[0]: row[1:] for row in rows[1:]}
    for region in with_reviews:
        scope = in_scope(corpus, region=region.slug)
        counts = theme_counts(scope)
        name = f"{region.name} (this page)" if region.slug == "london" else region.name
        expected = [small(len(scope))]
        for slug in top:
            count = counts.get(slug, 0)
            if 0 < count < 5:
                expected.append("fewer than 5")
            elif 0 < len(scope) < 5:
                expected.append("not shown")
            elif not scope:
                expected.append("no reviews")
            else:
                expected.append(percent(count, len(scope)))
        assert by_region[name] == expected, name
    # The other regions' links keep the chosen years.
    assert 'href="/themes/dashboard/north-west/?year_from=2015&amp;year_to=2024&amp;recent=3"' in page


def test_region_picker_goes_to_the_regions_own_page_keeping_the_filters(client, corpus):
    response = client.get(f"{DASHBOARD}?region=north-west&year_from=2020&review_type=")
    assert response.status_code == 302
    assert response["Location"] == "/themes/dashboard/north-west/?year_from=2020&review_type="
    assert client.get(f"{DASHBOARD}?region=atlantis").status_code == 200  # explained on the page
    assert client.get("/themes/dashboard/atlantis/").status_code == 404
    assert client.get("/themes/dashboard/atlantis.csv").status_code == 404
    page = get(client, "/themes/dashboard/north-west/")
    assert '<option value="north-west" selected>North West</option>' in page


# ---------------------------------------------------------------------------------------------------------------
# The board page


def test_board_page_shows_its_themes_beside_its_region_and_the_nation(client, corpus):
    board = Board.objects.get(name=board_name("riverside"))
    page = get(client, board.get_absolute_url())
    mine, london, nation = in_scope(corpus, board="riverside"), in_scope(corpus, region="london"), in_scope(corpus)
    assert f"published {len(mine)} reviews; London {len(london)} and all regions {len(nation)}" in page
    assert "They do not rank boards or regions" in page
    rows = table(page, f"Themes in {board_name('riverside')}’s reviews")
    assert rows[0] == ["Theme", "Reviews", "Share of this board’s reviews", "Share in London", "Share in all regions"]
    counts, london_counts, nation_counts = theme_counts(mine), theme_counts(london), theme_counts(nation)
    expected = []
    for slug in sorted(counts, key=lambda s: (-(1 if counts[s] < 5 else counts[s]), names()[s])):
        expected.append(
            [
                names()[slug],
                small(counts[slug]),
                "not shown" if counts[slug] < 5 else percent(counts[slug], len(mine)),
                percent(london_counts[slug], len(london)),
                percent(nation_counts[slug], len(nation)),
            ]
        )
    assert rows[1:] == expected
    assert '<title id="chart-board-title">' in page


def test_a_board_with_few_reviews_says_what_they_are_about_and_how_to_follow_it(client, corpus):
    board = Board.objects.get(name=board_name("tyne"))
    mine = in_scope(corpus, board="tyne")
    assert 0 < len(mine) < 5
    page = get(client, board.get_absolute_url())
    assert "published fewer than 5 reviews: too few to compare" in page
    for slug in theme_counts(mine):
        assert f'<a class="govuk-link" href="/themes/{slug}/">{names()[slug]}</a>' in page
    assert "not shown" not in page
    assert "chart-board" not in page  # no colour key for bars that are not drawn
    assert f'href="/themes/dashboard/{board.region.slug}/">{board.region.name}</a>' in page  # breadcrumb
    assert f'href="/boards/{board.slug}/tracker/"' in page
    assert f'href="/feeds/boards/{board.slug}/"' in page
    assert f'href="/alerts/?board={board.slug}"' in page


# ---------------------------------------------------------------------------------------------------------------
# Freshness and cost


def _online_harm_count(client, url=DASHBOARD) -> str:
    rows = table(get(client, url), "Reviews with each theme")
    return next(row[2] for row in rows[1:] if row[1] == "Online harm")


def test_publishing_and_withdrawing_show_on_the_next_view(client, corpus, editor):
    before = int(_online_harm_count(client))
    draft = Review.objects.get(status="draft")
    # Written without the service (no signal): the cached figures stay, which shows the page is cached. The
    # database refuses such a write unless told otherwise (reviews.status_guard).
    with status_change_allowed():
        Review.objects.filter(pk=draft.pk).update(status="published", published_on=datetime.date(2023, 6, 1))
        assert int(_online_harm_count(client)) == before
        Review.objects.filter(pk=draft.pk).update(status="draft", published_on=None)

    draft.refresh_from_db()
    draft.published_on = datetime.date(2023, 6, 1)
    review_publish(review=draft, user=editor)
    assert int(_online_harm_count(client)) == before + 1
    review_withdraw(review=draft, user=editor, reason="Published by mistake")
    assert int(_online_harm_count(client)) == before


def test_publishing_refreshes_the_regional_page_csv_and_board_page(client, corpus, editor):
    draft = Review.objects.get(status="draft")
    rows_before = list(csv.reader(io.StringIO(client.get("/themes/dashboard/london.csv").content.decode())))
    board_before = get(client, draft.board.get_absolute_url())
    draft.published_on = datetime.date(2023, 6, 1)
    review_publish(review=draft, user=editor)
    rows_after = list(csv.reader(io.StringIO(client.get("/themes/dashboard/london.csv").content.decode())))
    changed = [(b, a) for b, a in zip(rows_before, rows_after, strict=True) if b != a]
    assert [a[:4] for _, a in changed if a[0] == "online-harm"] == [["online-harm", "2023", "8", "11"]]
    assert get(client, draft.board.get_absolute_url()) != board_before


@pytest.mark.parametrize(
    "url", [DASHBOARD, "/themes/dashboard/london/", "/themes/dashboard.csv", "/themes/dashboard/london.csv"]
)
def test_dashboard_query_counts(client, corpus, url, django_assert_num_queries):
    with django_assert_num_queries(COLD):  # the first view works the figures out and stores them
        client.get(url)
    with django_assert_num_queries(3):  # later views: the generation token, names and years, the figures
        client.get(url)


def test_board_page_query_count(client, corpus, django_assert_num_queries):
    url = Board.objects.get(name=board_name("riverside")).get_absolute_url()
    client.get(DASHBOARD)
    client.get(url)
    # The board, its reviews (count, page, themes), the cached figures (3) and the board's own counts (1).
    with django_assert_num_queries(8):
        client.get(url)
