"""Tracker figures: how recommendations of published reviews are being taken forward, for a board or the nation.

One set of functions serves the tracker pages, their CSV downloads and the evidence pack. Every function takes
the reviews to count as a queryset, which callers start from Review.objects.published().
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby

from django.db import connection, models, transaction
from django.db.models import (
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
)
from django.urls import reverse
from django.utils import timezone

from reviews import freshness
from reviews.models import Recommendation, Review
from themes.models import Theme

from .models import Action

CACHE_VERSION = 1  # raise when the shape of cached figures changes

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


def _progress_cte(reviews: models.QuerySet[Review]) -> tuple[str, list]:
    """SQL for WITH ... p(id, review_id, progress): each recommendation of `reviews` with its progress.

    The one SQL statement of the rule in progress_of(): the recommendations of `reviews` joined to their actions
    and grouped once, so the work grows with the reviews asked about (a board's, or all), not with all actions.
    """
    reviews_sql, params = reviews.order_by().values("id").query.sql_with_params()
    quote = connection.ops.quote_name
    action = quote(Action._meta.db_table)
    recommendation = quote(Recommendation._meta.db_table)
    status = Action.Status
    sql = f"""
        WITH r AS MATERIALIZED ({reviews_sql}),
        p AS MATERIALIZED (
            SELECT rec.id, rec.review_id,
                   CASE WHEN COUNT(act.id) = 0 THEN '{Progress.NO_ACTIONS}'
                        WHEN bool_and(act.status = '{status.NOT_ACCEPTED}') THEN '{Progress.NOT_ACCEPTED}'
                        WHEN bool_and(act.status IN ('{status.COMPLETED}', '{status.NOT_ACCEPTED}'))
                            THEN '{Progress.COMPLETED}'
                        WHEN bool_or(act.status IN ('{status.IN_PROGRESS}', '{status.COMPLETED}'))
                            THEN '{Progress.IN_PROGRESS}'
                        ELSE '{Progress.NOT_STARTED}' END AS progress
            FROM {recommendation} rec
            JOIN r ON r.id = rec.review_id
            LEFT JOIN {action} act ON act.recommendation_id = rec.id
            GROUP BY rec.id, rec.review_id
        )"""
    return sql, list(params)


def progress_by_recommendation(reviews: models.QuerySet[Review]) -> dict[int, str]:
    """{recommendation id: progress} for the recommendations of `reviews` (one query)."""
    cte, params = _progress_cte(reviews)
    with connection.cursor() as cursor:
        cursor.execute(f"{cte} SELECT id, progress FROM p", params)
        return dict(cursor.fetchall())


def _progress_counts(reviews: models.QuerySet[Review]) -> tuple[dict[str, int], dict[int | None, dict[str, int]]]:
    """({progress: recommendations}, {theme id or None: {progress: recommendations}}) in one statement."""
    cte, params = _progress_cte(reviews)
    themes = connection.ops.quote_name(Review.themes.through._meta.db_table)
    # Counted per review first, so the join to themes is over reviews, not over every recommendation.
    sql = f"""{cte},
        per_review AS MATERIALIZED (SELECT review_id, progress, COUNT(*) AS n FROM p GROUP BY review_id, progress)
        SELECT 'total', NULL::bigint, progress, SUM(n)::bigint FROM per_review GROUP BY progress
        UNION ALL
        SELECT 'theme', t.theme_id, pr.progress, SUM(pr.n)::bigint
        FROM per_review pr LEFT JOIN {themes} t ON t.review_id = pr.review_id
        GROUP BY t.theme_id, pr.progress
    """
    by_progress: dict[str, int] = {}
    by_theme: dict[int | None, dict[str, int]] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        # Hash joins over a few hundred thousand recommendations at 100,000 reviews: keep them in memory.
        cursor.execute("SET LOCAL work_mem = '32MB'")
        cursor.execute(sql, params)
        for kind, theme_id, progress, count in cursor.fetchall():
            if kind == "total":
                by_progress[progress] = count
            else:
                by_theme.setdefault(theme_id, {})[progress] = count
    return by_progress, by_theme


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
    def tracked(self) -> int:
        return self.recommendations - self.by_progress.get(Progress.NO_ACTIONS, 0)


def tracker_figures(reviews: models.QuerySet[Review], *, today: datetime.date | None = None) -> TrackerFigures:
    """Headline figures, recommendations by theme and progress, overdue actions and the median time to completion
    for the recommendations of `reviews` (a queryset from Review.objects.published()). Three queries.

    A recommendation counts under each theme of its review; "No theme" collects reviews without one.
    """
    today = today or timezone.localdate()
    by_progress, rows = _progress_counts(reviews)
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
    """CSV rows: one per action, and one per recommendation without actions, for `reviews`.

    Two queries: the reviews' theme names, then one LEFT JOIN of recommendations and actions read in chunks
    from a server-side cursor, so the national download (hundreds of thousands of rows) streams in little memory.
    """
    today = today or timezone.localdate()
    themes: dict[int, list[str]] = {}
    links = Review.themes.through.objects.filter(review__in=reviews).order_by("review_id", "theme__name")
    for review_id, name in links.values_list("review_id", "theme__name"):
        themes.setdefault(review_id, []).append(name)
    rows = (
        Recommendation.objects.filter(review__in=reviews)
        .order_by(
            "review__board__name",
            "review__published_on",
            "review_id",
            "position",
            "id",
            "actions__due_on",
            "actions__id",
        )
        .values_list(
            "id",
            "review_id",
            "review__board__name",
            "review__board__region__name",
            "review__title",
            "review__slug",
            "review__published_on",
            "position",
            "text",
            "actions__description",
            "actions__agency__name",
            "actions__agreed_on",
            "actions__due_on",
            "actions__status",
            "actions__completed_on",
            "actions__not_accepted_reason",
        )
        .iterator(chunk_size=5000)
    )
    statuses = dict(Action.Status.choices)
    urls: dict[int, str] = {}  # rows come review by review: one URL per review, not per recommendation
    for _, group in groupby(rows, key=lambda row: row[0]):
        group = list(group)
        first = group[0]
        (_, review_id, board, region, title, slug, published_on, position, text) = first[:9]
        actions = [row[9:] for row in group if row[13] is not None]
        common = [
            board,
            region,
            title,
            urls.get(review_id) or urls.setdefault(review_id, f"{site}{reverse('reviews:detail', args=[slug])}"),
            published_on.isoformat() if published_on else "",
            str(position),
            text,
            Progress(progress_of([a[4] for a in actions])).label,
            "; ".join(themes.get(review_id, [])),
        ]
        if not actions:
            yield [*common, "", "", "", "", "", "", "", ""]
        for description, agency, agreed_on, due_on, status, completed_on, reason in actions:
            overdue = status in Action.OPEN_STATUSES and due_on < today
            yield [
                *common,
                description,
                agency or "The partnership as a whole",
                agreed_on.isoformat(),
                due_on.isoformat(),
                statuses[status],
                "yes" if overdue else "no",
                completed_on.isoformat() if completed_on else "",
                reason,
            ]


# ---------------------------------------------------------------------------------------------------------------
# The national roll-up, cached


def forget_tracker_figures(public: bool = True, **kwargs) -> None:
    """Receiver for reviews_changed, and called by every action write: cached national figures are stale (unless
    only reviews the public cannot see changed)."""
    if public:
        freshness.move_on(freshness.TRACKER)


def national_tracker_data(*, today: datetime.date | None = None) -> dict:
    """{"figures": TrackerFigures, "boards": overdue_by_board} for every published review, cached until a review or
    an action changes (or the day changes: overdue depends on the date). About two seconds to work out at 100,000
    reviews, a few milliseconds from the cache."""
    today = today or timezone.localdate()

    def compute() -> dict:
        published = Review.objects.published()
        return {"figures": tracker_figures(published, today=today), "boards": overdue_by_board(published, today=today)}

    return freshness.cached(freshness.TRACKER, f"v{CACHE_VERSION}:{today.isoformat()}:national", compute)
