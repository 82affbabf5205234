"""The open JSON API at /api/reviews/: its shape, that it agrees with the page, and what it costs."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from reviews.models import Review
from reviews.search import FACETS, clear_result_cache
from reviews.search.index import forget_index
from reviews.signals import reviews_changed

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db
API = reverse("reviews:api-search")


@pytest.fixture
def reviews(board_a, board_b):
    made = [
        ReviewFactory(
            board=board_a,
            title="Baby K: co-sleeping",
            review_type="SCR",
            published_on=datetime.date(2017, 5, 1),
            age_band="under-1",
            summary="Baby K died while co-sleeping; safe sleep advice was not repeated by the health visitor.",
            themes=["safe-sleep", "information-sharing"],
            agencies=["health"],
        ),
        ReviewFactory(
            board=board_b,
            title="Child P: neglect",
            published_on=datetime.date(2021, 9, 1),
            published_year_only=False,
            age_band="5-10",
            summary="Child P lived with chronic neglect; the health visitor saw the home twice.",
            themes=["neglect"],
            agencies=["health", "education"],
        ),
        ReviewFactory(
            board=board_b,
            title="Adult Q: self-neglect",
            review_type="SAR",
            published_on=datetime.date(2022, 1, 1),
            published_year_only=True,
            age_band="adult",
            summary="Adult Q lived alone and refused care.",
            themes=["self-neglect"],
        ),
    ]
    ReviewFactory(board=board_a, title="Secret draft about health", status="draft", published_on=None)
    reviews_changed.send(sender=Review, review_ids=[review.id for review in made])
    return made


def get(client: Client, **params) -> dict:
    response = client.get(API, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_response_has_the_documented_shape(client, reviews):
    data = get(client, q="visitor")
    assert set(data) >= {"count", "page", "results", "facets"}
    assert (data["count"], data["page"], data["match"]) == (2, 1, "all")
    first = data["results"][0]
    assert set(first) == {
        "title",
        "slug",
        "url",
        "board",
        "region",
        "review_type",
        "published",
        "age_band",
        "themes",
        "snippet",
    }
    assert set(data["facets"]) == {"review_type", "region", "board", "year", "age_band", "theme", "agency"}
    for values in data["facets"].values():
        for value in values:
            assert set(value) == {"value", "label", "count"} and isinstance(value["count"], int)


def test_results_carry_slugs_codes_and_full_urls(client, reviews):
    baby_k = next(row for row in get(client, q="co-sleeping")["results"] if row["slug"] == "baby-k-co-sleeping")
    assert baby_k == {
        "title": "Baby K: co-sleeping",
        "slug": "baby-k-co-sleeping",
        "url": "http://testserver/reviews/baby-k-co-sleeping/",
        "board": "Riverside Safeguarding Partnership",
        "region": "London",
        "review_type": "SCR",
        "published": "2017-05-01",
        "age_band": "under-1",
        "themes": ["information-sharing", "safe-sleep"],
        "snippet": baby_k["snippet"],
    }
    assert "<mark>co</mark>-<mark>sleeping</mark>" in baby_k["snippet"]


def test_a_year_only_date_is_given_as_the_year(client, reviews):
    adult_q = get(client, q="refused")["results"][0]
    assert adult_q["published"] == "2022"


def test_facets_use_the_same_values_as_the_parameters(client, reviews):
    data = get(client, region=["north-west"])
    regions = {value["value"]: value["count"] for value in data["facets"]["region"]}
    assert regions == {"london": 1, "north-west": 2}
    types = {value["value"]: (value["label"], value["count"]) for value in data["facets"]["review_type"]}
    assert types == {"CSPR": ("Child safeguarding practice review", 1), "SAR": ("Safeguarding adult review", 1)}
    # Every value given back can be sent as a parameter, and then finds as many reviews as its count said.
    everything = get(client)
    for facet in FACETS:
        for value in everything["facets"][facet]:
            again = get(client, **{facet: value["value"]})
            assert (again["count"], again["messages"]) == (value["count"], []), (facet, value)


def test_the_api_and_the_page_agree(client, reviews):
    params = {"q": "health", "theme": ["neglect", "safe-sleep"], "sort": "oldest"}
    data = get(client, **params)
    page = client.get(reverse("reviews:list"), params).content.decode()
    assert f"{data['count']} reviews found" in page
    positions = [page.index(row["title"]) for row in data["results"]]
    assert positions == sorted(positions)


def test_drafts_are_never_in_the_api(client, reviews):
    data = get(client, q="health")
    assert "Secret draft about health" not in {row["title"] for row in data["results"]}
    assert data["count"] == 2


def test_pages_past_the_end_give_the_last_page_and_a_message(client, reviews):
    data = get(client, page="7")
    assert data["page"] == 1 and len(data["results"]) == 3
    assert data["messages"] == ["There is only 1 page of results, so page 1 is shown."]


def test_unknown_values_are_reported_not_fatal(client, reviews):
    data = get(client, region=["narnia", "london"], age_band=["ancient"])
    assert data["count"] == 1
    assert data["messages"] == [
        "There is no region ‘narnia’, so it was left out.",
        "There is no age ‘ancient’, so it was left out.",
    ]


def test_any_site_may_read_the_open_data(client, reviews):
    assert client.get(API)["Access-Control-Allow-Origin"] == "*"


def test_only_get_is_allowed(client, reviews):
    assert client.post(API).status_code == 405


def test_the_api_costs_a_fixed_number_of_queries(client, reviews, board_a, django_assert_num_queries, settings):
    settings.RATE_LIMITS_ENABLED = False  # the search's own queries; the rate limit's are pinned in test_rate_limits
    clear_result_cache()
    forget_index()
    # vocabulary; the facet index; the text's matches in a transaction of their own with its settings (here, inside
    # the test's transaction: a savepoint, the settings, the matches, the settings put back, the savepoint
    # released); the ranks of the page's candidates; the page's rows
    with django_assert_num_queries(9):
        get(client, q="health", theme=["neglect"], agency=["health"], year_from="2016")
    with django_assert_num_queries(1):  # the same search again: the vocabulary only
        get(client, q="health", theme=["neglect"], agency=["health"], year_from="2016")
    with django_assert_num_queries(3):  # the text searched again with other filters: no text query
        get(client, q="health", theme=["neglect"], year_from="2016")
    more = [ReviewFactory(board=board_a, summary="health", themes=["neglect"], agencies=["health"]) for _ in range(25)]
    reviews_changed.send(sender=Review, review_ids=[review.id for review in more])
    with django_assert_num_queries(9):  # as many with 26 matches as with 1: the index is read again after a change
        data = get(client, q="health", theme=["neglect"], agency=["health"], year_from="2016")
    assert data["count"] == 26 and len(data["results"]) == 20


def test_junk_in_the_query_string_shares_one_cached_result(client, reviews):
    # The result cache is keyed on the cleaned search (known values only), so junk cannot fill it.
    from reviews.search import cache as search_cache

    clear_result_cache()
    for junk in (
        {"theme": "neglect"},
        {"theme": ["neglect", "no-such-theme"], "utm_source": "x"},
        {"theme": "neglect", "board": "nobody", "year": "soon", "sort": "sideways", "page": "0"},
        {"theme": ["neglect", "neglect"], "q": " \x01 ", "cachebuster": "12345"},
    ):
        assert get(client, **junk)["count"] == get(client, theme="neglect")["count"]
    assert len(search_cache.results.entries) == 1
