"""Reviews with similar learning: text likeness (TF-IDF cosine of title, summary and findings) and shared themes.

A review page must answer in well under 30 ms at 100,000 reviews, so each published review's five most similar
published reviews are worked out ahead (refresh_similar_reviews, after training and from cron) and stored in
SimilarReview; the page reads them in one indexed query. The same vectors are kept with the model version
(SimilarIndex) to find reviews like a document that is not in the library yet (duplicates, ingest).
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from scipy import sparse
from sklearn.preprocessing import normalize

from reviews.models import Review
from themes.models import SimilarReview, Theme

from . import neighbours, store
from .corpus import review_texts
from .model import Suggester

SHOWN = 5
TEXT_WEIGHT = 0.8  # the rest is the share of themes in common (Jaccard)
# Rows of the similarity matrix worked out at once: bounds memory to about 80 MB of float32 at any library size.
_CELLS_AT_ONCE = 20_000_000


@dataclass
class SimilarIndex:
    ids: np.ndarray  # published review ids, in row order
    vectors: sparse.csr_matrix  # L2-normalised TF-IDF rows of title, summary and findings
    summaries: sparse.csr_matrix  # the same of the summary alone: an uploaded summary is compared with both
    themes: sparse.csr_matrix  # one column per slug in theme_slugs, 1 where tagged
    theme_slugs: list[str]


@dataclass
class SimilarItem:
    review: Review
    score: float
    shared_themes: list[Theme]


def build_index(suggester: Suggester) -> SimilarIndex:
    docs = review_texts(Review.objects.published())
    slugs = sorted({slug for doc in docs for slug in doc.themes})
    column = {slug: index for index, slug in enumerate(slugs)}
    rows = [row for row, doc in enumerate(docs) for _ in doc.themes]
    cols = [column[slug] for doc in docs for slug in doc.themes]
    themes = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(docs), max(len(slugs), 1))
    )
    width = len(suggester.vectorizer.vocabulary_)
    vectors = (
        normalize(suggester.vectors([doc.learning_text for doc in docs])) if docs else sparse.csr_matrix((0, width))
    )
    summaries = normalize(suggester.vectors([doc.summary for doc in docs])) if docs else sparse.csr_matrix((0, width))
    return SimilarIndex(np.array([doc.id for doc in docs], dtype=np.int64), vectors, summaries, themes, slugs)


def combined_scores(index: SimilarIndex, vectors, themes) -> tuple[np.ndarray, np.ndarray]:
    """(combined, text) likeness of some rows to every indexed review, dense."""
    text = (vectors @ index.vectors.T).toarray()
    shared = (themes @ index.themes.T).toarray()
    sizes = np.asarray(themes.sum(axis=1)).reshape(-1, 1) + np.asarray(index.themes.sum(axis=1)).reshape(1, -1)
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(sizes - shared > 0, shared / (sizes - shared), 0.0)
    return TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * jaccard, text


def _best(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, scores.shape[1])
    if k <= 0:
        return np.empty((scores.shape[0], 0), dtype=int)
    top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    order = np.take_along_axis(scores, top, axis=1).argsort(axis=1)[:, ::-1]
    return np.take_along_axis(top, order, axis=1)


def _exact_best(index: SimilarIndex, progress: Callable[[int], None] | None):
    """(row, column, combined, text) of every row's SHOWN best, comparing every pair (in slices of rows)."""
    count = len(index.ids)
    step = max(1, _CELLS_AT_ONCE // max(count, 1))
    for start in range(0, count, step):
        stop = min(count, start + step)
        scores, text = combined_scores(index, index.vectors[start:stop], index.themes[start:stop])
        scores[np.arange(stop - start), np.arange(start, stop)] = -1.0  # never a review itself
        for offset, columns in enumerate(_best(scores, SHOWN)):
            for col in columns:
                yield start + offset, int(col), float(scores[offset, col]), float(text[offset, col])
        if progress:
            progress(stop)


def _approximate_best(index: SimilarIndex, progress: Callable[[int], None] | None):
    """The same from candidates (see neighbours.py): for libraries of neighbours.APPROXIMATE_FROM reviews or more."""
    found = neighbours.candidates(index.vectors, index.themes, TEXT_WEIGHT)
    rows = np.repeat(np.arange(len(index.ids)), found.shape[1])
    others = found.ravel()
    real = others >= 0
    rows, others = rows[real], others[real]
    combined, text = neighbours.exact_pairs(index.vectors, index.themes, rows, others, TEXT_WEIGHT)
    # Best first within each row: sort by row, then by score falling.
    order = np.lexsort((-combined, rows))
    rows, others, combined, text = rows[order], others[order], combined[order], text[order]
    first = np.searchsorted(rows, rows, side="left")
    shown = np.flatnonzero(np.arange(len(rows)) - first < SHOWN)
    for at in shown:
        yield int(rows[at]), int(others[at]), float(combined[at]), float(text[at])
    if progress:
        progress(len(index.ids))


def refresh_similar_reviews(
    *, suggester: Suggester | None = None, progress: Callable[[int], None] | None = None
) -> int:
    """Work out every published review's most similar reviews again and keep the index with the current version.
    Returns how many reviews got a list. Heavy: a command's work (minutes at 100,000 reviews), never a page's."""
    suggester = suggester or store.current_suggester()
    if suggester is None:
        return 0
    index = build_index(suggester)
    count = len(index.ids)
    best = _approximate_best if count >= neighbours.APPROXIMATE_FROM else _exact_best
    links = [
        SimilarReview(review_id=int(index.ids[row]), similar_id=int(index.ids[col]), score=score, text_score=text_score)
        for row, col, score, text_score in best(index, progress)
        if score > 0
    ]
    with transaction.atomic():
        SimilarReview.objects.all().delete()
        SimilarReview.objects.bulk_create(links, batch_size=5000)
        store.save_index(index)
    # Every row was just replaced: without fresh statistics PostgreSQL guessed 2,500 rows per review at 100,000
    # reviews and read a review's five with parallel workers, 20 ms instead of 0.1 ms.
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SimilarReview._meta.db_table}")
    return count


# A batch of changed reviews bigger than this (an import) waits for the next refresh_similar_reviews.
AT_ONCE_AT_MOST = 100


def refresh_similar_for(review_ids: list[int]) -> int:
    """These reviews' lists worked out now against the stored index, so that a review just published (or changed)
    shows reviews with similar learning at once rather than after the next training. The other reviews' lists,
    which it may now belong in, wait for the next refresh. Returns how many reviews got a list."""
    if not review_ids or len(review_ids) > AT_ONCE_AT_MOST:
        return 0
    suggester = store.current_suggester()
    index = store.current_index() if suggester is not None else None
    if index is None or not len(index.ids):
        return 0
    docs = review_texts(Review.objects.published().filter(id__in=review_ids))
    if not docs:
        return 0
    column = {slug: position for position, slug in enumerate(index.theme_slugs)}
    tagged = [(row, column[slug]) for row, doc in enumerate(docs) for slug in doc.themes if slug in column]
    themes = sparse.csr_matrix(
        (np.ones(len(tagged), dtype=np.float32), ([r for r, _ in tagged], [c for _, c in tagged])),
        shape=(len(docs), index.themes.shape[1]),
    )
    scores, text = combined_scores(index, normalize(suggester.vectors([doc.learning_text for doc in docs])), themes)
    scores[np.equal.outer(np.array([doc.id for doc in docs]), index.ids)] = -1.0  # never a review itself
    links = [
        SimilarReview(
            review_id=doc.id,
            similar_id=int(index.ids[col]),
            score=float(scores[row, col]),
            text_score=float(text[row, col]),
        )
        for row, (doc, columns) in enumerate(zip(docs, _best(scores, SHOWN), strict=True))
        for col in columns
        if scores[row, col] > 0
    ]
    with transaction.atomic():
        SimilarReview.objects.filter(review_id__in=[doc.id for doc in docs]).delete()
        SimilarReview.objects.bulk_create(links)
    return len(docs)


def similar_reviews(review: Review, *, limit: int = SHOWN) -> list[SimilarItem]:
    """A published review's most similar published reviews with the themes they share (two queries). Drafts and
    withdrawn reviews never appear, nor does anything for a review that is not published."""
    if not review.is_public:
        return []
    links = list(
        SimilarReview.objects.filter(review=review, similar__status=Review.Status.PUBLISHED)
        .select_related("similar__board")
        .prefetch_related("similar__themes")
        .order_by("-score", "similar_id")[:limit]
    )
    own = {theme.pk for theme in review.themes.all()}
    return [
        SimilarItem(link.similar, link.score, [theme for theme in link.similar.themes.all() if theme.pk in own])
        for link in links
    ]


def similar_to_text(
    text: str, theme_slugs: list[str], *, limit: int = SHOWN, suggester=None, index=None
) -> list[tuple[int, float, float]]:
    """[(review id, combined score, text score)] of the indexed published reviews most like a new text."""
    suggester = suggester or store.current_suggester()
    index = index or store.current_index()
    if suggester is None or index is None or not len(index.ids):
        return []
    vector = normalize(suggester.vectors([text]))
    column = {slug: position for position, slug in enumerate(index.theme_slugs)}
    picked = [column[slug] for slug in theme_slugs if slug in column]
    themes = sparse.csr_matrix(
        (np.ones(len(picked), dtype=np.float32), ([0] * len(picked), picked)), shape=(1, index.themes.shape[1])
    )
    scores, text_scores = combined_scores(index, vector, themes)
    return [
        (int(index.ids[col]), float(scores[0, col]), float(text_scores[0, col]))
        for col in _best(scores, limit)[0]
        if scores[0, col] > 0
    ]
