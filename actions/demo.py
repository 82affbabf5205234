"""Deterministic demo actions, progress updates and audits on the demo reviews, for local demos and benchmarks."""

import datetime
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from reviews.models import Agency, Board, Recommendation, Review

from .models import (
    Action,
    ActionEvent,
    Audit,
    AuditAnswer,
    AuditTemplate,
    ProgressUpdate,
)

WHAT = [
    "Update the multi-agency procedure and brief every team on the change.",
    "Deliver a briefing on this learning to frontline practitioners and managers.",
    "Audit a sample of case files six months on to check practice has changed.",
    "Add a prompt to the assessment template and check it is used.",
    "Run a multi-agency learning event on this review.",
    "Review the escalation policy with partner agencies and relaunch it.",
]
PROGRESS = [
    "Briefings delivered to {n} practitioners across partner agencies.",
    "The procedure has been redrafted and agreed by the partnership's practice group.",
    "A case file audit of {n} records has been completed.",
    "The template change went live; use is being monitored monthly.",
]
IMPACT = [
    "A follow-up audit found the new prompt used in {n}% of assessments.",
    "Practitioners' survey: {n}% said they would now escalate a disagreement.",
    "",
]
REASONS = ["The recommendation is covered by a regional review already under way.", "Superseded by national guidance."]
ANSWERS = ["met", "partly-met", "not-met", "not-applicable"]


def _action_for(rng: random.Random, recommendation_id: int, published_on: datetime.date, agencies: list[int], today):
    """An action agreed a few weeks after publication; older reviews' actions are more often finished."""
    agreed = min(published_on + datetime.timedelta(days=rng.randint(14, 90)), today)
    due = agreed + datetime.timedelta(days=rng.choice([90, 180, 270, 365]))
    age = (today - agreed).days
    roll = rng.random()
    if age > 730:
        status = "completed" if roll < 0.8 else "not-accepted" if roll < 0.85 else "in-progress"
    elif age > 180:
        status = "completed" if roll < 0.45 else "in-progress" if roll < 0.85 else "not-started"
    else:
        status = "in-progress" if roll < 0.5 else "not-started"
    completed = None
    if status == "completed":
        completed = min(agreed + datetime.timedelta(days=rng.randint(30, 500)), today)
    return Action(
        recommendation_id=recommendation_id,
        description=rng.choice(WHAT),
        agency_id=rng.choice(agencies) if rng.random() < 0.7 else None,
        agreed_on=agreed,
        due_on=due,
        status=status,
        completed_on=completed,
        not_accepted_reason=rng.choice(REASONS) if status == "not-accepted" else "",
    )


def seed_action_demo(
    *, seed: int = 2014, share: float = 0.6, write: Callable[[str], None] = print, batch: int = 5000
) -> dict[str, int]:
    """Add actions to about `share` of published reviews' recommendations, with updates, and audits for boards.

    Does nothing if actions already exist. Bulk inserts: about half a minute at 100,000 reviews.
    """
    if Action.objects.exists():
        write("Demo actions already exist; nothing added.")
        return {"actions": 0, "updates": 0, "audits": 0}
    today = timezone.localdate()
    rng = random.Random(seed)
    agencies = list(Agency.objects.values_list("id", flat=True))
    now = timezone.now()
    counts = {"actions": 0, "updates": 0, "audits": 0}
    rows = (
        Recommendation.objects.filter(review__in=Review.objects.published())
        .order_by("id")
        .values_list("id", "review__published_on")
        .iterator(chunk_size=batch)
    )
    pending: list[Action] = []

    def flush():
        with transaction.atomic():
            Action.objects.bulk_create(pending)
            updates, events = [], []
            for action in pending:
                events.append(ActionEvent(action=action, kind="created", at=now, changes=[]))
                if action.status != "not-started":
                    written = action.completed_on or min(action.agreed_on + datetime.timedelta(days=60), today)
                    updates.append(
                        ProgressUpdate(
                            action=action,
                            written_on=written,
                            text=rng.choice(PROGRESS).format(n=rng.randint(12, 240)),
                            impact=rng.choice(IMPACT).format(n=rng.randint(40, 95)),
                            status=action.status,
                            created_at=now,
                        )
                    )
            ProgressUpdate.objects.bulk_create(updates)
            ActionEvent.objects.bulk_create(events)
        counts["actions"] += len(pending)
        counts["updates"] += len(updates)
        pending.clear()

    for recommendation_id, published_on in rows:
        if rng.random() < share:
            for _ in range(rng.choice([1, 1, 1, 2])):
                pending.append(_action_for(rng, recommendation_id, published_on, agencies, today))
        if len(pending) >= batch:
            flush()
            write(f"  {counts['actions']:,} actions")
    if pending:
        flush()

    templates = list(AuditTemplate.objects.filter(versions__isnull=False).distinct().order_by("id"))
    for board in Board.objects.order_by("id"):
        for template in rng.sample(templates, k=min(len(templates), rng.randint(0, 4))):
            for repeat in range(rng.choice([1, 1, 2])):
                version = template.latest_version()
                done_at = now - datetime.timedelta(days=400 * (1 - repeat) + rng.randint(10, 300))
                audit = Audit.objects.create(
                    board=board,
                    template=template,
                    version=version,
                    status="completed",
                    completed_at=done_at,
                    created_at=done_at,
                )
                AuditAnswer.objects.bulk_create(
                    AuditAnswer(
                        audit=audit,
                        question=question,
                        answer=(answer := rng.choices(ANSWERS, weights=[5, 3, 2 - repeat, 1])[0]),
                        evidence="" if answer == "not-applicable" else "Case file audit and practitioner survey.",
                        action="Include in the next training cycle and re-audit." if answer == "not-met" else "",
                    )
                    for question in version.questions.all()
                )
                counts["audits"] += 1
    return counts
