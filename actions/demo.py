"""Deterministic demo actions, progress updates and audits on the demo reviews, for local demos and benchmarks.

Only demo reviews (references DEMO-..., reviews.demo) and their boards get them: running this on a library that
also holds real reviews never invents actions or audits for those.
"""

import datetime
import random
from collections import Counter
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from reviews.demo import DEMO_REFERENCE_PREFIX
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
    "The procedure has been redrafted and agreed by the practice group.",
    "A case file audit of {n} records has been completed.",
    "The template change went live; use is being monitored monthly.",
    "A task and finish group has met three times and agreed a plan.",
    "The learning event was attended by {n} practitioners from seven agencies.",
]
DONE = [
    "Completed: the new procedure is published and every team has been briefed.",
    "Completed: the re-audit of {n} case files found the change embedded in practice.",
    "Completed: the learning is now part of the multi-agency training programme.",
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
    """Add actions to about `share` of published demo reviews' recommendations, with updates; audits for their boards.

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
    demo_reviews = Review.objects.published().filter(reference__startswith=DEMO_REFERENCE_PREFIX)
    rows = (
        Recommendation.objects.filter(review__in=demo_reviews)
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
                for written, status, text in _updates_for(rng, action, today):
                    updates.append(
                        ProgressUpdate(
                            action=action,
                            written_on=written,
                            text=text,
                            impact=rng.choice(IMPACT).format(n=rng.randint(40, 95)) if status == "completed" else "",
                            status=status,
                            created_at=now,
                        )
                    )
                    events.append(ActionEvent(action=action, kind="update", at=now, changes=[]))
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

    templates = {t.theme_id: t for t in AuditTemplate.objects.filter(versions__isnull=False).distinct().order_by("id")}
    boards = Board.objects.filter(reviews__in=demo_reviews).distinct().order_by("id")
    themes_by_board: dict[int, list[int]] = {}
    for board_id, theme_id in (
        Review.themes.through.objects.filter(review__in=demo_reviews)
        .values_list("review__board_id", "theme_id")
        .order_by("review__board_id", "theme_id")
    ):
        themes_by_board.setdefault(board_id, []).append(theme_id)
    questions = {template_id: list(t.latest_version().questions.all()) for template_id, t in templates.items()}
    questions = {template_id: found for template_id, found in questions.items() if found}
    audits, answers = [], []
    for board in boards:
        # A board audits the themes its own reviews keep raising.
        raised = Counter(themes_by_board.get(board.id, []))
        chosen = [templates[theme_id] for theme_id, _ in raised.most_common() if theme_id in questions]
        for template in chosen[: rng.randint(1, 3)]:
            _audits_of(rng, board, template, questions[template.theme_id], now, audits, answers)
    with transaction.atomic():
        Audit.objects.bulk_create(audits)
        AuditAnswer.objects.bulk_create(answers, batch_size=batch)
    counts["audits"] = len(audits)
    return counts


def _updates_for(rng: random.Random, action: Action, today) -> list[tuple[datetime.date, str, str]]:
    """Dated progress notes leading up to the action's status: one or two while in progress, the last says done."""
    if action.status in ("not-started", "not-accepted"):
        return []
    end = action.completed_on or today
    span = max((end - action.agreed_on).days, 1)
    steps = rng.randint(1, 2)
    notes = []
    for step in range(1, steps + 1):
        written = action.agreed_on + datetime.timedelta(days=span * step // (steps + 1))
        notes.append((written, "in-progress", rng.choice(PROGRESS).format(n=rng.randint(12, 240))))
    if action.status == "completed":
        notes.append((action.completed_on, "completed", rng.choice(DONE).format(n=rng.randint(20, 120))))
    return notes


def _audits_of(rng: random.Random, board: Board, template: AuditTemplate, questions, now, audits, answers) -> None:
    """One or two completed audits of a theme, a year or so apart; the repeat usually shows improvement."""
    repeats = rng.choice([1, 1, 2])
    for repeat in range(repeats):
        done_at = now - datetime.timedelta(days=400 * (repeats - 1 - repeat) + rng.randint(10, 300))
        audit = Audit(
            board=board,
            template=template,
            version_id=questions[0].version_id,
            status="completed",
            completed_at=done_at,
            created_at=done_at,
        )
        audits.append(audit)
        for question in questions:
            answer = rng.choices(ANSWERS, weights=[4 + 2 * repeat, 3, 3 - 2 * repeat, 1])[0]
            answers.append(
                AuditAnswer(
                    audit=audit,
                    question=question,
                    answer=answer,
                    evidence="" if answer == "not-applicable" else "Case file audit and practitioner survey.",
                    action="Include in the next training cycle and re-audit." if answer == "not-met" else "",
                )
            )
