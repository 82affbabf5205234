"""Tracker figures: how recommendations of published reviews are being taken forward, for a board or the nation.

One set of functions serves the tracker pages, their CSV downloads and the evidence pack. Every function takes
the reviews to count as a queryset, which callers start from Review.objects.published().
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import BoolAnd, BoolOr
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from reviews.models import Recommendation, Review
from themes.models import Theme

from .models import Action

# Themes with fewer tracked recommendations than this are not ranked: 1 of 1 not completed says little.
MIN_TRACKED_FOR_RANKING = 5


class Progress(models.TextChoices):
    """Where a recommendation has got to, from the statuses of its actions."""

    NO_ACTIONS = "no-actions", "No actions recorded"
    NOT_STARTED = "not-started", "Not started"
    IN_PROGRESS = "in-progress", "In progress"
    COMPLETED = "completed", "Completed"
    NOT_ACCEPTED = "not-accepted", "Not accepted"


NOT_COMPLETED = [Progress.NOT_STARTED, Progress.IN_PROGRESS, Progress.NOT_ACCEPTED]


def progress_of(statuses: list[str]) -> str:
    """The progress of one recommendation from its actions' statuses (the rule the SQL below also applies)."""
    if not statuses:
        return Progress.NO_ACTIONS
    if all(s == Action.Status.NOT_ACCEPTED for s in statuses):
        return Progress.NOT_ACCEPTED
    if all(s in (Action.Status.COMPLETED, Action.Status.NOT_ACCEPTED) for s in statuses):
        return Progress.COMPLETED
    if any(s in (Action.Status.IN_PROGRESS, Action.Status.COMPLETED) for s in statuses):
        return Progress.IN_PROGRESS
    return Progress.NOT_STARTED


def _is(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def progress_expression() -> models.Expression:
    """SQL for a recommendation's progress: one correlated subquery over its actions (indexed by recommendation)."""
    done = Q(status__in=[Action.Status.COMPLETED, Action.Status.NOT_ACCEPTED])
    per_recommendation = (
        Action.objects.filter(recommendation=OuterRef("pk"))
        .order_by()
        .values("recommendation")
        .alias(
            all_refused=BoolAnd(_is(Q(status=Action.Status.NOT_ACCEPTED))),
            all_done=BoolAnd(_is(done)),
            any_moving=BoolOr(_is(Q(status__in=[Action.Status.IN_PROGRESS, Action.Status.COMPLETED]))),
        )
        .annotate(
            progress=Case(
                When(all_refused=True, then=Value(Progress.NOT_ACCEPTED)),
                When(all_done=True, then=Value(Progress.COMPLETED)),
                When(any_moving=True, then=Value(Progress.IN_PROGRESS)),
                default=Value(Progress.NOT_STARTED),
            )
        )
        .values("progress")
    )
    return Coalesce(Subquery(per_recommendation), Value(Progress.NO_ACTIONS))


class Median(models.Aggregate):
    """PostgreSQL's percentile_cont(0.5): the median, interpolated between the two middle values."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class DaysBetween(Func):
    """end - start in whole days (PostgreSQL date subtraction gives an integer)."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()


@dataclass
class ThemeRow:
    theme: Theme | None
    counts: dict[str, int]  # progress -> recommendations

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def tracked(self) -> int:
        return self.total - self.counts.get(Progress.NO_ACTIONS, 0)

    @property
    def not_completed(self) -> int:
        return sum(self.counts.get(p, 0) for p in NOT_COMPLETED)

    @property
    def not_completed_share(self) -> float | None:
        return self.not_completed / self.tracked if self.tracked else None

    @property
    def cells(self) -> list[int]:
        """Counts in the order of Progress, for table rows."""
        return [self.counts.get(p, 0) for p in Progress.values]


@dataclass
class TrackerFigures:
    today: datetime.date
    recommendations: int
    by_progress: dict[str, int]
    by_theme: list[ThemeRow]
    actions: int
    overdue: int
    completed_actions: int
    median_days_to_complete: float | None
    least_completed_themes: list[ThemeRow] = field(default_factory=list)

    @property
    def progress_cells(self) -> list[int]:
        return [self.by_progress.get(p, 0) for p in Progress.values]

    @property
    def tracked(self) -> int:
        return self.recommendations - self.by_progress.get(Progress.NO_ACTIONS, 0)


def tracker_figures(reviews: models.QuerySet[Review], *, today: datetime.date | None = None) -> TrackerFigures:
    """Headline figures, recommendations by theme and progress, overdue actions and the median time to completion
    for the recommendations of `reviews` (a queryset from Review.objects.published()). Five queries.

    A recommendation counts under each theme of its review; "No theme" collects reviews without one.
    """
    today = today or timezone.localdate()
    recommendations = Recommendation.objects.filter(review__in=reviews).order_by()
    with_progress = recommendations.annotate(progress=progress_expression())

    by_progress = dict(with_progress.values_list("progress").annotate(n=Count("id")))

    rows: dict[int | None, dict[str, int]] = {}
    for theme_id, progress, n in with_progress.values_list("review__themes", "progress").annotate(n=Count("id")):
        rows.setdefault(theme_id, {})[progress] = n
    themes = Theme.objects.in_bulk([theme_id for theme_id in rows if theme_id is not None])
    by_theme = sorted(
        (ThemeRow(themes.get(theme_id), counts) for theme_id, counts in rows.items()),
        key=lambda row: (row.theme is None, row.theme.name if row.theme else ""),
    )

    actions = Action.objects.filter(recommendation__review__in=reviews).order_by()
    action_figures = actions.aggregate(
        total=Count("id"),
        overdue=Count("id", filter=Q(status__in=Action.OPEN_STATUSES, due_on__lt=today)),
        completed=Count("id", filter=Q(status=Action.Status.COMPLETED)),
        median=Median(DaysBetween(F("completed_on"), F("agreed_on")), filter=Q(status=Action.Status.COMPLETED)),
    )
    ranked = [row for row in by_theme if row.theme and row.tracked >= MIN_TRACKED_FOR_RANKING and row.not_completed]
    ranked.sort(key=lambda row: (-row.not_completed_share, -row.not_completed, row.theme.name))
    return TrackerFigures(
        today=today,
        recommendations=sum(by_progress.values()),
        by_progress=by_progress,
        by_theme=by_theme,
        actions=action_figures["total"],
        overdue=action_figures["overdue"],
        completed_actions=action_figures["completed"],
        median_days_to_complete=action_figures["median"],
        least_completed_themes=ranked[:10],
    )


def overdue_actions(reviews: models.QuerySet[Review], *, today: datetime.date | None = None) -> models.QuerySet:
    """Open actions past their due date on `reviews`, oldest due first, with what a list shows (joined)."""
    return (
        Action.objects.filter(recommendation__review__in=reviews)
        .overdue(today)
        .select_related("agency", "recommendation__review__board")
        .order_by("due_on", "id")
    )


def overdue_by_board(reviews: models.QuerySet[Review], *, today: datetime.date | None = None) -> list[dict]:
    """[{board name, slug, region, overdue, open, completed}] for boards with actions on `reviews` (one query)."""
    today = today or timezone.localdate()
    return list(
        Action.objects.filter(recommendation__review__in=reviews)
        .order_by()
        .values(
            board_name=F("recommendation__review__board__name"),
            board_slug=F("recommendation__review__board__slug"),
            region=F("recommendation__review__board__region__name"),
        )
        .annotate(
            actions=Count("id"),
            overdue=Count("id", filter=Q(status__in=Action.OPEN_STATUSES, due_on__lt=today)),
            completed=Count("id", filter=Q(status=Action.Status.COMPLETED)),
        )
        .order_by("-overdue", "board_name")
    )


CSV_HEADER = [
    "board",
    "region",
    "review",
    "review web address",
    "review published",
    "recommendation number",
    "recommendation",
    "recommendation progress",
    "themes",
    "action",
    "agency responsible",
    "date agreed",
    "due date",
    "action status",
    "overdue",
    "date completed",
    "reason not accepted",
]


def tracker_rows(reviews: models.QuerySet[Review], *, site: str = "", today=None) -> Iterator[list[str]]:
    """CSV rows: one per action, and one per recommendation without actions, for `reviews`. Streams in chunks
    (a few queries per 2,000 recommendations), so the national download does not hold everything in memory."""
    today = today or timezone.localdate()
    recommendations = (
        Recommendation.objects.filter(review__in=reviews)
        .select_related("review__board__region")
        .prefetch_related(
            models.Prefetch("actions", queryset=Action.objects.select_related("agency").order_by("due_on", "id")),
            "review__themes",
        )
        .order_by("review__board__name", "review__published_on", "review_id", "position", "id")
    )
    for recommendation in recommendations.iterator(chunk_size=2000):
        review = recommendation.review
        actions = list(recommendation.actions.all())
        common = [
            review.board.name,
            review.board.region.name,
            review.title,
            f"{site}{review.get_absolute_url()}",
            review.published_on.isoformat() if review.published_on else "",
            str(recommendation.position),
            recommendation.text,
            Progress(progress_of([a.status for a in actions])).label,
            "; ".join(theme.name for theme in review.themes.all()),
        ]
        if not actions:
            yield [*common, "", "", "", "", "", "", "", ""]
        for action in actions:
            yield [
                *common,
                action.description,
                action.agency.name if action.agency else "The partnership as a whole",
                action.agreed_on.isoformat(),
                action.due_on.isoformat(),
                action.get_status_display(),
                "yes" if action.is_overdue(today) else "no",
                action.completed_on.isoformat() if action.completed_on else "",
                action.not_accepted_reason,
            ]
