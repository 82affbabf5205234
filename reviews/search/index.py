"""Published reviews' facet values held in memory as Roaring bitmaps, so that every facet count of a search costs
an intersection count instead of a pass over the matching rows.

A search's facet counts apply every other active filter but not the facet's own (see reviews.search). In SQL
that meant grouping every matching review five ways and unnesting its themes and agencies: 150–330 ms for a
common word at 100,000 reviews on this machine, however the statement was written. Here each published review
has a position (newest first, as the lists show them) and each facet value a bitmap of positions (pyroaring,
the Python binding of the Roaring bitmaps that Lucene-family search engines use): bit p is set when the review
at position p has that value. The ~160 counts of a search over 100,000 reviews then take about a millisecond,
and "newest first" or "oldest first" is reading a bitmap's members by rank from either end.

The index is built in one query when a search first needs it, and rebuilt when the search generation moves on
(with every change the public can see to reviews and their labels: reviews.freshness). Each process keeps the
newest index only. It is derived data, like a database index: it never holds a search's answer.
"""

import threading
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import count

import numpy as np
from django.db import connection
from pyroaring import BitMap, FrozenBitMap

# One pass over the published reviews, its columns as aggregates of the same rows (so they line up), in no
# particular order: the order is worked out by numpy, which sorts 100,000 keys in a few milliseconds where
# PostgreSQL's window function and ordered aggregates took 500 ms. Integers travel as int8send/int4send bytes
# (read by numpy in one step, not parsed one by one); the tags come straight from their link tables (drafts'
# links too, passed over later).
_BUILD_SQL = """
SELECT 'columns', NULL::bigint, string_agg(int8send(r.id), ''::bytea),
       -- newest first: publication day, then id, as one number
       string_agg(int8send((r.published_on - DATE '1900-01-01')::bigint * 1099511627776 + r.id), ''::bytea),
       string_agg(r.review_type, ','), string_agg(int8send(b.region_id), ''::bytea),
       string_agg(int8send(r.board_id), ''::bytea),
       string_agg(int4send(extract(year FROM r.published_on)::int), ''::bytea), string_agg(r.age_band, ',')
FROM ({published}) AS r JOIN reviews_board AS b ON b.id = r.board_id
UNION ALL
SELECT 'theme', theme_id, string_agg(int8send(review_id), ''::bytea), NULL, NULL, NULL, NULL, NULL, NULL
FROM reviews_review_themes GROUP BY theme_id
UNION ALL
SELECT 'agency', agency_id, string_agg(int8send(review_id), ''::bytea), NULL, NULL, NULL, NULL, NULL, NULL
FROM reviews_review_agencies GROUP BY agency_id
"""


def integers(data: bytes | None, kind: str = ">i8") -> np.ndarray:
    """Integers sent by int8send (kind >i8) or int4send (>i4) and joined into one bytea, as a numpy array."""
    return np.frombuffer(data or b"", dtype=kind)


def bitmap(positions: np.ndarray | Iterable[int]) -> FrozenBitMap:
    """A bitmap of these positions; frozen, since the index and cached text matches share them."""
    # From a machine array: pyroaring reads it in one step (a numpy array or a list it would read one by one).
    return FrozenBitMap(array("I", np.asarray(positions, dtype=np.uint32).tobytes()))


@dataclass(frozen=True)
class ReviewIndex:
    version: int  # the search generation when it was read
    ids: np.ndarray  # the review id at each position, newest first
    # review id -> position, indexed by id; -1 for the ids of reviews that are not published
    positions: np.ndarray
    everything: BitMap  # every position
    values: dict[str, dict[str, BitMap]]  # facet -> value (as the search's facet counts key it) -> bitmap
    # Tells apart indexes read at different times: bitmaps found with one (a text's matches) fit only that one.
    serial: int = 0

    @property
    def size(self) -> int:
        return len(self.ids)

    def bitset(self, review_ids: np.ndarray | Iterable[int]) -> BitMap:
        """The positions of these reviews; ids of reviews that are not published are passed over."""
        review_ids = np.asarray(review_ids, dtype=np.int64)
        known = review_ids[(review_ids >= 0) & (review_ids < len(self.positions))]  # newer reviews: not in it
        found = self.positions[known]
        return bitmap(found[found >= 0])

    def any_of(self, facet: str, values: Iterable[str]) -> BitMap:
        """The reviews with any of these values of a facet."""
        table = self.values[facet]
        return FrozenBitMap.union(FrozenBitMap(), *(table[str(value)] for value in values if str(value) in table))

    def counts(self, reviews: BitMap, facet: str) -> dict[str, int]:
        """How many of these reviews have each value of a facet (values with none left out)."""
        counts = {}
        for value, bitset in self.values[facet].items():
            n = reviews.intersection_cardinality(bitset)
            if n:
                counts[value] = n
        return counts

    def review_ids(self, reviews: BitMap, start: int, count: int, *, oldest_first: bool = False) -> list[int]:
        """The ids of `count` of these reviews from the `start`-th, newest first (or oldest first)."""
        total = len(reviews)
        if count <= 0 or start >= total:
            return []
        if oldest_first:
            found = list(reversed(reviews[max(0, total - start - count) : total - start]))
        else:
            found = list(reviews[start : start + count])
        return self.ids[found].tolist()


def build_index(version: int, latest_review_id: int, published_sql: str, params: dict) -> ReviewIndex:
    """Read every published review's facet values (one statement) into a ReviewIndex."""
    with connection.cursor() as cursor:
        cursor.execute(_BUILD_SQL.format(published=published_sql), params)
        rows = cursor.fetchall()
    # (UNION ALL's branches may come back in any order)
    _, _, ids, keys, types, regions, boards, years, ages = next(row for row in rows if row[0] == "columns")
    order = np.argsort(-integers(keys), kind="stable")  # position -> row fetched
    ids = integers(ids)[order]
    size = len(ids)
    # review id -> position; -1 for every other id up to the newest (drafts, withdrawn reviews)
    positions = np.full(max(latest_review_id, int(ids.max(initial=0))) + 1, -1, dtype=np.int64)
    positions[ids] = np.arange(size)
    columns = {
        # fixed-width text, not Python objects: numpy sorts 100,000 of them in milliseconds, not 150 ms
        "review_type": np.array((types or "").split(",") if size else [], dtype=str)[order],
        "region": integers(regions)[order],
        "board": integers(boards)[order],
        "year": integers(years, ">i4")[order],
        "age_band": np.array((ages or "").split(",") if size else [], dtype=str)[order],
    }
    values = {facet: _column_bitmaps(column) for facet, column in columns.items()}
    values["age_band"].pop("", None)  # not known: not a value to count
    index = ReviewIndex(
        version=version,
        ids=ids,
        positions=positions,
        everything=FrozenBitMap(range(size)),
        values=values,
        serial=next(_serials),
    )
    values["theme"], values["agency"] = {}, {}
    for facet, tag, review_ids, *_ in rows:
        if facet != "columns":
            values[facet][str(tag)] = index.bitset(integers(review_ids))
    return index


def _column_bitmaps(column: np.ndarray) -> dict[str, BitMap]:
    """{value: bitmap of the positions holding it} for a column of one value per review."""
    if not len(column):
        return {}
    found, codes, counts = np.unique(column, return_inverse=True, return_counts=True)
    # positions grouped by value, each group in order: one sort instead of a comparison per value
    grouped = np.split(np.argsort(codes, kind="stable"), np.cumsum(counts)[:-1])
    return {str(value): bitmap(positions) for value, positions in zip(found, grouped, strict=True)}


_current: ReviewIndex | None = None
_serials = count(1)
_lock = threading.Lock()


def current_index(version: int, latest_review_id: int, published_sql: str, params: dict) -> ReviewIndex:
    """This process's index for this version (search generation) of the data, read again if the data has changed
    since.

    A request that read an older generation than the index's (the data changed while it was under way) gets the
    newer index rather than replacing it with an older one.
    """
    global _current
    index = _current
    if index is not None and index.version >= version:
        return index
    with _lock:
        if _current is None or _current.version < version:
            _current = build_index(version, latest_review_id, published_sql, params)
        return _current


def current_index_size() -> tuple[int, int, int]:
    """This process's index: how many reviews, how many bitmaps, about how many bytes (for the benchmark)."""
    index = _current
    if index is None:
        return 0, 0, 0
    bitmaps = [bitset for table in index.values.values() for bitset in table.values()]
    size = sum(len(bitset.serialize()) for bitset in bitmaps) + index.ids.nbytes + index.positions.nbytes
    return index.size, len(bitmaps), size


def forget_index() -> None:
    """Drop this process's index (tests and the benchmark use it to time a rebuild)."""
    global _current
    with _lock:
        _current = None
