"""Tracker figures from the summary's sums (TrackerCount, TrackerDue, TrackerDays, per board): the national tracker,
cached until a change, and a board's tracker.

actions.tracker_summary keeps the sums current; here a few thousand of their rows are added up for the nation, or a
board's few dozen read, so a view after any change costs milliseconds, not a pass over every recommendation and
action. The figures are those tracker_figures() works out for the same published reviews.
"""

import datetime

from django.db import connection, transaction
from django.utils import timezone

from reviews import freshness
from reviews.models import Board, Region

from .models import TrackerCount, TrackerDays, TrackerDue
from .summary_models import ALL_REVIEWS, NO_THEME
from .tracker import CACHE_VERSION, TrackerFigures, figures_from_counts
from .tracker_summary import COUNT_COLUMNS, PROGRESS_COLUMNS, catch_up_tracker_summary


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def national_tracker_data(*, today: datetime.date | None = None) -> dict:
    """{"figures": TrackerFigures, "boards": [{board_name, board_slug, region, actions, overdue, completed}]} for
    every published review, cached until a review or an action changes (or the day changes: overdue depends on the
    date). Boards with actions on published reviews are listed most overdue first."""
    today = today or timezone.localdate()

    def compute() -> dict:
        figures, boards = national_figures(today)
        return {"figures": figures, "boards": boards}

    return freshness.cached(freshness.TRACKER, f"v{CACHE_VERSION}:{today.isoformat()}:national", compute)


def national_figures(today: datetime.date) -> tuple[TrackerFigures, list[dict]]:
    """(the figures, the boards) for every published review: four small queries after the catch-up."""
    catch_up_tracker_summary()
    with connection.cursor() as cursor:
        by_progress, rows, actions, completed_actions = _counts(cursor, "")
        boards = _boards(cursor, today)
        cursor.execute(
            f"SELECT days, SUM(actions) FROM {_table(TrackerDays)} GROUP BY days HAVING SUM(actions) > 0 ORDER BY days"
        )
        median = median_of_histogram(cursor.fetchall())
    figures = figures_from_counts(
        today,
        by_progress,
        rows,
        actions=actions,
        overdue=sum(board["overdue"] for board in boards),
        completed_actions=completed_actions,
        median_days_to_complete=median,
    )
    return figures, boards


def board_tracker_figures(board: Board, *, today: datetime.date | None = None) -> TrackerFigures:
    """tracker_figures() for the board's published reviews, from its rows of the sums. Four queries when the summary
    is current: the catch-up's look and the board's counts, in a transaction (a recount and the read hold the
    summary's lock together), its actions, and the themes' names."""
    today = today or timezone.localdate()
    with transaction.atomic():
        catch_up_tracker_summary()
        with connection.cursor() as cursor:
            by_progress, rows, actions, completed_actions = _counts(cursor, "WHERE board_id = %s", [board.pk])
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT
                (SELECT COALESCE(SUM(open_actions), 0) FROM {_table(TrackerDue)} WHERE board_id = %s AND due_on < %s),
                (SELECT array_agg(days ORDER BY days) FROM {_table(TrackerDays)} WHERE board_id = %s AND actions > 0),
                (SELECT array_agg(actions ORDER BY days) FROM {_table(TrackerDays)} WHERE board_id = %s AND actions > 0)
            """,
            [board.pk, today, board.pk, board.pk],
        )
        overdue, days, counts = cursor.fetchone()
    return figures_from_counts(
        today,
        by_progress,
        rows,
        actions=actions,
        overdue=overdue,
        completed_actions=completed_actions,
        median_days_to_complete=median_of_histogram(list(zip(days or [], counts or [], strict=True))),
    )


def _counts(cursor, where: str, params: list | None = None) -> tuple[dict, dict, int, int]:
    """(recommendations by progress, by theme and progress, actions, completed actions) from TrackerCount's rows
    (those `where` picks out), summed by theme: theme ALL_REVIEWS is the total, NO_THEME the reviews without one."""
    sums = ", ".join(f"SUM({column})" for column in COUNT_COLUMNS)
    cursor.execute(f"SELECT theme_id, {sums} FROM {_table(TrackerCount)} {where} GROUP BY theme_id", params or [])
    by_progress: dict[str, int] = {}
    rows: dict[int | None, dict[str, int]] = {}
    actions = completed_actions = 0
    for theme_id, *values in cursor.fetchall():
        counts = {p: n for p, n in zip(PROGRESS_COLUMNS, values, strict=False) if n}
        if theme_id == ALL_REVIEWS:
            by_progress, actions, completed_actions = counts, values[-2], values[-1]
        elif counts:
            rows[None if theme_id == NO_THEME else theme_id] = counts
    return by_progress, rows, actions, completed_actions


def _boards(cursor, today: datetime.date) -> list[dict]:
    """Each board's actions, overdue and completed actions on its published reviews (boards with any), most overdue
    first, then by name."""
    board, region = _table(Board), _table(Region)
    cursor.execute(
        f"""
        WITH overdue AS (
            SELECT board_id, SUM(open_actions) AS n FROM {_table(TrackerDue)} WHERE due_on < %s GROUP BY board_id
        )
        SELECT b.name, b.slug, rg.name, SUM(c.actions)::bigint, COALESCE(SUM(o.n), 0)::bigint AS overdue,
            SUM(c.completed_actions)::bigint
        FROM {_table(TrackerCount)} c
        JOIN {board} b ON b.id = c.board_id
        JOIN {region} rg ON rg.id = b.region_id
        LEFT JOIN overdue o ON o.board_id = c.board_id
        WHERE c.theme_id = {ALL_REVIEWS}
        GROUP BY b.name, b.slug, rg.name
        HAVING SUM(c.actions) > 0
        ORDER BY overdue DESC, b.name ASC
        """,
        [today],
    )
    keys = ["board_name", "board_slug", "region", "actions", "overdue", "completed"]
    return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]


def median_of_histogram(histogram: list[tuple[int, int]]) -> float | None:
    """The median of values given as (value, how many) in ascending order, interpolated like PostgreSQL's
    percentile_cont(0.5): the middle value, or halfway between the two middle ones."""
    total = sum(count for _, count in histogram)
    if not total:
        return None
    lower_index, upper_index = (total - 1) // 2, total // 2
    lower = upper = None
    seen = 0
    for value, count in histogram:
        seen += count
        if lower is None and seen > lower_index:
            lower = value
        if seen > upper_index:
            upper = value
            break
    return lower + (upper - lower) / 2
