"""Did you mean: a misspelled search word replaced by the closest word the library itself uses.

A search word is misspelled when no published review's search words (title, themes, summary, findings,
recommendations) have it in any form, so "babies" is never "corrected": one query through the search index.
The words offered are those of the newest published reviews' titles and summaries and of every theme's name
and synonyms, as PostgreSQL's 'simple' parser reads them (hyphenated words kept whole: "co-sleeping").
Spellings that differ only by hyphens or apostrophes are one word, shown as the library writes it most often:
"cosleping" becomes "co-sleeping", not the synonym "cosleeping". pg_trgm is not available, so closeness is
difflib's, among words of about the same length.

Cost (bench_spelling): only a search that found nothing, or only some of its words, asks. Then one index query
(about a millisecond); and, once per search generation (moved on by every change to reviews), the words are read
(a fixed sample, about 0.3 s) and shared with the other processes through the cache.
"""

import difflib
import functools
import re
import threading
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from .models import Review

MIN_LENGTH = 4  # shorter words are too often abbreviations, and too close to too many others
CUTOFF = 0.8  # difflib's ratio: "cosleping"/"cosleeping" 0.95, "neglet"/"neglect" 0.92
LENGTH_SLACK = 2
# The words offered come from the newest reviews (and every theme): reading every summary took 1.7 s at 10,000
# reviews here; these take a fixed time whatever the library's size.
SAMPLE_REVIEWS = 2_000
CACHE_SECONDS = 24 * 60 * 60
_QUERY_WORD = re.compile(r"(?<![\w-])-?[^\W\d_][\w'’-]*[^\W_]|(?<![\w-])-?[^\W\d_]")


def spelling_key(word: str) -> str:
    """A word without case, hyphens, apostrophes or spaces: "Co-sleeping", "co sleeping" and "cosleeping" agree."""
    return re.sub(r"[\s'’-]+", "", word.lower())


@dataclass
class Words:
    generation: int
    known: frozenset[str]  # every word as the library writes it, lower case
    spellings: dict[str, str]  # spelling_key -> the library's most used spelling
    keys_by_length: dict[int, list[str]]


_lock = threading.Lock()
_cached: Words | None = None


def _read_words(generation: int) -> Words:
    """The words of the newest SAMPLE_REVIEWS published reviews and of every theme, with how often each is used."""
    theme = Review.themes.field.related_model  # the theme table, without reviews importing the themes app
    newest = Review.objects.published().order_by("-published_on", "-id").values("id")[:SAMPLE_REVIEWS]
    newest_sql, newest_params = newest.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT w.word, count(*) FROM {Review._meta.db_table} AS r,
            unnest(tsvector_to_array(to_tsvector('simple', r.title || ' ' || r.summary))) AS w(word)
            WHERE r.id IN ({newest_sql})
            GROUP BY w.word
            UNION ALL
            SELECT w.word, 1 FROM {theme._meta.db_table} AS t, unnest(tsvector_to_array(
                to_tsvector('simple', t.name || ' ' || array_to_string(t.synonyms, ' ')))) AS w(word)
            """,
            newest_params,
        )
        counts: dict[str, int] = {}
        for word, count in cursor.fetchall():
            if len(word) >= MIN_LENGTH and not any(c.isdigit() for c in word):
                counts[word] = counts.get(word, 0) + count
    spellings: dict[str, str] = {}
    for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        spellings.setdefault(spelling_key(word), word)
    keys_by_length: dict[int, list[str]] = {}
    for key in spellings:
        keys_by_length.setdefault(len(key), []).append(key)
    return Words(generation, frozenset(counts), spellings, keys_by_length)


def library_words(generation: int) -> Words:
    """The library's words: kept in this process, and in the shared cache for the other processes."""
    global _cached
    with _lock:
        if _cached is None or _cached.generation != generation:
            key = f"spelling:words:{generation}"
            _cached = cache.get(key)
            if _cached is None:
                _cached = _read_words(generation)
                cache.set(key, _cached, CACHE_SECONDS)
        return _cached


def _words_found(words: list[str]) -> dict[str, bool]:
    """Whether each word finds a published review (in any form: "babies" finds "baby"); stop words count as found.

    One query through the search words' index: about a millisecond whatever the library's size.
    """
    published_sql, published_params = Review.objects.published().values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT w, numnode(plainto_tsquery('english', w)) = 0 OR EXISTS (
                SELECT 1 FROM reviews_searchdocument AS d
                WHERE d.vector @@ plainto_tsquery('english', w) AND d.review_id IN ({published_sql})
            ) FROM unnest(%s::text[]) AS w
            """,
            [*published_params, words],
        )
        return dict(cursor.fetchall())


def closest(word: str, words: Words) -> str | None:
    key = spelling_key(word)
    candidates = [
        candidate
        for length in range(len(key) - LENGTH_SLACK, len(key) + LENGTH_SLACK + 1)
        for candidate in words.keys_by_length.get(length, ())
    ]
    found = difflib.get_close_matches(key, candidates, n=1, cutoff=CUTOFF)
    return words.spellings[found[0]] if found else None


@functools.lru_cache(maxsize=256)
def did_you_mean(q: str, generation: int) -> str | None:
    """`q` with each word the library never uses replaced by its closest library word; None if none is.

    Words left out with "-word" and the operator "or" are kept as they are. Kept per process for each search
    generation, like the search's own results.
    """
    typed = [m for m in _QUERY_WORD.finditer(q) if not m.group().startswith("-") and m.group().lower() != "or"]
    candidates = [m for m in typed if len(spelling_key(m.group())) >= MIN_LENGTH]
    if not candidates:
        return None
    found = _words_found(list({m.group().lower() for m in candidates}))
    unknown = [m for m in candidates if not found[m.group().lower()]]
    if not unknown:
        return None
    words = library_words(generation)
    changes = []
    for match in unknown:
        better = closest(match.group(), words)
        if better and spelling_key(better) != spelling_key(match.group()):
            changes.append((match.start(), match.end(), better))
    if not changes:
        return None
    for start, end, better in reversed(changes):
        q = q[:start] + better + q[end:]
    return q


def suggestion(result, generation: int) -> str | None:
    """Did you mean, for a search (reviews.search.SearchResult) that found nothing or only some of its words.

    A search that found every word has nothing misspelled, so it costs nothing here.
    """
    q = result.params.q
    if not q or (result.count and result.match != "any"):
        return None
    return did_you_mean(q, generation)
