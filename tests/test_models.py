import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from reviews.models import Agency, Region, Review
from themes.models import Theme

from .factories import BoardFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_reference_data_is_loaded_with_slugify_slugs():
    assert Region.objects.count() == 13
    assert Region.objects.get(name="England (national)").slug == "england-national"
    assert set(Region.objects.values_list("name", flat=True)) >= {"Wales", "Scotland", "Northern Ireland", "London"}
    assert Agency.objects.count() == 8
    assert Agency.objects.get(name="Children's social care").slug == slugify("Children's social care")
    assert Theme.objects.count() == 23
    assert Theme.objects.filter(group="practice").count() == 13
    for theme in Theme.objects.all():
        assert theme.slug == slugify(theme.name)
    assert Theme.objects.get(slug="race-culture-and-identity").name == "Race, culture and identity"


def test_theme_matching_finds_names_slugs_and_synonyms():
    assert list(Theme.objects.matching("Co-Sleeping")) == [Theme.objects.get(slug="safe-sleep")]
    assert list(Theme.objects.matching("domestic abuse")) == [Theme.objects.get(slug="domestic-abuse")]
    assert list(Theme.objects.matching("self-neglect")) == [Theme.objects.get(slug="self-neglect")]
    assert not Theme.objects.matching("weather").exists()


def test_review_reference_is_unique_only_when_set(board_a):
    ReviewFactory(board=board_a, reference="")
    ReviewFactory(board=board_a, reference="")  # many reviews have no reference
    ReviewFactory(board=board_a, reference="LSCB-2020-01")
    with pytest.raises(IntegrityError, match="reviews_review_reference_unique"), transaction.atomic():
        ReviewFactory.build(board=board_a, reference="LSCB-2020-01").save()  # past the checks, to the database


def test_duplicate_slug_is_refused_by_the_database(board_a):
    ReviewFactory(board=board_a, slug="child-a")
    with pytest.raises(IntegrityError, match="reviews_review_slug_unique"), transaction.atomic():
        ReviewFactory.build(board=board_a, slug="child-a").save()  # past the checks, to the database


def test_database_refuses_unknown_codes_and_undated_published_reviews(board_a):
    for field, value, constraint in [
        ("review_type", "XYZ", "reviews_review_type_valid"),
        ("status", "deleted", "reviews_review_status_valid"),
        ("age_band", "teen", "reviews_review_age_band_valid"),
        ("published_on", None, "reviews_review_published_has_date"),
    ]:
        with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
            ReviewFactory.build(board=board_a, **{field: value}).save()  # past the checks, to the database


def test_clean_gives_friendly_messages_for_what_the_database_refuses(board_a):
    ReviewFactory(board=board_a, reference="REF-1", slug="taken")
    review = Review(
        title="New",
        slug="taken",
        reference="REF-1",
        review_type="SCR",
        board=board_a,
        summary="Text",
        status="published",
    )
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert set(error.value.message_dict) >= {"reference", "slug", "published_on"}


def test_board_names_and_slugs_are_unique(london):
    BoardFactory(name="Same Board", region=london)
    with pytest.raises(IntegrityError, match="reviews_board_name_unique"), transaction.atomic():
        BoardFactory(name="Same Board", slug="other-slug", region=london)


def test_published_is_the_only_public_path(board_a):
    draft = ReviewFactory(board=board_a, status="draft", published_on=None)
    withdrawn = ReviewFactory(board=board_a, status="withdrawn")
    published = ReviewFactory(board=board_a)
    assert list(Review.objects.published()) == [published]
    assert draft not in Review.objects.published() and withdrawn not in Review.objects.published()


def test_newest_first_orders_by_publication_date(board_a):
    old = ReviewFactory(board=board_a, published_on=datetime.date(2015, 1, 1))
    new = ReviewFactory(board=board_a, published_on=datetime.date(2023, 1, 1))
    assert list(Review.objects.published().newest_first()) == [new, old]


def test_theme_counts_count_published_reviews_only(board_a):
    ReviewFactory(board=board_a, themes=["neglect", "safe-sleep"])
    ReviewFactory(board=board_a, themes=["neglect"])
    ReviewFactory(board=board_a, themes=["neglect"], status="draft", published_on=None)
    neglect, safe_sleep = Theme.objects.get(slug="neglect"), Theme.objects.get(slug="safe-sleep")
    assert Review.objects.published().theme_counts() == {neglect.id: 2, safe_sleep.id: 1}
