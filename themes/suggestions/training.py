"""Training a new version, measuring it, and knowing when it is time to train again.

Precision, recall and F1 per theme are cross-validated: each review is scored by a model trained without it (3
folds, on up to EVALUATE_AT_MOST reviews so that evaluation at 100,000 reviews does not take longer than
training). A theme counts as suggested when its score is at least SUGGESTED.
"""

import random
import time
from collections.abc import Callable

import numpy as np
from django.conf import settings
from django.utils import timezone
from sklearn.metrics import precision_recall_fscore_support

from reviews.models import Review
from themes.models import ThemeModel

from . import store
from .corpus import ReviewText, review_texts
from .model import Suggester
from .taxonomy import agency_labels, theme_labels

SUGGESTED = 0.5
FOLDS = 3
EVALUATE_AT_MOST = 20_000


def training_reviews():
    """Published reviews with at least one theme: what the model learns from."""
    return Review.objects.published().filter(pk__in=Review.themes.through.objects.values("review_id"))


def cross_validated_metrics(
    docs: list[ReviewText], *, folds: int = FOLDS, at_most: int = EVALUATE_AT_MOST, seed: int = 0
) -> tuple[dict, dict]:
    """({theme slug: metrics}, {agency slug: metrics}); empty when there are too few reviews to split."""
    if len(docs) < folds * 2:
        return {}, {}
    rng = random.Random(seed)
    sample = rng.sample(docs, at_most) if len(docs) > at_most else list(docs)
    rng.shuffle(sample)
    themes, agencies = theme_labels(), agency_labels()
    predicted = {"themes": [], "agencies": []}
    actual = {"themes": [], "agencies": []}
    for fold in range(folds):
        test = sample[fold::folds]
        train = [doc for index, doc in enumerate(sample) if index % folds != fold]
        suggester = Suggester(themes, agencies).fit(
            [doc.full_text for doc in train], [doc.themes for doc in train], [doc.agencies for doc in train]
        )
        texts = [doc.full_text for doc in test]
        X = suggester.vectors(texts)
        for kind, model, tags in (
            ("themes", suggester.themes, [doc.themes for doc in test]),
            ("agencies", suggester.agencies, [doc.agencies for doc in test]),
        ):
            predicted[kind].append(model.scores(X, texts) >= SUGGESTED)
            actual[kind].append(np.array([[label.slug in tagged for label in model.labels] for tagged in tags]))
    return (
        _metrics(themes, np.vstack(actual["themes"]), np.vstack(predicted["themes"])),
        _metrics(agencies, np.vstack(actual["agencies"]), np.vstack(predicted["agencies"])),
    )


def _metrics(labels, actual: np.ndarray, predicted: np.ndarray) -> dict:
    precision, recall, f1, support = precision_recall_fscore_support(actual, predicted, zero_division=0)
    return {
        label.slug: {
            "precision": round(float(precision[i]), 3),
            "recall": round(float(recall[i]), 3),
            "f1": round(float(f1[i]), 3),
            "support": int(support[i]),
        }
        for i, label in enumerate(labels)
    }


def train_theme_model(*, evaluate: bool = True, progress: Callable[[str], None] | None = None) -> ThemeModel:
    """Train on the published, tagged reviews, store the new version, then bring findings' themes and similar
    reviews up to date with it. Minutes at 100,000 reviews: run from the command, never in a request."""
    from .findings import tag_all_findings
    from .similar import refresh_similar_reviews

    say = progress or (lambda message: None)
    started, cpu = time.monotonic(), time.process_time()
    docs = review_texts(training_reviews())
    say(f"Read {len(docs):,} published, tagged reviews.")
    suggester = Suggester(theme_labels(), agency_labels()).fit(
        [doc.full_text for doc in docs], [doc.themes for doc in docs], [doc.agencies for doc in docs]
    )
    say(f"Trained in {time.monotonic() - started:.1f} s ({time.process_time() - cpu:.1f} s CPU).")
    theme_metrics, agency_metrics = cross_validated_metrics(docs) if evaluate else ({}, {})
    seconds = time.monotonic() - started
    say(f"Cross-validated in {seconds:.1f} s, training included ({time.process_time() - cpu:.1f} s CPU).")
    version = ThemeModel.objects.create(
        trained_at=timezone.now(),
        review_count=len(docs),
        published_review_count=Review.objects.published().count(),
        theme_metrics=theme_metrics,
        agency_metrics=agency_metrics,
        seconds=round(seconds, 1),
        pipeline=store.dumps(suggester),
    )
    store.forget_loaded()
    step, step_cpu = time.monotonic(), time.process_time()
    tagged = tag_all_findings(suggester=suggester)
    say(
        f"Tagged findings with {tagged:,} themes in {time.monotonic() - step:.1f} s "
        f"({time.process_time() - step_cpu:.1f} s CPU)."
    )
    step, step_cpu = time.monotonic(), time.process_time()
    refreshed = refresh_similar_reviews(suggester=suggester)
    say(
        f"Similar reviews worked out for {refreshed:,} reviews in {time.monotonic() - step:.1f} s "
        f"({time.process_time() - step_cpu:.1f} s CPU)."
    )
    return version


def retraining_due() -> bool:
    """Whether enough reviews have been published since the current version (SUGGESTIONS_RETRAIN_AFTER, default
    50) to train again; true before the first version once any review is published. Two small queries."""
    current = ThemeModel.objects.current()
    published = Review.objects.published()
    if current is None:
        return published.exists()
    new = published.filter(first_published_at__gt=current.trained_at).count()
    return new >= settings.SUGGESTIONS_RETRAIN_AFTER
