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
import time
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import count

import numpy as np
from django.db import connection
from pyroaring import BitMap, FrozenBitMap

from .vectors import SEARCH_CHANGE as _CHANGES

# Newest first: publication day, then id, as one number.
KEY = "(r.published_on - DATE '1900-01-01')::bigint * 1099511627776 + r.id"


# One pass over the published reviews, its columns as aggregates of the same rows (so they line up), in no
# particular order: the order is worked out by numpy, which sorts 100,000 keys in a few milliseconds where
# PostgreSQL's window function and ordered aggregates took 500 ms. Integers travel as int8send/int4send bytes
# (read by numpy in one step, not parsed one by one); the tags come straight from their link tables (drafts'
# links too, passed over later). With them, the snapshot of the database they were read from (see patched).
_BUILD_SQL = """
SELECT 'columns', NULL::bigint, string_agg(int8send(r.id), ''::bytea),
       pg_current_snapshot()::text, (SELECT coalesce(max(id), 0) FROM {changes}),
       -- newest first: publication day, then id, as one number
       string_agg(int8send({key}), ''::bytea),
       string_agg(r.review_type, ','), string_agg(int8send(b.region_id), ''::bytea),
       string_agg(int8send(r.board_id), ''::bytea),
       string_agg(int4send(extract(year FROM r.published_on)::int), ''::bytea), string_agg(r.age_band, ',')
FROM ({published}) AS r JOIN reviews_board AS b ON b.id = r.board_id
UNION ALL
SELECT 'theme', theme_id, string_agg(int8send(review_id), ''::bytea), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM reviews_review_themes GROUP BY theme_id
UNION ALL
SELECT 'agency', agency_id, string_agg(int8send(review_id), ''::bytea), NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL
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
    keys: np.ndarray | None = None  # the order's key (KEY) at each position
    # For reading the changes since (see patched): the database snapshot the index shows (pg_current_snapshot),
    # and the last row of the change log it had seen (for the changes of the reading transaction itself).
    snapshot: str = ""
    last_change: int = 0
    read_at: float = 0.0  # when every review was last read (time.monotonic)

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
        cursor.execute(_BUILD_SQL.format(published=published_sql, key=KEY, changes=_CHANGES), params)
        rows = cursor.fetchall()
    # (UNION ALL's branches may come back in any order)
    _, _, ids, snapshot, last_change, keys, types, regions, boards, years, ages = next(
        row for row in rows if row[0] == "columns"
    )
    keys = integers(keys)
    order = np.argsort(-keys, kind="stable")  # position -> row fetched
    ids, keys = integers(ids)[order], keys[order]
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
        keys=keys,
        snapshot=snapshot,
        last_change=last_change,
        read_at=time.monotonic(),
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


# Changes not yet in an index read from `snapshot`: made by transactions it could not see (committed since, or
# still under way then), or by the reading transaction itself since (its own rows after the last it had seen).
# A review id NULL stands for every review.
_CHANGES_SQL = """
WITH mine AS (SELECT coalesce(pg_current_xact_id_if_assigned()::text::bigint, -1) AS transaction),
changed AS (
    SELECT DISTINCT c.review_id AS id, true AS found FROM {changes} AS c, mine
    WHERE (c.transaction >= pg_snapshot_xmin(%(snapshot)s::pg_snapshot)::text::bigint
           AND c.transaction <> mine.transaction
           AND NOT pg_visible_in_snapshot(c.transaction::text::xid8, %(snapshot)s::pg_snapshot))
       OR (c.transaction = mine.transaction AND c.id > %(seen)s)
    LIMIT %(at_most)s
)
SELECT pg_current_snapshot()::text, (SELECT coalesce(max(id), 0) FROM {changes}),
       c.found, c.id, r.id IS NOT NULL, {key}, r.review_type, b.region_id, r.board_id,
       extract(year FROM r.published_on)::int, r.age_band,
       ARRAY(SELECT theme_id FROM reviews_review_themes WHERE review_id = r.id),
       ARRAY(SELECT agency_id FROM reviews_review_agencies WHERE review_id = r.id)
FROM (SELECT 1) AS one LEFT JOIN changed AS c ON true
LEFT JOIN ({published}) AS r ON r.id = c.id LEFT JOIN reviews_board AS b ON b.id = r.board_id
"""


PATCH_AT_MOST = 1000  # more changed reviews than this (an import): every review is read again
READ_ALL_AFTER = 12 * 60 * 60  # seconds; the change log keeps a day (reviews.search.vectors)


def patched(index: ReviewIndex, version: int, published_sql: str, params: dict) -> ReviewIndex | None:
    """The index with the reviews changed since it was read put right, or None when every review must be read
    again (too many changes; a change to everyone's labels; an index half a day old).

    A review that leaves (withdrawn, deleted, or moved by a new publication date) leaves an empty position
    behind, in no bitmap; a review that is new to the index takes a new position in date order, the positions after
    it moving along (a Roaring bitmap shifts in microseconds; a newly published review, the newest, goes in front
    of all). A few milliseconds, against 0.2–0.4 s to read 100,000 reviews again.
    """
    if not index.snapshot or index.keys is None or time.monotonic() - index.read_at > READ_ALL_AFTER:
        return None
    sql = _CHANGES_SQL.format(changes=_CHANGES, published=published_sql, key=KEY)
    read = {"snapshot": index.snapshot, "seen": index.last_change, "at_most": PATCH_AT_MOST + 1}
    with connection.cursor() as cursor:
        cursor.execute(sql, {**params, **read})
        rows = cursor.fetchall()
    snapshot, last_change = rows[0][:2]
    changes = [row[3:] for row in rows if row[2]]
    if len(changes) > PATCH_AT_MOST or any(review_id is None for review_id, *_ in changes):
        return None
    out, stay, new = [], [], []  # positions left; (position, facts) kept in place; (key, id, facts) placed anew
    for review_id, published, key, *facts in changes:
        position = int(index.positions[review_id]) if review_id < len(index.positions) else -1
        in_place = position >= 0 and published and int(index.keys[position]) == key
        if in_place:
            stay.append((position, facts))
        elif published:
            new.append((key, review_id, facts))
        if position >= 0 and not in_place:
            out.append(position)
    new.sort(reverse=True)  # newest first, as positions go
    return replace(_with_changes(index, out, stay, new), version=version, snapshot=snapshot, last_change=last_change)


def _with_changes(index: ReviewIndex, out: list, stay: list, new: list) -> ReviewIndex:
    # Where each new review goes: after every review of the index with a greater key (empty positions too).
    before = np.searchsorted(-index.keys, -np.array([key for key, _, _ in new], dtype=np.int64)).astype(np.int64)
    moved_by = np.searchsorted(before, np.arange(index.size), side="right")  # old position -> how far it moves
    new_positions = before + np.arange(len(new))
    # pieces of the old positions that move by the same amount: (bitmap of that range, how far)
    bounds = [0, *before.tolist(), index.size]
    pieces = [(FrozenBitMap(range(bounds[i], bounds[i + 1])), i) for i in range(len(bounds) - 1)]
    pieces = [(piece, by) for piece, by in pieces if piece]

    def moved(bitset: FrozenBitMap) -> FrozenBitMap:
        if len(pieces) == 1:
            return bitset.shift(pieces[0][1]) if pieces[0][1] else bitset
        return FrozenBitMap.union(FrozenBitMap(), *((bitset & piece).shift(by) for piece, by in pieces))

    gone = bitmap(sorted(out))
    # every changed review leaves its bitmaps (old positions), to come back with its facts now (new positions)
    left = bitmap(sorted(out + [position for position, _ in stay]))
    placed = [(position + int(moved_by[position]), facts) for position, facts in stay]
    placed += [(int(position), facts) for position, (_, _, facts) in zip(new_positions, new, strict=True)]
    added: dict[str, dict[str, list[int]]] = {facet: {} for facet in index.values}
    for position, (review_type, region, board, year, age_band, themes, agencies) in placed:
        facts = [("review_type", review_type), ("region", region), ("board", board), ("year", year)]
        facts += [("age_band", age_band)] if age_band else []
        facts += [("theme", theme) for theme in themes] + [("agency", agency) for agency in agencies]
        for facet, value in facts:
            added[facet].setdefault(str(value), []).append(position)

    def changed(bitset: FrozenBitMap, leaving: FrozenBitMap, more: list[int]) -> FrozenBitMap:
        if bitset.intersect(leaving):
            bitset = bitset - leaving
        bitset = moved(bitset) if len(new) else bitset
        return bitset | bitmap(sorted(more)) if more else bitset

    values = {
        facet: {
            value: changed(table.get(value, FrozenBitMap()), left, added[facet].get(value, []))
            for value in table.keys() | added[facet].keys()
        }
        for facet, table in index.values.items()
    }
    size = index.size + len(new)
    old_to_new = np.arange(index.size) + moved_by
    ids, keys = np.empty(size, dtype=np.int64), np.empty(size, dtype=np.int64)
    ids[old_to_new], keys[old_to_new] = index.ids, index.keys
    ids[new_positions] = [review_id for _, review_id, _ in new]
    keys[new_positions] = [key for key, _, _ in new]
    positions = np.full(max(len(index.positions), int(ids.max(initial=0)) + 1), -1, dtype=np.int64)
    known = index.positions >= 0
    positions[: len(index.positions)][known] = old_to_new[index.positions[known]]
    positions[index.ids[out]] = -1
    positions[ids[new_positions]] = new_positions
    return replace(
        index,
        ids=ids,
        keys=keys,
        positions=positions,
        everything=changed(index.everything, gone, new_positions.tolist()),
        values=values,
        serial=next(_serials),
    )


_current: ReviewIndex | None = None
_serials = count(1)
_lock = threading.Lock()


def current_index(version: int, latest_review_id: int, published_sql: str, params: dict) -> ReviewIndex:
    """This process's index for this version (search generation) of the data: after a change, the index with the
    changed reviews read again (patched), or when that cannot be done, every review read again.

    A request that read an older generation than the index's (the data changed while it was under way) gets the
    newer index rather than replacing it with an older one.
    """
    global _current
    index = _current
    if index is not None and index.version >= version:
        return index
    with _lock:
        if _current is None or _current.version < version:
            changed = _current and patched(_current, version, published_sql, params)
            _current = changed or build_index(version, latest_review_id, published_sql, params)
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
