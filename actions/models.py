"""What boards do with what reviews taught: actions on recommendations, their progress, and local audits.

Nothing here is overwritten silently: changes to an action are recorded as ActionEvents, progress updates are
never changed once saved, completed audits are read-only, and audit templates keep every version of their
questions so old answers keep the questions they answered.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from reviews.models import Review, TimeStamped


class ActionQuerySet(models.QuerySet):
    def editable_by(self, user) -> "ActionQuerySet":
        """Actions a user may change: those on reviews the user may edit (reviews' own rule, editable_by)."""
        return self.filter(recommendation__review__in=Review.objects.editable_by(user))

    def visible_to(self, user) -> "ActionQuerySet":
        """Actions a signed-in user may read in full: their boards', or every board's for inspectors."""
        if user.is_authenticated and user.is_active and user.is_staff and user.has_perm("actions.inspect_all_boards"):
            return self
        return self.editable_by(user)

    def open(self) -> "ActionQuerySet":
        return self.filter(status__in=Action.OPEN_STATUSES)

    def overdue(self, today=None) -> "ActionQuerySet":
        """Open actions whose due date has passed."""
        return self.open().filter(due_on__lt=today or timezone.localdate())


class Action(TimeStamped):
    """Something a board or agency will do about one recommendation of a review."""

    class Status(models.TextChoices):
        NOT_STARTED = "not-started", "Not started"
        IN_PROGRESS = "in-progress", "In progress"
        COMPLETED = "completed", "Completed"
        NOT_ACCEPTED = "not-accepted", "Not accepted"

    OPEN_STATUSES = [Status.NOT_STARTED, Status.IN_PROGRESS]

    recommendation = models.ForeignKey(
        "reviews.Recommendation",
        # A recommendation with actions cannot be deleted: the record of what was done must not vanish with it.
        on_delete=models.PROTECT,
        related_name="actions",
        db_index=False,  # action_recommendation_idx below leads with it
    )
    description = models.TextField("what will be done")
    agency = models.ForeignKey(
        "reviews.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name="agency responsible",
        help_text="Leave empty when the partnership as a whole is responsible.",
    )
    agreed_on = models.DateField("date agreed", default=timezone.localdate)
    due_on = models.DateField("due date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    not_accepted_reason = models.TextField("reason for not accepting", blank=True)
    completed_on = models.DateField("date completed", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        permissions = [("inspect_all_boards", "Can read every board's actions, audits and evidence packs")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["not-started", "in-progress", "completed", "not-accepted"]),
                name="actions_action_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="not-accepted") | ~models.Q(not_accepted_reason=""),
                name="actions_action_not_accepted_has_reason",
            ),
            # A completion date exactly when completed: the median time to completion is computed from it.
            models.CheckConstraint(
                condition=models.Q(status="completed", completed_on__isnull=False)
                | (~models.Q(status="completed") & models.Q(completed_on__isnull=True)),
                name="actions_action_completed_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True) | models.Q(completed_on__gte=models.F("agreed_on")),
                name="actions_action_completed_after_agreed",
            ),
        ]
        indexes = [
            # trackers: overdue actions are open ones by due date
            models.Index(
                fields=["due_on"],
                name="action_open_due_idx",
                condition=models.Q(status__in=["not-started", "in-progress"]),
            ),
            # A recommendation's actions, with what the trackers count from them (progress, overdue, time to
            # complete): a board's figures and the summary's recounts read the index alone, not the table.
            models.Index(
                fields=["recommendation"],
                include=["id", "status", "due_on", "agreed_on", "completed_on"],
                name="action_recommendation_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self):
        errors = {}
        if self.status == self.Status.NOT_ACCEPTED and not self.not_accepted_reason.strip():
            errors["not_accepted_reason"] = "Say why the action was not accepted."
        if self.status == self.Status.COMPLETED and not self.completed_on:
            errors["completed_on"] = "Enter the date the action was completed."
        if self.status != self.Status.COMPLETED and self.completed_on:
            errors["completed_on"] = "Only a completed action has a completion date."
        if self.completed_on and self.agreed_on and self.completed_on < self.agreed_on:
            errors["completed_on"] = "The completion date cannot be before the date the action was agreed."
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.due_on < (today or timezone.localdate())


class ActionEvent(models.Model):
    """One change to an action, with who, when and each field's old and new value. Never edited."""

    class Kind(models.TextChoices):
        CREATED = "created", "Action added"
        CHANGED = "changed", "Details changed"
        UPDATE = "update", "Progress update"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    # [{"field": "Due date", "old": "1 May 2025", "new": "1 June 2025"}, ...] in the words the page shows.
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


def evidence_path(update: "ProgressUpdate", filename: str) -> str:
    # A random name, like review documents: uploaded names are not trusted and must not be guessable.
    suffix = PurePath(filename).suffix.lower()
    return f"action-evidence/{uuid.uuid4().hex}{suffix}"


class ProgressUpdate(models.Model):
    """A dated note of progress on an action, with evidence of impact. Immutable once saved."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    written_on = models.DateField("date of update", default=timezone.localdate)
    text = models.TextField("what has happened")
    impact = models.TextField("evidence of impact", blank=True)
    # Stored privately (the default storage is never served directly); only the attachment view hands it out.
    attachment = models.FileField(upload_to=evidence_path, blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        "status after this update", max_length=20, choices=Action.Status.choices, default=Action.Status.IN_PROGRESS
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_on", "-id"]

    def __str__(self) -> str:
        return f"Update of {self.written_on:%d %B %Y}"

    def save(self, *args, **kwargs):
        # Updates are evidence: a correction is a new update, never an edit of an old one.
        if not self._state.adding:
            raise ValueError("Progress updates cannot be changed once saved; add a new update instead.")
        super().save(*args, **kwargs)


# ---------------------------------------------------------------------------------------------------------------
# Local audits


class AuditTemplate(TimeStamped):
    """The questions a board checks its own practice against for one theme. Its questions are edited in the admin;
    each save that changes them freezes a new AuditTemplateVersion."""

    theme = models.OneToOneField("themes.Theme", on_delete=models.PROTECT, related_name="audit_template")
    introduction = models.TextField(blank=True, help_text="Shown to boards at the start of the audit.")

    class Meta:
        ordering = ["theme__name"]

    def __str__(self) -> str:
        return f"Audit: {self.theme.name}"

    def latest_version(self) -> "AuditTemplateVersion | None":
        return self.versions.order_by("-number").first()


class AuditQuestion(models.Model):
    """A question as it stands now (the working copy). Audits answer frozen copies in AuditVersionQuestion."""

    template = models.ForeignKey(AuditTemplate, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    guidance = models.TextField(blank=True, help_text="What good looks like; shown under the question.")

    class Meta:
        ordering = ["template", "position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class AuditTemplateVersion(models.Model):
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="actions_templateversion_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.template} (version {self.number})"


class AuditVersionQuestion(models.Model):
    """A question frozen in one version. `key` stays the same for the same question across versions (it is the
    working question's id), so a repeat audit can be compared with the last one even if the wording changed."""

    version = models.ForeignKey(AuditTemplateVersion, on_delete=models.CASCADE, related_name="questions")
    key = models.PositiveBigIntegerField()
    position = models.PositiveIntegerField()
    text = models.TextField()
    guidance = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="actions_versionquestion_key_unique")]

    def __str__(self) -> str:
        return self.text[:80]


class AuditQuerySet(models.QuerySet):
    def editable_by(self, user) -> "AuditQuerySet":
        """Audits a user may work on: their own boards' (the reviews rule, reviews.permissions), staff only."""
        from .permissions import editable_boards

        return self.filter(board__in=editable_boards(user))

    def visible_to(self, user) -> "AuditQuerySet":
        if user.is_authenticated and user.is_active and user.is_staff and user.has_perm("actions.inspect_all_boards"):
            return self
        return self.editable_by(user)

    def completed(self) -> "AuditQuerySet":
        return self.filter(status=Audit.Status.COMPLETED)

    def latest_completed_per_board(self) -> "AuditQuerySet":
        """Each board's most recent completed audit of each theme (DISTINCT ON), so repeat audits count once."""
        return (
            self.completed()
            .order_by("board_id", "template_id", "-completed_at", "-id")
            .distinct("board_id", "template_id")
        )


class Audit(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        COMPLETED = "completed", "Completed"

    board = models.ForeignKey("reviews.Board", on_delete=models.PROTECT, related_name="audits")
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="audits")
    version = models.ForeignKey(AuditTemplateVersion, on_delete=models.PROTECT, related_name="audits")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "completed"]), name="actions_audit_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(completed_at__isnull=False),
                name="actions_audit_completed_has_date",
            ),
            # One draft at a time per board and theme: two half-finished audits of the same thing confuse everyone.
            models.UniqueConstraint(
                fields=["board", "template"], condition=models.Q(status="draft"), name="actions_audit_one_draft"
            ),
        ]
        indexes = [
            # repeat comparison and the national view: a board's completed audits of a theme, newest first
            models.Index(
                fields=["board", "template", "-completed_at"],
                name="audit_board_template_done_idx",
                condition=models.Q(status="completed"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template.theme.name} audit, {self.board.name}"

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    def previous_completed(self) -> "Audit | None":
        """The board's last completed audit of this theme before this one (for the change since then)."""
        earlier = Audit.objects.completed().filter(board_id=self.board_id, template_id=self.template_id)
        if self.completed_at:
            earlier = earlier.filter(completed_at__lt=self.completed_at)
        return earlier.exclude(pk=self.pk).select_related("version").order_by("-completed_at", "-id").first()


class AuditAnswer(models.Model):
    class Answer(models.TextChoices):
        MET = "met", "Met"
        PARTLY_MET = "partly-met", "Partly met"
        NOT_MET = "not-met", "Not met"
        NOT_APPLICABLE = "not-applicable", "Not applicable"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(AuditVersionQuestion, on_delete=models.PROTECT, related_name="answers")
    answer = models.CharField(max_length=20, choices=Answer.choices, blank=True)  # empty while a draft
    evidence = models.TextField(blank=True)
    action = models.TextField("action to take", blank=True)

    class Meta:
        ordering = ["audit", "question__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "question"], name="actions_auditanswer_question_unique"),
            models.CheckConstraint(
                condition=models.Q(answer__in=["", "met", "partly-met", "not-met", "not-applicable"]),
                name="actions_auditanswer_answer_valid",
            ),
        ]
        # No extra index: the foreign keys' own indexes serve "this audit's answers" and "answers to a question".

    def __str__(self) -> str:
        return f"{self.question}: {self.get_answer_display() or 'not answered'}"


from .summary_models import (  # noqa: E402, F401
    TrackerChange,
    TrackerCount,
    TrackerCsvPart,
    TrackerDays,
    TrackerDue,
    TrackerReview,
)
