"""A review just published lists its reviews with similar learning at once, without waiting for the next training."""

import datetime

import pytest

from reviews.models import Review
from reviews.services import review_publish
from themes.models import SimilarReview
from themes.suggestions import store
from themes.suggestions.similar import similar_reviews
from themes.suggestions.training import train_theme_model

from .factories import ReviewFactory
from .suggestion_corpus import WORDS, make_tagged_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_model_cache():
    store.forget_loaded()
    yield
    store.forget_loaded()


def test_a_newly_published_review_lists_similar_reviews_on_its_page(board_a, client):
    corpus = make_tagged_corpus(board_a)
    train_theme_model(evaluate=False)
    draft = ReviewFactory(
        board=board_a,
        title="Baby Z: a sudden death",
        summary=" ".join(WORDS["safe-sleep"]),
        status="draft",
        published_on=datetime.date(2024, 5, 1),
        themes=["safe-sleep"],
    )
    assert not SimilarReview.objects.filter(review=draft).exists()
    review_publish(review=Review.objects.get(pk=draft.pk), user=None)
    items = similar_reviews(Review.objects.get(pk=draft.pk))
    assert len(items) == 5
    assert {item.review.pk for item in items} <= {review.pk for review in corpus["safe-sleep"]}
    assert all([theme.slug for theme in item.shared_themes] == ["safe-sleep"] for item in items)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Reviews with similar learning" in page and items[0].review.title in page


def test_without_a_trained_model_nothing_is_listed_and_publishing_still_works(board_a):
    draft = ReviewFactory(board=board_a, title="Baby Y", status="draft", published_on=datetime.date(2024, 5, 1))
    review_publish(review=Review.objects.get(pk=draft.pk), user=None)
    assert Review.objects.get(pk=draft.pk).status == Review.Status.PUBLISHED
    assert similar_reviews(Review.objects.get(pk=draft.pk)) == []
