"""The search page at /reviews/: what a practitioner sees, what the URL keeps, bad input, and its query cost."""

import datetime
import re
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.filters import ReviewSearchFilter
from reviews.models import Review
from reviews.search import MAX_QUERY_LENGTH, clear_result_cache, search_reviews
from reviews.search.index import forget_index
from reviews.signals import reviews_changed

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db
URL = reverse("reviews:list")


@pytest.fixture
def reviews(board_a, board_b):
    made = [
        ReviewFactory(
            board=board_a,
            title="Baby K: co-sleeping",
            review_type="SCR",
            published_on=datetime.date(2017, 5, 1),
            age_band="under-1",
            summary="Baby K died while co-sleeping. Safe sleep advice was not repeated by the health visitor.",
            themes=["safe-sleep"],
            agencies=["health"],
        ),
        ReviewFactory(
            board=board_b,
            title="Child P: neglect",
            published_on=datetime.date(2021, 9, 1),
            age_band="5-10",
            summary="Child P lived with chronic neglect; the health visitor saw the home only twice.",
            themes=["neglect"],
            agencies=["health", "education"],
        ),
        ReviewFactory(
            board=board_b,
            title="Adult Q: self-neglect",
            review_type="SAR",
            published_on=datetime.date(2022, 2, 1),
            age_band="adult",
            summary="Adult Q lived alone and refused care.",
            themes=["self-neglect"],
            agencies=["adult-social-care"],
        ),
    ]
    reviews_changed.send(sender=Review, review_ids=[review.id for review in made])
    return made


def page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def links(html: str, css_class: str) -> dict[str, dict]:
    """{link text: its query string, parsed} for links with this class."""
    found = {}
    for href, text in re.findall(rf'<a class="{css_class}" href="\?([^"]*)">(.*?)</a>', html, re.S):
        text = re.sub(r"<[^>]+>", "", unescape(text)).replace("Remove this filter: ", "").strip()
        found[text] = parse_qs(unescape(href))
    return found


def test_with_nothing_chosen_every_published_review_is_listed_newest_first(client, reviews):
    html = page(client)
    assert "3 published reviews" in html
    assert html.index("Adult Q: self-neglect") < html.index("Child P: neglect") < html.index("Baby K: co-sleeping")


def test_a_search_shows_its_count_results_and_highlighted_snippets(client, reviews):
    html = page(client, q="health visitor")
    assert "2 reviews found" in html
    assert "<mark>health</mark> <mark>visitor</mark>" in html
    assert "Adult Q" not in html
    assert 'value="health visitor"' in html  # the box keeps the words


def test_a_sentence_says_when_results_have_only_some_of_its_words(client, reviews):
    html = unescape(page(client, q="health visitor never visited the grandmother"))
    assert "No review contains every word you searched for" in html
    assert html.index("Child P: neglect") < html.index("Baby K: co-sleeping")  # 3 words of 5, then 2
    html = unescape(page(client, q="health visitor saw the home"))
    assert "Only 1 review contains every word you searched for" in html
    assert html.index("Child P: neglect") < html.index("Baby K: co-sleeping")


def test_the_url_holds_the_whole_state(client, reviews):
    html = page(client, q="health", region=["london"], theme=["safe-sleep"], year_from="2015", sort="newest")
    assert re.search(r'name="region" type="checkbox" value="london" checked', html)
    assert re.search(r'name="theme" type="checkbox" value="safe-sleep" checked', html)
    assert not re.search(r'value="north-west" checked', html)
    assert 'name="year_from" type="text" inputmode="numeric" value="2015"' in html
    assert '<option value="newest" selected>' in html
    assert "1 review found" in html


def test_each_selected_filter_can_be_removed_on_its_own(client, reviews):
    html = page(client, q="health", region=["london", "north-west"], theme=["neglect"])
    removable = links(html, "app-filter__tag")
    assert set(removable) == {"Search: ‘health’", "Region: London", "Region: North West", "Theme: Neglect"}
    assert removable["Region: London"] == {"q": ["health"], "region": ["north-west"], "theme": ["neglect"]}
    assert removable["Search: ‘health’"] == {"region": ["london", "north-west"], "theme": ["neglect"]}
    assert 'href="?q=health">Clear filters</a>' in html


def test_counts_beside_each_value_follow_the_other_filters(client, reviews):
    html = page(client, region=["london"])
    assert re.search(r">London <span class=\"app-filter__count\">\(1\)</span>", html)
    assert re.search(r">North West <span class=\"app-filter__count\">\(2\)</span>", html)
    assert re.search(r">Safe sleep <span class=\"app-filter__count\">\(1\)</span>", html)
    assert "Neglect <span" not in html  # no London review is about neglect


def test_an_empty_result_suggests_what_to_remove(client, reviews):
    html = page(client, q="health", review_type=["SAR"])
    assert "No reviews match your search." in html
    suggestions = links(html, "govuk-link")
    assert suggestions["removing review type: Safeguarding adult review"] == {"q": ["health"]}
    assert "different or fewer words" in html


def test_pagination_links_keep_the_search(client, board_a):
    made = [ReviewFactory(board=board_a, title=f"Heron {n}", summary="A grey heron.") for n in range(25)]
    reviews_changed.send(sender=Review, review_ids=[review.id for review in made])
    html = page(client, q="heron", region=["london"])
    assert 'href="?q=heron&amp;region=london&amp;page=2"' in html
    second = page(client, q="heron", region=["london"], page="2")
    assert "(page 2 of 2)" in second and second.count('class="app-result"') == 5


def test_download_links_carry_the_same_search(client, reviews):
    html = page(client, q="health", theme=["neglect"])
    assert f'href="{reverse("reviews:export")}?q=health&amp;theme=neglect"' in html
    assert f'href="{reverse("reviews:api-search")}?q=health&amp;theme=neglect"' in html


def test_the_page_costs_a_fixed_number_of_queries(client, reviews, board_a, django_assert_num_queries, settings):
    settings.RATE_LIMITS_ENABLED = False  # the search's own queries; the rate limit's are pinned in test_rate_limits
    clear_result_cache()
    forget_index()
    # vocabulary and cache generation; the facet index; the text's strict matches, then each word's (few strict
    # matches: the any-word fallback), in a transaction of their own with its settings (here a savepoint, the
    # settings, both statements, the settings put back, the savepoint released); the ranks of the page's candidates;
    # the page's rows; the glossary; whether each word is in the library at all (did you mean: only some matched)
    with django_assert_num_queries(12):
        page(client, q="health visitor", region=["london", "north-west"], theme=["neglect"], agency=["health"])
    with django_assert_num_queries(1):  # the same search again: the kept page, under the vocabulary's generation
        page(client, q="health visitor", region=["london", "north-west"], theme=["neglect"], agency=["health"])
    more = [ReviewFactory(board=board_a, themes=["neglect", "safe-sleep"], agencies=["police"]) for _ in range(30)]
    reviews_changed.send(sender=Review, review_ids=[review.id for review in more])
    with django_assert_num_queries(4):  # no text: the index read again after the change, the rows, the glossary
        page(client, theme=["neglect"], sort="oldest")
    with django_assert_num_queries(3):  # another page of it: the index is current, only the rows are read
        page(client, theme=["neglect"], sort="oldest", page="2")


def test_another_page_or_order_of_a_search_matches_a_fresh_search(client, board_a):
    made = [
        ReviewFactory(board=board_a, title=f"Heron {n:02d}", summary="A grey heron." + " heron" * (n % 4))
        for n in range(45)
    ]
    reviews_changed.send(sender=Review, review_ids=[review.id for review in made])
    for params in ({"q": "heron"}, {"q": "heron", "page": "2"}, {"q": "heron", "sort": "oldest", "page": "3"}):
        html = page(client, q="heron", region=["london"], page="1")  # counts now cached
        followed = page(client, region=["london"], **params)
        clear_result_cache()
        fresh = page(client, region=["london"], **params)
        shown = re.findall(r"Heron \d\d", followed)
        assert len(shown) in (20, 5) and shown == re.findall(r"Heron \d\d", fresh), params
        assert "45 reviews found" in followed and "45 reviews found" in html


# ---------------------------------------------------------------------------------------------------------------
# Bad input: a sensible page and a clear message, never an error


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"region": ["narnia"]}, "There is no region ‘narnia’, so it was left out."),
        ({"theme": ["neglect", "made-up"]}, "There is no theme ‘made-up’, so it was left out."),
        ({"review_type": ["XYZ"]}, "There is no review type ‘XYZ’"),
        ({"year": ["99999"]}, "‘99999’ is not a year from 1970 to 2100"),
        ({"year_from": "-5"}, "‘-5’ is not a year"),
        ({"year_to": "nineteen"}, "‘nineteen’ is not a year"),
        ({"year_from": "2022", "year_to": "2016"}, "they were swapped"),
        ({"sort": "cheapest"}, "‘cheapest’ is not a way to sort results"),
        ({"page": "abc"}, "‘abc’ is not a page number"),
        ({"page": "500"}, "page 1 is shown"),
        ({"q": "x" * 10_000}, f"only its first {MAX_QUERY_LENGTH} characters were used"),
        ({"q": "the and of"}, "has no words that can be searched for"),
    ],
)
def test_bad_input_gets_a_clear_message(client, reviews, params, message):
    html = unescape(page(client, **params))
    assert message in html


@pytest.mark.parametrize(
    "q",
    ['"unbalanced quote', "-", "--neglect", "or or or", "neglect & | ! ( ) :* <->", "null\x00byte", "\x1b[31mred", "'"],
)
def test_odd_queries_still_search(client, reviews, q):
    page(client, q=q)


def test_a_swapped_year_range_still_filters(client, reviews):
    html = page(client, year_from="2022", year_to="2020")
    assert "2 reviews found" in html


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=600))
def test_no_query_text_gives_an_error(client, reviews, q):
    assert client.get(URL, {"q": q}).status_code == 200
    assert client.get(reverse("reviews:api-search"), {"q": q, "sort": "relevance"}).status_code == 200


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=st.text(st.characters(exclude_categories=()), max_size=200),  # even lone surrogates and control characters
    region=st.lists(st.text(max_size=20), max_size=3),
    year=st.lists(st.text(max_size=6), max_size=3),
    page_number=st.text(max_size=8),
)
def test_any_parameters_give_a_search(reviews, q, region, year, page_number):
    filterset = ReviewSearchFilter({"q": q, "region": region, "year": year, "page": page_number})
    params, _ = filterset.search_params()
    result = search_reviews(params, filterset.vocabulary)
    assert 0 <= result.count <= 3 and 1 <= result.page <= result.pages
