"""The regional theme dashboards on the small known corpus (tests/dashboard_corpus.py): shares beside the
nation, small numbers held back."""

import csv
import io

import pytest

from reviews.models import Region
from themes.models import Theme

from . import dashboard_corpus
from .dashboard_corpus import (
    DASHBOARD,
    YEARS,
    competition_ranks,
    get,
    holm,
    in_scope,
    names,
    percent,
    region_of,
    small,
    table,
    theme_counts,
    z_test,
)

pytestmark = pytest.mark.django_db

# Shared fixtures: the corpus, and an empty cache before every test (autouse).
corpus = dashboard_corpus.corpus
empty_cache = dashboard_corpus.empty_cache


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
