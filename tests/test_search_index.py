"""The in-memory index's reading of bitsets: pages of set bits from either end, checked against a plain list."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from pyroaring import FrozenBitMap

from reviews.search.index import ReviewIndex, bitmap


def index_of(size: int) -> ReviewIndex:
    ids = np.arange(1000, 1000 + size)  # any ids: the position order is what counts
    positions = np.full(1000 + size, -1)
    positions[ids] = np.arange(size)
    return ReviewIndex(version=0, ids=ids, positions=positions, everything=FrozenBitMap(range(size)), values={})


@given(
    size=st.integers(min_value=0, max_value=10_000),
    density=st.sampled_from([0.0005, 0.01, 0.3, 1.0]),
    start=st.integers(min_value=0, max_value=12_000),
    count=st.integers(min_value=0, max_value=60),
    oldest_first=st.booleans(),
    seed=st.integers(min_value=0, max_value=2**32),
)
def test_pages_of_set_bits_are_read_in_order_from_either_end(size, density, start, count, oldest_first, seed):
    import random

    chooser = random.Random(seed)
    chosen = [position for position in range(size) if chooser.random() < density]
    index = index_of(size)
    reviews = bitmap(chosen)
    order = list(reversed(chosen)) if oldest_first else chosen
    expected = [index.ids[position] for position in order[start : start + count]]
    assert index.review_ids(reviews, start, count, oldest_first=oldest_first) == expected
    every = index.review_ids(reviews, 0, len(chosen))  # all of them, as the export reads them
    assert every == [index.ids[position] for position in chosen]


def test_ids_of_reviews_outside_the_index_are_passed_over():
    index = index_of(10)
    assert index.bitset([1003, 1007, 5, 99_999]) == bitmap([3, 7])
