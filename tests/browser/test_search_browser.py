import datetime
import re

import pytest

from reviews.models import Review
from reviews.signals import reviews_changed
from tests.factories import ReviewFactory

# serialized_rollback keeps the regions, agencies and themes that data migrations made.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def library(board_a, board_b):
    made = [
        ReviewFactory(
            board=board_a,
            title=f"Baby {n:02d}: learning review",
            published_on=datetime.date(2015 + n % 8, 1 + n % 12, 1 + n % 28),
            age_band="under-1",
            summary="The baby's weight fell and neglect was not recognised by the health visitor.",
            themes=["neglect", "voice-of-the-child"] if n % 4 else ["neglect"],
            agencies=["health"],
        )
        for n in range(1, 31)
    ]
    made += [
        ReviewFactory(
            board=board_b,
            title=f"Child {n:02d}: review",
            summary="The baby was seen at home; domestic abuse was not explored.",
            themes=["domestic-abuse"],
        )
        for n in range(1, 6)
    ]
    reviews_changed.send(sender=Review, review_ids=[review.id for review in made])
    return made


def test_search_tick_two_filters_page_and_open_a_result(page, library, assert_accessible):
    page.goto("/reviews/")
    assert page.get_by_role("heading", level=1).inner_text() == "Search reviews"
    assert_accessible(page)

    page.get_by_label("Search reviews", exact=True).fill("baby weight")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"q=baby\+weight"))
    assert page.locator("#results-count").inner_text().strip() == "30 reviews found"
    assert page.locator("mark").first.inner_text().lower() in {"baby", "weight"}

    page.get_by_role("checkbox", name=re.compile(r"^London \(")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Voice of the child \(")).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"region=london.*theme=voice-of-the-child"))
    expected = sum(1 for n in range(1, 31) if n % 4)  # 23: two pages
    assert page.locator("#results-count").inner_text().strip() == f"{expected} reviews found"
    assert page.get_by_role("checkbox", name=re.compile(r"^London \(")).is_checked()
    assert page.get_by_role("link", name=re.compile("Remove this filter: Region: London")).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Next page").click()
    page.wait_for_url(re.compile(r"page=2"))
    results = page.locator(".app-result h3 a")
    assert results.count() == expected - 20
    assert page.get_by_role("link", name="Page 2").get_attribute("aria-current") == "page"
    assert_accessible(page)

    title = results.first.inner_text()
    results.first.click()
    page.wait_for_url(re.compile(r"/reviews/baby-\d+-learning-review/$"))
    assert page.get_by_role("heading", level=1).inner_text() == title

    page.go_back()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.get_by_role("checkbox", name=re.compile(r"^Voice of the child \(")).is_checked()


def test_a_filter_can_be_removed_and_an_empty_search_says_what_to_try(page, library, assert_accessible):
    page.goto("/reviews/?q=baby&region=north-west&theme=neglect")
    assert "No reviews match your search." in page.locator("#results").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"removing theme: Neglect")).click()
    page.wait_for_url(re.compile(r"region=north-west$"))
    assert page.locator("#results-count").inner_text().strip() == "5 reviews found"


def test_the_search_page_fits_a_phone(phone_page, library, assert_accessible):
    phone_page.goto("/reviews/?q=baby&theme=neglect")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px wide)"
    assert_accessible(phone_page)
