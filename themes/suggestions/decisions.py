"""Editors accepting or rejecting suggestions: recorded, so each theme's acceptance rate shows how good its
suggestions are."""

from django.db import transaction

from reviews.models import Agency, Review, ReviewEvent
from reviews.signals import reviews_changed
from themes.models import SuggestionDecision, Theme

from .corpus import document_text, review_texts
from .model import Suggestion
from .store import suggester_or_taxonomy


def suggestions_for_review(review: Review) -> tuple[list[Suggestion], list[Suggestion]]:
    """(themes, agencies) suggested for a saved review that it is not tagged with and that no editor has rejected
    for it; from the taxonomy alone before a model is trained. A few queries and one prediction: fine in a
    request."""
    if review.pk is None:
        return [], []
    suggester = suggester_or_taxonomy()
    doc = review_texts(Review.objects.filter(pk=review.pk))[0]
    themes, agencies = suggester.suggest(doc.full_text)
    rejected = SuggestionDecision.objects.filter(review=review, accepted=False)
    rejected_themes = set(rejected.filter(theme__isnull=False).values_list("theme__slug", flat=True))
    rejected_agencies = set(rejected.filter(agency__isnull=False).values_list("agency__slug", flat=True))
    return (
        [s for s in themes if s.slug not in doc.themes and s.slug not in rejected_themes],
        [s for s in agencies if s.slug not in doc.agencies and s.slug not in rejected_agencies],
    )


def suggestions_for_document(*, title: str, summary: str, findings: list[str], recommendations: list[str]):
    """(themes, agencies) for a document not in the library yet (ingest)."""
    suggester = suggester_or_taxonomy()
    doc = document_text(title=title, summary=summary, findings=findings, recommendations=recommendations)
    return suggester.suggest(doc.full_text, limit=10, minimum=0.2)


@transaction.atomic
def record_decision(
    *,
    review: Review,
    user,
    accepted: bool,
    theme: Theme | None = None,
    agency: Agency | None = None,
    confidence: float = 0.0,
) -> SuggestionDecision:
    """Record an editor's decision; an accepted theme or agency is added to the review (and the change logged)."""
    if (theme is None) == (agency is None):
        raise ValueError("Decide about one theme or one agency.")
    decision = SuggestionDecision.objects.create(
        review=review, theme=theme, agency=agency, accepted=accepted, user=user, confidence=confidence
    )
    if accepted:
        if theme is not None:
            review.themes.add(theme)
        else:
            review.agencies.add(agency)
        what = f"theme {theme.name}" if theme is not None else f"agency {agency.name}"
        ReviewEvent.objects.create(
            review=review, action=ReviewEvent.Action.CHANGED, user=user, note=f"Suggested {what} accepted"[:300]
        )
        # Tags changed: search words, dashboards and findings' themes follow.
        reviews_changed.send(sender=Review, review_ids=[review.pk])
    return decision


def acceptance_rates() -> dict[int, tuple[int, int]]:
    """{theme id: (accepted, decided)}: one query."""
    return SuggestionDecision.objects.acceptance_by_theme()
