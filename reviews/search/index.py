"""Published reviews' facet values held in memory as bitsets, so that every facet count of a search costs an AND
and a popcount instead of a pass over the matching rows.

A search's facet counts apply every other active filter but not the facet's own (see reviews.search). In SQL
that meant grouping every matching review five ways and unnesting its themes and agencies: 150–330 ms for a
common word at 100,000 reviews on this machine, however the statement was written. Here each published review
has a position (newest first, as the lists show them) and each facet value a Python integer used as a bitset:
bit p is set when the review at position p has that value. The ~160 counts of a search over 100,000 reviews
then take about a millisecond, and "newest first" or "oldest first" is reading set bits from either end.

The index is built in one query when a search first needs it, and rebuilt when the search generation (moved on
by every change to reviews and their labels, reviews.search) or the newest review's id changes. Each process
keeps the newest index only. It is derived data, like a database index: it never holds a search's answer.
"""

import sys
import threading
from array import array
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import count, repeat
from operator import itemgetter

from django.db import connection

# One byte per review, 0 or 1 -> the ASCII digits that int(..., 2) reads: the C-speed way to pack bits.
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")

# One pass over the published reviews, its columns as aggregates of the same rows (so they line up), in no
# particular order: the order is worked out in Python, which sorts 100,000 keys in a few milliseconds where
# PostgreSQL's window function and ordered aggregates took 500 ms. Integers travel as int8send/int4send bytes,
# read at C speed; the tags come straight from their link tables (drafts' links too, passed over later).
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


def integers(data: bytes | None, typecode: str = "q") -> array:
    """Integers sent by int8send (typecode q) or int4send (i), joined into one bytea: read at C speed."""
    values = array(typecode, data or b"")
    if sys.byteorder == "little":
        values.byteswap()  # PostgreSQL sends them big-endian
    return values


def _reordered(order: list[int], column) -> list:
    """The column's values in this order."""
    if not order:
        return []
    if len(order) == 1:
        return [column[order[0]]]
    return list(itemgetter(*order)(column))


def bits_at(positions: Iterable[int], size: int) -> int:
    """A bitset with the bits at these positions set."""
    marks = bytearray(size)
    # Each position marked by C code (map calling bytearray.__setitem__), not a Python loop: three times faster.
    deque(map(marks.__setitem__, positions, repeat(1)), maxlen=0)
    return int(marks.translate(_TO_DIGITS)[::-1] or b"0", 2)


def _column_bitsets(column: list, size: int) -> dict[str, int]:
    """{value: bitset of the positions holding it} for a column of one value per review."""
    values = list(dict.fromkeys(column))
    if len(values) > 256:
        positions: dict = {}
        for position, value in enumerate(column):
            positions.setdefault(value, []).append(position)
        return {str(value): bits_at(found, size) for value, found in positions.items()}
    # Up to 256 values: the column as one byte per review, then one C-speed translate per value.
    code = {value: i for i, value in enumerate(values)}
    codes = bytes(map(code.__getitem__, column))
    bitsets = {}
    for value, i in code.items():
        digits = bytearray(b"0" * 256)
        digits[i] = ord("1")
        bitsets[str(value)] = int(codes.translate(digits)[::-1] or b"0", 2)
    return bitsets


@dataclass(frozen=True)
class ReviewIndex:
    version: tuple  # (search generation, newest review's id) when it was read
    ids: list[int]  # the review id at each position, newest first
    # review id -> position, as a list indexed by id (faster to read than a dict); `size` for unpublished ids
    positions: list[int]
    everything: int  # a bitset of every position
    values: dict[str, dict[str, int]]  # facet -> value (as the search's facet counts key it) -> bitset
    # Tells apart indexes read at different times: bitsets found with one (a text's matches) fit only that one.
    serial: int = 0

    @property
    def size(self) -> int:
        return len(self.ids)

    def bitset(self, review_ids: Iterable[int]) -> int:
        """The positions of these reviews; ids of reviews that are not published are passed over."""
        size, positions = len(self.ids), self.positions
        try:
            found = bits_at(map(positions.__getitem__, review_ids), size + 1)
        except IndexError:  # a review newer than the index (written since it was read): not in it
            found = bits_at((positions[i] if i < len(positions) else size for i in review_ids), size + 1)
        return found & self.everything  # position `size` marks the ids of reviews that are not published

    def any_of(self, facet: str, values: Iterable[str]) -> int:
        """The reviews with any of these values of a facet."""
        found = 0
        table = self.values[facet]
        for value in values:
            found |= table.get(str(value), 0)
        return found

    def counts(self, reviews: int, facet: str) -> dict[str, int]:
        """How many of these reviews have each value of a facet (values with none left out)."""
        counts = {}
        for value, bitset in self.values[facet].items():
            n = (reviews & bitset).bit_count()
            if n:
                counts[value] = n
        return counts

    def review_ids(self, reviews: int, start: int, count: int, *, oldest_first: bool = False) -> list[int]:
        """The ids of `count` of these reviews from the `start`-th, newest first (or oldest first)."""
        if count <= 0 or not reviews:
            return []
        digits = format(reviews, "b")  # the highest position first
        if not oldest_first:
            digits = digits[::-1]  # position p at index p
        found, skipped, at = [], 0, 0
        # Skip whole blocks of `start` reviews by counting, so a deep page costs no more than a few finds.
        block = 4096
        while skipped < start and at < len(digits):
            in_block = digits.count("1", at, at + block)
            if skipped + in_block > start:
                break
            skipped += in_block
            at += block
        at = digits.find("1", at)
        while at != -1 and len(found) < count:
            if skipped >= start:
                found.append(at)
            else:
                skipped += 1
            at = digits.find("1", at + 1)
        if oldest_first:
            top = len(digits) - 1
            found = [top - index for index in found]
        return [self.ids[position] for position in found]


def build_index(version: tuple, published_sql: str, params: dict) -> ReviewIndex:
    """Read every published review's facet values (one statement) into a ReviewIndex."""
    with connection.cursor() as cursor:
        cursor.execute(_BUILD_SQL.format(published=published_sql), params)
        rows = cursor.fetchall()
    # (UNION ALL's branches may come back in any order)
    _, _, ids, keys, types, regions, boards, years, ages = next(row for row in rows if row[0] == "columns")
    fetched_ids, keys = integers(ids), integers(keys)
    size = len(fetched_ids)
    order = sorted(range(size), key=keys.__getitem__, reverse=True)  # position -> row fetched
    ids = _reordered(order, fetched_ids)
    tagged = [(facet, tag, integers(review_ids)) for facet, tag, review_ids, *_ in rows if facet != "columns"]
    # review id -> position; `size` for every other id a link names (drafts, withdrawn reviews)
    # (every review's id up to the newest, drafts' too, so that reading a position needs no test: see
    # ReviewIndex.bitset)
    positions = [size] * (max(version[-1], max(ids, default=0)) + 1)
    for position, review_id in enumerate(ids):
        positions[review_id] = position
    columns = {
        "review_type": (types or "").split(",") if size else [],
        "region": integers(regions),
        "board": integers(boards),
        "year": integers(years, "i"),
        "age_band": (ages or "").split(",") if size else [],
    }
    values = {facet: _column_bitsets(_reordered(order, column), size) for facet, column in columns.items()}
    values["age_band"].pop("", None)  # not known: not a value to count
    values["theme"], values["agency"] = {}, {}
    everything = (1 << size) - 1
    for facet, tag, review_ids in tagged:
        try:
            found = bits_at(map(positions.__getitem__, review_ids), size + 1)
        except IndexError:  # a draft written since the newest id this index was asked for
            positions.extend([size] * (max(review_ids) + 1 - len(positions)))
            found = bits_at(map(positions.__getitem__, review_ids), size + 1)
        # position `size` (a review not in the index) falls outside `everything`
        values[facet][str(tag)] = found & everything
    return ReviewIndex(
        version=version, ids=ids, positions=positions, everything=everything, values=values, serial=next(_serials)
    )


_current: ReviewIndex | None = None
_serials = count(1)
_lock = threading.Lock()


def current_index(version: tuple, published_sql: str, params: dict) -> ReviewIndex:
    """This process's index for this version of the data, read again if the data has changed since.

    A request that read an older generation than the index's (the data changed while it was under way) gets the
    newer index rather than replacing it with an older one.
    """
    global _current
    index = _current
    if index is not None and (index.version == version or index.version[0] > version[0]):
        return index
    with _lock:
        if _current is None or (_current.version != version and _current.version[0] <= version[0]):
            _current = build_index(version, published_sql, params)
        return _current


def current_index_size() -> tuple[int, int, int]:
    """This process's index: how many reviews, how many bitsets, about how many bytes (for the benchmark)."""
    index = _current
    if index is None:
        return 0, 0, 0
    bitsets = [bitset for table in index.values.values() for bitset in table.values()]
    size = sum(sys.getsizeof(bitset) for bitset in bitsets) + sys.getsizeof(index.ids) + sys.getsizeof(index.positions)
    size += sum(sys.getsizeof(review_id) for review_id in index.ids)
    return index.size, len(bitsets), size


def forget_index() -> None:
    """Drop this process's index (tests and the benchmark use it to time a rebuild)."""
    global _current
    with _lock:
        _current = None
