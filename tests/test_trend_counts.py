"""The dashboards' summary counts (themes.models.TrendCount) stay equal to a full recount through every change."""

import datetime
import itertools
from collections import Counter

import pytest
from django.core.cache import cache

from reviews.demo import demo_lines
from reviews.importing import review_import_rows, validate_review_lines
from reviews.models import Region, Review
from reviews.services import review_publish, review_withdraw
from reviews.signals import reviews_changed
from themes import trends
from themes.models import Theme, TrendCount, TrendReview

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache(db):
    cache.clear()


def recount() -> Counter:
    """What the summary should hold, counted in Python from the published reviews and their themes."""
    expected = Counter()
    for review in Review.objects.published().select_related("board").prefetch_related("themes"):
        key = (review.board.region_id, review.published_on.year, review.review_type)
        theme_ids = sorted(theme.id for theme in review.themes.all())
        expected[(*key, 0, 0)] += 1
        for theme_id in theme_ids:
            expected[(*key, theme_id, 0)] += 1
        for first, second in itertools.combinations(theme_ids, 2):
            expected[(*key, first, second)] += 1
    return expected


def kept() -> Counter:
    rows = TrendCount.objects.values_list("region_id", "year", "review_type", "theme_id", "other_theme_id", "reviews")
    return Counter({tuple(row[:5]): row[5] for row in rows if row[5]})  # counts fallen to 0 may stay as rows


def assert_summary_is_exact() -> None:
    trends.catch_up_trend_counts()
    assert kept() == recount()
    assert not TrendCount.objects.filter(reviews__lt=0).exists()


def test_summary_follows_publish_withdraw_and_edits(editor, board_a, board_b):
    draft = ReviewFactory(board=board_a, status="draft", published_on=None, themes=["neglect", "online-harm"])
    ReviewFactory(board=board_b, published_on=datetime.date(2021, 3, 1), themes=["neglect", "domestic-abuse"])
    ReviewFactory(board=board_a, published_on=datetime.date(2023, 1, 1), review_type="SAR", themes=["neglect"])
    assert_summary_is_exact()  # reviews written without reviews_changed are caught up with

    draft.published_on = datetime.date(2023, 6, 1)
    review_publish(review=draft, user=editor)
    assert_summary_is_exact()
    neglect, online_harm = Theme.objects.get(slug="neglect"), Theme.objects.get(slug="online-harm")
    assert TrendCount.objects.get(
        region_id=board_a.region_id, year=2023, review_type=draft.review_type, theme_id=neglect.id,
        other_theme_id=online_harm.id,
    ).reviews == 1  # fmt: skip

    # An edit as the admin makes it: new date, type and themes, then the signal.
    draft.refresh_from_db()
    draft.published_on = datetime.date(2019, 2, 1)
    draft.review_type = "SAR"
    draft.save()
    draft.themes.set([Theme.objects.get(slug="domestic-abuse"), neglect, Theme.objects.get(slug="self-neglect")])
    reviews_changed.send(sender=Review, review_ids=[draft.id])
    assert_summary_is_exact()

    review_withdraw(review=draft, user=editor, reason="Published by mistake")
    assert_summary_is_exact()
    assert TrendReview.objects.get(review_id=draft.id).counted is False


def test_summary_follows_an_import_and_a_reimport():
    rows = validate_review_lines(demo_lines(60))
    review_import_rows(rows=rows)
    assert_summary_is_exact()
    review_import_rows(rows=validate_review_lines(demo_lines(60)))  # the same references: updates
    assert_summary_is_exact()


def test_summary_follows_a_board_moving_region_and_a_theme_deleted(board_a):
    Theme.objects.create(name="Water safety", group=Theme.Group.HARM)
    ReviewFactory(board=board_a, published_on=datetime.date(2022, 5, 1), themes=["neglect", "water-safety"])
    ReviewFactory(board=board_a, published_on=datetime.date(2024, 5, 1), themes=["water-safety"])
    assert_summary_is_exact()
    board_a.region = Region.objects.get(slug="wales")
    board_a.save()
    assert_summary_is_exact()
    Theme.objects.get(slug="water-safety").delete()
    assert_summary_is_exact()


def test_a_review_deleted_and_reported_is_taken_away(board_a):
    review = ReviewFactory(board=board_a, published_on=datetime.date(2022, 5, 1), themes=["neglect"])
    trends.catch_up_trend_counts()
    review_id = review.id
    Review.objects.filter(pk=review_id).delete()
    reviews_changed.send(sender=Review, review_ids=[review_id])
    assert_summary_is_exact()
    assert not TrendReview.objects.filter(review_id=review_id).exists()


def test_the_cube_from_the_summary_matches_a_count_of_the_reviews(board_a, board_b):
    for i in range(12):
        ReviewFactory(
            board=board_a if i % 3 else board_b,
            published_on=datetime.date(2016 + i % 5, 1, 1),
            review_type="SAR" if i % 4 == 0 else "CSPR",
            themes=["neglect", "online-harm", "safe-sleep"][: 1 + i % 3],
        )
    filters = trends.Filters(2016, 2019, 2, "CSPR")
    cube = trends.summary.cube_from_database(filters)
    reviews = [
        (r.board.region_id, r.published_on.year, sorted(t.id for t in r.themes.all()))
        for r in trends.reviews_in_scope(filters).select_related("board").prefetch_related("themes")
    ]
    totals, counts, pairs = {}, {}, {}
    for region_id, year, theme_ids in reviews:
        for scope in (None, region_id):
            totals.setdefault(scope, Counter())[year] += 1
            for theme_id in theme_ids:
                counts.setdefault(scope, {}).setdefault(theme_id, Counter())[year] += 1
            for pair in itertools.combinations(theme_ids, 2):
                pairs.setdefault(scope, Counter())[pair] += 1
    assert cube.totals == {scope: dict(c) for scope, c in totals.items()}
    assert cube.counts == {s: {t: dict(c) for t, c in by_theme.items()} for s, by_theme in counts.items()}
    assert cube.pairs == {scope: dict(c) for scope, c in pairs.items()}
    assert cube.totals and cube.pairs  # the corpus has something in scope


def test_first_view_after_a_publish_reads_the_summary_not_the_reviews(
    client, editor, board_a, django_assert_num_queries
):
    ReviewFactory(board=board_a, published_on=datetime.date(2022, 5, 1), themes=["neglect", "safe-sleep"])
    draft = ReviewFactory(board=board_a, status="draft", published_on=datetime.date(2023, 5, 1), themes=["neglect"])
    client.get("/themes/dashboard/")
    review_publish(review=draft, user=editor)
    # generation (1), names and years (3 + store 5), figures (1, nothing to catch up with 1, the summary 1,
    # store 5)
    with django_assert_num_queries(18):
        response = client.get("/themes/dashboard/")
    assert response.status_code == 200
