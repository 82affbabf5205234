"""Full-text search with facet counts: the one function the search page, the JSON API and the CSV export call.

How a search runs (see search_reviews):
1. Each review has a stored, weighted tsvector (`Review.search_vector`: title A, theme names and synonyms B,
   summaries and findings C, recommendations D) with a partial GIN index. It is derived data, recomputed in SQL
   by `refresh_search_vectors` whenever `reviews_changed` is sent.
2. Text is matched strictly with `websearch_to_tsquery` (phrases, `or`, `-word`). A plain query of several words
   that matches fewer than FALLBACK_BELOW reviews falls back to "any of these words", ranked by how many of the
   words a review matches, so a sentence still finds the closest reviews.
3. One SQL statement then computes, from a CTE of the matching reviews: every facet's counts (one GROUPING SETS
   pass plus one unnest each of the theme and agency ids copied onto each review, so no joins), the total, the
   ordered ids of the page shown, and for those 20 rows only their snippets (ts_headline) and themes. A facet's
   counts apply every other active filter but not its own, so the flags of every filter are columns of the CTE
   and each count filters on the others.
4. Results are kept in a small per-process cache keyed by a generation counter (a PostgreSQL sequence read in
   the same query as the facet vocabulary); `reviews_changed` and changes to themes, boards, regions and agencies
   move it on, so a cached answer is never served after the data it came from has changed.

Every statement starts from the SQL of `Review.objects.published()`, the one public read path.
"""

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from themes.models import Theme

from .models import Agency, Board, Region, Review

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 500  # characters; longer queries are cut, with a message
MAX_TERMS = 20  # words used by the "any of these words" fallback
MAX_VALUES = 50  # values of one facet taken from the query string
FALLBACK_BELOW = 5  # a plain query of several words matching fewer reviews than this falls back to any-word
MAX_PAGE = 100_000
MIN_YEAR = 1970
MAX_YEAR = 2100
CONFIG = "english"

FACETS = ("review_type", "region", "board", "year", "age_band", "theme", "agency")
FACET_LABELS = {
    "review_type": "Review type",
    "region": "Region",
    "board": "Board",
    "year": "Year published",
    "age_band": "Age",
    "theme": "Theme",
    "agency": "Agency",
}
SORTS = {"relevance": "Best match", "newest": "Newest first", "oldest": "Oldest first"}

# Private-use characters mark the matched words in ts_headline's output. They are removed from the text first,
# so after the snippet is HTML-escaped they can only be the marks, and are swapped for <mark> tags.
START_MARK, STOP_MARK = "\ue000", "\ue001"
HEADLINE_OPTIONS = (
    f"StartSel={START_MARK}, StopSel={STOP_MARK}, MaxWords=20, MinWords=10, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
SNIPPET_WORDS = 40

GENERATION_SEQUENCE = "reviews_search_generation"  # made by migration 0004_search_generation
THEME_LINK = Review.themes.through._meta.db_table
AGENCY_LINK = Review.agencies.through._meta.db_table
_RESULT_CACHE_SIZE = 256
# For this transaction only. The data is in memory, so random reads cost little more than sequential ones: told
# so, PostgreSQL finds text matches through the GIN index, which never reads the (TOASTed) vectors, instead of
# reading every vector in turn. The CTE of matches fits in work_mem; parallel workers cost more than they save
# on two cores shared with the web workers.
PLANNER_SETTINGS = (
    "SELECT set_config('random_page_cost', '1.1', true), set_config('work_mem', '32MB', true),"
    " set_config('max_parallel_workers_per_gather', '0', true)"
)


# ---------------------------------------------------------------------------------------------------------------
# The search vector: derived data kept in step by reviews_changed


# The weighted vector of a review row `r` (title, summary, plain_summary) from the words of its themes, findings
# and recommendations: defined here once, used by the refresh below and by the import when it first writes reviews.
THEME_WORDS = "string_agg(t.name || ' ' || array_to_string(t.synonyms, ' '), ' ' ORDER BY t.name)"
FINDING_WORDS = "string_agg(f.text, ' ' ORDER BY f.position, f.id)"
RECOMMENDATION_WORDS = "string_agg(c.text, ' ' ORDER BY c.position, c.id)"


def _vector(theme_words: str, finding_words: str, recommendation_words: str) -> str:
    return f"""
    setweight(to_tsvector('english', r.title), 'A')
 || setweight(to_tsvector('english', coalesce({theme_words}, '')), 'B')
 || setweight(to_tsvector('english', r.summary || ' ' || r.plain_summary || ' ' || coalesce({finding_words}, '')), 'C')
 || setweight(to_tsvector('english', coalesce({recommendation_words}, '')), 'D')
"""


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
SELECT r.id, {_vector("tw.words", "fw.words", "cw.words")} AS search_vector,
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


VECTOR_SQL = f"""
UPDATE reviews_review AS r SET search_vector = {VECTOR_EXPRESSION},
    theme_ids = {THEME_IDS_EXPRESSION}, agency_ids = {AGENCY_IDS_EXPRESSION}
WHERE r.id = ANY(%s)
"""
# Every derived column with its expression for a row `r`: for the import, which computes them as it first writes
# new reviews (their findings, recommendations and links written before them) instead of updating them after.
DERIVED_COLUMNS = {
    "search_vector": VECTOR_EXPRESSION,
    "theme_ids": THEME_IDS_EXPRESSION,
    "agency_ids": AGENCY_IDS_EXPRESSION,
}
# Read by searches: the copied ids, or for a review written without reviews_changed (never refreshed), its links.
THEME_IDS = f"coalesce(r.theme_ids, {THEME_IDS_EXPRESSION})"
AGENCY_IDS = f"coalesce(r.agency_ids, {AGENCY_IDS_EXPRESSION})"


def refresh_search_vectors(review_ids: Iterable[int]) -> None:
    """Recompute the search vectors and facet ids of these reviews in SQL (one UPDATE per 5,000) and forget
    cached results."""
    ids = sorted({int(i) for i in review_ids if i is not None})
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 5000):
            cursor.execute(VECTOR_SQL, [ids[start : start + 5000]])
    forget_cached_results()


def forget_cached_results() -> None:
    """Make every process's cached search results stale by moving the generation counter on.

    Moved now, so searches in this transaction see fresh results; and again at commit, because a search in
    another connection may have read the new number before this transaction's data was visible to it.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nextval('{GENERATION_SEQUENCE}')")
    if connection.in_atomic_block:
        transaction.on_commit(_bump_generation)


def _bump_generation() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nextval('{GENERATION_SEQUENCE}')")


def on_reviews_changed(sender, review_ids: list[int], search_ready: Iterable[int] = (), **kwargs) -> None:
    # Reviews whose derived columns the writer has just computed (see reviews.signals) need only the cache moved on.
    ready = set(search_ready)
    refresh_search_vectors([i for i in review_ids if i not in ready])


def on_theme_saved(sender, instance: Theme, raw: bool = False, **kwargs) -> None:
    # Theme names and synonyms are part of the vectors of the theme's reviews. (Fixtures being loaded: raw.)
    ids = [] if raw else list(instance.reviews.values_list("id", flat=True))
    refresh_search_vectors(ids)


def on_theme_deleting(sender, instance: Theme, **kwargs) -> None:
    # After the delete the theme's links are gone, so note now whose vectors hold its words.
    instance._search_review_ids = list(instance.reviews.values_list("id", flat=True))


def on_theme_deleted(sender, instance: Theme, **kwargs) -> None:
    refresh_search_vectors(getattr(instance, "_search_review_ids", []))


def on_labels_changed(sender, **kwargs) -> None:
    # Boards, regions and agencies: names shown in results and facets.
    forget_cached_results()


# ---------------------------------------------------------------------------------------------------------------
# What can be searched for: names and ids of facet values, loaded in one query per request


@dataclass(frozen=True)
class Choice:
    id: int
    slug: str
    name: str
    region_id: int | None = None  # boards only


@dataclass
class Vocabulary:
    regions: dict[str, Choice]
    boards: dict[str, Choice]
    themes: dict[str, Choice]
    agencies: dict[str, Choice]
    # Both part of the key of cached results: the generation moves on with every change to reviews and their
    # labels; the newest review's id also catches reviews added without reviews_changed (tests, the shell).
    latest_review_id: int
    generation: int

    def by_id(self, kind: str) -> dict[int, Choice]:
        return {c.id: c for c in getattr(self, kind).values()}


def load_vocabulary() -> Vocabulary:
    """Regions, boards, themes and agencies with ids and names, the newest review's id and the cache
    generation: one query."""
    sql = f"""
        SELECT 'regions', id, slug, name, NULL FROM {Region._meta.db_table}
        UNION ALL SELECT 'boards', id, slug, name, region_id FROM {Board._meta.db_table}
        UNION ALL SELECT 'themes', id, slug, name, NULL FROM {Theme._meta.db_table}
        UNION ALL SELECT 'agencies', id, slug, name, NULL FROM {Agency._meta.db_table}
        UNION ALL SELECT 'latest', coalesce(max(id), 0), '', '', NULL FROM {Review._meta.db_table}
        UNION ALL SELECT 'generation', last_value, '', '', NULL FROM {GENERATION_SEQUENCE}
    """
    groups: dict[str, list[Choice]] = {"regions": [], "boards": [], "themes": [], "agencies": []}
    latest = generation = 0
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for kind, pk, slug, name, region_id in cursor.fetchall():
            if kind == "latest":
                latest = pk
            elif kind == "generation":
                generation = pk
            else:
                groups[kind].append(Choice(pk, slug, name, region_id))
    return Vocabulary(
        **{
            kind: {c.slug: c for c in sorted(choices, key=lambda c: c.name.lower())} for kind, choices in groups.items()
        },
        latest_review_id=latest,
        generation=generation,
    )


# ---------------------------------------------------------------------------------------------------------------
# Parameters and results


@dataclass(frozen=True)
class SearchParams:
    """A validated search: what the page, the API and the export were asked for. Values are slugs or codes."""

    q: str = ""
    review_type: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    board: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    age_band: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    agency: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    sort: str = ""  # "" means the default: best match with text, newest without
    page: int = 1

    @property
    def effective_sort(self) -> str:
        if self.sort in SORTS and (self.sort != "relevance" or self.q):
            return self.sort
        return "relevance" if self.q else "newest"

    @property
    def has_filters(self) -> bool:
        return any(getattr(self, name) for name in FACETS) or self.year_from is not None or self.year_to is not None

    def facet_values(self, facet: str) -> tuple:
        return getattr(self, facet)

    def without(self, facet: str, value=None) -> "SearchParams":
        """These parameters with one facet value (or the whole facet, or the text with facet "q") taken away."""
        if facet == "q":
            return replace(self, q="", page=1)
        if facet in ("year_from", "year_to"):
            return replace(self, **{facet: None}, page=1)
        values = getattr(self, facet)
        kept = () if value is None else tuple(v for v in values if v != value)
        return replace(self, **{facet: kept}, page=1)

    def as_query(self) -> list[tuple[str, str]]:
        """Query-string pairs for these parameters (the URL holds the whole state)."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for facet in FACETS:
            pairs.extend((facet, str(value)) for value in getattr(self, facet))
        if self.year_from is not None:
            pairs.append(("year_from", str(self.year_from)))
        if self.year_to is not None:
            pairs.append(("year_to", str(self.year_to)))
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        return pairs


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class ResultRow:
    id: int
    title: str
    slug: str
    url: str
    review_type: str
    review_type_label: str
    board: str
    board_slug: str
    region: str
    region_slug: str
    published_on: str  # YYYY-MM-DD
    published_year_only: bool
    age_band: str
    age_band_label: str
    themes: list[tuple[str, str]]  # (slug, name)
    snippet: SafeString

    @property
    def year(self) -> str:
        return self.published_on[:4]

    @property
    def published(self) -> str:
        """As in the import format: YYYY when only the year is known, otherwise YYYY-MM-DD."""
        return self.year if self.published_year_only else self.published_on


@dataclass
class SearchResult:
    params: SearchParams
    count: int
    page: int
    pages: int
    results: list[ResultRow]
    facets: dict[str, list[FacetValue]]
    # "all": every word matched; "any": the fallback, best partial matches first; "": no text searched
    match: str = ""
    every_word: int = 0  # with match "any": how many reviews have every word (they come first)
    messages: list[str] = field(default_factory=list)

    @property
    def sort(self) -> str:
        return self.params.effective_sort

    def selected_filters(self) -> list[dict]:
        """Each active filter with its label and the query string of this search without it."""
        labels = {facet: {v.value: v.label for v in values} for facet, values in self.facets.items()}
        selected = []
        if self.params.q:
            selected.append({"facet": "Search", "label": f"‘{self.params.q}’", "query": self.params.without("q")})
        for facet in FACETS:
            for value in self.params.facet_values(facet):
                label = labels[facet].get(str(value), str(value))
                selected.append(
                    {"facet": FACET_LABELS[facet], "label": label, "query": self.params.without(facet, value)}
                )
        if self.params.year_from is not None:
            selected.append(
                {"facet": "From", "label": str(self.params.year_from), "query": self.params.without("year_from")}
            )
        if self.params.year_to is not None:
            selected.append({"facet": "To", "label": str(self.params.year_to), "query": self.params.without("year_to")})
        for item in selected:
            item["query"] = urlencode(item["query"].as_query())
        return selected

    def query_string(self, **changes) -> str:
        """This search's query string, with some parameters changed (e.g. page=2)."""
        return urlencode(replace(self.params, **changes).as_query())


# ---------------------------------------------------------------------------------------------------------------
# Cleaning the query text


_CONTROL = {"Cc", "Cs", "Co", "Cn"}


def clean_query_text(text: str) -> tuple[str, list[str]]:
    """The query as searched: control characters gone, spaces collapsed, at most MAX_QUERY_LENGTH characters."""
    messages = []
    cleaned = "".join(" " if unicodedata.category(ch) in _CONTROL else ch for ch in text)
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > MAX_QUERY_LENGTH:
        cleaned = cleaned[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or cleaned[:MAX_QUERY_LENGTH]
        messages.append(f"Your search was very long, so only its first {MAX_QUERY_LENGTH} characters were used.")
    return cleaned, messages


_OPERATORS = re.compile(r'"|(?:^|\s)-\S|(?:^|\s)or(?:\s|$)', re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")


def _plain_words(q: str) -> list[str]:
    """The distinct words of a query without search operators; [] if it uses quotes, `or` or `-word`."""
    if _OPERATORS.search(q):
        return []
    seen: dict[str, None] = {}
    for word in _WORD.findall(q.lower()):
        seen.setdefault(word, None)
    return list(seen)[:MAX_TERMS]


# ---------------------------------------------------------------------------------------------------------------
# The SQL. Named parameters throughout, so fragments can be combined without counting placeholders.


def _published_sql() -> tuple[str, dict]:
    """Review.objects.published() as SQL (the one public read path), for every search statement to start from."""
    qs = Review.objects.published().values(
        "id",
        "title",
        "slug",
        "reference",
        "review_type",
        "board_id",
        "published_on",
        "published_year_only",
        "age_band",
        "summary",
        "search_vector",
        "theme_ids",
        "agency_ids",
    )
    sql, params = qs.query.sql_with_params()
    names = [f"published_{i}" for i in range(len(params))]
    return sql % tuple(f"%({name})s" for name in names), dict(zip(names, params, strict=True))


@dataclass
class _Text:
    """How the text is matched: a tsquery expression and its params; for the any-word fallback, the words."""

    tsquery: str
    params: dict
    fallback: bool = False
    every_word: int = 0  # with the fallback: how many reviews have every word (fewer than FALLBACK_BELOW)


def _filters(params: SearchParams, vocabulary: Vocabulary) -> tuple[dict[str, str], dict]:
    """For each active facet, a SQL condition on a matching review (r: review, b: its board); and the params."""
    conditions: dict[str, str] = {}
    values: dict = {}
    if params.review_type:
        conditions["review_type"] = "r.review_type = ANY(%(review_types)s)"
        values["review_types"] = list(params.review_type)
    if params.region:
        conditions["region"] = "b.region_id = ANY(%(regions)s)"
        values["regions"] = [vocabulary.regions[s].id for s in params.region]
    if params.board:
        conditions["board"] = "r.board_id = ANY(%(boards)s)"
        values["boards"] = [vocabulary.boards[s].id for s in params.board]
    years = []
    if params.year:
        years.append("extract(year FROM r.published_on)::int = ANY(%(years)s)")
        values["years"] = list(params.year)
    if params.year_from is not None:
        years.append("r.published_on >= make_date(%(year_from)s, 1, 1)")
        values["year_from"] = params.year_from
    if params.year_to is not None:
        years.append("r.published_on < make_date(%(year_to)s, 1, 1)")
        values["year_to"] = params.year_to + 1
    if years:
        conditions["year"] = " AND ".join(years)
    if params.age_band:
        conditions["age_band"] = "r.age_band = ANY(%(age_bands)s)"
        values["age_bands"] = list(params.age_band)
    if params.theme:
        conditions["theme"] = f"{THEME_IDS} && %(themes)s::bigint[]"
        values["themes"] = [vocabulary.themes[s].id for s in params.theme]
    if params.agency:
        conditions["agency"] = f"{AGENCY_IDS} && %(agencies)s::bigint[]"
        values["agencies"] = [vocabulary.agencies[s].id for s in params.agency]
    return conditions, values


def _every(conditions: Iterable[str]) -> str:
    conditions = list(conditions)
    return " AND ".join(f"({c})" for c in conditions) if conditions else "TRUE"


def _analyse_text(params: SearchParams, vocabulary: Vocabulary, messages: list[str]) -> _Text | None:
    """Decide how to match the text: strictly, or (a plain sentence with few strict matches) by any word.

    One query: whether the text has searchable words, the strict matches up to FALLBACK_BELOW (only for plain
    queries of several words), and the distinct stemmed words.
    """
    words = _plain_words(params.q)
    may_fall_back = len(words) >= 2
    published, sql_params = _published_sql()
    conditions, filter_params = _filters(params, vocabulary)
    sql_params.update(filter_params, q=params.q, words=" ".join(words))
    strict_count = "NULL"
    if may_fall_back:
        strict_count = f"""(SELECT count(*) FROM (
            SELECT 1 FROM ({published}) AS r JOIN reviews_board AS b ON b.id = r.board_id
            WHERE r.search_vector @@ websearch_to_tsquery('{CONFIG}', %(q)s) AND {_every(conditions.values())}
            LIMIT {FALLBACK_BELOW}) AS s)"""
    # The words' stems, as the vectors hold them: to_tsvector stems and drops very common words.
    sql = f"""
        SELECT numnode(websearch_to_tsquery('{CONFIG}', %(q)s)), {strict_count},
               (SELECT array_agg(lexeme) FROM unnest(to_tsvector('{CONFIG}', %(words)s)))
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, sql_params)
        nodes, strict_matches, terms = cursor.fetchone()
    if not nodes:
        messages.append(
            f"‘{params.q}’ has no words that can be searched for (very common words such as ‘the’ are left out), "
            "so all reviews are shown."
        )
        return None
    terms = (terms or [])[:MAX_TERMS]
    if may_fall_back and len(terms) >= 2 and strict_matches < FALLBACK_BELOW:
        # Any of the stems: each made a tsquery by plainto_tsquery('simple'), which never fails to parse and
        # leaves a stem as it is; passed as parameters, never written into the SQL.
        term_params = {f"term_{i}": term for i, term in enumerate(terms)}
        tsquery = " || ".join(f"plainto_tsquery('simple', %({name})s)" for name in term_params)
        return _Text(
            tsquery=f"({tsquery})", params={**term_params, "terms": terms}, fallback=True, every_word=strict_matches
        )
    return _Text(tsquery=f"websearch_to_tsquery('{CONFIG}', %(q)s)", params={"q": params.q})


def _rank_sql(text: _Text | None) -> tuple[str, str]:
    """(words matched, rank) expressions. Strict matches rank by ts_rank_cd (weights, and words close together).
    The fallback ranks by how many of the words a review has (the stems ts_delete takes out of its vector), then
    by ts_rank, which is several times cheaper than ts_rank_cd for a query of many words."""
    if text is None:
        return "NULL::int", "NULL::real"
    if text.fallback:
        words = "length(r.search_vector) - length(ts_delete(r.search_vector, %(terms)s::text[]))"
        return words, f"ts_rank(r.search_vector, {text.tsquery})"
    return "NULL::int", f"ts_rank_cd(r.search_vector, {text.tsquery})"


ORDERS = {
    "relevance": "{p}words DESC NULLS LAST, {p}rank DESC NULLS LAST, {p}published_on DESC, {p}id DESC",
    "newest": "{p}published_on DESC, {p}id DESC",
    "oldest": "{p}published_on ASC, {p}id ASC",
}


def _main_sql(
    params: SearchParams, vocabulary: Vocabulary, text: _Text | None, *, with_facets: bool = True
) -> tuple[str, dict]:
    """The one statement: matching reviews, every facet's counts, the total, and the page's rows with snippets.

    Without facets (already known, when only the page or the order changed) the CTE holds only the reviews that
    pass every filter, and no counts are made.
    """
    published, sql_params = _published_sql()
    conditions, filter_params = _filters(params, vocabulary)
    sql_params.update(filter_params)
    names = list(conditions) if with_facets else []

    # Flags: does a review pass each active filter? A review failing two or more is no use to any count.
    flags = "".join(f", ({conditions[n]}) AS f_{n}" for n in names)
    ids = f", {THEME_IDS} AS theme_ids, {AGENCY_IDS} AS agency_ids" if with_facets else ""
    prune = ""
    if len(names) >= 2:
        prune = "AND (" + " + ".join(f"(NOT ({conditions[n]}))::int" for n in names) + ") <= 1"

    def passing(*, but: str | None = None) -> str:
        return _every(f"f_{n}" for n in names if n != but)

    def count_for(facet: str) -> str:
        condition = passing(but=facet)
        return "count(*)" if condition == "TRUE" else f"count(*) FILTER (WHERE {condition})"

    sort = params.effective_sort
    words, rank = _rank_sql(text) if sort == "relevance" else ("NULL::int", "NULL::real")
    # Ranking reads each review's vector, so it is worked out only for reviews that pass every filter.
    every_filter = _every(conditions.values())
    text_match = ""
    snippet = "left(r.summary, 1000)"
    if text:
        sql_params.update(text.params)
        text_match = f"AND r.search_vector @@ {text.tsquery}"
        snippet = f"ts_headline('{CONFIG}', translate(r.summary, %(marks)s, ''), {text.tsquery}, %(headline)s)"
        sql_params.update(marks=START_MARK + STOP_MARK, headline=HEADLINE_OPTIONS)
    sql_params["page"] = min(max(params.page, 1), MAX_PAGE)
    order = ORDERS[sort].format(p="m.")

    facets_cte = ""
    if with_facets:
        facets_cte = f"""facets AS (
        SELECT CASE WHEN GROUPING(review_type) = 0 THEN 'review_type'
                    WHEN GROUPING(region_id) = 0 THEN 'region'
                    WHEN GROUPING(board_id) = 0 THEN 'board'
                    WHEN GROUPING(year) = 0 THEN 'year'
                    ELSE 'age_band' END AS facet,
               coalesce(review_type, region_id::text, board_id::text, year::text, age_band) AS value,
               CASE WHEN GROUPING(review_type) = 0 THEN {count_for("review_type")}
                    WHEN GROUPING(region_id) = 0 THEN {count_for("region")}
                    WHEN GROUPING(board_id) = 0 THEN {count_for("board")}
                    WHEN GROUPING(year) = 0 THEN {count_for("year")}
                    ELSE {count_for("age_band")} END AS n
        FROM m GROUP BY GROUPING SETS ((review_type), (region_id), (board_id), (year), (age_band))
        UNION ALL
        -- unnest in the select list: about half the time of a lateral join to unnest (one call per review)
        SELECT 'theme', l.id::text, count(*) FROM (SELECT unnest(theme_ids) AS id FROM m
        WHERE {passing(but="theme")}) AS l GROUP BY l.id
        UNION ALL
        SELECT 'agency', l.id::text, count(*) FROM (SELECT unnest(agency_ids) AS id FROM m
        WHERE {passing(but="agency")}) AS l GROUP BY l.id
    ),
    """

    sql = f"""
    WITH m AS MATERIALIZED (
        SELECT r.id, r.review_type, b.region_id, r.board_id, extract(year FROM r.published_on)::int AS year,
               r.age_band, r.published_on {ids} {flags},
               CASE WHEN {every_filter} THEN {words} END AS words,
               CASE WHEN {every_filter} THEN {rank} END AS rank
        FROM ({published}) AS r JOIN reviews_board AS b ON b.id = r.board_id
        WHERE {"TRUE" if with_facets else every_filter} {text_match} {prune}
    ),
    total AS (SELECT count(*) AS n FROM m WHERE {passing()}),
    page AS (  -- LIMIT right over the sort keeps only the top rows (a window function would sort every match)
        SELECT m.id, m.words, m.rank FROM m WHERE {passing()}
        ORDER BY {order}
        LIMIT {PAGE_SIZE}
        OFFSET (SELECT (least(%(page)s, greatest(1, ceil(n / {PAGE_SIZE}.0)::int)) - 1) * {PAGE_SIZE} FROM total)
    ),
    {facets_cte}
    rows AS (
        SELECT p.words, p.rank, r.id, r.title, r.slug, r.review_type, r.published_on, r.published_year_only,
               r.age_band, r.board_id, {snippet} AS snippet,
               (SELECT coalesce(json_agg(t.slug ORDER BY t.name), '[]') FROM {THEME_LINK} AS l
                JOIN themes_theme AS t ON t.id = l.theme_id WHERE l.review_id = r.id) AS themes
        FROM page AS p JOIN ({published}) AS r ON r.id = p.id
    )
    SELECT (SELECT n FROM total),
           {
        "(SELECT coalesce(json_agg(json_build_array(facet, value, n)), '[]') FROM facets WHERE n > 0)"
        if with_facets
        else "NULL"
    },
           (SELECT coalesce(json_agg(json_build_object(
                'id', id, 'title', title, 'slug', slug, 'review_type', review_type, 'published_on', published_on,
                'year_only', published_year_only, 'age_band', age_band, 'board_id', board_id,
                'snippet', snippet, 'themes', themes) ORDER BY {ORDERS[sort].format(p="")}), '[]') FROM rows)
    """
    return sql, sql_params


# ---------------------------------------------------------------------------------------------------------------
# Searching


class _ResultCache:
    """A small least-recently-used cache in this process; keys carry the shared generation token."""

    def __init__(self, size: int):
        self.size = size
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_results = _ResultCache(_RESULT_CACHE_SIZE)


def clear_result_cache() -> None:
    """Forget this process's cached results (the benchmark uses it to time uncached searches)."""
    _results.clear()


def _compute(params: SearchParams, vocabulary: Vocabulary, known: dict | None) -> dict:
    """Run the search; `known` is what an earlier search with the same text and filters found (facets, total,
    how the text matched), so that changing only the page or the order does not count everything again."""
    if known is None:
        messages: list[str] = []
        text = _analyse_text(params, vocabulary, messages) if params.q else None
    else:
        messages, text = known["messages"], known["text"]
    if params.q and text is None:
        params = replace(params, q="")
    sql, sql_params = _main_sql(params, vocabulary, text, with_facets=known is None)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(PLANNER_SETTINGS)
        cursor.execute(sql, sql_params)
        total, facets, rows = cursor.fetchone()
    return {
        "total": total,
        "facets": facets if known is None else known["facets"],
        "rows": rows,
        "match": "" if text is None else ("any" if text.fallback else "all"),
        "every_word": text.every_word if text else 0,
        "messages": messages,
        "text": text,
        "q": params.q,
    }


def search_reviews(params: SearchParams, vocabulary: Vocabulary | None = None) -> SearchResult:
    """Search published reviews: the page of results, every facet's counts, the total.

    Queries: the vocabulary with the cache generation (if not given); then, unless cached, one to decide how to
    match the text (only with text) and one statement for everything else (after a transaction-local setting).
    Another page or order of a search already made skips the text analysis and the counting.
    The result is shared with later callers through the cache: treat it as read-only.
    """
    vocabulary = vocabulary or load_vocabulary()
    params = _known_values_only(params, vocabulary)
    version = (vocabulary.generation, vocabulary.latest_review_id)
    key = (*version, params)
    result = _results.get(key)
    if result is None:
        counts_key = (*version, "counts", replace(params, page=1, sort=""))
        known = _results.get(counts_key)
        data = _compute(params, vocabulary, known)
        if known is None:
            _results.put(counts_key, {k: data[k] for k in ("facets", "messages", "text")})
        result = _build_result(params, vocabulary, data)
        _results.put(key, result)
    return result


def _known_values_only(params: SearchParams, vocabulary: Vocabulary) -> SearchParams:
    # The FilterSet has already reported unknown values; this keeps direct callers from hitting a KeyError.
    known = {
        "region": vocabulary.regions,
        "board": vocabulary.boards,
        "theme": vocabulary.themes,
        "agency": vocabulary.agencies,
        "review_type": dict(Review.ReviewType.choices),
        "age_band": dict(Review.AgeBand.choices),
    }
    changes = {
        facet: tuple(v for v in getattr(params, facet) if v in values)[:MAX_VALUES] for facet, values in known.items()
    }
    changes["year"] = tuple(y for y in params.year if MIN_YEAR <= y <= MAX_YEAR)[:MAX_VALUES]
    q, _ = clean_query_text(params.q)
    changes["q"] = q
    return replace(params, **changes)


def _snippet(text: str, highlighted: bool) -> SafeString:
    if not highlighted:
        return escape(Truncator(text).words(SNIPPET_WORDS, truncate=" …"))
    escaped = str(escape(text))
    return mark_safe(escaped.replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>"))  # noqa: S308 - escaped


def _build_result(params: SearchParams, vocabulary: Vocabulary, data: dict) -> SearchResult:
    boards = vocabulary.by_id("boards")
    regions = vocabulary.by_id("regions")
    type_labels = dict(Review.ReviewType.choices)
    age_labels = dict(Review.AgeBand.choices)
    results = []
    for row in data["rows"]:
        board = boards.get(row["board_id"])
        region = regions.get(board.region_id) if board else None
        results.append(
            ResultRow(
                id=row["id"],
                title=row["title"],
                slug=row["slug"],
                url=reverse("reviews:detail", args=[row["slug"]]),
                review_type=row["review_type"],
                review_type_label=type_labels.get(row["review_type"], row["review_type"]),
                board=board.name if board else "",
                board_slug=board.slug if board else "",
                region=region.name if region else "",
                region_slug=region.slug if region else "",
                published_on=row["published_on"],
                published_year_only=row["year_only"],
                age_band=row["age_band"],
                age_band_label=age_labels.get(row["age_band"], ""),
                themes=[(slug, vocabulary.themes[slug].name) for slug in row["themes"] if slug in vocabulary.themes],
                snippet=_snippet(row["snippet"], highlighted=bool(data["match"])),
            )
        )
    total = data["total"]
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(params.page, 1), MAX_PAGE, pages)
    messages = list(data["messages"])
    if params.page > pages:
        messages.append(
            f"There {'is' if pages == 1 else 'are'} only {pages} page{'s' if pages != 1 else ''} of "
            f"results, so page {pages} is shown."
        )
    return SearchResult(
        params=replace(params, q=data["q"], page=page),
        count=total,
        page=page,
        pages=pages,
        results=results,
        facets=_facet_values(params, vocabulary, data["facets"]),
        match=data["match"],
        every_word=data["every_word"],
        messages=messages,
    )


def _facet_values(params: SearchParams, vocabulary: Vocabulary, rows: list) -> dict[str, list[FacetValue]]:
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for facet, value, n in rows:
        counts[facet][value] = n

    def listed(facet: str, choices: list[tuple[str, str, str]]) -> list[FacetValue]:
        """choices: (value in URLs, key in counts, label); zero counts left out unless selected."""
        selected = {str(v) for v in params.facet_values(facet)}
        values = []
        for value, key, label in choices:
            n = counts[facet].get(key, 0)
            if n or value in selected:
                values.append(FacetValue(value=value, label=label, count=n, selected=value in selected))
        return values

    years = sorted({int(y) for y in counts["year"]} | set(params.year), reverse=True)
    return {
        "review_type": listed("review_type", [(c, c, label) for c, label in Review.ReviewType.choices]),
        "region": listed("region", [(c.slug, str(c.id), c.name) for c in vocabulary.regions.values()]),
        "board": listed("board", [(c.slug, str(c.id), c.name) for c in vocabulary.boards.values()]),
        "year": listed("year", [(str(y), str(y), str(y)) for y in years]),
        "age_band": listed("age_band", [(c, c, label) for c, label in Review.AgeBand.choices]),
        "theme": listed("theme", [(c.slug, str(c.id), c.name) for c in vocabulary.themes.values()]),
        "agency": listed("agency", [(c.slug, str(c.id), c.name) for c in vocabulary.agencies.values()]),
    }


# ---------------------------------------------------------------------------------------------------------------
# For the search page's template


def search_page_context(result: SearchResult, messages: list[str]) -> dict:
    """What templates/reviews/review_list.html needs: the result, facet groups, removable filters, pagination."""
    paginator = Paginator(range(result.count), PAGE_SIZE)
    page_obj = paginator.get_page(result.page)
    without_page = result.query_string(page=1)
    return {
        "result": result,
        "messages": messages,
        "facet_groups": [
            {
                "name": facet,
                "label": FACET_LABELS[facet],
                "values": result.facets[facet],
                "open": any(value.selected for value in result.facets[facet]),
            }
            for facet in FACETS
        ],
        "selected_filters": result.selected_filters(),
        "clear_filters_query": urlencode([("q", result.params.q)]) if result.params.q else "",
        "sorts": SORTS,
        "filtered": bool(result.params.q or result.params.has_filters),
        "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1),
        "query_without_page": f"{without_page}&" if without_page else "",
        "download_query": without_page,
    }


# ---------------------------------------------------------------------------------------------------------------
# Every match, for the CSV export


def iter_matches(params: SearchParams, vocabulary: Vocabulary | None = None) -> Iterator[dict]:
    """Every matching review, in the search's order, with its board, region, themes and agencies.

    Read in chunks of 1,000 from a server-side cursor, so a large export never sits in memory.
    """
    vocabulary = vocabulary or load_vocabulary()
    params = _known_values_only(params, vocabulary)
    text = _analyse_text(params, vocabulary, []) if params.q else None
    if text is None:
        params = replace(params, q="")
    published, sql_params = _published_sql()
    conditions, filter_params = _filters(params, vocabulary)
    sql_params.update(filter_params)
    sort = params.effective_sort
    words, rank = _rank_sql(text) if sort == "relevance" else ("NULL::int", "NULL::real")
    text_match = ""
    if text:
        sql_params.update(text.params)
        text_match = f"AND r.search_vector @@ {text.tsquery}"
    sql = f"""
        SELECT r.id, r.title, r.slug, r.reference, r.review_type, b.name AS board, g.name AS region, r.published_on,
               r.published_year_only, r.age_band, r.summary,
               (SELECT coalesce(string_agg(t.name, '; ' ORDER BY t.name), '') FROM {THEME_LINK} AS l
                JOIN themes_theme AS t ON t.id = l.theme_id WHERE l.review_id = r.id) AS themes,
               (SELECT coalesce(string_agg(a.name, '; ' ORDER BY a.name), '') FROM {AGENCY_LINK} AS l
                JOIN reviews_agency AS a ON a.id = l.agency_id WHERE l.review_id = r.id) AS agencies,
               {words} AS words, {rank} AS rank
        FROM ({published}) AS r JOIN reviews_board AS b ON b.id = r.board_id
        JOIN reviews_region AS g ON g.id = b.region_id
        WHERE {_every(conditions.values())} {text_match}
        ORDER BY {ORDERS[sort].format(p="")}
    """  # bare names in ORDER BY are the output columns above
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, sql_params)
        columns = [column.name for column in cursor.description]
        while chunk := cursor.fetchmany(1000):
            for row in chunk:
                yield dict(zip(columns, row, strict=True))
