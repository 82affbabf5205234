"""Caches of public pages are forgotten when the public could notice a change, and only then."""

import re

import pytest
from django.urls import reverse

from reviews import freshness
from reviews.models import Review
from reviews.services import review_publish, review_withdraw

from .factories import ReviewFactory
from .test_admin_uploads import review_form

pytestmark = pytest.mark.django_db


def generations() -> dict[str, int]:
    return {name: freshness.current(name) for name in freshness.GENERATIONS}


def test_saving_a_draft_in_the_admin_keeps_every_public_cache(editor_client, board_a, published_a):
    before = generations()
    form = review_form(board_a, summary="What happened to Child Z, not yet published.")
    response = editor_client.post(reverse("admin:reviews_review_add"), form)
    assert response.status_code == 302
    draft = Review.objects.get(slug="child-z-serious-case-review")
    assert draft.status == Review.Status.DRAFT
    assert generations() == before


def test_a_draft_saved_is_searchable_once_published_without_another_step(client, board_a, editor):
    draft = ReviewFactory(board=board_a, title="Child Y: heron review", status="draft")
    assert client.get("/api/reviews/", {"q": "heron"}).json()["count"] == 0
    review_publish(review=draft, user=editor)
    assert client.get("/api/reviews/", {"q": "heron"}).json()["count"] == 1


def test_publishing_and_withdrawing_move_every_public_cache_on(board_a, editor):
    draft = ReviewFactory(board=board_a, status="draft")
    before = generations()
    review_publish(review=draft, user=editor)
    published = generations()
    assert all(published[name] > before[name] for name in freshness.GENERATIONS)
    review_withdraw(review=draft, user=editor, reason="A family could be identified.")
    assert all(generations()[name] > published[name] for name in freshness.GENERATIONS)


def test_editing_a_published_review_in_the_admin_moves_the_public_caches_on(editor_client, board_a, published_a):
    before = generations()
    change = reverse("admin:reviews_review_change", args=[published_a.pk])
    form = review_form(
        board_a,
        title=published_a.title,
        slug=published_a.slug,
        published_on=published_a.published_on.isoformat(),
        summary="A corrected summary.",
    )
    response = editor_client.post(change, form)
    assert response.status_code == 302
    assert generations()[freshness.SEARCH] > before[freshness.SEARCH]


def test_the_home_page_and_theme_index_show_a_review_as_soon_as_it_is_published(client, board_a, editor):
    ReviewFactory(board=board_a, title="Child A: first review", themes=["neglect"])
    assert "Child A: first review" in client.get("/").content.decode()  # now cached
    assert neglect_count(client.get("/themes/").content.decode()) == "1"  # now cached
    draft = ReviewFactory(board=board_a, title="Child B: second review", themes=["neglect"], status="draft")
    assert "Child B: second review" not in client.get("/").content.decode()
    assert neglect_count(client.get("/themes/").content.decode()) == "1"
    review_publish(review=draft, user=editor)
    assert "Child B: second review" in client.get("/").content.decode()
    assert neglect_count(client.get("/themes/").content.decode()) == "2"


def neglect_count(page: str) -> str:
    """The theme index's count of published reviews on Neglect."""
    return re.search(r'href="/themes/neglect/">Neglect</a>.*?numeric">([\d,]+)</td>', page, re.S).group(1)


def test_the_home_page_costs_one_query_once_cached(client, board_a, django_assert_num_queries):
    ReviewFactory(board=board_a)
    client.get("/")
    with django_assert_num_queries(1):  # the generation number; the page's figures come from this process
        client.get("/")
