"""What a search matches: the text (SQL, through the words' GIN index) and the filters (the in-memory index).

Named SQL parameters throughout, so fragments can be combined without counting placeholders. Every statement
starts from the SQL of `Review.objects.published()`, the one public read path.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from django.db import connection, transaction
from pyroaring import BitMap

from ..models import Review
from .cache import texts
from .index import ReviewIndex, current_index, integers
from .params import MAX_TERMS, SearchParams, plain_words
from .vectors import AGENCY_IDS, SEARCH_DOCUMENT, THEME_IDS, THEME_TEXT
from .vocabulary import THEME_TABLE, Vocabulary

CONFIG = "english"


FALLBACK_BELOW = 5  # a plain query of several words matching fewer reviews than this falls back to any-word


# Every text statement reads the words' GIN index. The planner prices reading the whole table as reading its narrow
# rows alone, not each review's words stored out of line, so for a word most reviews have ("child", "risk") it read
# every review's words: 400-700 ms at 100,000 reviews, against 25-90 ms through the index. JIT compiling is off too:
# the price the planner puts on a path it is told not to take is so high that it compiled every statement (0.4 s).
TEXT_SETTINGS = "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"


# Words that must be next to each other (a quoted phrase; a word with a slash, dot or apostrophe inside, which
# the parser may split into a phrase) are checked against every candidate's stored words, not only the index.
# PostgreSQL's parallel workers share that work when told it is worth starting them: "coercive control" at 100,000
# reviews took 50 ms instead of 88 here. Other searches read only the index and the narrow rows, where starting
# workers costs more.
_PHRASE = re.compile(r'"|[^\W_][/.@\'’][^\W_]')
PHRASE_SETTINGS = (
    f"{TEXT_SETTINGS}, set_config('parallel_setup_cost', '0', true), set_config('parallel_tuple_cost', '0', true),"
    " set_config('min_parallel_table_scan_size', '0', true)"
)
SETTINGS_RESET = (
    "RESET enable_seqscan; RESET jit; RESET parallel_setup_cost; RESET parallel_tuple_cost;"
    " RESET min_parallel_table_scan_size"
)


@contextmanager
def _text_statements(q: str) -> Iterator:
    """A cursor for a search's text statements, with their settings for this transaction only."""
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(PHRASE_SETTINGS if _PHRASE.search(q) else TEXT_SETTINGS)
        yield cursor
        if nested:  # a savepoint's release keeps them: put them back for the caller's transaction
            cursor.execute(SETTINGS_RESET)


# A hyphenated word of letters ("co-sleeping", "self-neglect"): websearch_to_tsquery makes it the phrase
# 'co-sleep' <-> 'co' <-> 'sleep', which has to be checked against each candidate's stored words (60 ms for a
# theme synonym at 100,000 reviews). The parser stores the whole word as a word of its own beside its parts, so
# 'co-sleep' & 'co' & 'sleep' matches the same reviews from the index alone (ts_rewrite swaps the one for the
# other wherever the phrase stands alone in the query). Inside a quoted phrase the word stays as it is, and so do
# words with digits ("11-year-old"), which the parser splits differently.
_HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
_QUOTED = re.compile(r'"[^"]*("|$)')


def strict_tsquery(q: str) -> tuple[str, dict]:
    """SQL for the tsquery of a query's strict match, and its params: websearch_to_tsquery, with each
    hyphenated word of letters matched through its whole form (_HYPHENATED)."""
    sql, params = f"websearch_to_tsquery('{CONFIG}', %(q)s)", {"q": q}
    lower = q.lower()
    quoted = set(_HYPHENATED.findall(" ".join(m.group() for m in _QUOTED.finditer(lower))))
    hyphenated = [word for word in dict.fromkeys(_HYPHENATED.findall(lower)) if word not in quoted]
    for i, word in enumerate(hyphenated[:MAX_TERMS]):
        name = f"hyphenated_{i}"
        sql = f"ts_rewrite({sql}, phraseto_tsquery('{CONFIG}', %({name})s), plainto_tsquery('{CONFIG}', %({name})s))"
        params[name] = word
    return sql, params


# The published reviews, for every search statement to start from: the rule of Review.objects.published(), the
# one public read path, written once as SQL (tests/test_search_ranking.py checks that both hold the same reviews).
PUBLISHED_SQL = f"SELECT * FROM {Review._meta.db_table} WHERE status = %(published_status)s"


def published_sql() -> tuple[str, dict]:
    """The published reviews as a SQL subquery, and its parameters (a new dict: callers add theirs)."""
    return PUBLISHED_SQL, {"published_status": Review.Status.PUBLISHED}


@dataclass
class TextMatch:
    """How the text is matched: a tsquery expression and its params (for SQL), and the published reviews it
    matches as a bitset of the search index; for the any-word fallback, the reviews with at least k words."""

    tsquery: str
    params: dict
    matches: BitMap = field(default_factory=BitMap)
    fallback: bool = False
    every_word: int = 0  # with the fallback: how many reviews have every word (fewer than FALLBACK_BELOW)
    # With the fallback: at_least[k - 1] is the bitset of reviews with at least k of the words.
    at_least: tuple[BitMap, ...] = ()
    # For each searched word (stem): the reviews with it in their title, and those tagged with a theme whose
    # name or synonyms have it (the B words of their vectors). Best match orders every match by them.
    in_title: tuple[BitMap, ...] = ()
    in_themes: tuple[BitMap, ...] = ()

    @property
    def rank(self) -> str:
        """The rank of a review's words `d.vector`. Strict matches rank by ts_rank_cd (weights, and words close
        together); the fallback, whose reviews are first grouped by how many words they have, by ts_rank, which
        is several times cheaper than ts_rank_cd for a query of many words."""
        function = "ts_rank" if self.fallback else "ts_rank_cd"
        return f"{function}(d.vector, {self.tsquery})"


def sql_filters(params: SearchParams, vocabulary: Vocabulary) -> tuple[dict[str, str], dict]:
    """For each active facet, a SQL condition on a matching review (r: review, b: its board); and the params.

    For the SQL readers of a search (feeds and alerts); the search itself filters with the index (facet_masks)."""
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


def facet_masks(params: SearchParams, vocabulary: Vocabulary, index: ReviewIndex) -> dict[str, BitMap]:
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


def every_mask(masks: dict[str, BitMap], start: BitMap, *, but: str | None = None) -> BitMap:
    for facet, mask in masks.items():
        if facet != but:
            start = start & mask
    return start


def _id_bytes(where: str) -> str:
    """SQL for the ids of the search documents matching `where`, as one bytea (see search_index.integers)."""
    return f"(SELECT string_agg(int8send(d.review_id), ''::bytea) FROM {SEARCH_DOCUMENT} AS d WHERE {where})"


# Each stem made a tsquery by plainto_tsquery('simple'), which never fails to parse and leaves a stem as it is.
_STEM = "plainto_tsquery('simple', s.lexeme)"


# A theme's words, as the B words of its reviews' vectors hold them.
_THEME_WORDS = f"to_tsvector('{CONFIG}', {THEME_TEXT})"


def _analyse_text(
    params: SearchParams, vocabulary: Vocabulary, messages: list[str], index: ReviewIndex | None = None
) -> TextMatch | None:
    """Decide how to match the text, and find what it matches: strictly, or (a plain sentence with fewer than
    FALLBACK_BELOW strict matches among the reviews passing the filters) by any of its words.

    One query: whether the text has searchable words, its strict matches, its distinct stems (as the vectors hold
    them: to_tsvector stems and drops very common words) and where each stem is (in titles, through their own
    GIN index; in theme names, a few dozen rows). A second for the fallback: the reviews with each stem. Both in
    one transaction with the text statements' settings (TEXT_SETTINGS).
    """
    index = index or index_for(vocabulary)
    with _text_statements(params.q) as cursor:
        return _find_text(cursor, params, vocabulary, messages, index)


def _find_text(
    cursor, params: SearchParams, vocabulary: Vocabulary, messages: list[str], index: ReviewIndex
) -> TextMatch | None:
    words = plain_words(params.q)
    strict, strict_params = strict_tsquery(params.q)
    sql = f"""
        WITH stems AS (
            SELECT s.lexeme, s.n FROM unnest(tsvector_to_array(to_tsvector('{CONFIG}', %(words)s)))
                WITH ORDINALITY AS s(lexeme, n)
            WHERE s.n <= %(max_terms)s
        )
        SELECT numnode({strict}), (SELECT array_agg(s.lexeme ORDER BY s.n) FROM stems AS s),
               {_id_bytes(f"d.vector @@ {strict}")},
               (SELECT array_agg({_id_bytes(f"d.title_words @@ {_STEM}")} ORDER BY s.n) FROM stems AS s),
               (SELECT array_agg((SELECT string_agg(t.id::text, ',') FROM {THEME_TABLE} AS t
                                  WHERE {_THEME_WORDS} @@ {_STEM}) ORDER BY s.n) FROM stems AS s)
    """
    cursor.execute(sql, {**strict_params, "words": " ".join(words), "max_terms": MAX_TERMS})
    nodes, terms, strict_ids, in_titles, in_themes = cursor.fetchone()
    if not nodes:
        messages.append(
            f"‘{params.q}’ has no words that can be searched for (very common words such as ‘the’ are left out), "
            "so all reviews are shown."
        )
        return None
    places = {
        "in_title": tuple(index.bitset(integers(found)) for found in in_titles or ()),
        "in_themes": tuple(index.any_of("theme", (found or "").split(",")) for found in in_themes or ()),
    }
    matches = index.bitset(integers(strict_ids))
    terms = terms or []
    if len(words) < 2 or len(terms) < 2:
        return TextMatch(tsquery=strict, params=strict_params, matches=matches, **places)
    strict_matches = len(every_mask(facet_masks(params, vocabulary, index), matches))
    if strict_matches >= FALLBACK_BELOW:
        return TextMatch(tsquery=strict, params=strict_params, matches=matches, **places)
    # Any of the stems: passed as parameters, never written into the SQL.
    term_params = {f"term_{i}": term for i, term in enumerate(terms)}
    each = [f"plainto_tsquery('simple', %({name})s)" for name in term_params]
    cursor.execute("SELECT " + ", ".join(_id_bytes(f"d.vector @@ {one}") for one in each), term_params)
    per_word = [index.bitset(integers(found)) for found in cursor.fetchone()]
    # at_least[k]: reviews with more than k of the words, counted word by word (a few hundred ANDs and ORs).
    at_least: list[BitMap] = []
    for found in per_word:
        at_least.append(BitMap())
        for k in range(len(at_least) - 1, 0, -1):
            at_least[k] |= at_least[k - 1] & found
        at_least[0] |= found
    return TextMatch(
        tsquery="(" + " || ".join(each) + ")",
        params=term_params,
        matches=at_least[0],
        fallback=True,
        every_word=strict_matches,
        at_least=tuple(at_least),
        **places,
    )


def index_for(vocabulary: Vocabulary) -> ReviewIndex:
    published, params = published_sql()
    return current_index(vocabulary.generation, vocabulary.latest_review_id, published, params)


def match_text(
    params: SearchParams, vocabulary: Vocabulary, index: ReviewIndex, messages: list[str]
) -> TextMatch | None:
    """What the text matches, from the cache when the same text was searched since the last change: another
    facet ticked, another page or order reads nothing from the database."""
    if not params.q:
        return None
    key = (index.serial, "text", params.q, _fallback_filters(params))
    known = texts.get(key)
    if known is None:
        found: list[str] = []
        known = {"text": _analyse_text(params, vocabulary, found, index), "messages": found}
        texts.put(key, known)
    messages += known["messages"]
    return known["text"]


def _fallback_filters(params: SearchParams) -> SearchParams | None:
    # Whether a sentence falls back to any word depends on its strict matches among the filtered reviews, so
    # for plain queries of several words the filters are part of the key.
    return replace(params, q="", sort="", page=1) if len(plain_words(params.q)) >= 2 else None


def matching(params: SearchParams, vocabulary: Vocabulary, messages: list[str]):
    """The search's parameters as searched (text without searchable words left out), the index, how the text
    matched, each active filter's bitset, and the reviews the text matches (all, without text)."""
    index = index_for(vocabulary)
    text = match_text(params, vocabulary, index, messages)
    if params.q and text is None:
        params = replace(params, q="")
    return params, index, text, facet_masks(params, vocabulary, index), text.matches if text else index.everything
