import pytest
from django.core.cache import cache

from reviews.models import Board
from tests.dashboard_corpus import board_name, corpus  # noqa: F401 (the corpus fixture)

# serialized_rollback keeps the regions, agencies and themes that data migrations made.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def fresh_cache():
    # These tests commit, so cached figures would outlive them: start and end with none.
    cache.clear()
    yield
    cache.clear()


def test_national_regional_and_board_dashboards_are_accessible(page, corpus, assert_accessible):  # noqa: F811
    page.goto("/themes/dashboard/")
    assert page.get_by_role("heading", level=1).inner_text() == "Themes across all regions"
    assert page.get_by_role("img", name="The most common themes, all regions, 2015 to 2024").is_visible()
    assert page.get_by_role("table", name="Emerging themes: more common in recent years").is_visible()
    assert_accessible(page)

    # The region picker, without JavaScript help: a form that lands on the region's own address.
    page.get_by_label("Region", exact=True).select_option(label="London")
    page.get_by_label("Recent years", exact=True).select_option(label="Last 2 years")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url("**/themes/dashboard/london/?*recent=2*")
    assert page.get_by_role("heading", level=1).inner_text() == "Themes in London"
    assert page.get_by_text("fewer than 5").first.is_visible()
    assert_accessible(page)

    page.get_by_role("table", name="Regions against the top themes").get_by_role("link", name="North West").click()
    page.wait_for_url("**/themes/dashboard/north-west/?*")
    assert page.get_by_role("heading", level=1).inner_text() == "Themes in North West"
    assert_accessible(page)

    page.goto(Board.objects.get(name=board_name("riverside")).get_absolute_url())
    assert page.get_by_role("heading", name="Themes in this board’s reviews").is_visible()
    assert page.get_by_role("img", name=f"{board_name('riverside')}: most common themes").is_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.goto("/themes/dashboard/london/")
        page.get_by_role("link", name="Download every year as a spreadsheet (CSV)").click()
    assert download.value.suggested_filename == "themes-london-2015-2024.csv"


def test_dashboards_fit_a_phone_and_their_charts_stay_readable(phone_page, corpus, assert_accessible):  # noqa: F811
    board = Board.objects.get(name=board_name("riverside"))
    for url in ["/themes/dashboard/", "/themes/dashboard/london/", board.get_absolute_url()]:
        phone_page.goto(url)
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375, url  # wide tables scroll alone
        sizes = phone_page.evaluate(
            """() => [...document.querySelectorAll('svg.app-chart')].map(svg => {
                const box = svg.getBoundingClientRect();
                return {width: box.width, font: box.width / svg.viewBox.baseVal.width * 13};
            })"""
        )
        assert sizes, url
        for size in sizes:
            assert size["width"] <= 375, url
            assert size["font"] >= 12, url  # chart text is 13 units: at least 12 px on a 375 px screen
        assert_accessible(phone_page)
