"""Template tags for showing progress on recommendations in plain words (used on the public review page)."""

from django import template
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.dateformat import format as format_date

from actions.models import Action
from actions.tracker import Progress, progress_of
from reviews.models import Recommendation

register = template.Library()

TAG_COLOURS = {
    Progress.NO_ACTIONS: "govuk-tag--grey",
    Progress.NOT_STARTED: "govuk-tag--yellow",
    Progress.IN_PROGRESS: "govuk-tag--blue",
    Progress.COMPLETED: "govuk-tag--green",
    Progress.NOT_ACCEPTED: "govuk-tag--red",
}


def _prefetch_actions(recommendation: Recommendation) -> None:
    """Load the actions of this recommendation and of its siblings on the page in one query, once.

    The review page lists recommendations prefetched through their review; Django sets each one's review, so the
    whole list is reachable from any of them. Without that, only this recommendation is loaded.
    """
    if "actions" in getattr(recommendation, "_prefetched_objects_cache", {}):
        return
    siblings = [recommendation]
    review = recommendation._state.fields_cache.get("review")
    if review is not None:
        siblings = getattr(review, "_prefetched_objects_cache", {}).get("recommendations", siblings)
    prefetch_related_objects(list(siblings), Prefetch("actions", queryset=Action.objects.order_by("due_on", "id")))


def _plain_words(actions: list[Action], progress: str, today) -> str:
    n = len(actions)
    plural = "s" if n != 1 else ""
    if progress == Progress.NO_ACTIONS:
        return "No actions recorded yet."
    if progress == Progress.NOT_ACCEPTED:
        reasons = "; ".join(dict.fromkeys(a.not_accepted_reason for a in actions if a.not_accepted_reason))
        return f"Not accepted. The board's reason: {reasons}"
    completed = [a for a in actions if a.status == Action.Status.COMPLETED]
    if progress == Progress.COMPLETED:
        last = format_date(max(a.completed_on for a in completed), "j F Y")
        refused = n - len(completed)
        if n == 1:
            return f"Completed. The action was completed on {last}."
        if not refused:
            return f"Completed. All {n} actions were completed, the last on {last}."
        return (
            f"Completed. {len(completed)} of {n} actions were completed, the last on {last}; "
            f"{refused} {'was' if refused == 1 else 'were'} not accepted."
        )
    open_actions = [a for a in actions if a.is_open]
    overdue = [a for a in open_actions if a.due_on < today]
    if progress == Progress.NOT_STARTED:
        words = f"Not started. {n} action{plural} agreed."
    else:
        words = f"In progress. {len(completed)} of {n} action{plural} completed."
    if overdue:
        words += f" {len(overdue)} {'is' if len(overdue) == 1 else 'are'} overdue."
    elif open_actions:
        words += f" Next due by {format_date(min(a.due_on for a in open_actions), 'j F Y')}."
    return words


@register.inclusion_tag("actions/includes/recommendation_progress.html")
def recommendation_progress(recommendation: Recommendation) -> dict:
    """Where a recommendation has got to, in a sentence, with a red tag if an action is overdue. Costs one query
    per page of recommendations (not per recommendation)."""
    _prefetch_actions(recommendation)
    actions = list(recommendation.actions.all())
    progress = progress_of([a.status for a in actions])
    today = timezone.localdate()
    return {
        "words": _plain_words(actions, progress, today),
        "overdue": any(a.is_overdue(today) for a in actions),
    }


ACTION_COLOURS = {
    Action.Status.NOT_STARTED: "govuk-tag--yellow",
    Action.Status.IN_PROGRESS: "govuk-tag--blue",
    Action.Status.COMPLETED: "govuk-tag--green",
    Action.Status.NOT_ACCEPTED: "govuk-tag--red",
}


@register.filter
def status_colour(status: str) -> str:
    """The GOV.UK tag colour for an action status or a recommendation's progress."""
    return ACTION_COLOURS.get(status) or TAG_COLOURS.get(status, "govuk-tag--grey")


@register.filter
def overdue_on(action: Action, today) -> bool:
    return action.is_overdue(today)


@register.filter
def percent(share: float | None) -> str:
    """0.256 -> "26%"; None -> "–"."""
    if share is None:
        return "–"
    return f"{share * 100:.0f}%"


@register.filter
def date_parts(field) -> dict:
    """The day, month and year to show in a GOV.UK date input for a form field."""
    return field.field.parts(field.value())


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None


@register.filter
def progress_label(pack, recommendation) -> str:
    """A recommendation's progress in words, from its prefetched actions (see evidence.EvidencePack)."""
    return pack.progress_label(recommendation)


@register.filter
def number(value) -> str:
    """12345 -> "12,345", as GOV.UK writes numbers."""
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return value
