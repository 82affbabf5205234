"""Keeping findings' themes and similar reviews in step with changed reviews (reviews_changed), and the one
trigger for retraining."""

from .findings import tag_review_findings
from .similar import refresh_similar_for


def on_reviews_changed(sender, review_ids: list[int], public: bool = True, **kwargs) -> None:
    """Changed reviews' findings get the current model's themes, and published ones their similar reviews: one
    batch of vectors, no training. Nothing happens before a model has been trained (the check is one small
    query)."""
    tag_review_findings(list(review_ids))
    if public:
        refresh_similar_for(list(review_ids))


def training_wanted() -> bool:
    """The one place that says whether to train again; `train_theme_model --if-due` (cron) asks it. Training is
    never started from a request: a task queue, when there is one, would enqueue the command here."""
    from .training import retraining_due

    return retraining_due()
