"""Learning that reaches practitioners: theme learning content, the glossary, email alerts and frontline feedback."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from reviews.models import Review
from themes.models import Theme


class GlossaryTerm(models.Model):
    """An acronym or term practitioners meet in reviews, in plain words. Editors keep the list in the admin."""

    class Kind(models.TextChoices):
        ACRONYM = "acronym", "Acronym or abbreviation"
        TERM = "term", "Term"

    term = models.CharField(max_length=60, help_text="As it is written in reviews, for example MASH or s47.")
    expansion = models.CharField(
        max_length=200, help_text="What it stands for, for example Multi-Agency Safeguarding Hub."
    )
    meaning = models.TextField("what it means", blank=True, help_text="Optional: one or two sentences in plain words.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ACRONYM)
    mark_up = models.BooleanField(
        "explain in summaries",
        default=True,
        help_text="Show the expansion where the acronym is first used in a summary or finding.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [Lower("term")]
        constraints = [
            models.UniqueConstraint(Lower("term"), name="learning_glossaryterm_term_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["acronym", "term"]), name="learning_glossary_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.term

    def clean(self):
        self.term = self.term.strip()
        if self.term and GlossaryTerm.objects.filter(term__iexact=self.term).exclude(pk=self.pk).exists():
            raise ValidationError({"term": "The glossary already has this term."})


class ThemeLearning(models.Model):
    """What editors add to a theme's learning page: a fuller explanation, questions, good practice, related themes."""

    theme = models.OneToOneField(Theme, on_delete=models.CASCADE, related_name="learning")
    meaning = models.TextField(
        "what the theme means",
        blank=True,
        help_text="A fuller explanation for practitioners. The theme's short description is shown above it.",
    )
    why_it_matters = models.TextField(
        blank=True, help_text="Why this matters for children, adults and families. Used in the seven-minute briefing."
    )
    related_themes = models.ManyToManyField(
        Theme,
        related_name="+",
        blank=True,
        help_text="Themes to suggest alongside this one. Left empty, the themes most often tagged together are shown.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "theme learning page"
        ordering = ["theme__name"]

    def __str__(self) -> str:
        return f"Learning page: {self.theme.name}"


class ReflectiveQuestion(models.Model):
    learning = models.ForeignKey(ThemeLearning, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=400)

    class Meta:
        ordering = ["learning", "position", "id"]

    def __str__(self) -> str:
        return self.text


class GoodPracticePoint(models.Model):
    learning = models.ForeignKey(ThemeLearning, on_delete=models.CASCADE, related_name="good_practice")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=400)

    class Meta:
        ordering = ["learning", "position", "id"]
        verbose_name = "what good practice looks like"
        verbose_name_plural = "what good practice looks like"

    def __str__(self) -> str:
        return self.text


class Discipline(models.TextChoices):
    """The practitioner's field, in their own words. Used to count feedback across disciplines."""

    CHILDRENS_SOCIAL_WORK = "childrens-social-work", "Children's social work"
    ADULT_SOCIAL_CARE = "adult-social-care", "Adult social care"
    HEALTH_VISITING = "health-visiting", "Health visiting, midwifery or school nursing"
    GP = "gp", "GP or primary care"
    HOSPITAL = "hospital", "Hospital or emergency care"
    MENTAL_HEALTH = "mental-health", "Mental health"
    POLICE = "police", "Police"
    EDUCATION = "education", "Education or early years"
    PROBATION = "probation", "Probation or youth justice"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary or community sector"
    OTHER = "other", "Another discipline"
    NOT_SAID = "not-said", "Prefer not to say"


class FeedbackQuerySet(models.QuerySet):
    def on_public_reviews(self) -> "FeedbackQuerySet":
        """Feedback on reviews the public can see: counts and comments never show anything about other reviews."""
        return self.filter(review__in=Review.objects.published())

    def approved_comments(self) -> "FeedbackQuerySet":
        return self.filter(comment_status=Feedback.CommentStatus.APPROVED)

    def counts_by_discipline(self) -> list[dict]:
        """[{discipline, label, yes, no, total, approved_comments}], most answers first, in one GROUP BY query."""
        rows = self.values("discipline").annotate(
            yes=models.Count("id", filter=models.Q(helpful=True)),
            no=models.Count("id", filter=models.Q(helpful=False)),
            approved_comments=models.Count("id", filter=models.Q(comment_status=Feedback.CommentStatus.APPROVED)),
        )
        labels = dict(Discipline.choices)
        result = [
            {
                **row,
                "label": labels.get(row["discipline"], row["discipline"]),
                "total": row["yes"] + row["no"],
            }
            for row in rows
        ]
        return sorted(result, key=lambda row: (-row["total"], row["label"]))


class Feedback(models.Model):
    """A practitioner's answer to "Did this help your practice?". No account; comments are moderated first."""

    class CommentStatus(models.TextChoices):
        NONE = "none", "No comment"
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Not published"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField("did it help")
    discipline = models.CharField(max_length=30, choices=Discipline.choices, default=Discipline.NOT_SAID)
    comment = models.TextField(blank=True)
    comment_status = models.CharField(max_length=10, choices=CommentStatus.choices, default=CommentStatus.NONE)
    # A keyed hash of the sender's IP address and the day: enough to limit repeats, useless for finding a person.
    sender_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "feedback"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(comment_status__in=["none", "pending", "approved", "rejected"]),
                name="learning_feedback_status_valid",
            ),
            # A comment always goes through moderation; an answer without one has nothing to moderate.
            models.CheckConstraint(
                condition=(models.Q(comment="") & models.Q(comment_status="none"))
                | (~models.Q(comment="") & ~models.Q(comment_status="none")),
                name="learning_feedback_comment_moderated",
            ),
        ]
        indexes = [
            # rate limits: this sender's recent feedback
            models.Index(fields=["sender_hash", "created_at"], name="feedback_sender_recent_idx"),
            # the moderation queue in the admin
            models.Index(
                fields=["created_at"], name="feedback_pending_idx", condition=models.Q(comment_status="pending")
            ),
        ]

    def __str__(self) -> str:
        return f"{'Helped' if self.helpful else 'Did not help'}: {self.review}"


class AlertSubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> "AlertSubscriptionQuerySet":
        return self.filter(confirmed_at__isnull=False)


class AlertSubscription(models.Model):
    """An email address that asked for a digest of newly published reviews matching a search. No account.

    Addresses are used only to send the alerts: they are not shown in the admin, the site or any export.
    """

    email = models.EmailField(max_length=254)
    # The search, as the canonical query string of the search page's parameters (sorted, empty values dropped).
    query = models.CharField(max_length=1000, blank=True)
    # Where links in the emails point: the address the person subscribed on.
    site_url = models.URLField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Reviews first published after this are in the next digest.
    last_sent_at = models.DateTimeField(null=True, blank=True)

    objects = AlertSubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), "query", name="learning_alert_email_query_unique"),
        ]

    def __str__(self) -> str:
        # Never the address: this string can appear in logs and admin messages.
        return f"Alert subscription {self.pk}"
