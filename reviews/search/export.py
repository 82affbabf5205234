"""Every match of a search, for the CSV export; and its SQL, for the feeds and alerts that follow a search."""

from collections.abc import Iterable, Iterator

from django.db import connection

from .matching import every_mask, index_for, match_text, matching, published_sql, sql_filters
from .ordering import in_order
from .params import SearchParams
from .results import known_values_only
from .vectors import AGENCY_LINK, SEARCH_DOCUMENT, THEME_LINK
from .vocabulary import Vocabulary, load_vocabulary


def _every(conditions: Iterable[str]) -> str:
    conditions = list(conditions)
    return " AND ".join(f"({c})" for c in conditions) if conditions else "TRUE"


CHUNK_ROWS = 1000


def iter_matches(
    params: SearchParams, vocabulary: Vocabulary | None = None, *, limit: int | None = None
) -> Iterator[dict]:
    """Every matching review (the first `limit`), in the search's order (the same as its pages), with its board,
    region, themes and agencies.

    The order comes from the search itself; the rows are read 1,000 at a time, so a large export never sits in
    memory, and the database connection is given back between reads (outside a transaction): a client reading
    slowly holds no connection while it reads.
    """
    vocabulary = vocabulary or load_vocabulary()
    params = known_values_only(params, vocabulary)
    params, index, text, masks, universe = matching(params, vocabulary, [])
    reviews = every_mask(masks, universe)
    count = len(reviews) if limit is None else min(limit, len(reviews))
    ids = in_order(params, text, index, reviews, 0, count)
    published, sql_params = published_sql()
    sql = f"""
        SELECT r.id, r.title, r.slug, r.reference, r.review_type, b.name AS board, g.name AS region, r.published_on,
               r.published_year_only, r.age_band, r.summary,
               (SELECT coalesce(string_agg(t.name, '; ' ORDER BY t.name), '') FROM {THEME_LINK} AS l
                JOIN themes_theme AS t ON t.id = l.theme_id WHERE l.review_id = r.id) AS themes,
               (SELECT coalesce(string_agg(a.name, '; ' ORDER BY a.name), '') FROM {AGENCY_LINK} AS l
                JOIN reviews_agency AS a ON a.id = l.agency_id WHERE l.review_id = r.id) AS agencies
        FROM unnest(%(ids)s::bigint[]) WITH ORDINALITY AS c(id, n) JOIN ({published}) AS r ON r.id = c.id
        JOIN reviews_board AS b ON b.id = r.board_id JOIN reviews_region AS g ON g.id = b.region_id
        ORDER BY c.n
    """
    for start in range(0, len(ids), CHUNK_ROWS):
        with connection.cursor() as cursor:
            cursor.execute(sql, {**sql_params, "ids": ids[start : start + CHUNK_ROWS]})
            columns = [column.name for column in cursor.description]
            rows = cursor.fetchall()
        if not connection.in_atomic_block:
            connection.close()  # back to the pool; the next read takes one again
        for row in rows:
            yield dict(zip(columns, row, strict=True))


def matching_ids_sql(params: SearchParams, vocabulary: Vocabulary | None = None) -> tuple[str, dict]:
    """SQL selecting the ids of the reviews a search matches (any order), and its named parameters: for the
    feeds and alerts that follow a search. Tests check it finds the same reviews as the search."""
    vocabulary = vocabulary or load_vocabulary()
    params = known_values_only(params, vocabulary)
    text = match_text(params, vocabulary, index_for(vocabulary), []) if params.q else None
    published, values = published_sql()
    conditions, filter_values = sql_filters(params, vocabulary)
    values.update(filter_values)
    text_match = ""
    if text:
        values.update(text.params)
        text_match = f"AND r.id IN (SELECT d.review_id FROM {SEARCH_DOCUMENT} AS d WHERE d.vector @@ {text.tsquery})"
    sql = f"""
        SELECT r.id FROM ({published}) AS r JOIN reviews_board AS b ON b.id = r.board_id
        WHERE {_every(conditions.values())} {text_match}
    """
    return sql, values
