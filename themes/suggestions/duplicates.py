"""Is a new document probably a review already in the library? Asked before anything is saved (the admin upload,
ingest_documents)."""

import difflib
import re
from dataclasses import dataclass

import numpy as np
from django.db.models import Q
from sklearn.preprocessing import normalize

from reviews.models import Board, Review

from . import store
from .corpus import review_texts

NEAR_IDENTICAL = 0.9  # TF-IDF cosine with a review's title, summary and findings, or with its summary alone
SAME_TITLE = 0.85  # difflib ratio of titles, for reviews of the same board and year
# Reviews added since the index was last refreshed are compared one by one, the newest this many.
UNINDEXED_LIMIT = 2000


@dataclass
class Duplicate:
    review: Review
    reason: str


def _plain_title(title: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", title.lower()).strip()


def find_duplicate(
    *, text: str, title: str, board: Board | None, year: int | None, among=None, exclude_id: int | None = None
) -> Duplicate | None:
    """The review a document probably repeats: same board, year and (nearly) title, or near-identical text.

    `among` limits where to look (a Review queryset: what the user may see); by default every review but the
    withdrawn. Cost: one or two queries, and one sparse product with the stored index.
    """
    among = Review.objects.exclude(status=Review.Status.WITHDRAWN) if among is None else among
    if exclude_id:
        among = among.exclude(pk=exclude_id)
    if board is not None and year and title:
        plain = _plain_title(title)
        for candidate in among.filter(board=board, published_on__year=year).only("id", "title", "slug"):
            if difflib.SequenceMatcher(None, plain, _plain_title(candidate.title)).ratio() >= SAME_TITLE:
                return Duplicate(candidate, "same board, year and title")
    match = _near_identical_text(text, among)
    if match is not None:
        return Duplicate(match, "near-identical text")
    return None


def _near_identical_text(text: str, among) -> Review | None:
    suggester = store.current_suggester()
    if suggester is None or not text.strip():
        return None
    vector = normalize(suggester.vectors([text]))
    index = store.current_index()
    candidates: list[tuple[float, int]] = []
    newest_indexed = 0
    if index is not None and len(index.ids):
        scores = np.maximum((vector @ index.vectors.T).toarray()[0], (vector @ index.summaries.T).toarray()[0])
        candidates += [(float(scores[i]), int(index.ids[i])) for i in np.flatnonzero(scores >= NEAR_IDENTICAL)]
        newest_indexed = int(index.ids.max())
    # Reviews the index has not seen: drafts (it holds published reviews only), and those added since it was made.
    unindexed = among.filter(~Q(status=Review.Status.PUBLISHED) | Q(pk__gt=newest_indexed)).order_by("-id")
    ids = list(unindexed.values_list("id", flat=True)[:UNINDEXED_LIMIT])
    docs = review_texts(Review.objects.filter(pk__in=ids)) if ids else []
    if docs:
        scores = np.maximum(
            (vector @ normalize(suggester.vectors([doc.learning_text for doc in docs])).T).toarray()[0],
            (vector @ normalize(suggester.vectors([doc.summary for doc in docs])).T).toarray()[0],
        )
        candidates += [(float(scores[i]), docs[i].id) for i in np.flatnonzero(scores >= NEAR_IDENTICAL)]
    for _, review_id in sorted(candidates, reverse=True):
        found = among.filter(pk=review_id).first()
        if found is not None:
            return found
    return None
