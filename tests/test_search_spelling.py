"""Did you mean: a misspelled search word offered as the closest word the library itself uses."""

import re
from html import unescape

import pytest
from django.urls import reverse

from reviews.models import Review
from reviews.signals import reviews_changed

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(board_a):
    made = [
        ReviewFactory(board=board_a, title="Baby K", summary="Baby K died while co-sleeping with a parent."),
        ReviewFactory(board=board_a, title="Baby L", summary="The baby was co-sleeping on a sofa; neglect was missed."),
        ReviewFactory(board=board_a, title="Mr G", summary="Hoarding and self-neglect were not understood."),
    ]
    reviews_changed.send(sender=Review, review_ids=[review.id for review in made])
    return made


def suggestion_on_page(client, q: str) -> tuple[str, str] | None:
    html = client.get(reverse("reviews:list"), {"q": q}).content.decode()
    match = re.search(r'Did you mean: <a class="govuk-link" href="\?([^"]*)">([^<]*)</a>', html)
    return (unescape(match.group(2)), unescape(match.group(1))) if match else None


def api_suggestion(client, q: str):
    return client.get(reverse("reviews:api-search"), {"q": q}).json()["did_you_mean"]


def test_a_misspelled_word_offers_the_librarys_own_spelling(client, library):
    suggested, query = suggestion_on_page(client, "cosleping baby")
    assert suggested == "co-sleeping baby"
    assert query == "q=co-sleeping+baby"
    assert api_suggestion(client, "cosleping baby") == "co-sleeping baby"
    assert api_suggestion(client, "neglet") == "neglect"


def test_words_the_library_has_in_another_form_are_not_corrected(client, library):
    assert suggestion_on_page(client, "babies neglected") is None
    assert api_suggestion(client, "co-sleeping baby") is None


def test_left_out_words_stay_as_they_were_typed(client, library):
    assert api_suggestion(client, "hoardng -alcahol") == "hoarding -alcahol"


def test_words_only_in_drafts_are_never_offered(client, library, board_a):
    draft = ReviewFactory(board=board_a, status="draft", published_on=None, summary="Radicalisation was missed.")
    reviews_changed.send(sender=Review, review_ids=[draft.id])
    assert api_suggestion(client, "radicalisaton") is None


def test_newly_published_words_are_offered_after_the_change(client, library, board_a):
    assert api_suggestion(client, "radicalisaton") is None
    review = ReviewFactory(board=board_a, summary="Radicalisation was missed by the school.")
    reviews_changed.send(sender=Review, review_ids=[review.id])
    assert api_suggestion(client, "radicalisaton") == "radicalisation"
