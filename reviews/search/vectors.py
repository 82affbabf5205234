"""Each review's search words (`SearchDocument.vector`) and facet ids: derived data kept in step by
`reviews_changed`, and the generation counter that tells every process its cached results are stale."""

from collections.abc import Iterable

from django.db import connection

from .. import freshness
from ..models import Review, SearchChange, SearchDocument

THEME_LINK = Review.themes.through._meta.db_table


AGENCY_LINK = Review.agencies.through._meta.db_table


# The weighted vector of a review row `r` (title, summary, plain_summary) from the words of its themes, findings
# and recommendations: defined here once, used by the refresh below and by the import when it first writes reviews.
# A theme `t`'s words: its name and synonyms (also matched against searched words: reviews.search.matching).
THEME_TEXT = "t.name || ' ' || array_to_string(t.synonyms, ' ')"


THEME_WORDS = f"string_agg({THEME_TEXT}, ' ' ORDER BY t.name)"


FINDING_WORDS = "string_agg(f.text, ' ' ORDER BY f.position, f.id)"


RECOMMENDATION_WORDS = "string_agg(c.text, ' ' ORDER BY c.position, c.id)"


def _vector(theme_words: str, finding_words: str, recommendation_words: str) -> str:
    return f"""
    setweight(to_tsvector('english', r.title), 'A')
 || setweight(to_tsvector('english', coalesce({theme_words}, '')), 'B')
 || setweight(to_tsvector('english', r.summary || ' ' || r.plain_summary || ' ' || coalesce({finding_words}, '')), 'C')
 || setweight(to_tsvector('english', coalesce({recommendation_words}, '')), 'D')
"""


# The title's words alone (for best match: reviews.search.ordering).
TITLE_WORDS = "to_tsvector('english', r.title)"


VECTOR_EXPRESSION = _vector(
    f"""(SELECT {THEME_WORDS} FROM reviews_review_themes AS rt JOIN themes_theme AS t ON t.id = rt.theme_id
        WHERE rt.review_id = r.id)""",
    f"(SELECT {FINDING_WORDS} FROM reviews_finding AS f WHERE f.review_id = r.id)",
    f"(SELECT {RECOMMENDATION_WORDS} FROM reviews_recommendation AS c WHERE c.review_id = r.id)",
)


# The facet ids copied from the links (Review.theme_ids, Review.agency_ids), for the same row `r`.
THEME_IDS_EXPRESSION = f"ARRAY(SELECT theme_id FROM {THEME_LINK} WHERE review_id = r.id ORDER BY 1)"


AGENCY_IDS_EXPRESSION = f"ARRAY(SELECT agency_id FROM {AGENCY_LINK} WHERE review_id = r.id ORDER BY 1)"


def derived_columns_select(rows_table: str) -> str:
    """A SELECT of `id` and every derived column for each review row in `rows_table` (same values as the
    expressions above), for bulk imports.

    Grouped joins instead of correlated subqueries: PostgreSQL can then share the text analysis among parallel
    workers (correlated subqueries keep it in one process), which halves the slowest step of a large import.
    """
    only_these = f"IN (SELECT id FROM {rows_table})"
    return f"""
SELECT r.id, {_vector("tw.words", "fw.words", "cw.words")} AS search_vector, {TITLE_WORDS} AS title_words,
       coalesce(tw.ids, '{{}}') AS theme_ids, coalesce(aw.ids, '{{}}') AS agency_ids
FROM {rows_table} AS r
LEFT JOIN (SELECT rt.review_id, {THEME_WORDS} AS words, array_agg(rt.theme_id ORDER BY rt.theme_id) AS ids
           FROM {THEME_LINK} AS rt JOIN themes_theme AS t ON t.id = rt.theme_id
           WHERE rt.review_id {only_these} GROUP BY rt.review_id) AS tw ON tw.review_id = r.id
LEFT JOIN (SELECT review_id, array_agg(agency_id ORDER BY agency_id) AS ids FROM {AGENCY_LINK}
           WHERE review_id {only_these} GROUP BY review_id) AS aw ON aw.review_id = r.id
LEFT JOIN (SELECT f.review_id, {FINDING_WORDS} AS words FROM reviews_finding AS f
           WHERE f.review_id {only_these} GROUP BY f.review_id) AS fw ON fw.review_id = r.id
LEFT JOIN (SELECT c.review_id, {RECOMMENDATION_WORDS} AS words FROM reviews_recommendation AS c
           WHERE c.review_id {only_these} GROUP BY c.review_id) AS cw ON cw.review_id = r.id
"""


SEARCH_DOCUMENT = SearchDocument._meta.db_table


# The words of the reviews in `ids` (and their titles' words), written or rewritten; drafts too, so that
# publishing needs no other step.
VECTOR_SQL = f"""
INSERT INTO {SEARCH_DOCUMENT} AS d (review_id, vector, title_words)
SELECT r.id, {VECTOR_EXPRESSION}, {TITLE_WORDS} FROM reviews_review AS r WHERE r.id = ANY(%s)
ON CONFLICT (review_id) DO UPDATE SET vector = EXCLUDED.vector, title_words = EXCLUDED.title_words
"""


FACET_IDS_SQL = f"""
UPDATE reviews_review AS r SET theme_ids = {THEME_IDS_EXPRESSION}, agency_ids = {AGENCY_IDS_EXPRESSION}
WHERE r.id = ANY(%s)
"""


# The derived columns of the review rows with their expressions for a row `r`: for the import, which computes
# them as it first writes new reviews (their findings, recommendations and links written before them) instead of
# updating them after. Their words go to SEARCH_DOCUMENT (search_documents_from below).
DERIVED_COLUMNS = {
    "theme_ids": THEME_IDS_EXPRESSION,
    "agency_ids": AGENCY_IDS_EXPRESSION,
}


def search_documents_from(derived_rows: str) -> str:
    """SQL writing the words of every review in `derived_rows` (made by derived_columns_select) to their table."""
    return (
        f"INSERT INTO {SEARCH_DOCUMENT} (review_id, vector, title_words) "
        f"SELECT id, search_vector, title_words FROM {derived_rows}"
    )


# Read by searches: the copied ids, or for a review written without reviews_changed (never refreshed), its links.
THEME_IDS = f"coalesce(r.theme_ids, {THEME_IDS_EXPRESSION})"


AGENCY_IDS = f"coalesce(r.agency_ids, {AGENCY_IDS_EXPRESSION})"


def refresh_search_vectors(review_ids: Iterable[int], *, forget: bool = True) -> None:
    """Recompute the search words and facet ids of these reviews in SQL (5,000 at a time) and, unless told
    that none of them is or was public, forget cached results."""
    ids = sorted({int(i) for i in review_ids if i is not None})
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 5000):
            cursor.execute(VECTOR_SQL, [ids[start : start + 5000]])
            cursor.execute(FACET_IDS_SQL, [ids[start : start + 5000]])
    if forget:
        forget_cached_results(ids)


SEARCH_CHANGE = SearchChange._meta.db_table


# Each row names the writer's transaction, so that a reader can tell the changes it has already seen.
_LOG_SQL = f"""
INSERT INTO {SEARCH_CHANGE} (review_id, transaction)
SELECT unnest(%(ids)s::bigint[]), pg_current_xact_id()::text::bigint
"""


_FORGET_OLD_SQL = f"DELETE FROM {SEARCH_CHANGE} WHERE created < now() - interval '1 day'"


def forget_cached_results(review_ids: Iterable[int] | None = None) -> None:
    """Make every process's cached search results stale, and tell their facet indexes which reviews to read
    again: these, or (None) every one, after a change to the labels of many."""
    ids = [None] if review_ids is None else sorted({int(i) for i in review_ids})
    with connection.cursor() as cursor:
        cursor.execute(_LOG_SQL, {"ids": ids})
        cursor.execute(_FORGET_OLD_SQL)
    freshness.move_on(freshness.SEARCH)


def on_reviews_changed(
    sender, review_ids: list[int], search_ready: Iterable[int] = (), public: bool = True, **kwargs
) -> None:
    # Reviews whose derived columns the writer has just computed (see reviews.signals) need only the cache moved on.
    ready = set(search_ready)
    refresh_search_vectors([i for i in review_ids if i not in ready], forget=False)
    if public:
        forget_cached_results(review_ids)


def on_labels_changed(sender, **kwargs) -> None:
    # Boards, regions and agencies: names shown in results and facets, a board's region on all its reviews.
    forget_cached_results()


def on_review_deleted(sender, instance: Review, **kwargs) -> None:
    forget_cached_results([instance.pk])
