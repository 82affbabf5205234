"""What the theme and agency suggestions keep: trained model versions, editors' decisions, findings' themes and
each published review's most similar reviews. Imported by themes.models so Django finds them."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ThemeModelQuerySet(models.QuerySet):
    def current(self) -> "ThemeModel | None":
        """The newest trained version (one query), or None before the first training."""
        return self.order_by("-trained_at", "-id").first()


class ThemeModel(models.Model):
    """One trained version of the suggestion model, in the database so every process and host uses the same one.

    `pipeline` holds the joblib bytes of our own fitted objects (themes.suggestions.model.Suggester): it is only
    ever written by train_theme_model and read back from this table, never taken from outside.
    """

    trained_at = models.DateTimeField(default=timezone.now)
    review_count = models.PositiveIntegerField(help_text="Published, tagged reviews it learnt from.")
    # Published reviews when it was trained: enough more since then and it is time to train again.
    published_review_count = models.PositiveIntegerField(default=0)
    # {theme slug: {"precision", "recall", "f1", "support"}} from cross-validation, and the same for agencies.
    theme_metrics = models.JSONField(default=dict)
    agency_metrics = models.JSONField(default=dict)
    seconds = models.FloatField(default=0, help_text="How long training took.")
    pipeline = models.BinaryField()
    # joblib bytes of themes.suggestions.similar.SimilarIndex: the published reviews' vectors when last refreshed,
    # for finding reviews like a new document (duplicates, ingest) without reading every review's text again.
    index = models.BinaryField(null=True)

    objects = ThemeModelQuerySet.as_manager()

    class Meta:
        ordering = ["-trained_at", "-id"]
        get_latest_by = "trained_at"

    def __str__(self) -> str:
        return f"Theme model {self.pk} ({self.trained_at:%Y-%m-%d %H:%M}, {self.review_count} reviews)"


class SuggestionDecisionQuerySet(models.QuerySet):
    def acceptance_by_theme(self) -> dict[int, tuple[int, int]]:
        """{theme id: (accepted, decided)} in one GROUP BY query."""
        rows = (
            self.filter(theme__isnull=False)
            .values("theme")
            .annotate(accepted=models.Count("id", filter=models.Q(accepted=True)), decided=models.Count("id"))
        )
        return {row["theme"]: (row["accepted"], row["decided"]) for row in rows}


class SuggestionDecision(models.Model):
    """An editor accepted or rejected a suggested theme or agency for a review: how good each theme's
    suggestions are, in editors' eyes."""

    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="suggestion_decisions")
    theme = models.ForeignKey(
        "themes.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="suggestion_decisions"
    )
    agency = models.ForeignKey("reviews.Agency", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    accepted = models.BooleanField()
    confidence = models.FloatField(default=0)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = SuggestionDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(theme__isnull=False, agency__isnull=True)
                | models.Q(theme__isnull=True, agency__isnull=False),
                name="themes_decision_theme_or_agency",
            ),
        ]
        # No extra index: the theme's and the review's foreign key indexes serve the acceptance counts.

    def __str__(self) -> str:
        what = self.theme_id and f"theme {self.theme_id}" or f"agency {self.agency_id}"
        return f"{'Accepted' if self.accepted else 'Rejected'} {what} for review {self.review_id}"


class FindingTheme(models.Model):
    """A finding that is about a theme, by the suggestion model (score above a threshold): what a theme's page and
    briefing quote, rather than any finding of a review tagged with the theme."""

    # Indexed by the constraint and index below, not by the foreign keys' own indexes.
    finding = models.ForeignKey(
        "reviews.Finding", on_delete=models.CASCADE, related_name="finding_themes", db_index=False
    )
    theme = models.ForeignKey("themes.Theme", on_delete=models.CASCADE, related_name="finding_themes", db_index=False)
    score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["finding", "theme"], name="themes_findingtheme_unique"),
        ]
        indexes = [
            # theme pages and briefings: a theme's findings
            models.Index(fields=["theme", "finding"], name="findingtheme_theme_idx"),
        ]

    def __str__(self) -> str:
        return f"Finding {self.finding_id} is about theme {self.theme_id} ({self.score:.2f})"


class SimilarReview(models.Model):
    """One of a published review's most similar published reviews, worked out by refresh_similar_reviews (after
    training, and from cron) so that a review page reads its list in one indexed query."""

    # The unique constraint below indexes it (review first).
    review = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="similar_links", db_index=False)
    similar = models.ForeignKey("reviews.Review", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    text_score = models.FloatField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "similar"], name="themes_similarreview_unique"),
            models.CheckConstraint(condition=~models.Q(review=models.F("similar")), name="themes_similar_not_self"),
        ]

    def __str__(self) -> str:
        return f"Review {self.similar_id} is like review {self.review_id} ({self.score:.2f})"
