"""Facet counts on a small known corpus, recounted here in plain Python from the corpus's own description."""

from collections import Counter

import pytest

from reviews.search import FACETS

from . import search_corpus
from .search_corpus import search

pytestmark = pytest.mark.django_db

# Shared fixtures: the libraries searched (tests/search_corpus.py).
corpus = search_corpus.corpus
wales_board = search_corpus.wales_board

# ---------------------------------------------------------------------------------------------------------------
# Facets


def expected_counts(rows: list[dict], active: dict[str, set], *, kestrel: bool = False) -> dict[str, dict]:
    """Facet counts by the faceting rule: each facet's counts apply every other active filter but not its own."""

    def passes(row, facet, values):
        return bool(row[facet] & values) if isinstance(row[facet], set) else row[facet] in values

    counts = {}
    for facet in FACETS:
        counter = Counter()
        for row in rows:
            if kestrel and not row["kestrel"]:
                continue
            if all(passes(row, other, values) for other, values in active.items() if other != facet):
                counter.update(row[facet] if isinstance(row[facet], set) else [row[facet]])
        counter.pop("", None)  # no age band recorded: not a value to filter by
        counts[facet] = dict(counter)
    return counts


@pytest.mark.parametrize(
    "active",
    [
        {},
        {"region": {"london"}},
        {"region": {"london", "wales"}},
        {"region": {"london"}, "theme": {"neglect"}},
        {"review_type": {"SAR", "CSPR"}, "agency": {"police"}},
        {"year": {"2019", "2021"}, "age_band": {"adult"}},
        {"theme": {"neglect", "domestic-abuse"}, "agency": {"health", "education"}, "region": {"north-west"}},
    ],
)
@pytest.mark.parametrize("kestrel", [False, True])
def test_every_facet_count_follows_the_faceting_rule(corpus, active, kestrel):
    params = {facet: sorted(values) for facet, values in active.items()}
    if kestrel:
        params["q"] = "kestrel"
    result = search(**params)
    expected = expected_counts(corpus, active, kestrel=kestrel)
    for facet in FACETS:
        got = {value.value: value.count for value in result.facets[facet] if value.count}
        assert got == expected[facet], facet
    matching = [
        row
        for row in corpus
        if (row["kestrel"] or not kestrel)
        and all(
            (row[f] & v) if isinstance(row[f], set) else row[f] in v  # noqa: SIM118
            for f, v in active.items()
        )
    ]
    assert result.count == len(matching)
    assert {row.title for row in result.results} == {row["review"].title for row in matching}


def test_choosing_one_region_still_shows_the_other_regions_counts(corpus):
    result = search(region=["london"])
    regions = {value.value: (value.count, value.selected) for value in result.facets["region"]}
    assert regions == {"london": (5, True), "north-west": (4, False), "wales": (3, False)}
    assert result.count == 5


def test_values_with_no_matches_are_left_out_unless_chosen(corpus):
    result = search(q="kestrel", theme=["sexual-abuse-and-exploitation"])
    assert result.count == 0
    themes = {value.value: value.count for value in result.facets["theme"]}
    assert themes["sexual-abuse-and-exploitation"] == 0  # chosen, so still shown (to be unticked)
    assert all(count > 0 for value, count in themes.items() if value != "sexual-abuse-and-exploitation")
    assert "online-harm" in themes  # its count ignores the theme filter


def test_a_year_range_filters_and_counts_as_the_year_facet(corpus):
    result = search(year_from="2019", year_to="2021")
    assert result.count == sum(1 for row in corpus if 2019 <= int(row["year"]) <= 2021)
    years = {value.value: value.count for value in result.facets["year"]}
    assert years == dict(Counter(row["year"] for row in corpus))  # its own filter is not applied to it


def test_years_chosen_and_a_year_range_must_both_hold(corpus):
    result = search(year=["2019", "2021"], year_from="2020")
    assert result.count == sum(1 for row in corpus if row["year"] == "2021")
    only_before = search(year_to="2019")
    assert only_before.count == sum(1 for row in corpus if int(row["year"]) <= 2019)


def test_with_no_published_reviews_a_search_finds_nothing_and_lists_no_values():
    for params in ({}, {"q": "neglect"}, {"q": "health visitor worried"}, {"theme": "neglect"}):
        result = search(**params)
        assert result.count == 0 and result.results == [], params
        assert all(value.selected for values in result.facets.values() for value in values), params


def test_facet_labels_are_names_in_users_words(corpus):
    result = search()
    labels = {facet: {value.value: value.label for value in result.facets[facet]} for facet in FACETS}
    assert labels["review_type"]["CSPR"] == "Child safeguarding practice review"
    assert labels["region"]["north-west"] == "North West"
    assert labels["age_band"]["under-1"] == "Under 1"
    assert labels["theme"]["safe-sleep"] == "Safe sleep"
    assert labels["agency"]["adult-social-care"] == "Adult social care"
