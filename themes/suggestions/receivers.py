"""Keeping findings' themes in step with changed reviews (reviews_changed), and the one trigger for retraining."""

from .findings import tag_review_findings


def on_reviews_changed(sender, review_ids: list[int], **kwargs) -> None:
    """Changed reviews' findings get the current model's themes: one batch of vectors, no training. Nothing
    happens before a model has been trained (the check is one small query)."""
    tag_review_findings(list(review_ids))


def training_wanted() -> bool:
    """The one place that says whether to train again; `train_theme_model --if-due` (cron) asks it. Training is
    never started from a request: a task queue, when there is one, would enqueue the command here."""
    from .training import retraining_due

    return retraining_due()
