"""Writes that change a review's status: publishing and withdrawing. Each is atomic and recorded.

The bulk import is in reviews.importing."""

from django.db import transaction
from django.utils import timezone

from .models import Review, ReviewEvent
from .signals import reviews_changed
from .status_guard import status_change_allowed


@transaction.atomic
def review_publish(*, review: Review, user) -> Review:
    """Make a draft or withdrawn review public, recording who did it."""
    review.status = Review.Status.PUBLISHED
    if review.published_on is None:
        review.published_on = timezone.localdate()
    review.first_published_at = review.first_published_at or timezone.now()
    review.updated_by = user
    review.full_clean()
    with status_change_allowed():
        review.save()
    ReviewEvent.objects.create(review=review, action=ReviewEvent.Action.PUBLISHED, user=user)
    reviews_changed.send(sender=Review, review_ids=[review.id])
    return review


@transaction.atomic
def review_withdraw(*, review: Review, user, reason: str = "") -> Review:
    """Take a review out of public view without deleting it."""
    review.status = Review.Status.WITHDRAWN
    review.updated_by = user
    with status_change_allowed():
        review.save(update_fields=["status", "updated_by", "updated_at"])
    ReviewEvent.objects.create(review=review, action=ReviewEvent.Action.WITHDRAWN, user=user, note=reason[:300])
    reviews_changed.send(sender=Review, review_ids=[review.id])
    return review
