"""Full-text search with facet counts: the one function the search page, the JSON API and the CSV export call.

How a search runs (see search_reviews):
1. Each review's words are stored as a weighted tsvector (`SearchDocument.vector`: title A, theme names and
   synonyms B, summaries and findings C, recommendations D) in a narrow table with a GIN index. They are derived
   data, recomputed in SQL by `refresh_search_vectors` whenever `reviews_changed` is sent.
2. Text is matched strictly with `websearch_to_tsquery` (phrases, `or`, `-word`): one query reads the ids of
   every matching review. A plain query of several words that matches fewer than FALLBACK_BELOW reviews falls
   back to "any of these words", grouped by how many of the words a review has, so a sentence still finds the
   closest reviews.
3. Filters and every facet's counts come from an in-memory index of published reviews' facet values
   (reviews.search_index): bitsets, so a facet's counts apply every other active filter but not its own at the
   cost of an AND and a popcount per value, whatever the number of matches.
4. The page's order: newest or oldest first straight from the index; best match first by exact ranks
   (ts_rank_cd) of up to RANK_AT_MOST reviews (of each group of the fallback), the newest, with the rest of the
   matches after them newest first. Then one query reads the page's 20 rows with their snippets (ts_headline,
   for those rows only) and themes.
5. Results are kept in a small per-process cache keyed by a generation counter (a PostgreSQL sequence read in
   the same query as the facet vocabulary); `reviews_changed` and changes to themes, boards, regions and agencies
   move it on, so a cached answer (or index) is never used after the data it came from has changed.

Every statement starts from the SQL of `Review.objects.published()`, the one public read path.
"""

import functools
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.urls import reverse
from django.utils.safestring import SafeString

from themes.models import Theme

from . import snippets
from .models import Agency, Board, Region, Review, SearchDocument
from .search_index import ReviewIndex, current_index, integers
from .snippets import START_MARK, STOP_MARK

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

# ts_headline marks matched words with private-use characters, which reviews.snippets turns into <mark> tags.
FRAGMENT_DELIMITER = "\ue002"
HEADLINE_OPTIONS = (
    f"StartSel={START_MARK}, StopSel={STOP_MARK}, MaxWords=20, MinWords=10, ShortWord=2, "
    f'MaxFragments=2, FragmentDelimiter="{FRAGMENT_DELIMITER}"'
)
SNIPPET_WORDS = 40

GENERATION_SEQUENCE = "reviews_search_generation"  # made by migration 0004_search_generation
THEME_LINK = Review.themes.through._meta.db_table
AGENCY_LINK = Review.agencies.through._meta.db_table
_RESULT_CACHE_SIZE = 256
# What texts matched, as bitsets of the index (up to 21 for a sentence: 260 kB at 100,000 reviews): fewer kept.
_TEXT_CACHE_SIZE = 32
# Best match first: exact ranks for at most this many reviews (of each group of the any-word fallback).
RANK_AT_MOST = 500
# Words that must be next to each other (a quoted phrase; a hyphenated or dotted word, which the parser splits
# into a phrase) are checked against every candidate's stored words, not only the index. PostgreSQL's parallel
# workers share that work when told it is worth starting them: "coercive control" at 100,000 reviews took 50 ms
# instead of 88 here. Other searches read only the index and the narrow rows, where starting workers costs more.
_PHRASE = re.compile(r'"|[^\W_][-/.@\'’][^\W_]')
PARALLEL_SETTINGS = (
    "SELECT set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0', true),"
    " set_config('min_parallel_table_scan_size', '0', true)"
)
PARALLEL_RESET = "RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size"


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


SEARCH_DOCUMENT = SearchDocument._meta.db_table
# The words of the reviews in `ids`, written or rewritten; drafts too, so that publishing needs no other step.
VECTOR_SQL = f"""
INSERT INTO {SEARCH_DOCUMENT} AS d (review_id, vector)
SELECT r.id, {VECTOR_EXPRESSION} FROM reviews_review AS r WHERE r.id = ANY(%s)
ON CONFLICT (review_id) DO UPDATE SET vector = EXCLUDED.vector
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
    return f"INSERT INTO {SEARCH_DOCUMENT} (review_id, vector) SELECT id, search_vector FROM {derived_rows}"


# Read by searches: the copied ids, or for a review written without reviews_changed (never refreshed), its links.
THEME_IDS = f"coalesce(r.theme_ids, {THEME_IDS_EXPRESSION})"
AGENCY_IDS = f"coalesce(r.agency_ids, {AGENCY_IDS_EXPRESSION})"


def refresh_search_vectors(review_ids: Iterable[int]) -> None:
    """Recompute the search words and facet ids of these reviews in SQL (5,000 at a time) and forget
    cached results."""
    ids = sorted({int(i) for i in review_ids if i is not None})
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 5000):
            cursor.execute(VECTOR_SQL, [ids[start : start + 5000]])
            cursor.execute(FACET_IDS_SQL, [ids[start : start + 5000]])
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
    sql, params = _published_query()
    return sql, dict(params)


@functools.cache
def _published_query() -> tuple[str, tuple]:
    # The same every time: worked out once per process (Django's compiler took 0.8 ms of every statement).
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
        "theme_ids",
        "agency_ids",
    )
    sql, params = qs.query.sql_with_params()
    names = [f"published_{i}" for i in range(len(params))]
    return sql % tuple(f"%({name})s" for name in names), tuple(zip(names, params, strict=True))


@dataclass
class _Text:
    """How the text is matched: a tsquery expression and its params (for SQL), and the published reviews it
    matches as a bitset of the search index; for the any-word fallback, the reviews with at least k words."""

    tsquery: str
    params: dict
    matches: int = 0
    fallback: bool = False
    every_word: int = 0  # with the fallback: how many reviews have every word (fewer than FALLBACK_BELOW)
    # With the fallback: at_least[k - 1] is the bitset of reviews with at least k of the words.
    at_least: tuple[int, ...] = ()

    @property
    def rank(self) -> str:
        """The rank of a review's words `d.vector`. Strict matches rank by ts_rank_cd (weights, and words close
        together); the fallback, whose reviews are first grouped by how many words they have, by ts_rank, which
        is several times cheaper than ts_rank_cd for a query of many words."""
        function = "ts_rank" if self.fallback else "ts_rank_cd"
        return f"{function}(d.vector, {self.tsquery})"


def _filters(params: SearchParams, vocabulary: Vocabulary) -> tuple[dict[str, str], dict]:
    """For each active facet, a SQL condition on a matching review (r: review, b: its board); and the params.

    For the SQL readers of a search (feeds and alerts); the search itself filters with the index (_masks)."""
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


def _masks(params: SearchParams, vocabulary: Vocabulary, index: ReviewIndex) -> dict[str, int]:
    """For each active facet, the bitset of the reviews that pass its filter."""
    masks = {}
    for facet, choices in (
        ("region", vocabulary.regions),
        ("board", vocabulary.boards),
        ("theme", vocabulary.themes),
        ("agency", vocabulary.agencies),
    ):
        if values := params.facet_values(facet):
            masks[facet] = index.any_of(facet, [choices[slug].id for slug in values])
    for facet in ("review_type", "age_band"):
        if values := params.facet_values(facet):
            masks[facet] = index.any_of(facet, values)
    if params.year or params.year_from is not None or params.year_to is not None:
        first = params.year_from if params.year_from is not None else -1  # no lower bound
        last = params.year_to if params.year_to is not None else 10_000  # no upper bound
        years = [y for y in index.values["year"] if first <= int(y) <= last]
        if params.year:
            years = [y for y in years if int(y) in params.year]
        masks["year"] = index.any_of("year", years)
    return masks


def _every_mask(masks: dict[str, int], start: int, *, but: str | None = None) -> int:
    for facet, mask in masks.items():
        if facet != but:
            start &= mask
    return start


def _id_bytes(where: str) -> str:
    """SQL for the ids of the search documents matching `where`, as one bytea (see search_index.integers)."""
    return f"(SELECT string_agg(int8send(d.review_id), ''::bytea) FROM {SEARCH_DOCUMENT} AS d WHERE {where})"


def _analyse_text(
    params: SearchParams, vocabulary: Vocabulary, messages: list[str], index: ReviewIndex | None = None
) -> _Text | None:
    """Decide how to match the text, and find what it matches: strictly, or (a plain sentence with fewer than
    FALLBACK_BELOW strict matches among the reviews passing the filters) by any of its words.

    One query: whether the text has searchable words, its strict matches, and the distinct stemmed words; a
    second for the fallback: the reviews with each word.
    """
    index = index or _index(vocabulary)
    words = _plain_words(params.q)
    strict = f"websearch_to_tsquery('{CONFIG}', %(q)s)"
    # The words' stems, as the vectors hold them: to_tsvector stems and drops very common words.
    sql = f"""
        SELECT numnode({strict}), (SELECT array_agg(lexeme) FROM unnest(to_tsvector('{CONFIG}', %(words)s))),
               {_id_bytes(f"d.vector @@ {strict}")}
    """
    phrase = bool(_PHRASE.search(params.q))
    nested = connection.in_atomic_block
    with transaction.atomic() if phrase else nullcontext(), connection.cursor() as cursor:
        if phrase:  # settings for this transaction only
            cursor.execute(PARALLEL_SETTINGS)
        cursor.execute(sql, {"q": params.q, "words": " ".join(words)})
        nodes, terms, strict_ids = cursor.fetchone()
        if phrase and nested:  # a savepoint's release keeps them: put them back for the caller's transaction
            cursor.execute(PARALLEL_RESET)
    if not nodes:
        messages.append(
            f"‘{params.q}’ has no words that can be searched for (very common words such as ‘the’ are left out), "
            "so all reviews are shown."
        )
        return None
    matches = index.bitset(integers(strict_ids))
    terms = (terms or [])[:MAX_TERMS]
    if len(words) < 2 or len(terms) < 2:
        return _Text(tsquery=strict, params={"q": params.q}, matches=matches)
    strict_matches = _every_mask(_masks(params, vocabulary, index), matches).bit_count()
    if strict_matches >= FALLBACK_BELOW:
        return _Text(tsquery=strict, params={"q": params.q}, matches=matches)
    # Any of the stems: each made a tsquery by plainto_tsquery('simple'), which never fails to parse and leaves a
    # stem as it is; passed as parameters, never written into the SQL.
    term_params = {f"term_{i}": term for i, term in enumerate(terms)}
    each = [f"plainto_tsquery('simple', %({name})s)" for name in term_params]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(_id_bytes(f"d.vector @@ {one}") for one in each), term_params)
        per_word = [index.bitset(integers(found)) for found in cursor.fetchone()]
    # at_least[k]: reviews with more than k of the words, counted word by word (a few hundred ANDs and ORs).
    at_least: list[int] = []
    for found in per_word:
        at_least.append(0)
        for k in range(len(at_least) - 1, 0, -1):
            at_least[k] |= at_least[k - 1] & found
        at_least[0] |= found
    return _Text(
        tsquery="(" + " || ".join(each) + ")",
        params=term_params,
        matches=at_least[0],
        fallback=True,
        every_word=strict_matches,
        at_least=tuple(at_least),
    )


def _index(vocabulary: Vocabulary) -> ReviewIndex:
    published, params = _published_sql()
    return current_index((vocabulary.generation, vocabulary.latest_review_id), published, params)


# ---------------------------------------------------------------------------------------------------------------
# Ordering: newest and oldest first straight from the index; best match first by exact ranks, within bounds


def _groups(text: _Text, reviews: int) -> list[int]:
    """The reviews in the order of their groups: for the fallback, most words first; otherwise one group."""
    if not text.fallback:
        return [reviews]
    groups, more = [], 0
    for at_least in reversed(text.at_least):
        groups.append(reviews & at_least & ~more)
        more |= at_least
    return [group for group in groups if group]


def _ranked(text: _Text, ids: list[int], start: int, count: int) -> list[int]:
    """`count` of these reviews from the `start`-th, best match first (ties: in the order given)."""
    if not ids or count <= 0:
        return []
    sql = f"""
        SELECT c.id FROM unnest(%(ids)s::bigint[]) WITH ORDINALITY AS c(id, n)
        JOIN {SEARCH_DOCUMENT} AS d ON d.review_id = c.id
        ORDER BY {text.rank} DESC, c.n LIMIT %(count)s OFFSET %(start)s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {**text.params, "ids": list(ids), "start": start, "count": count})
        return [row[0] for row in cursor.fetchall()]


def _best_first(text: _Text, index: ReviewIndex, reviews: int, start: int, count: int) -> list[int]:
    """Ids of `count` of these reviews from the `start`-th, best match first.

    Ranks are exact for up to RANK_AT_MOST reviews of a group: all of them when there are no more, otherwise
    the newest RANK_AT_MOST, which come first in their ranked order, followed by the rest of the group newest
    first. Ranking reads every ranked review's words, 3–4 microseconds each here: ranking all 49,000 matches of a
    common word at 100,000 reviews took 160–190 ms, ranking 500 takes 2–3 ms.
    """
    page: list[int] = []
    seen = 0
    for group in _groups(text, reviews):
        size = group.bit_count()
        if seen + size <= start:
            seen += size
            continue
        first = max(0, start - seen)
        wanted = count - len(page)
        ranked = min(size, RANK_AT_MOST)
        if first < ranked:
            candidates = index.review_ids(group, 0, ranked)
            page += _ranked(text, candidates, first, min(wanted, ranked - first))
        if len(page) < count and max(first, ranked) < size:
            page += index.review_ids(group, max(first, ranked), count - len(page))
        seen += size
        if len(page) >= count:
            break
    return page[:count]


def _in_order(params: SearchParams, text: _Text | None, index: ReviewIndex, reviews: int, start: int, count: int):
    sort = params.effective_sort
    if sort == "relevance" and text is not None:
        return _best_first(text, index, reviews, start, count)
    return index.review_ids(reviews, start, count, oldest_first=sort == "oldest")


def _page_rows(ids: list[int], text: _Text | None) -> list[dict]:
    """The page's reviews in this order, with their snippets (highlighted for a text search) and themes."""
    if not ids:
        return []
    published, sql_params = _published_sql()
    snippet = "left(r.summary, 1000)"
    if text:
        sql_params.update(text.params)
        snippet = f"ts_headline('{CONFIG}', translate(r.summary, %(marks)s, ''), {text.tsquery}, %(headline)s)"
        sql_params.update(marks=START_MARK + STOP_MARK + FRAGMENT_DELIMITER, headline=HEADLINE_OPTIONS)
    sql = f"""
        SELECT coalesce(json_agg(json_build_object(
            'id', r.id, 'title', r.title, 'slug', r.slug, 'review_type', r.review_type,
            'published_on', r.published_on, 'year_only', r.published_year_only, 'age_band', r.age_band,
            'board_id', r.board_id, 'snippet', {snippet}, 'summary', {"r.summary" if text else "''"},
            'themes', (SELECT coalesce(json_agg(t.slug ORDER BY t.name), '[]') FROM {THEME_LINK} AS l
                       JOIN themes_theme AS t ON t.id = l.theme_id WHERE l.review_id = r.id)
        ) ORDER BY c.n), '[]')
        FROM unnest(%(ids)s::bigint[]) WITH ORDINALITY AS c(id, n) JOIN ({published}) AS r ON r.id = c.id
    """
    sql_params["ids"] = list(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, sql_params)
        return cursor.fetchone()[0]


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
_texts = _ResultCache(_TEXT_CACHE_SIZE)


def clear_result_cache() -> None:
    """Forget this process's cached results (the benchmark uses it to time uncached searches)."""
    _results.clear()
    _texts.clear()


def _match(params: SearchParams, vocabulary: Vocabulary, index: ReviewIndex, messages: list[str]) -> _Text | None:
    """What the text matches, from the cache when the same text was searched since the last change: another
    facet ticked, another page or order reads nothing from the database."""
    if not params.q:
        return None
    key = (index.serial, "text", params.q, _fallback_filters(params))
    known = _texts.get(key)
    if known is None:
        found: list[str] = []
        known = {"text": _analyse_text(params, vocabulary, found, index), "messages": found}
        _texts.put(key, known)
    messages += known["messages"]
    return known["text"]


def _fallback_filters(params: SearchParams) -> SearchParams | None:
    # Whether a sentence falls back to any word depends on its strict matches among the filtered reviews, so
    # for plain queries of several words the filters are part of the key.
    return replace(params, q="", sort="", page=1) if len(_plain_words(params.q)) >= 2 else None


def _compute(params: SearchParams, vocabulary: Vocabulary) -> dict:
    """Run the search: the text's matches (SQL, through the words' GIN index), the filters and every facet's
    counts (the in-memory index), the page's order and its rows (SQL)."""
    messages: list[str] = []
    params, index, text, masks, universe = _matching(params, vocabulary, messages)
    facets = [
        (facet, value, n)
        for facet in FACETS
        for value, n in index.counts(_every_mask(masks, universe, but=facet), facet).items()
    ]
    reviews = _every_mask(masks, universe)
    total = reviews.bit_count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(params.page, 1), MAX_PAGE, pages)
    ids = _in_order(params, text, index, reviews, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    return {
        "total": total,
        "facets": facets,
        "rows": _page_rows(ids, text),
        "match": "" if text is None else ("any" if text.fallback else "all"),
        "every_word": text.every_word if text else 0,
        "messages": messages,
        "q": params.q,
        "page": page,
        "pages": pages,
    }


def _matching(params: SearchParams, vocabulary: Vocabulary, messages: list[str]):
    """The search's parameters as searched (text without searchable words left out), the index, how the text
    matched, each active filter's bitset, and the reviews the text matches (all, without text)."""
    index = _index(vocabulary)
    text = _match(params, vocabulary, index, messages)
    if params.q and text is None:
        params = replace(params, q="")
    return params, index, text, _masks(params, vocabulary, index), text.matches if text else index.everything


def search_reviews(params: SearchParams, vocabulary: Vocabulary | None = None) -> SearchResult:
    """Search published reviews: the page of results, every facet's counts, the total.

    Queries: the vocabulary with the cache generation (if not given); the index of facet values when the data
    has changed since this process last built it; then, unless the result is cached, one for what the text
    matches (two for the any-word fallback; none when the same text was searched since the last change), one to
    rank the page's candidates (best match first only), and one for the page's rows.
    The result is shared with later callers through the cache: treat it as read-only.
    """
    vocabulary = vocabulary or load_vocabulary()
    params = _known_values_only(params, vocabulary)
    key = (vocabulary.generation, vocabulary.latest_review_id, params)
    result = _results.get(key)
    if result is None:
        result = _build_result(params, vocabulary, _compute(params, vocabulary))
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


def _snippet(row: dict, highlighted: bool) -> SafeString:
    if not highlighted:
        return snippets.plain_snippet(row["snippet"], SNIPPET_WORDS)
    return snippets.highlighted_snippet(row["summary"], row["snippet"], FRAGMENT_DELIMITER)


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
                snippet=_snippet(row, highlighted=bool(data["match"])),
            )
        )
    total, page, pages = data["total"], data["page"], data["pages"]
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
    """Every matching review, in the search's order (the same as its pages), with its board, region, themes and
    agencies.

    The order comes from the search itself; the rows are read 1,000 at a time, so a large export never sits in
    memory.
    """
    vocabulary = vocabulary or load_vocabulary()
    params = _known_values_only(params, vocabulary)
    params, index, text, masks, universe = _matching(params, vocabulary, [])
    reviews = _every_mask(masks, universe)
    ids = _in_order(params, text, index, reviews, 0, reviews.bit_count())
    published, sql_params = _published_sql()
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
    for start in range(0, len(ids), 1000):
        with connection.cursor() as cursor:
            cursor.execute(sql, {**sql_params, "ids": ids[start : start + 1000]})
            columns = [column.name for column in cursor.description]
            rows = cursor.fetchall()
        for row in rows:
            yield dict(zip(columns, row, strict=True))


def matching_ids_sql(params: SearchParams, vocabulary: Vocabulary | None = None) -> tuple[str, dict]:
    """SQL selecting the ids of the reviews a search matches (any order), and its named parameters: for the
    feeds and alerts that follow a search. Tests check it finds the same reviews as the search."""
    vocabulary = vocabulary or load_vocabulary()
    params = _known_values_only(params, vocabulary)
    text = _match(params, vocabulary, _index(vocabulary), []) if params.q else None
    published, values = _published_sql()
    conditions, filter_values = _filters(params, vocabulary)
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
