"""Writes that touch several models: actions with their history, progress updates, audit templates and audits.

Each is atomic and records who did what; none overwrites anything without leaving a trace.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date

from reviews.models import Agency, Board, Recommendation

from .files import KINDS, safe_display_name
from .models import (
    Action,
    ActionEvent,
    Audit,
    AuditAnswer,
    AuditTemplate,
    AuditTemplateVersion,
    AuditVersionQuestion,
    ProgressUpdate,
)
from .tracker import forget_tracker_figures

# The fields whose every change is recorded, in the order the history shows them.
TRACKED_FIELDS = ["description", "agency", "agreed_on", "due_on", "status", "not_accepted_reason", "completed_on"]


def _shown(action: Action, field: str) -> str:
    """A field's value in the words the pages use, for the history."""
    value = getattr(action, field)
    if field == "agency":
        return value.name if value else "The partnership as a whole"
    if field == "status":
        return action.get_status_display()
    if isinstance(value, datetime.date):
        return format_date(value, "j F Y")
    return value or ""


def _label(field: str) -> str:
    return str(Action._meta.get_field(field).verbose_name).capitalize()


def _changes(before: dict[str, str], action: Action) -> list[dict]:
    changes = []
    for field in TRACKED_FIELDS:
        new = _shown(action, field)
        if new != before[field]:
            changes.append({"field": _label(field), "old": before[field], "new": new})
    return changes


@transaction.atomic
def action_create(
    *,
    recommendation: Recommendation,
    user,
    description: str,
    due_on: datetime.date,
    agency: Agency | None = None,
    agreed_on: datetime.date | None = None,
) -> Action:
    """Add an action to a recommendation, not started, and record who added it."""
    action = Action(
        recommendation=recommendation,
        description=description.strip(),
        agency=agency,
        agreed_on=agreed_on or timezone.localdate(),
        due_on=due_on,
        created_by=user,
        updated_by=user,
    )
    action.full_clean()
    action.save()
    empty = dict.fromkeys(TRACKED_FIELDS, "")
    ActionEvent.objects.create(action=action, kind=ActionEvent.Kind.CREATED, user=user, changes=_changes(empty, action))
    forget_tracker_figures()
    return action


@transaction.atomic
def action_change(*, action: Action, user, **values) -> Action:
    """Change an action's details; each changed field's old and new value is recorded. No change, no record.

    Raises ValidationError (by field) if the result is not valid; nothing is saved then.
    """
    unknown = set(values) - set(TRACKED_FIELDS)
    if unknown:
        raise TypeError(f"not an action field: {', '.join(sorted(unknown))}")
    locked = Action.objects.select_for_update(of=("self",)).select_related("agency").get(pk=action.pk)
    before = {field: _shown(locked, field) for field in TRACKED_FIELDS}
    for field, value in values.items():
        setattr(locked, field, value.strip() if isinstance(value, str) else value)
    locked.full_clean()
    changes = _changes(before, locked)
    if changes:
        locked.updated_by = user
        locked.save()
        ActionEvent.objects.create(action=locked, kind=ActionEvent.Kind.CHANGED, user=user, changes=changes)
        forget_tracker_figures()
    return locked


@transaction.atomic
def progress_update_add(
    *,
    action: Action,
    user,
    written_on: datetime.date,
    text: str,
    status: str,
    impact: str = "",
    attachment=None,
    attachment_kind: str = "",
    not_accepted_reason: str = "",
) -> ProgressUpdate:
    """Add a dated progress update and set the action's status with it.

    Completing an action dates its completion with the update; a not-accepted action needs a reason. The status
    change is recorded in the action's history. `attachment` must have been checked (files.check_evidence_file)
    and `attachment_kind` is what that check returned.
    """
    locked = Action.objects.select_for_update(of=("self",)).select_related("agency").get(pk=action.pk)
    before = {field: _shown(locked, field) for field in TRACKED_FIELDS}
    if status == Action.Status.COMPLETED:
        if locked.status != Action.Status.COMPLETED:
            locked.completed_on = written_on
    else:
        locked.completed_on = None
    locked.not_accepted_reason = not_accepted_reason.strip() if status == Action.Status.NOT_ACCEPTED else ""
    locked.status = status
    locked.updated_by = user
    try:
        locked.full_clean()
    except ValidationError as error:
        # The update form shows these against its own fields.
        raise ValidationError(
            {
                "written_on" if field == "completed_on" else field: messages
                for field, messages in error.message_dict.items()
            }
        ) from None
    locked.save()

    update = ProgressUpdate(
        action=locked, written_on=written_on, text=text.strip(), impact=impact.strip(), status=status, created_by=user
    )
    if attachment:
        update.attachment_name = safe_display_name(attachment.name, attachment_kind)
        attachment.name = f"evidence{KINDS[attachment_kind][0]}"
        update.attachment = attachment
    update.full_clean()
    changes = [
        {"field": "Progress update", "old": "", "new": format_date(written_on, "j F Y")},
        *_changes(before, locked),
    ]
    try:
        update.save()
        ActionEvent.objects.create(action=locked, kind=ActionEvent.Kind.UPDATE, user=user, changes=changes)
    except Exception:
        # The row was not saved, so the file just stored must not stay behind either.
        if update.attachment:
            update.attachment.storage.delete(update.attachment.name)
        raise
    forget_tracker_figures()
    return update


# ---------------------------------------------------------------------------------------------------------------
# Audit templates and audits


class AuditError(Exception):
    """An audit cannot be changed as asked; the message is written for the board editor."""


class AuditIncomplete(Exception):
    """What is missing before an audit can be completed: {question id: {"answer"|"evidence"|"action": message}}."""

    def __init__(self, problems: dict[int, dict[str, str]]):
        self.problems = problems
        super().__init__(f"{len(problems)} question(s) need more before the audit can be completed")


@transaction.atomic
def template_freeze_version(*, template: AuditTemplate, user=None) -> AuditTemplateVersion | None:
    """Freeze the template's current questions as a new version if they differ from the latest version.

    Returns the new version, or None when nothing changed (or there are no questions yet). Audits already started
    keep the version they started with.
    """
    AuditTemplate.objects.select_for_update().filter(pk=template.pk).first()
    questions = [(q.id, q.text.strip(), q.guidance.strip()) for q in template.questions.order_by("position", "id")]
    if not questions:
        return None
    latest = template.versions.order_by("-number").prefetch_related("questions").first()
    if latest is not None and [(q.key, q.text, q.guidance) for q in latest.questions.all()] == questions:
        return None
    version = AuditTemplateVersion.objects.create(
        template=template, number=(latest.number + 1) if latest else 1, created_by=user
    )
    AuditVersionQuestion.objects.bulk_create(
        AuditVersionQuestion(version=version, key=key, position=position, text=text, guidance=guidance)
        for position, (key, text, guidance) in enumerate(questions, start=1)
    )
    return version


@transaction.atomic
def audit_start(*, board: Board, template: AuditTemplate, user) -> Audit:
    """Start an audit of a theme for a board on the template's latest version, or return the draft already open."""
    draft = Audit.objects.filter(board=board, template=template, status=Audit.Status.DRAFT).first()
    if draft is not None:
        return draft
    version = template.latest_version()
    if version is None:
        raise AuditError(f"The {template.theme.name} audit has no questions yet.")
    audit = Audit.objects.create(board=board, template=template, version=version, started_by=user)
    AuditAnswer.objects.bulk_create(AuditAnswer(audit=audit, question=question) for question in version.questions.all())
    return audit


def _locked_draft(audit: Audit) -> Audit:
    locked = Audit.objects.select_for_update().get(pk=audit.pk)
    if locked.is_completed:
        raise AuditError(
            f"This audit was completed on {format_date(timezone.localtime(locked.completed_at), 'j F Y')} "
            "and can no longer be changed. Start a new audit to record changes."
        )
    return locked


@transaction.atomic
def audit_save(*, audit: Audit, user, answers: dict[int, dict[str, str]]) -> Audit:
    """Save a draft's answers: {question id: {"answer": ..., "evidence": ..., "action": ...}}. Anything may be empty."""
    locked = _locked_draft(audit)
    rows = list(locked.answers.all())
    for row in rows:
        given = answers.get(row.question_id)
        if given is not None:
            row.answer = given.get("answer", "") or ""
            row.evidence = (given.get("evidence", "") or "").strip()
            row.action = (given.get("action", "") or "").strip()
    AuditAnswer.objects.bulk_update(rows, ["answer", "evidence", "action"])
    locked.save(update_fields=["updated_at"])
    return locked


def audit_problems(audit: Audit) -> dict[int, dict[str, str]]:
    """What must be filled in before the audit can be completed, by question id and field (one query)."""
    problems: dict[int, dict[str, str]] = {}
    for row in audit.answers.select_related("question"):
        missing = {}
        if not row.answer:
            missing["answer"] = "Select whether this is met, partly met, not met or not applicable"
        elif row.answer != AuditAnswer.Answer.NOT_APPLICABLE and not row.evidence.strip():
            missing["evidence"] = "Enter the evidence for your answer"
        if row.answer == AuditAnswer.Answer.NOT_MET and not row.action.strip():
            missing["action"] = "Enter the action you will take, as this is not met"
        if missing:
            problems[row.question_id] = missing
    return problems


def audit_complete(*, audit: Audit, user, answers: dict[int, dict[str, str]] | None = None) -> Audit:
    """Save any last answers, then complete the audit: from then on it is read-only and dated.

    The answers are saved (and kept) first; then AuditIncomplete lists anything missing, and AuditError says if
    the audit was already completed.
    """
    if answers:
        audit_save(audit=audit, user=user, answers=answers)
    with transaction.atomic():
        locked = _locked_draft(audit)
        problems = audit_problems(locked)
        if problems:
            raise AuditIncomplete(problems)
        locked.status = Audit.Status.COMPLETED
        locked.completed_at = timezone.now()
        locked.completed_by = user
        locked.save(update_fields=["status", "completed_at", "completed_by", "updated_at"])
    return locked
