"""The tracker's CSV: every recommendation of some published reviews with each of its actions, for the board and
national downloads and the evidence pack's actions.csv.

Each review's rows are written as CSV text once (reviews.spreadsheets) and kept (TrackerCsvPart) until something
they show changes, so a national download of a quarter of a million actions sends stored text, in order, instead of
joining and writing them all again.
"""

import datetime
from collections.abc import Iterator
from itertools import groupby

from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from reviews.models import Agency, Board, Recommendation, Region, Review
from reviews.spreadsheets import csv_text
from themes.models import Theme

from .models import Action, TrackerCsvPart
from .progress import Progress, progress_case
from .tracker_summary import catch_up_tracker_summary, summary_locked

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
WHOLE_PARTNERSHIP = "The partnership as a whole"
# Reviews whose stored parts are read and sent together, in runs of whole boards: some 9 MB of text.
CHUNK_REVIEWS = 5_000
# The parts' layout: raise it when the rows' cells change, so that every part is written again.
LAYOUT = 1
# Parts written in one transaction, which holds the summary's lock (so every action saved waits for it): 0.27-0.32 s
# at 100,000 reviews here, reading about 3,600 rows.
WRITTEN_AT_A_TIME = 1_000
# Stored parts sent to the client at a time: some 2 MB of text.
PARTS_AT_A_TIME = 1_000
# Stands for the site's address (https://host) in the stored parts, which every address the site answers to shares;
# replaced as they are sent. A control character (SUB), which no keyboard types and a CSV cell needs no quotes for;
# being ASCII, it keeps Python's strings of the text one byte a character (a private-use character made them two,
# and the replacing alone took 0.7 s of a national download).
SITE_MARK = "\x1a"
ADDRESS = CSV_HEADER.index("review web address")


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _labels(expression: str, choices: list[tuple[str, str]]) -> tuple[str, list]:
    """SQL for the label of the value of `expression` among `choices`, and its parameters."""
    return f"CASE {expression} {' '.join('WHEN %s THEN %s' for _ in choices)} ELSE '' END", [
        part for choice in choices for part in choice
    ]


def tracker_csv(reviews: models.QuerySet[Review], *, site: str = "", today=None) -> Iterator[str]:
    """The CSV text of the tracker's rows for `reviews`, without the header (for reviews.spreadsheets' `written`):
    one row per action, and one per recommendation without actions, board by board in the order of their names, then
    by date published. `site`: the address each review's web address starts with.

    Which reviews' parts are missing or out of date is read once; then whole boards of about CHUNK_REVIEWS reviews
    at a time, in order, have those parts written (seconds for a run of boards none of whose parts are stored,
    nothing when none changed) and their stored parts read in one statement and sent. So the first rows go out at
    once, and no transaction stays open while a client reads.
    """
    today: datetime.date = today or timezone.localdate()
    reviews = reviews.order_by()
    catch_up_tracker_summary()
    out_of_date = _out_of_date(reviews, today)
    for board_ids in _board_chunks(reviews):
        ids = sorted(review_id for board_id in board_ids for review_id in out_of_date.get(board_id, ()))
        for start in range(0, len(ids), WRITTEN_AT_A_TIME):
            with summary_locked(), connection.cursor() as cursor:
                # After the summary's catch-up, under its lock: a change committed meanwhile keeps its note in
                # TrackerChange, so a part written from before it is marked out of date at the next catch-up. Only
                # those still out of date and published: another download may have written them meanwhile, or the
                # review may have been taken down.
                catch_up_tracker_summary()
                batch = reviews.filter(pk__in=ids[start : start + WRITTEN_AT_A_TIME])
                still = [review_id for found in _out_of_date(batch, today).values() for review_id in found]
                if still:
                    _write_parts(sorted(still), today, cursor)
        parts = (
            TrackerCsvPart.objects.filter(review_id__in=reviews.filter(board_id__in=board_ids).values("id"))
            .order_by("board_name", "published_on", "review_id")
            .values_list("rows", flat=True)
        )
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT set_config('work_mem', '64MB', true)")  # their 9 MB sort in memory
            texts = list(parts)
        for start in range(0, len(texts), PARTS_AT_A_TIME):
            yield "".join(texts[start : start + PARTS_AT_A_TIME]).replace(SITE_MARK, site)


def _out_of_date(reviews: models.QuerySet[Review], today: datetime.date) -> dict[int, list[int]]:
    """The reviews whose part is missing or out of date, by board id."""
    reviews_sql, params = reviews.values("id", "board_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT r.board_id, r.id FROM ({reviews_sql}) r (id, board_id)
            LEFT JOIN {_table(TrackerCsvPart)} p ON p.review_id = r.id
            -- Tested after the join on the key alone: the planner cannot guess how many parts pass them.
            WHERE p.review_id IS NULL OR NOT (
                p.current AND p.layout = %s AND p.built_on <= %s AND (p.stale_on IS NULL OR %s < p.stale_on)
            )""",
            [*params, LAYOUT, today, today],
        )
        found: dict[int, list[int]] = {}
        for board_id, review_id in cursor.fetchall():
            found.setdefault(board_id, []).append(review_id)
    return found


def _board_chunks(reviews: models.QuerySet[Review]) -> Iterator[list[int]]:
    """The ids of the reviews' boards in the order of their names (sorted by the database, as the parts are: the same
    collation), in runs of whole boards of about CHUNK_REVIEWS reviews."""
    boards_sql, params = (
        reviews.values("board_id", "board__name").annotate(n=models.Count("id")).query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, n FROM ({boards_sql}) boards (id, name, n) ORDER BY name, id", params)
        boards = cursor.fetchall()
    chunk, size = [], 0
    for board_id, n in boards:
        chunk.append(board_id)
        size += n
        if size >= CHUNK_REVIEWS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _write_parts(ids: list[int], today: datetime.date, cursor) -> None:
    """Write (or write again) the parts of the reviews `ids`, in one statement after reading their rows in one."""
    sql, params = _rows_sql(("SELECT unnest(%s::bigint[]) AS id", (ids,)), today)
    # One part's rows sort in memory; dates are written in ISO form (YYYY-MM-DD) whatever the server's default.
    cursor.execute("SELECT set_config('work_mem', '64MB', true), set_config('datestyle', 'ISO', true)")
    cursor.execute(sql, params)
    texts = {review_id: _part(list(rows)) for review_id, rows in groupby(cursor.fetchall(), key=lambda row: row[0])}
    parts = _table(TrackerCsvPart)
    cursor.execute(
        f"""INSERT INTO {parts} (review_id, board_name, published_on, layout, current, built_on, stale_on, rows)
        SELECT rv.id, b.name, rv.published_on, %s, true, %s,
            (SELECT MIN(act.due_on) + 1 FROM {_table(Recommendation)} rec
                JOIN {_table(Action)} act ON act.recommendation_id = rec.id
                WHERE rec.review_id = rv.id AND act.status IN (%s, %s) AND act.due_on >= %s),
            t.rows
        FROM unnest(%s::bigint[], %s::text[]) t (review_id, rows)
        JOIN {_table(Review)} rv ON rv.id = t.review_id
        JOIN {_table(Board)} b ON b.id = rv.board_id
        ON CONFLICT (review_id) DO UPDATE SET board_name = EXCLUDED.board_name, published_on = EXCLUDED.published_on,
            layout = EXCLUDED.layout, current = true, built_on = EXCLUDED.built_on, stale_on = EXCLUDED.stale_on,
            rows = EXCLUDED.rows""",
        [LAYOUT, today, *Action.OPEN_STATUSES, today, ids, [texts.get(review_id, "") for review_id in ids]],
    )


def _part(rows: list[tuple]) -> str:
    """One review's rows (each starting with its id) as CSV text; SITE_MARK starts each web address and is nowhere
    else."""
    text = csv_text(row[1:] for row in rows)
    if text.count(SITE_MARK) == len(rows):
        return text
    # The mark was in something typed or imported: it is taken out of that.
    return csv_text(
        [cell.replace(SITE_MARK, "") if i != ADDRESS else cell for i, cell in enumerate(row[1:])] for row in rows
    )


def _rows_sql(reviews: tuple[str, tuple], today: datetime.date) -> tuple[str, list]:
    """The rows' statement for the reviews selected by `reviews` (SQL of their ids, and its parameters), with its
    parameters: each row starts with its review's id, and a review's rows come together, in the CSV's order."""
    reviews_sql, reviews_params = reviews
    # Every review's address is the same pattern around its slug (slugs need no quoting), after the site's.
    prefix, suffix = f"{SITE_MARK}{reverse('reviews:detail', args=['slug'])}".rsplit("slug", 1)
    progress, progress_params = _labels(progress_case("act", over=" OVER recommendation"), Progress.choices)
    status, status_params = _labels("act.status", Action.Status.choices)
    sql = f"""
        WITH r AS MATERIALIZED ({reviews_sql}),
        named AS (
            SELECT l.review_id, string_agg(t.name, '; ' ORDER BY t.name) AS themes
            FROM r
            JOIN {_table(Review.themes.through)} l ON l.review_id = r.id
            JOIN {_table(Theme)} t ON t.id = l.theme_id
            GROUP BY l.review_id
        )
        SELECT rv.id, b.name, rg.name, rv.title, %s || rv.slug || %s, COALESCE(rv.published_on::text, ''),
            rec.position::text, rec.text, {progress}, COALESCE(named.themes, ''),
            COALESCE(act.description, ''),
            CASE WHEN act.id IS NULL THEN '' ELSE COALESCE(ag.name, %s) END,
            COALESCE(act.agreed_on::text, ''),
            COALESCE(act.due_on::text, ''),
            {status},
            CASE WHEN act.id IS NULL THEN '' WHEN act.status IN (%s, %s) AND act.due_on < %s THEN 'yes' ELSE 'no' END,
            COALESCE(act.completed_on::text, ''),
            COALESCE(act.not_accepted_reason, '')
        FROM r
        JOIN {_table(Review)} rv ON rv.id = r.id
        JOIN {_table(Board)} b ON b.id = rv.board_id
        JOIN {_table(Region)} rg ON rg.id = b.region_id
        JOIN {_table(Recommendation)} rec ON rec.review_id = rv.id
        LEFT JOIN named ON named.review_id = rv.id
        LEFT JOIN {_table(Action)} act ON act.recommendation_id = rec.id
        LEFT JOIN {_table(Agency)} ag ON ag.id = act.agency_id
        WINDOW recommendation AS (PARTITION BY rec.id)
        ORDER BY rv.id, rec.position, rec.id, act.due_on, act.id
    """
    params = [
        *reviews_params,
        prefix,
        suffix,
        *progress_params,
        WHOLE_PARTNERSHIP,
        *status_params,
        *Action.OPEN_STATUSES,
        today,
    ]
    return sql, params
