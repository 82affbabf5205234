"""Who may do what with actions, audits and evidence packs: the same board rule as reviews, in one place.

Board editors work on their own boards only (reviews.permissions.boards_for); inspectors (the "Inspectors" group,
holding actions.inspect_all_boards) may read every board's work but change nothing; superusers may do everything.
"""

from django.db.models import QuerySet

from reviews.models import Board
from reviews.permissions import boards_for


def _is_signed_in_staff(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff


def editable_boards(user) -> QuerySet[Board]:
    """Boards whose actions and audits this user may change."""
    if not _is_signed_in_staff(user):
        return Board.objects.none()
    return boards_for(user)


def can_edit_board(user, board: Board, perm: str) -> bool:
    """May this user change `board`'s work, and do they hold the model permission `perm` (e.g. actions.add_audit)?"""
    if not _is_signed_in_staff(user) or not user.has_perm(perm):
        return False
    return user.is_superuser or editable_boards(user).filter(pk=board.pk).exists()


def can_inspect(user) -> bool:
    """May this user read every board's actions, audits and evidence packs?"""
    return _is_signed_in_staff(user) and user.has_perm("actions.inspect_all_boards")


def can_read_board_work(user, board: Board) -> bool:
    """Actions in full (updates, evidence), audits and the evidence pack: the board's editors and inspectors."""
    return can_inspect(user) or can_edit_board(user, board, "actions.view_action")
