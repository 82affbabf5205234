"""Linked reviews: the same family or incident across review types, shown on both reviews' pages."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from reviews.models import ReviewLink

from .factories import BoardFactory, ReviewFactory, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def dhr(board_b):
    return ReviewFactory(board=board_b, title="Ms T: domestic homicide review", review_type="DHR")


def _link(client, review, other, **extra):
    url = reverse("admin:reviews_review_links", args=[review.pk])
    return client.post(url, {"other": other.get_absolute_url(), **extra})


def test_an_editor_links_their_review_to_another_boards_and_each_page_shows_the_other(
    editor_client, published_a, dhr, client
):
    response = _link(editor_client, published_a, dhr, note="The same family")
    assert response.status_code == 302
    link = ReviewLink.objects.get()
    assert (link.first_id, link.second_id) == tuple(sorted([published_a.pk, dhr.pk]))
    first_page = client.get(published_a.get_absolute_url()).content.decode()
    second_page = client.get(dhr.get_absolute_url()).content.decode()
    assert "Linked reviews" in first_page and dhr.title in first_page and "The same family" in first_page
    assert "Linked reviews" in second_page and published_a.title in second_page


def test_linking_twice_either_way_keeps_one_link(editor_client, other_editor_client, published_a, dhr):
    _link(editor_client, published_a, dhr)
    _link(other_editor_client, dhr, published_a)
    assert ReviewLink.objects.count() == 1


def test_the_other_boards_editor_can_unlink(editor_client, other_editor_client, published_a, dhr):
    _link(editor_client, published_a, dhr)
    url = reverse("admin:reviews_review_links", args=[dhr.pk])
    other_editor_client.post(url, {"unlink": published_a.slug})
    assert not ReviewLink.objects.exists()


def test_a_linked_draft_is_not_shown_to_the_public(editor_client, published_a, board_a, client):
    draft = ReviewFactory(board=board_a, title="Child Q: draft", status="draft", published_on=None)
    _link(editor_client, published_a, draft)
    assert ReviewLink.objects.count() == 1
    page = client.get(published_a.get_absolute_url()).content.decode()
    assert "Child Q: draft" not in page
    assert "Child Q: draft" in editor_client.get(published_a.get_absolute_url()).content.decode()


def test_an_editor_cannot_link_two_reviews_of_other_boards(published_a, dhr):
    outsider_board = BoardFactory(name="Elsewhere Safeguarding Partnership")
    outsider = make_editor(outsider_board, username="outsider")
    from django.test import Client

    client = Client()
    client.force_login(outsider)
    response = _link(client, published_a, dhr)
    assert response.status_code in (302, 403, 404)
    assert not ReviewLink.objects.exists()


def test_another_boards_draft_cannot_be_linked(editor_client, published_a, board_b):
    hidden = ReviewFactory(board=board_b, status="draft", published_on=None)
    _link(editor_client, published_a, hidden)
    assert not ReviewLink.objects.exists()


def test_a_review_is_not_linked_to_itself(editor_client, published_a):
    response = _link(editor_client, published_a, published_a)
    assert response.status_code == 302
    assert not ReviewLink.objects.exists()


def test_the_database_keeps_each_pair_once_in_order(published_a, dhr):
    low, high = sorted([published_a, dhr], key=lambda review: review.pk)
    with pytest.raises(IntegrityError):
        ReviewLink.objects.create(first=high, second=low)
