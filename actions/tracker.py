"""Tracker figures: how recommendations of published reviews are being taken forward, for a board or the nation.

One set of functions serves the tracker pages and the evidence pack (the CSV rows are in actions.tracker_csv; the
national and board trackers' figures from the summary's sums in actions.tracker_sums). Every function takes the
reviews to count as a queryset, which callers start from Review.objects.published(). The figures add up each
review's row of the summary (actions.tracker_summary, TrackerReview) rather than every recommendation and action
behind it.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL
from django.utils import timezone

from reviews import freshness
from reviews.models import Recommendation, Review
from themes.models import Theme

from .models import Action, TrackerChange, TrackerReview
from .progress import NOT_COMPLETED, Progress, progress_case, progress_of  # noqa: F401 - the tracker's vocabulary
from .tracker_summary import PROGRESS_COLUMNS, catch_up_tracker_summary

CACHE_VERSION = 3  # raise when the shape of cached figures changes

# Themes with fewer tracked recommendations than this are not ranked: 1 of 1 not completed says little.
MIN_TRACKED_FOR_RANKING = 5


def _reviews_cte(reviews: models.QuerySet[Review]) -> tuple[str, list]:
    """SQL for WITH r(id): the ids of `reviews`, worked out first, so that the joins below start from them and
    follow the recommendations' and actions' indexes (a board's few thousand rows, not every action's)."""
    reviews_sql, params = reviews.order_by().values("id").query.sql_with_params()
    return f"WITH r AS MATERIALIZED ({reviews_sql})", list(params)


def _progress_cte(reviews: models.QuerySet[Review]) -> tuple[str, list]:
    """SQL for WITH ... p(id, review_id, progress): each recommendation of `reviews` with its progress.

    The one SQL statement of the rule in progress_of(): the recommendations of `reviews` joined to their actions
    and grouped once, so the work grows with the reviews asked about (a board's, or all), not with all actions.
    """
    reviews_cte, params = _reviews_cte(reviews)
    sql = f"""
        {reviews_cte},
        p AS MATERIALIZED (
            SELECT rec.id, rec.review_id, {progress_case("act")} AS progress
            FROM {_table(Recommendation)} rec
            JOIN r ON r.id = rec.review_id
            LEFT JOIN {_table(Action)} act ON act.recommendation_id = rec.id
            GROUP BY rec.id, rec.review_id
        )"""
    return sql, params


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def progress_by_recommendation(reviews: models.QuerySet[Review]) -> dict[int, str]:
    """{recommendation id: progress} for the recommendations of `reviews` (one query)."""
    cte, params = _progress_cte(reviews)
    with connection.cursor() as cursor:
        cursor.execute(f"{cte} SELECT id, progress FROM p", params)
        return dict(cursor.fetchall())


def _summary_cte(reviews: models.QuerySet[Review]) -> tuple[str, list]:
    """SQL for WITH r(id), s(TrackerReview rows): the summary's row of each of `reviews` (read after a catch-up)."""
    reviews_cte, params = _reviews_cte(reviews)
    sql = f"""{reviews_cte},
        s AS MATERIALIZED (SELECT t.* FROM r JOIN {_table(TrackerReview)} t ON t.review_id = r.id)"""
    return sql, params


def _progress_counts(reviews: models.QuerySet[Review]) -> tuple[dict[str, int], dict[int | None, dict[str, int]]]:
    """({progress: recommendations}, {theme id or None: {progress: recommendations}}) in one statement over the
    reviews' summary rows: each review's counts once in total, and once under each of its themes (or None)."""
    cte, params = _summary_cte(reviews)
    sums = ", ".join(f"SUM({column})::bigint" for column in PROGRESS_COLUMNS.values())
    sql = f"""{cte}
        SELECT false, NULL::bigint, {sums} FROM s
        UNION ALL
        SELECT true, theme_id, {sums}
        FROM s, unnest(CASE WHEN cardinality(s.theme_ids) = 0 THEN ARRAY[NULL]::bigint[] ELSE s.theme_ids END) theme_id
        GROUP BY theme_id
    """
    by_progress: dict[str, int] = {}
    by_theme: dict[int | None, dict[str, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for themed, theme_id, *values in cursor.fetchall():
            counts = {progress: n for progress, n in zip(PROGRESS_COLUMNS, values, strict=True) if n}
            if not themed:
                by_progress = counts
            elif counts:
                by_theme[theme_id] = counts
    return by_progress, by_theme


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


def tracker_figures(
    reviews: models.QuerySet[Review], *, today: datetime.date | None = None, themes: dict[int, Theme] | None = None
) -> TrackerFigures:
    """Headline figures, recommendations by theme and progress, overdue actions and the median time to completion
    for the recommendations of `reviews` (a queryset from Review.objects.published()). Four queries when the summary
    is current: the catch-up's look and the two sums, in a transaction (so a recount and the sums read hold the
    summary's lock together), and the themes' names.

    A recommendation counts under each theme of its review; "No theme" collects reviews without one. `themes`:
    the reviews' themes by id if the caller has them already (one query fewer).
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        catch_up_tracker_summary()
        by_progress, rows = _progress_counts(reviews)
    return figures_from_counts(today, by_progress, rows, themes=themes, **_action_figures(reviews, today))


def _action_figures(reviews: models.QuerySet[Review], today: datetime.date) -> dict:
    """Actions, overdue, completed and the median days from agreement to completion (interpolated, PostgreSQL's
    percentile_cont) for `reviews`, from their summary rows (one query)."""
    cte, params = _summary_cte(reviews)
    sql = f"""{cte}
        SELECT COALESCE(SUM(actions), 0)::bigint,
            (SELECT COUNT(*) FROM s, unnest(s.open_due) due_on WHERE due_on < %s),
            COALESCE(SUM(completed_actions), 0)::bigint,
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM s, unnest(s.days_to_complete) days)
        FROM s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, today])
        actions, overdue, completed, median = cursor.fetchone()
    return {"actions": actions, "overdue": overdue, "completed_actions": completed, "median_days_to_complete": median}


def figures_from_counts(
    today: datetime.date,
    by_progress: dict[str, int],
    rows: dict[int | None, dict[str, int]],
    *,
    actions: int,
    overdue: int,
    completed_actions: int,
    median_days_to_complete: float | None,
    themes: dict[int, Theme] | None = None,
) -> TrackerFigures:
    """TrackerFigures from counts however they were worked out (here from the rows, or from the national summary
    in actions.tracker_summary): themes named (one query, unless `themes` has them) and ordered, and the least
    completed ranked."""
    wanted = [theme_id for theme_id in rows if theme_id is not None]
    if themes is None or not set(wanted) <= set(themes):
        themes = Theme.objects.in_bulk(wanted)
    by_theme = sorted(
        (ThemeRow(themes.get(theme_id), counts) for theme_id, counts in rows.items()),
        key=lambda row: (row.theme is None, row.theme.name if row.theme else ""),
    )
    ranked = [row for row in by_theme if row.theme and row.tracked >= MIN_TRACKED_FOR_RANKING and row.not_completed]
    ranked.sort(key=lambda row: (-row.not_completed_share, -row.not_completed, row.theme.name))
    return TrackerFigures(
        today=today,
        recommendations=sum(by_progress.values()),
        by_progress=by_progress,
        by_theme=by_theme,
        actions=actions,
        overdue=overdue,
        completed_actions=completed_actions,
        median_days_to_complete=median_days_to_complete,
        least_completed_themes=ranked[:10],
    )


def overdue_actions(
    reviews: models.QuerySet[Review], *, today: datetime.date | None = None, limit: int | None = None
) -> models.QuerySet:
    """Open actions past their due date on `reviews`, oldest due first (the first `limit` of them), with what a list
    shows (joined).

    One query, which reads the actions of only a few reviews: from the summary rows (TrackerReview.open_due), those
    with an open action due on or before the `limit`th earliest overdue date, and every review changed since its row
    was counted (noted in TrackerChange, whose row may be out of date), so the list is right whether the summary is
    current or not. Never by walking every open action in the country in due order.
    """
    today = today or timezone.localdate()
    reviews_cte, params = _reviews_cte(reviews)
    overdue_ids = RawSQL(  # noqa: S611 - SQL from a queryset and table names; every value is a parameter
        f"""{reviews_cte},
        changed AS MATERIALIZED (
            SELECT DISTINCT c.review_id FROM r JOIN {_table(TrackerChange)} c ON c.review_id = r.id
        ),
        late AS MATERIALIZED (
            -- Each review's row looked up by its key: joined instead, the planner read every review's row (0.1 s).
            SELECT t.review_id, due_on
            FROM {_table(TrackerReview)} t, unnest(t.open_due) due_on
            WHERE t.review_id = ANY(ARRAY(SELECT id FROM r)) AND due_on < %s
                AND t.review_id NOT IN (SELECT review_id FROM changed)
        ),
        -- The `limit`th earliest overdue date of the current rows: no later action can be among the first `limit`.
        cutoff AS (SELECT MAX(due_on) AS due_on FROM (SELECT due_on FROM late ORDER BY due_on LIMIT %s) earliest),
        candidates AS (
            SELECT review_id FROM late WHERE due_on <= (SELECT due_on FROM cutoff)
            UNION
            SELECT review_id FROM changed
        )
        SELECT act.id FROM candidates
        JOIN {_table(Recommendation)} rec ON rec.review_id = candidates.review_id
        JOIN {_table(Action)} act ON act.recommendation_id = rec.id
        WHERE act.status IN (%s, %s) AND act.due_on < %s
        ORDER BY act.due_on, act.id LIMIT %s""",
        (*params, today, limit, *Action.OPEN_STATUSES, today, limit),  # LIMIT NULL: all of them
    )
    return (
        Action.objects.filter(pk__in=overdue_ids)
        .select_related("agency", "recommendation__review__board")
        .order_by("due_on", "id")
    )


def forget_tracker_figures(public: bool = True, **kwargs) -> None:
    """Receiver for reviews_changed, and called by every action write, in the writer's transaction: the summary
    counts the changed reviews again (milliseconds for one review), and cached national figures are stale (unless
    only reviews the public cannot see changed)."""
    catch_up_tracker_summary()
    if public:
        freshness.move_on(freshness.TRACKER)
