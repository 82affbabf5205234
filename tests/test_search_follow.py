"""A search can be followed: its Atom feed is discoverable and linked, and alerts keep its filters."""

import pytest
from django.urls import reverse

from reviews.models import Review
from reviews.search import refresh_search_vectors

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_search_page_links_a_feed_and_alerts_that_keep_the_filters(client, board_a):
    ReviewFactory(board=board_a, title="Baby S", summary="The baby died while co-sleeping.", themes=["safe-sleep"])
    refresh_search_vectors(Review.objects.values_list("id", flat=True))
    page = client.get(reverse("reviews:list"), {"q": "co-sleeping", "theme": "safe-sleep"}).content.decode()
    head = page[: page.index("</head>")]
    assert 'rel="alternate" type="application/atom+xml"' in head
    assert "/feeds/search/?" in head and "q=co-sleeping" in head and "theme=safe-sleep" in head
    body = page[page.index("</head>") :]
    assert "Get email alerts for this search" in body
    assert "/alerts/?" in body and "theme=safe-sleep" in body


def test_the_feed_of_a_search_lists_what_the_search_finds(client, board_a):
    ReviewFactory(board=board_a, title="Sleeping review", summary="Co-sleeping with a parent.", themes=["safe-sleep"])
    ReviewFactory(board=board_a, title="Other review", summary="Domestic abuse was not recognised.")
    refresh_search_vectors(Review.objects.values_list("id", flat=True))
    page = client.get(reverse("reviews:list"), {"q": "co-sleeping"}).content.decode()
    feed_url = "/feeds/search/?" + page.split('href="/feeds/search/?')[1].split('"')[0].replace("&amp;", "&")
    feed = client.get(feed_url).content.decode()
    assert "Sleeping review" in feed and "Other review" not in feed


def test_a_search_with_no_results_can_still_be_followed(client, board_a):
    page = client.get(reverse("reviews:list"), {"q": "fabricated illness"}).content.decode()
    assert "No reviews match your search." in page
    assert "Get email alerts for this search" in page


def test_acronyms_in_highlighted_snippets_are_explained_and_text_stays_escaped(client, board_a):
    ReviewFactory(
        board=board_a,
        title="Child V",
        summary="The MARAC did not hear the case. The mother wrote <script>alert('x')</script> & left.",
    )
    refresh_search_vectors(Review.objects.values_list("id", flat=True))
    page = client.get(reverse("reviews:list"), {"q": "MARAC"}).content.decode()
    results = page[page.index('id="results"') :]
    assert '<mark><abbr title="Multi-agency risk assessment conference">MARAC</abbr></mark>' in results
    assert "<script>" not in results and "alert(&#x27;x&#x27;)" in results and "&amp; left" in results
