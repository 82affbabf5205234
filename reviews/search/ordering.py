"""The order of a search's matches: newest and oldest first straight from the index; best match first for every
match by where its words are, with exact ranks for the first of them."""

import numpy as np
from django.db import connection
from pyroaring import BitMap

from .index import ReviewIndex
from .matching import TextMatch
from .params import SearchParams
from .vectors import SEARCH_DOCUMENT

# Best match first: the first this many reviews of the order below are ranked again exactly, by ts_rank_cd.
RANK_AT_MOST = 200  # ten pages


# Points for each searched word, by where a review has it; the weights of the words' vectors (title A 1.0,
# theme names B 0.4, the rest 0.2 or less) in whole numbers.
IN_TITLE = 5
IN_THEMES = 2


def _positions(reviews: BitMap) -> np.ndarray:
    return np.frombuffer(reviews.to_array(), dtype=np.uint32)


def best_match_order(text: TextMatch, index: ReviewIndex, reviews: BitMap) -> np.ndarray:
    """Every one of these reviews' positions in the index, best match first.

    A review scores, for each searched word, IN_TITLE when its title has it, otherwise IN_THEMES when one of its
    themes is named by it; for the any-word fallback, reviews with more of the words come first whatever their
    points. Ties keep the index's order: newest first. Scores are bitmap intersections and one numpy sort, a few
    milliseconds for the 49,000 matches of a common word at 100,000 reviews, so every match takes its place by
    where its words are, the oldest as well as the newest.
    """
    positions = _positions(reviews)
    score = np.zeros(index.size, dtype=np.int32)
    for title, themes in zip(text.in_title, text.in_themes, strict=True):
        score[_positions(title & reviews)] += IN_TITLE
        score[_positions((themes & reviews) - title)] += IN_THEMES
    if text.fallback:
        most = IN_TITLE * len(text.in_title) + 1  # more than any points a review can have
        for at_least in text.at_least:
            score[_positions(at_least & reviews)] += most
    return positions[np.argsort(-score[positions], kind="stable")]


def _ranked(text: TextMatch, ids: list[int], groups: list[int]) -> list[int]:
    """These reviews, best match first by exact rank within each group (for the fallback: how many words)."""
    sql = f"""
        SELECT c.id FROM unnest(%(ids)s::bigint[], %(groups)s::int[]) WITH ORDINALITY AS c(id, g, n)
        JOIN {SEARCH_DOCUMENT} AS d ON d.review_id = c.id
        ORDER BY c.g DESC, {text.rank} DESC, c.n
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {**text.params, "ids": ids, "groups": groups})
        return [row[0] for row in cursor.fetchall()]


def _best_first(text: TextMatch, index: ReviewIndex, reviews: BitMap, start: int, count: int) -> list[int]:
    """Ids of `count` of these reviews from the `start`-th, best match first.

    Every match is ordered by best_match_order; the first RANK_AT_MOST of that order are then ranked exactly
    (ts_rank_cd: how often and how close together the words are, by field weight), which reads each one's words
    out of line: 3–4 microseconds a review here, too slow for all 49,000 matches of a common word (160–190 ms)
    but about 1 ms for 200.
    """
    if count <= 0:
        return []
    order = best_match_order(text, index, reviews)
    page: list[int] = []
    if start < RANK_AT_MOST:
        top = order[:RANK_AT_MOST]
        groups = [0] * len(top)
        if text.fallback:
            groups = [sum(1 for at_least in text.at_least if p in at_least) for p in top.tolist()]
        page = _ranked(text, index.ids[top].tolist(), groups)[start : start + count]
    rest = order[max(start, RANK_AT_MOST) : start + count]
    return page + index.ids[rest].tolist()


def in_order(params: SearchParams, text: TextMatch | None, index: ReviewIndex, reviews: BitMap, start: int, count: int):
    sort = params.effective_sort
    if sort == "relevance" and text is not None:
        return _best_first(text, index, reviews, start, count)
    return index.review_ids(reviews, start, count, oldest_first=sort == "oldest")
