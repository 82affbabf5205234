"""The tracker's summary tables (actions.summary_models), kept current in SQL.

Triggers (migrations 0003 and 0004) note in TrackerChange every review whose recommendations, actions, status, board
or themes change, or anything else its CSV rows show, whatever writes them: the services, the admin, an import, a
bulk insert or a shell. catch_up_tracker_summary() recounts just those reviews: it takes each one's old contribution
(TrackerReview) away and adds its new one to the national sums (TrackerCount, TrackerDue, TrackerDays), in one
statement, and marks its stored CSV rows (TrackerCsvPart) out of date. Every writer that moves the tracker's cache
generation on catches up in its own transaction (actions.tracker.forget_tracker_figures), so readers seldom find
anything to recount; they catch up all the same before they read, so a write that bypassed the services (a bulk
insert, the shell) still shows.
"""

import contextlib
from collections.abc import Iterator

from django.db import connection, transaction

from reviews.models import Recommendation, Review

from .models import Action, TrackerChange, TrackerCount, TrackerCsvPart, TrackerDays, TrackerDue, TrackerReview
from .progress import Progress, progress_case
from .summary_models import ALL_REVIEWS, NO_THEME

# Serialises recounts: each reads a review's old contribution and writes its new one (themes.trends uses 7_310_042).
TRACKER_SUMMARY_LOCK = 7_310_043

PROGRESS_COLUMNS = {  # plain strings as keys, like the figures worked out from the rows
    Progress.NO_ACTIONS.value: "no_actions",
    Progress.NOT_STARTED.value: "not_started",
    Progress.IN_PROGRESS.value: "in_progress",
    Progress.COMPLETED.value: "completed",
    Progress.NOT_ACCEPTED.value: "not_accepted",
}
COUNT_COLUMNS = [*PROGRESS_COLUMNS.values(), "actions", "completed_actions"]


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def catch_up_tracker_summary() -> int:
    """Recount the reviews noted as changed since the last recount; how many. One query when there are none."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {_table(TrackerChange)})")
        if not cursor.fetchone()[0]:
            return 0
    with summary_locked(), connection.cursor() as cursor:
        # Only the notes this transaction can see: one a writer adds meanwhile stays for the next recount.
        cursor.execute(f"DELETE FROM {_table(TrackerChange)} RETURNING review_id")
        ids = sorted({row[0] for row in cursor.fetchall()})
        if ids:
            recount_reviews(ids, cursor=cursor)
        return len(ids)


def recount_all_reviews() -> None:
    """Count every review again from nothing: repairs the summary whatever happened to it."""
    with summary_locked(), connection.cursor() as cursor:
        for model in (TrackerChange, TrackerReview, TrackerCount, TrackerDue, TrackerDays, TrackerCsvPart):
            cursor.execute(f"DELETE FROM {_table(model)}")
        cursor.execute(f"SELECT id FROM {_table(Review)}")
        recount_reviews([row[0] for row in cursor.fetchall()], cursor=cursor)


@contextlib.contextmanager
def summary_locked() -> Iterator[None]:
    """A transaction (the caller's if there is one) holding the summary's lock: recounts, and the writing of the CSV's
    parts (actions.tracker_csv), one at a time."""
    with contextlib.ExitStack() as stack:
        if not connection.in_atomic_block:
            stack.enter_context(transaction.atomic())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TRACKER_SUMMARY_LOCK])
        yield


def recount_reviews(review_ids: list[int], *, cursor) -> None:
    """Make the summary count these reviews as they are now, in one statement (call under the lock).

    The CTEs all see the tables as they were before the statement, so `old` is what was counted for each review
    while `saved` records what is counted now; their difference is added to the sums.
    """
    published_sql, published_params = Review.objects.published().order_by().values("id").query.sql_with_params()
    status = Action.Status
    open_statuses = f"('{status.NOT_STARTED}', '{status.IN_PROGRESS}')"
    seen, counts, due, days = _table(TrackerReview), _table(TrackerCount), _table(TrackerDue), _table(TrackerDays)
    columns = ", ".join(COUNT_COLUMNS)
    progress_counts = ",\n".join(
        f"COUNT(*) FILTER (WHERE progress = '{value}') AS {column}" for value, column in PROGRESS_COLUMNS.items()
    )
    now_counts = ", ".join(f"COALESCE(t.{column}, 0) AS {column}" for column in COUNT_COLUMNS)
    update_seen = ", ".join(
        f"{column} = EXCLUDED.{column}"
        for column in ["counted", "board_id", "theme_ids", *COUNT_COLUMNS, "days_to_complete", "open_due"]
    )
    sums = ", ".join(f"SUM(sign * {column})" for column in COUNT_COLUMNS)
    any_change = " OR ".join(f"SUM(sign * {column}) <> 0" for column in COUNT_COLUMNS)
    add_counts = ", ".join(f"{column} = {counts}.{column} + EXCLUDED.{column}" for column in COUNT_COLUMNS)
    sql = f"""
        WITH changed AS (SELECT DISTINCT unnest(%s::bigint[]) AS review_id),
        recs AS (
            SELECT rec.review_id, rec.id, COUNT(act.id) AS actions,
                COUNT(act.id) FILTER (WHERE act.status = '{status.COMPLETED}') AS completed_actions,
                {progress_case("act")} AS progress
            FROM changed c
            JOIN {_table(Recommendation)} rec ON rec.review_id = c.review_id
            LEFT JOIN {_table(Action)} act ON act.recommendation_id = rec.id
            GROUP BY rec.review_id, rec.id
        ),
        tally AS (
            SELECT review_id, {progress_counts},
                SUM(actions) AS actions, SUM(completed_actions) AS completed_actions
            FROM recs GROUP BY review_id
        ),
        dated AS (
            SELECT rec.review_id,
                array_agg(act.completed_on - act.agreed_on) FILTER (WHERE act.status = '{status.COMPLETED}') AS days,
                array_agg(act.due_on) FILTER (WHERE act.status IN {open_statuses}) AS open_due
            FROM changed c
            JOIN {_table(Recommendation)} rec ON rec.review_id = c.review_id
            JOIN {_table(Action)} act ON act.recommendation_id = rec.id
            GROUP BY rec.review_id
        ),
        themed AS (
            SELECT l.review_id, array_agg(l.theme_id ORDER BY l.theme_id) AS theme_ids
            FROM changed c JOIN {_table(Review.themes.through)} l ON l.review_id = c.review_id
            GROUP BY l.review_id
        ),
        now AS (
            SELECT c.review_id, p.id IS NOT NULL AS counted, r.board_id,
                COALESCE(th.theme_ids, '{{}}') AS theme_ids, {now_counts},
                COALESCE(d.days, '{{}}') AS days_to_complete, COALESCE(d.open_due, '{{}}') AS open_due
            FROM changed c
            JOIN {_table(Review)} r ON r.id = c.review_id
            LEFT JOIN ({published_sql}) p (id) ON p.id = c.review_id
            LEFT JOIN tally t ON t.review_id = c.review_id
            LEFT JOIN dated d ON d.review_id = c.review_id
            LEFT JOIN themed th ON th.review_id = c.review_id
        ),
        old AS (SELECT s.* FROM {seen} s JOIN changed c ON c.review_id = s.review_id),
        saved AS (
            INSERT INTO {seen} (review_id, counted, board_id, theme_ids, {columns}, days_to_complete, open_due)
            SELECT review_id, counted, board_id, theme_ids, {columns}, days_to_complete, open_due FROM now
            ON CONFLICT (review_id) DO UPDATE SET {update_seen}
        ),
        gone AS (
            DELETE FROM {seen} s USING changed c
            WHERE s.review_id = c.review_id AND NOT EXISTS (SELECT 1 FROM now WHERE now.review_id = c.review_id)
        ),
        deltas AS (
            SELECT -1 AS sign, board_id, theme_ids, {columns}, days_to_complete, open_due FROM old WHERE counted
            UNION ALL
            SELECT 1, board_id, theme_ids, {columns}, days_to_complete, open_due FROM now WHERE counted
        ),
        keyed AS (
            SELECT sign, board_id, {ALL_REVIEWS}::bigint AS theme_id, {columns} FROM deltas
            UNION ALL
            SELECT sign, board_id, t, {columns} FROM deltas,
                unnest(CASE WHEN cardinality(theme_ids) = 0 THEN ARRAY[{NO_THEME}]::bigint[] ELSE theme_ids END) t
        ),
        summed AS (
            INSERT INTO {counts} (board_id, theme_id, {columns})
            SELECT board_id, theme_id, {sums} FROM keyed GROUP BY board_id, theme_id HAVING {any_change}
            ON CONFLICT (board_id, theme_id) DO UPDATE SET {add_counts}
        ),
        falling_due AS (
            INSERT INTO {due} (board_id, due_on, open_actions)
            SELECT board_id, d, SUM(sign) FROM deltas, unnest(open_due) d GROUP BY board_id, d HAVING SUM(sign) <> 0
            ON CONFLICT (board_id, due_on) DO UPDATE SET open_actions = {due}.open_actions + EXCLUDED.open_actions
        )
        INSERT INTO {days} (board_id, days, actions)
        SELECT board_id, d, SUM(sign) FROM deltas, unnest(days_to_complete) d GROUP BY board_id, d
        HAVING SUM(sign) <> 0
        ON CONFLICT (board_id, days) DO UPDATE SET actions = {days}.actions + EXCLUDED.actions
    """
    # Sums that fall to 0 stay as rows (at most one per key ever used); the reads skip them.
    cursor.execute("SET LOCAL work_mem = '64MB'")  # a recount of every review groups a few hundred thousand rows
    cursor.execute(sql, [review_ids, *published_params])
    # Their CSV rows are written again when next downloaded (actions.tracker_csv); nothing of a review taken down stays.
    parts = _table(TrackerCsvPart)
    cursor.execute(
        f"""DELETE FROM {parts} WHERE review_id = ANY(%s::bigint[])
            AND NOT EXISTS (SELECT 1 FROM ({published_sql}) p (id) WHERE p.id = {parts}.review_id)""",
        [review_ids, *published_params],
    )
    cursor.execute(f"UPDATE {parts} SET current = false WHERE review_id = ANY(%s::bigint[])", [review_ids])
