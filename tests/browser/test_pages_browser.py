import pytest

from tests.factories import ReviewFactory

# serialized_rollback keeps the regions, agencies and themes that data migrations made.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def a_review(board_a):
    return ReviewFactory(
        board=board_a,
        title="Baby K: serious case review",
        summary="Baby K died while co-sleeping with a parent. Safe sleep advice was not repeated.",
        themes=["safe-sleep", "information-sharing"],
        agencies=["health"],
        findings=["Safe sleep advice was not tailored to the family."],
        recommendations=["Health visitors should repeat safe sleep advice at every contact."],
    )


def test_home_list_detail_and_theme_pages_are_accessible(page, a_review, assert_accessible):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Learning from safeguarding reviews"
    assert_accessible(page)

    page.get_by_role("link", name="Search reviews").first.click()
    page.wait_for_url("**/reviews/")
    assert_accessible(page)

    page.get_by_role("link", name="Baby K: serious case review").click()
    page.wait_for_url(f"**{a_review.get_absolute_url()}")
    assert page.get_by_role("heading", name="Findings").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Safe sleep", exact=True).click()
    page.wait_for_url("**/themes/safe-sleep/")
    assert page.get_by_role("heading", level=1).inner_text() == "Safe sleep"
    assert_accessible(page)

    page.goto("/themes/")
    assert_accessible(page)


def test_pages_fit_a_phone_screen(phone_page, a_review, assert_accessible):
    phone_page.goto(a_review.get_absolute_url())
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px wide)"
    assert_accessible(phone_page)


def test_the_accessibility_check_reports_a_missing_image_description(page):
    # Guards the harness: if axe-core stopped running, every accessibility assertion would pass silently.
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><img src="x.png"></main></body></html>')
    from tests.browser.conftest import axe_violations

    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}
