"""Reviews with similar learning (page and API), and spotting a document that is already in the library."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import Review
from reviews.services import review_withdraw
from themes.models import SimilarReview
from themes.suggestions import store
from themes.suggestions.duplicates import find_duplicate
from themes.suggestions.similar import refresh_similar_reviews, similar_reviews
from themes.suggestions.training import train_theme_model

from .documents import make_docx
from .factories import ReviewFactory
from .suggestion_corpus import make_tagged_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_model_cache():
    store.forget_loaded()
    yield
    store.forget_loaded()


@pytest.fixture
def corpus(board_a):
    made = make_tagged_corpus(board_a)
    train_theme_model(evaluate=False)
    return made


def test_a_review_lists_up_to_five_similar_reviews_sharing_its_themes(corpus):
    review = corpus["safe-sleep"][0]
    items = similar_reviews(Review.objects.get(pk=review.pk))
    assert len(items) == 5
    assert all(item.review.themes.filter(slug="safe-sleep").exists() for item in items)
    assert all([theme.slug for theme in item.shared_themes] == ["safe-sleep"] for item in items)
    assert review.pk not in {item.review.pk for item in items}


def test_the_review_page_and_the_api_give_the_same_list(corpus, client):
    review = corpus["neglect"][0]
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Reviews with similar learning" in page
    assert "Shared themes: Neglect." in page
    data = client.get(f"/api/reviews/{review.slug}/similar/").json()
    assert data["review"] == review.slug
    assert [row["slug"] for row in data["similar"]] == [item.review.slug for item in similar_reviews(review)]
    first = data["similar"][0]
    assert set(first) == {"slug", "title", "url", "board", "published", "score", "shared_themes"}
    assert first["shared_themes"] == [{"slug": "neglect", "name": "Neglect"}]
    for row in data["similar"]:
        assert row["slug"] in page


def test_drafts_and_withdrawn_reviews_never_appear_as_similar(corpus, board_a, client):
    review = corpus["safe-sleep"][0]
    # An exact copy, as a draft: the most similar text there could be.
    ReviewFactory(
        board=board_a, title="Copy of " + review.title, summary=review.summary, status="draft", themes=["safe-sleep"]
    )
    refresh_similar_reviews()
    shown = corpus["safe-sleep"][1]
    assert shown.pk in {item.review.pk for item in similar_reviews(review)}
    review_withdraw(review=shown, user=None)
    slugs = [row["slug"] for row in client.get(f"/api/reviews/{review.slug}/similar/").json()["similar"]]
    assert shown.slug not in slugs
    assert not any(slug.startswith("copy-of") for slug in slugs)
    assert all(Review.objects.get(slug=slug).status == "published" for slug in slugs)


def test_a_draft_has_no_public_similar_list(corpus, board_a, client):
    draft = ReviewFactory(board=board_a, status="draft", published_on=None)
    assert client.get(f"/api/reviews/{draft.slug}/similar/").status_code == 404
    assert similar_reviews(draft) == []


def test_similar_lists_are_stored_for_every_published_review(corpus):
    assert SimilarReview.objects.values("review").distinct().count() == Review.objects.published().count()


UNIQUE = (
    "Adult K lived alone in a flat above a shop and refused help from the district nurses. The landlord reported "
    "a smell of gas twice. Ambulance crews attended after a fall and found the heating had been off all winter."
)


def test_near_identical_text_is_a_duplicate(corpus, board_a, board_b):
    original = ReviewFactory(board=board_a, title="Adult K: safeguarding adult review", summary=UNIQUE)
    refresh_similar_reviews()
    found = find_duplicate(text=UNIQUE + " The review was published.", title="Other", board=board_b, year=2030)
    assert found is not None and found.review == original and found.reason == "near-identical text"
    different = "A wholly different story about a school trip."
    assert find_duplicate(text=different, title="X", board=board_b, year=2030) is None


def test_a_draft_not_yet_indexed_is_found_too(corpus, board_a, board_b):
    draft = ReviewFactory(board=board_a, title="Adult K", summary=UNIQUE, status="draft", published_on=None)
    found = find_duplicate(text=UNIQUE, title="Other", board=board_b, year=2030)
    assert found is not None and found.review == draft
    hidden = find_duplicate(text=UNIQUE, title="Other", board=board_b, year=2030, among=Review.objects.published())
    assert hidden is None


def test_same_board_year_and_title_is_a_duplicate(db, board_a):
    original = ReviewFactory(
        board=board_a, title="Child W: serious case review", published_on=datetime.date(2019, 5, 1)
    )
    found = find_duplicate(text="", title="Child W - Serious Case Review", board=board_a, year=2019)
    assert found is not None and found.review == original and "title" in found.reason
    assert find_duplicate(text="", title="Child W - Serious Case Review", board=board_a, year=2020) is None


def _form(board, **overrides) -> dict:
    data = {
        "title": "Baby V: child safeguarding practice review",
        "slug": "baby-v-cspr",
        "reference": "",
        "review_type": "CSPR",
        "board": str(board.pk),
        "published_on": "",
        "age_band": "",
        "summary": "",
        "plain_summary": "",
        "source_url": "",
        "findings-TOTAL_FORMS": "0",
        "findings-INITIAL_FORMS": "0",
        "recommendations-TOTAL_FORMS": "0",
        "recommendations-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_an_upload_already_in_the_library_is_flagged_before_anything_is_saved(
    corpus, editor_client, board_a, tmp_path, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    original = ReviewFactory(board=board_a, title="Adult K: safeguarding adult review", summary=UNIQUE)
    document = make_docx("Executive summary", UNIQUE)
    upload = SimpleUploadedFile("summary.docx", document)
    before = Review.objects.count()
    response = editor_client.post(reverse("admin:reviews_review_add"), _form(board_a, source_document=upload))
    page = response.content.decode()
    assert response.status_code == 200
    assert "probably a review already in the library" in page
    assert reverse("admin:reviews_review_change", args=[original.pk]) in page
    assert Review.objects.count() == before
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
    upload = SimpleUploadedFile("summary.docx", document)
    response = editor_client.post(
        reverse("admin:reviews_review_add"), _form(board_a, source_document=upload, not_a_duplicate="on")
    )
    assert response.status_code == 302
    assert Review.objects.count() == before + 1
