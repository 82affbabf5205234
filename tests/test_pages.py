"""What practitioners see on the public pages, and how many queries each page costs."""

import datetime

import pytest
from django.urls import reverse

from reviews.models import Recommendation
from themes.models import Theme

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def detailed_review(board_a):
    review = ReviewFactory(
        board=board_a,
        title="Child M: serious case review",
        reference="RS-2020-04",
        review_type="SCR",
        published_on=datetime.date(2020, 5, 17),
        age_band="5-10",
        summary="Child M was seen by many professionals. Nobody asked who else lived at home.",
        source_url="https://example.org/child-m",
        themes=["hidden-men", "voice-of-the-child"],
        agencies=["police", "education"],
        findings=["Men in the household were not assessed.", "Child M was rarely seen alone."],
        recommendations=["Assess all adults in the household."],
    )
    Recommendation.objects.filter(review=review).update(agency_id=review.agencies.get(slug="police").id)
    return review


def test_review_page_shows_everything_a_practitioner_needs(client, detailed_review):
    page = client.get(detailed_review.get_absolute_url()).content.decode()
    for text in [
        "Child M: serious case review",
        "Nobody asked who else lived at home.",
        "Men in the household were not assessed.",
        "Assess all adults in the household.",
        "(for police)",
        "Hidden men",
        "Voice of the child",
        "Education",
        "Riverside Safeguarding Partnership",
        "London",
        "Serious case review",
        "17 May 2020",
        "5 to 10",
        "RS-2020-04",
        'href="https://example.org/child-m"',
    ]:
        assert text in page, text


def test_review_page_query_count_does_not_grow_with_content(client, detailed_review, django_assert_max_num_queries):
    # + its linked reviews and its reviews with similar learning (one query each, themes.suggestions)
    with django_assert_max_num_queries(10):
        client.get(detailed_review.get_absolute_url())


def test_year_only_publication_dates_show_just_the_year(client, board_a):
    review = ReviewFactory(board=board_a, published_on=datetime.date(2016, 1, 1), published_year_only=True)
    page = client.get(review.get_absolute_url()).content.decode()
    assert "2016" in page and "1 January 2016" not in page


def test_list_is_newest_first_and_paginated_in_twenties(client, board_a, django_assert_max_num_queries, settings):
    settings.RATE_LIMITS_ENABLED = False  # the page's own queries; the rate limit's are pinned in test_rate_limits
    for day in range(1, 26):
        ReviewFactory(board=board_a, title=f"Review day {day:02d}", published_on=datetime.date(2022, 1, day))
    with django_assert_max_num_queries(6):
        first = client.get(reverse("reviews:list")).content.decode()
    assert first.index("Review day 25") < first.index("Review day 24")
    assert "Review day 05" not in first and "25 published reviews" in first
    second = client.get(reverse("reviews:list") + "?page=2").content.decode()
    assert "Review day 05" in second and "Review day 01" in second
    assert client.get(reverse("reviews:list") + "?page=999").status_code == 200
    assert client.get(reverse("reviews:list") + "?page=abc").status_code == 200


def test_home_shows_the_latest_reviews_and_the_themes(client, board_a, django_assert_max_num_queries):
    for day in range(1, 9):
        ReviewFactory(board=board_a, title=f"Home review {day}", published_on=datetime.date(2023, 3, day))
    with django_assert_max_num_queries(5):
        page = client.get("/").content.decode()
    assert "Home review 8" in page and "Home review 3" in page and "Home review 2" not in page
    assert "8 published reviews" in page
    for theme in Theme.objects.all():
        assert theme.get_absolute_url() in page


def test_theme_index_counts_published_reviews_per_theme(client, board_a, django_assert_max_num_queries):
    ReviewFactory(board=board_a, themes=["neglect", "safe-sleep"])
    ReviewFactory(board=board_a, themes=["neglect"])
    with django_assert_max_num_queries(4):
        page = client.get(reverse("themes:index")).content.decode()
    assert "Practice" in page and "Harm and context" in page
    neglect_row = page[page.index('href="/themes/neglect/"') :]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in neglect_row[:600]


def test_theme_page_lists_its_reviews_and_description(client, board_a):
    ReviewFactory(board=board_a, title="About sleeping", themes=["safe-sleep"])
    ReviewFactory(board=board_a, title="About neglect", themes=["neglect"])
    page = client.get(reverse("themes:detail", args=["safe-sleep"])).content.decode()
    assert "About sleeping" in page and "About neglect" not in page
    assert Theme.objects.get(slug="safe-sleep").description in page
    assert "co-sleeping" in page  # practitioners' words for it


def test_board_page_lists_only_that_boards_reviews(client, board_a, board_b, django_assert_max_num_queries):
    ReviewFactory(board=board_a, title="From A")
    ReviewFactory(board=board_b, title="From B")
    # The first view also works out and caches the board's theme profile (test_dashboard_freshness.py pins the rest).
    with django_assert_max_num_queries(32):
        page = client.get(board_a.get_absolute_url()).content.decode()
    assert "From A" in page and "From B" not in page and "London" in page


def test_review_text_is_escaped(client, board_a):
    review = ReviewFactory(board=board_a, title="<script>alert(1)</script>", summary="<b>bold</b> & more")
    page = client.get(review.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in page


def test_navigation_marks_the_section_you_are_in(client, db):
    def active(url: str) -> list[str]:
        page = client.get(url).content.decode()
        items = page.split('govuk-service-navigation__item--active">')[1:]
        return [item.split("</a>")[0].rsplit(">", 1)[-1].strip() for item in items]

    assert active("/themes/dashboard/") == ["Dashboards"]
    assert active("/themes/") == ["Themes"]
    assert active("/reviews/") == ["Search reviews"]
