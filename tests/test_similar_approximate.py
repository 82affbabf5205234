"""A large library's similar reviews come from candidates (themes/suggestions/neighbours.py) instead of every
pair; lowered here to a small library, where the candidates take in every review, the lists are as good."""

import pytest

from themes.models import SimilarReview
from themes.suggestions import neighbours, store
from themes.suggestions.similar import refresh_similar_reviews
from themes.suggestions.training import train_theme_model

from .suggestion_corpus import make_tagged_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_model_cache():
    store.forget_loaded()
    yield
    store.forget_loaded()


def _scores() -> dict[int, list[float]]:
    """Each review's similar reviews' scores, best first (reviews tied on a score may be listed either way)."""
    found: dict[int, list[float]] = {}
    for link in SimilarReview.objects.order_by("review_id", "-score"):
        found.setdefault(link.review_id, []).append(round(link.score, 5))
    return found


def test_similar_lists_from_candidates_match_comparing_every_pair(board_a, monkeypatch):
    make_tagged_corpus(board_a, per_theme=8)  # 24 reviews: fewer than neighbours.CANDIDATES
    train_theme_model(evaluate=False)
    every_pair = _scores()
    monkeypatch.setattr(neighbours, "APPROXIMATE_FROM", 10)
    assert refresh_similar_reviews() == 24
    from_candidates = _scores()
    assert len(from_candidates) == 24
    assert from_candidates == every_pair
    assert all(len(similar) == 5 for similar in from_candidates.values())
