"""A board's page: its themes beside its region and the nation, on the small known corpus
(tests/dashboard_corpus.py)."""

import pytest

from reviews.models import Board

from . import dashboard_corpus
from .dashboard_corpus import board_name, get, in_scope, names, percent, small, table, theme_counts

pytestmark = pytest.mark.django_db

# Shared fixtures: the corpus, and an empty cache before every test (autouse).
corpus = dashboard_corpus.corpus
empty_cache = dashboard_corpus.empty_cache


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
