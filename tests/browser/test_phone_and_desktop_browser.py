"""Every public page at a phone's width (390px) and a desktop's (1280px): nothing scrolls sideways, axe-core finds
nothing serious, and on the phone the search's first result is on the first screen, above the filters."""

import datetime

import pytest
from django.core.cache import cache

from reviews.models import Review
from reviews.signals import reviews_changed
from tests.browser.conftest import axe_violations
from tests.factories import ReviewFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def fresh_cache():
    # These tests commit, so cached figures would outlive them: start and end with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def library(board_a, board_b):
    """Enough reviews in London for its dashboard to hold some counts back, and a board with very few."""
    made = []
    for n in range(24):
        made.append(
            ReviewFactory(
                board=board_a,
                title=f"Baby {n:02d}: learning review",
                published_on=datetime.date(2016 + n % 9, 1 + n % 12, 1 + n % 28),
                age_band="under-1",
                summary=(
                    "The baby died while co-sleeping with a parent who had drunk alcohol. "
                    "Safe sleep advice was given but not tailored to the family. "
                    "The health visitor was worried about the baby's weight and neglect was not recognised."
                ),
                themes=["safe-sleep", "neglect"] if n % 3 else ["safe-sleep", "information-sharing", "neglect"],
                agencies=["health", "police"],
                findings=["Safe sleep advice was not repeated after the baby's birth.", "Referrals were delayed."],
                recommendations=["Health visitors should repeat safe sleep advice at every contact."],
            )
        )
    made += [
        ReviewFactory(board=board_b, title=f"Adult {n}: safeguarding adult review", themes=["self-neglect"])
        for n in range(3)
    ]
    reviews_changed.send(sender=Review, review_ids=[review.id for review in made])
    return made


def public_pages(library, board_b) -> list[str]:
    return [
        "/",
        "/reviews/?q=baby+neglect&region=london",
        library[0].get_absolute_url(),
        "/themes/",
        "/themes/safe-sleep/",
        "/themes/dashboard/",
        "/themes/dashboard/london/",
        board_b.get_absolute_url(),
        library[0].board.get_absolute_url(),
        "/glossary/",
        "/briefings/themes/safe-sleep/",
        f"/briefings/reviews/{library[0].slug}/",
        "/follow/",
        "/alerts/?theme=safe-sleep",
        f"/boards/{board_b.slug}/tracker/",
    ]


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone-390", "desktop-1280"])
def test_no_public_page_scrolls_sideways_or_has_serious_accessibility_problems(
    browser, live_server, library, board_b, device
):
    context = browser.new_context(base_url=live_server.url, **device)
    page = context.new_page()
    problems = []
    for path in public_pages(library, board_b):
        response = page.goto(path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > device["viewport"]["width"]:
            problems.append(f"{path} is {width}px wide")
        violations = axe_violations(page)
        if violations:
            problems.append(f"{path}: {violations}")
    context.close()
    assert problems == []


def test_on_a_phone_the_first_result_comes_before_the_filters(browser, live_server, library):
    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()
    page.goto("/reviews/?q=baby+neglect&region=london")
    first = page.locator(".app-result").first.bounding_box()
    assert first["y"] < PHONE["viewport"]["height"], f"the first result starts {first['y']}px down"
    filters = page.locator("#filters")
    assert not filters.is_visible()  # behind the button until asked for
    # The selected filters stay in sight above the results.
    assert page.get_by_role("link", name="Remove this filter: Region: London").bounding_box()["y"] < first["y"]

    toggle = page.get_by_role("button", name="Filter results (2 selected)")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert filters.is_visible()
    assert filters.bounding_box()["y"] < page.locator(".app-result").first.bounding_box()["y"]
    page.get_by_role("checkbox", name="Neglect (24)").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**theme=neglect*")
    assert page.get_by_role("button", name="Filter results (3 selected)").is_visible()
    context.close()


def test_without_scripts_the_filter_link_leads_to_the_filters_after_the_results(browser, live_server, library):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto("/reviews/?q=baby")
    link = page.get_by_role("link", name="Filter results")
    assert link.get_attribute("href") == "#filters"
    first = page.locator(".app-result").first.bounding_box()
    assert first["y"] < PHONE["viewport"]["height"]
    assert page.locator("#filters").bounding_box()["y"] > first["y"]
    context.close()


def test_on_a_desktop_the_filters_are_a_column_beside_the_results(page, library):
    page.set_viewport_size(DESKTOP["viewport"])
    page.goto("/reviews/?q=baby")
    assert not page.get_by_role("button", name="Filter results").is_visible()
    filters, results = page.locator("#filters").bounding_box(), page.locator("#results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]
    assert abs(filters["y"] - results["y"]) < 5


def test_wide_tables_scroll_inside_a_labelled_focusable_region(browser, live_server, library):
    context = browser.new_context(base_url=live_server.url, **PHONE)
    page = context.new_page()
    page.goto("/themes/dashboard/")
    regions = page.locator(".app-table-scroll")
    assert regions.count() >= 5
    for index in range(regions.count()):
        region = regions.nth(index)
        assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label")
    # At 1280px every table fits its column, the newest year included.
    page.set_viewport_size(DESKTOP["viewport"])
    page.reload()
    overflowing = page.evaluate(
        "[...document.querySelectorAll('.app-table-scroll')].filter(e => e.scrollWidth > e.clientWidth).length"
    )
    assert overflowing == 0
    context.close()
