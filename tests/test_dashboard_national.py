"""The national theme dashboard on the small known corpus (tests/dashboard_corpus.py): every figure is counted
again from the corpus's own list."""

import csv
import io
import itertools
from collections import Counter

import pytest

from themes.models import Theme

from . import dashboard_corpus
from .dashboard_corpus import (
    DASHBOARD,
    EARLIER,
    RECENT,
    YEARS,
    competition_ranks,
    get,
    holm,
    in_scope,
    names,
    percent,
    table,
    theme_counts,
    z_test,
)

pytestmark = pytest.mark.django_db

# Shared fixtures: the corpus, and an empty cache before every test (autouse).
corpus = dashboard_corpus.corpus
empty_cache = dashboard_corpus.empty_cache


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
