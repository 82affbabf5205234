"""Linked reviews: reviews about the same family or incident, across review types. Each shows the other."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .models import Review, ReviewLink


def _ordered(one: Review, other: Review) -> tuple[Review, Review]:
    return (one, other) if one.pk < other.pk else (other, one)


def may_link(user, review: Review, other: Review) -> bool:
    """An editor of either review's board may link them, if they may see both."""
    editable = Review.objects.editable_by(user)
    visible = Review.objects.visible_to(user)
    either = editable.filter(pk__in=[review.pk, other.pk]).exists()
    return either and visible.filter(pk=other.pk).exists() and visible.filter(pk=review.pk).exists()


@transaction.atomic
def link_reviews(*, review: Review, other: Review, user, note: str = "") -> ReviewLink:
    """Link two reviews (once, whichever way round); a clear ValidationError for a review linked to itself."""
    if review.pk == other.pk:
        raise ValidationError("A review cannot be linked to itself.")
    if not may_link(user, review, other):
        raise PermissionDenied("You can only link reviews of your own boards.")
    first, second = _ordered(review, other)
    link, _ = ReviewLink.objects.get_or_create(
        first=first, second=second, defaults={"note": note[:200], "created_by": user}
    )
    return link


@transaction.atomic
def unlink_reviews(*, review: Review, other: Review, user) -> None:
    if not Review.objects.editable_by(user).filter(pk__in=[review.pk, other.pk]).exists():
        raise PermissionDenied("You can only unlink reviews of your own boards.")
    first, second = _ordered(review, other)
    ReviewLink.objects.filter(first=first, second=second).delete()


def linked_reviews(review: Review, user=None) -> list[tuple[Review, str]]:
    """[(the other review, note)] for a review, those `user` may see (published only for the public): two queries."""
    links = list(ReviewLink.objects.involving(review).only("first_id", "second_id", "note"))
    other_ids = {link.second_id if link.first_id == review.pk else link.first_id: link.note for link in links}
    visible = Review.objects.visible_to(user) if user is not None else Review.objects.published()
    others = visible.filter(pk__in=other_ids).select_related("board").order_by("published_on", "id")
    return [(other, other_ids[other.pk]) for other in others]
