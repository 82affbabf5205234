import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from learning.feeds import AllReviewsFeed, SearchFeed, cache_address
from reviews.models import Agency, Review
from reviews.signals import reviews_changed
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed; raises if it is not well formed
    assert root.tag == f"{ATOM}feed"
    return root


def entries(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{ATOM}entry")


def titles(root: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in entries(root)]


def rfc3339(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


def published(review: Review, when: datetime.datetime) -> Review:
    Review.objects.filter(pk=review.pk).update(first_published_at=when)
    review.refresh_from_db()
    return review


@pytest.fixture
def corpus(board_a, board_b):
    now = timezone.now()
    older = published(
        ReviewFactory(board=board_a, title="Older on neglect", themes=["neglect"], agencies=["police"]),
        now - datetime.timedelta(days=3),
    )
    newer = published(
        ReviewFactory(
            board=board_b,
            title="Newer on safe sleep <b> & co",
            themes=["safe-sleep"],
            summary="A baby died while sharing a sofa with a parent.",
        ),
        now - datetime.timedelta(days=1),
    )
    ReviewFactory(board=board_a, title="Draft", status="draft", published_on=None, themes=["neglect"])
    ReviewFactory(board=board_a, title="Withdrawn", status="withdrawn", themes=["neglect"])
    reviews_changed.send(sender=Review, review_ids=list(Review.objects.values_list("pk", flat=True)))
    return older, newer


def test_the_all_reviews_feed_is_valid_atom_with_only_published_reviews_newest_first(client, corpus):
    older, newer = corpus
    root = parse(client.get(reverse("learning:feed-all")))
    assert root.findtext(f"{ATOM}id") == "http://testserver/reviews/"
    assert root.findtext(f"{ATOM}title") == "New reviews – SCR Learning Portal"
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "http://testserver/feeds/reviews/"
    assert titles(root) == ["Newer on safe sleep <b> & co", "Older on neglect"]

    first = entries(root)[0]
    assert first.findtext(f"{ATOM}id") == f"tag:{settings.FEED_ID_DOMAIN},2024:review:{newer.pk}"
    assert first.find(f"{ATOM}link").get("href") == f"http://testserver{newer.get_absolute_url()}"
    assert rfc3339(first.findtext(f"{ATOM}published")) == newer.first_published_at
    assert rfc3339(first.findtext(f"{ATOM}updated")) >= newer.first_published_at
    assert first.findtext(f"{ATOM}author/{ATOM}name") == "Hilltop Safeguarding Partnership"
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["Safe sleep"]
    assert first.findtext(f"{ATOM}summary") == "A baby died while sharing a sofa with a parent."
    # The feed's own updated time is its newest entry's.
    assert rfc3339(root.findtext(f"{ATOM}updated")) == max(rfc3339(e.findtext(f"{ATOM}updated")) for e in entries(root))


def test_entry_ids_stay_the_same_when_a_review_is_renamed(client, corpus):
    older, _ = corpus
    before = {
        e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}id") for e in entries(parse(client.get("/feeds/reviews/")))
    }
    Review.objects.filter(pk=older.pk).update(title="Renamed", slug="renamed")
    reviews_changed.send(sender=Review, review_ids=[older.pk])  # as the admin does after a save
    after = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}id") for e in entries(parse(client.get("/feeds/reviews/")))}
    assert after["Renamed"] == before["Older on neglect"]


def test_feeds_per_theme_region_board_and_agency(client, corpus, board_a, board_b):
    assert titles(parse(client.get(reverse("learning:feed-theme", args=["neglect"])))) == ["Older on neglect"]
    assert titles(parse(client.get(reverse("learning:feed-region", args=["north-west"])))) == [
        "Newer on safe sleep <b> & co"
    ]
    assert titles(parse(client.get(reverse("learning:feed-board", args=[board_a.slug])))) == ["Older on neglect"]
    assert titles(parse(client.get(reverse("learning:feed-agency", args=["police"])))) == ["Older on neglect"]
    assert titles(parse(client.get(reverse("learning:feed-agency", args=["housing"])))) == []


def test_unknown_feed_subjects_are_404_not_errors(client):
    for name in ("learning:feed-theme", "learning:feed-region", "learning:feed-board", "learning:feed-agency"):
        assert client.get(reverse(name, args=["no-such-thing"])).status_code == 404


def test_the_search_feed_keeps_the_search_pages_filters(client, corpus):
    url = reverse("learning:feed-search")
    root = parse(client.get(url, {"theme": "safe-sleep"}))
    assert titles(root) == ["Newer on safe sleep <b> & co"]
    assert root.findtext(f"{ATOM}title") == "Reviews on Safe sleep – SCR Learning Portal"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feeds/search/?theme=safe-sleep"
    assert titles(parse(client.get(url, {"q": "sofa"}))) == ["Newer on safe sleep <b> & co"]
    assert titles(parse(client.get(url, {"q": "sofa", "theme": "neglect"}))) == []
    assert titles(parse(client.get(url, {"region": "london", "agency": "police"}))) == ["Older on neglect"]
    assert titles(parse(client.get(url, {"year_from": "2030"}))) == []
    # Without filters it is every published review; nonsense values are ignored, never a server error.
    assert len(entries(parse(client.get(url)))) == 2
    assert client.get(url, {"year_from": "soon", "theme": "x" * 500, "board": "<script>"}).status_code == 200


def test_feeds_hold_the_fifty_newest(client, board_a):
    now = timezone.now()
    for n in range(55):
        published(ReviewFactory(board=board_a, title=f"Review {n:02d}"), now - datetime.timedelta(hours=n))
    reviews_changed.send(sender=Review, review_ids=list(Review.objects.values_list("pk", flat=True)))
    root = parse(client.get("/feeds/reviews/"))
    assert titles(root) == [f"Review {n:02d}" for n in range(50)]


def test_feeds_are_discoverable_from_pages(client, corpus):
    home = client.get(reverse("home")).content.decode()
    head = home[: home.index("</head>")]
    assert '<link rel="alternate" type="application/atom+xml" title="New reviews" href="/feeds/reviews/">' in head
    follow = client.get(reverse("learning:follow")).content.decode()
    for agency in Agency.objects.all():
        assert reverse("learning:feed-agency", args=[agency.slug]) in follow
    alerts = client.get(reverse("learning:alert-subscribe"), {"theme": "neglect"}).content.decode()
    assert 'type="application/atom+xml" title="Reviews on Neglect" href="/feeds/search/?theme=neglect"' in alerts


def test_search_feed_link_tag_keeps_the_filters():
    from django.http import QueryDict
    from django.template import Context, Template

    html = Template("{% load learning %}{% search_follow_links params %}").render(
        Context({"params": QueryDict("q=bruise&theme=neglect&page=3&sort=newest")})
    )
    assert 'href="/feeds/search/?q=bruise&amp;theme=neglect"' in html
    assert 'href="/alerts/?q=bruise&amp;theme=neglect"' in html


@pytest.mark.parametrize(
    "query",
    [
        "q=sofa",
        "q=baby parent sofa",  # several plain words: the search may fall back to any word
        "theme=neglect",
        "theme=neglect&theme=safe-sleep&region=london",
        "agency=police&year_from=2020&year_to=2022",
        "review_type=CSPR&age_band=under-1",
        "q=neglect&board=no-such-board",
    ],
)
def test_feeds_and_alerts_match_exactly_what_the_search_page_matches(corpus, board_a, query):
    from django.http import QueryDict

    from learning.searches import filtered_reviews
    from reviews.filters import ReviewSearchFilter
    from reviews.search import iter_matches

    ReviewFactory(board=board_a, title="A parent", summary="The parent was tired.", agencies=["police"])
    reviews_changed.send(sender=Review, review_ids=list(Review.objects.values_list("pk", flat=True)))
    params, _ = ReviewSearchFilter(QueryDict(query)).search_params()
    from dataclasses import replace

    expected = {row["id"] for row in iter_matches(replace(params, sort="newest"))}
    assert set(filtered_reviews(query).values_list("pk", flat=True)) == expected


def test_feeds_are_served_from_the_cache_until_reviews_change(
    client, corpus, board_a, editor, django_assert_num_queries, settings
):
    settings.RATE_LIMITS_ENABLED = False  # the feed's own queries; the rate limit's are pinned in test_rate_limits
    from reviews.services import review_publish

    url = reverse("learning:feed-theme", args=["neglect"])
    first = client.get(url)
    with django_assert_num_queries(2):  # the generation and the feed, from the shared cache
        assert client.get(url).content == first.content
    draft = ReviewFactory(board=board_a, title="Just published", status="draft", published_on=None, themes=["neglect"])
    review_publish(review=draft, user=editor)  # sends reviews_changed
    assert titles(parse(client.get(url)))[0] == "Just published"


def test_entry_ids_do_not_change_with_the_host_name_the_feed_is_read_under(client, corpus, settings):
    settings.ALLOWED_HOSTS = ["portal.example.org", "127.0.0.1", "localhost"]
    settings.FEED_ID_DOMAIN = "portal.example.org"

    def ids(host: str) -> list[str]:
        return [e.findtext(f"{ATOM}id") for e in entries(parse(client.get("/feeds/reviews/", HTTP_HOST=host)))]

    assert ids("127.0.0.1") == ids("localhost") == ids("portal.example.org")
    assert ids("localhost")[0].startswith("tag:portal.example.org,2024:review:")


def test_control_characters_in_a_search_feed_are_dropped_not_a_server_error(client, corpus):
    response = client.get(reverse("learning:feed-search"), {"q": "sofa\x01\x0b", "board": "a\x00b"})
    root = parse(response)  # well-formed XML
    assert titles(root) == ["Newer on safe sleep <b> & co"]
    assert root.findtext(f"{ATOM}title") == "Reviews matching “sofa” – SCR Learning Portal"


def test_search_feeds_are_cached_by_the_cleaned_search_so_junk_cannot_fill_the_cache(client, corpus):
    url = reverse("learning:feed-search")
    junk = [
        {"theme": "safe-sleep"},
        {"theme": ["safe-sleep", "no-such-theme"], "utm_source": "x"},
        {"theme": "safe-sleep", "board": "nobody", "year": "soon", "sort": "oldest", "page": "9"},
        {"theme": ["safe-sleep", "safe-sleep"], "q": "   ", "cachebuster": "12345"},
    ]
    factory = RequestFactory()
    addresses = {cache_address(SearchFeed(), factory.get(url, params)) for params in junk}
    assert addresses == {"http://testserver/feeds/search/?theme=safe-sleep"}
    assert len({client.get(url, params).content for params in junk}) == 1
    assert cache_address(SearchFeed(), factory.get(url, {"theme": "neglect"})) not in addresses
    # Other feeds take no parameters: a query string does not change them.
    all_reviews = {cache_address(AllReviewsFeed(), factory.get("/feeds/reviews/", {"n": str(n)})) for n in range(3)}
    assert all_reviews == {"http://testserver/feeds/reviews/?"}
