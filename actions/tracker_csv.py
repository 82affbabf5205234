"""The tracker's CSV rows: every recommendation of some published reviews with each of its actions, for the board
and national downloads and the evidence pack's actions.csv (all written by reviews.spreadsheets)."""

import datetime
from collections.abc import Iterator

from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from reviews.models import Agency, Board, Recommendation, Region, Review
from themes.models import Theme

from .models import Action
from .progress import Progress, progress_case

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
# Reviews read in one statement: about 18,000 rows, some 25 MB in Python at most.
CHUNK_REVIEWS = 5_000


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _labels(expression: str, choices: list[tuple[str, str]]) -> tuple[str, list]:
    """SQL for the label of the value of `expression` among `choices`, and its parameters."""
    return f"CASE {expression} {' '.join('WHEN %s THEN %s' for _ in choices)} ELSE '' END", [
        part for choice in choices for part in choice
    ]


def tracker_rows(reviews: models.QuerySet[Review], *, site: str = "", today=None) -> Iterator[tuple[str, ...]]:
    """CSV rows: one per action, and one per recommendation without actions, for `reviews`, board by board in the
    order of their names.

    One statement per few thousand reviews (whole boards, in order), each in memory: the first rows go out at
    once, a national download never sorts hundreds of thousands of rows on disk nor holds them all, and the
    database joins, sorts and writes every cell as the CSV shows it (a recommendation's progress from the window of
    its actions' rows), so Python only passes the rows on. Each part is read as it stands when its turn comes.
    """
    today: datetime.date = today or timezone.localdate()
    reviews = reviews.order_by()
    for board_names in _board_chunks(reviews):
        part = reviews.filter(board__name__in=board_names).values("id").query.sql_with_params()
        sql, params = _rows_sql(part, site, today)
        with transaction.atomic(), connection.cursor() as cursor:
            # One part's rows sort in memory; dates are written in ISO form (YYYY-MM-DD) whatever the server's default.
            cursor.execute("SELECT set_config('work_mem', '64MB', true), set_config('datestyle', 'ISO', true)")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        yield from rows


def _board_chunks(reviews: models.QuerySet[Review]) -> Iterator[list[str]]:
    """The names of the reviews' boards in order (sorted by the database, as the rows are: the same collation), in
    runs of whole boards of about CHUNK_REVIEWS reviews."""
    names_sql, names_params = reviews.values("board__name").annotate(reviews=models.Count("id")).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, n FROM ({names_sql}) boards (name, n) ORDER BY name", names_params)
        boards = cursor.fetchall()
    chunk, size = [], 0
    for name, n in boards:
        chunk.append(name)
        size += n
        if size >= CHUNK_REVIEWS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _rows_sql(reviews: tuple[str, tuple], site: str, today: datetime.date) -> tuple[str, list]:
    """The rows' statement for the reviews selected by `reviews` (SQL of their ids, and its parameters), with its
    parameters."""
    reviews_sql, reviews_params = reviews
    # Every review's address is the same pattern around its slug (slugs need no quoting).
    prefix, suffix = f"{site}{reverse('reviews:detail', args=['slug'])}".rsplit("slug", 1)
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
        SELECT b.name, rg.name, rv.title, %s || rv.slug || %s, COALESCE(rv.published_on::text, ''),
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
        WINDOW recommendation AS (PARTITION BY b.name, rv.published_on, rv.id, rec.position, rec.id)
        ORDER BY b.name, rv.published_on, rv.id, rec.position, rec.id, act.due_on, act.id
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
