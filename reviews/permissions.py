"""Who may change which reviews: board editors their own boards' reviews, superusers every review.

The one place for these rules: the admin, the views and the apps above (actions) all call it."""

from .models import Board, Review


def boards_for(user):
    """The boards a user may add and change reviews for."""
    return Board.objects.all() if user.is_superuser else Board.objects.filter(editors=user)


def may_edit_review(user, review: Review | None) -> bool:
    """Whether the user may change this review (None: a review not yet saved, whose board is checked on save)."""
    if review is None or user.is_superuser:
        return True
    return boards_for(user).filter(pk=review.board_id).exists()
