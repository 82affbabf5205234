"""Where a recommendation has got to, from the statuses of its actions: the rule in Python and in SQL."""

from django.db import models

from .models import Action


class Progress(models.TextChoices):
    """Where a recommendation has got to, from the statuses of its actions."""

    NO_ACTIONS = "no-actions", "No actions recorded"
    NOT_STARTED = "not-started", "Not started"
    IN_PROGRESS = "in-progress", "In progress"
    COMPLETED = "completed", "Completed"
    NOT_ACCEPTED = "not-accepted", "Not accepted"


NOT_COMPLETED = [Progress.NOT_STARTED, Progress.IN_PROGRESS, Progress.NOT_ACCEPTED]


def progress_of(statuses: list[str]) -> str:
    """The progress of one recommendation from its actions' statuses (the rule progress_case() applies in SQL)."""
    if not statuses:
        return Progress.NO_ACTIONS
    if all(s == Action.Status.NOT_ACCEPTED for s in statuses):
        return Progress.NOT_ACCEPTED
    if all(s in (Action.Status.COMPLETED, Action.Status.NOT_ACCEPTED) for s in statuses):
        return Progress.COMPLETED
    if any(s in (Action.Status.IN_PROGRESS, Action.Status.COMPLETED) for s in statuses):
        return Progress.IN_PROGRESS
    return Progress.NOT_STARTED


def progress_case(action: str, over: str = "") -> str:
    """The SQL of the rule in progress_of(), over the actions (table alias `action`) of one recommendation grouped,
    or with `over` (" OVER w"), over the rows of a window that holds one recommendation's actions."""
    status = Action.Status
    return f"""CASE WHEN COUNT({action}.id){over} = 0 THEN '{Progress.NO_ACTIONS}'
        WHEN bool_and({action}.status = '{status.NOT_ACCEPTED}'){over} THEN '{Progress.NOT_ACCEPTED}'
        WHEN bool_and({action}.status IN ('{status.COMPLETED}', '{status.NOT_ACCEPTED}')){over}
            THEN '{Progress.COMPLETED}'
        WHEN bool_or({action}.status IN ('{status.IN_PROGRESS}', '{status.COMPLETED}')){over}
            THEN '{Progress.IN_PROGRESS}'
        ELSE '{Progress.NOT_STARTED}' END"""
