"""The theme dashboards show a publication or withdrawal on the next view, and their query counts stay pinned."""

import csv
import datetime
import io

import pytest

from reviews.models import Board, Review
from reviews.services import review_publish, review_withdraw
from reviews.status_guard import status_change_allowed

from . import dashboard_corpus
from .dashboard_corpus import DASHBOARD, board_name, get, table

pytestmark = pytest.mark.django_db

# Shared fixtures: the corpus, and an empty cache before every test (autouse).
corpus = dashboard_corpus.corpus
empty_cache = dashboard_corpus.empty_cache

COLD = 20  # generation (1), names and years (3 + store 5), figures (1 + 4 + store 5)

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
