"""An action's history: every change, progress update and status recorded with who, when and the old and new values."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from actions.models import Action, ActionEvent, ProgressUpdate
from actions.services import action_change, progress_update_add
from reviews.models import Agency

from . import action_fixtures
from .action_fixtures import TODAY

pytestmark = pytest.mark.django_db

# Shared fixtures (tests/action_fixtures.py).
review_a = action_fixtures.review_a
action_a = action_fixtures.action_a
private_documents = action_fixtures.private_documents

# ---------------------------------------------------------------------------------------------------------------
# History


def test_every_change_to_an_action_is_recorded_with_who_when_and_old_and_new_values(action_a, editor, superuser):
    police = Agency.objects.get(slug="police")
    old_due = action_a.due_on
    action_change(action=action_a, user=superuser, due_on=old_due + datetime.timedelta(days=31), agency=police)
    action_change(action=action_a, user=editor, description="Run safe sleep training for every health visitor.")
    action_change(action=action_a, user=editor, description="Run safe sleep training for every health visitor.")

    events = list(action_a.events.order_by("at", "id"))
    assert [e.kind for e in events] == ["created", "changed", "changed"]  # the repeat changed nothing: no record
    created, moved, reworded = events
    assert created.user == editor
    assert {"field": "What will be done", "old": "", "new": "Run safe sleep training for all health visitors."} in (
        created.changes
    )
    assert moved.user == superuser
    assert {c["field"]: (c["old"], c["new"]) for c in moved.changes} == {
        "Agency responsible": ("The partnership as a whole", "Police"),
        "Due date": (f"{old_due:%-d %B %Y}", f"{old_due + datetime.timedelta(days=31):%-d %B %Y}"),
    }
    assert reworded.changes == [
        {
            "field": "What will be done",
            "old": "Run safe sleep training for all health visitors.",
            "new": "Run safe sleep training for every health visitor.",
        }
    ]


def test_a_progress_update_records_the_status_change_and_dates_completion(action_a, editor):
    day = TODAY - datetime.timedelta(days=2)
    progress_update_add(
        action=action_a, user=editor, written_on=day, text="Half the team trained.", status="in-progress"
    )
    progress_update_add(
        action=action_a, user=editor, written_on=TODAY, text="Everyone trained.", status="completed", impact="Audit."
    )
    action_a.refresh_from_db()
    assert action_a.status == "completed" and action_a.completed_on == TODAY
    last = action_a.events.order_by("-at", "-id").first()
    assert last.kind == ActionEvent.Kind.UPDATE
    assert {"field": "Status", "old": "In progress", "new": "Completed"} in last.changes
    assert [u.text for u in action_a.updates.all()] == ["Everyone trained.", "Half the team trained."]


def test_progress_updates_cannot_be_changed_once_saved(action_a, editor):
    update = progress_update_add(action=action_a, user=editor, written_on=TODAY, text="Started.", status="in-progress")
    update.text = "Something else"
    with pytest.raises(ValueError, match="cannot be changed"):
        update.save()
    assert ProgressUpdate.objects.get(pk=update.pk).text == "Started."


def test_not_accepted_needs_a_reason_in_the_service_and_the_database(action_a, editor):
    with pytest.raises(ValidationError) as error:
        progress_update_add(action=action_a, user=editor, written_on=TODAY, text="Declined.", status="not-accepted")
    assert "not_accepted_reason" in error.value.message_dict
    action_a.refresh_from_db()
    assert action_a.status == "not-started" and not action_a.updates.exists()

    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action_a.pk).update(status="not-accepted", not_accepted_reason="")


def test_reopening_a_completed_action_clears_its_completion_date_and_keeps_the_record(action_a, editor):
    progress_update_add(action=action_a, user=editor, written_on=TODAY, text="Done.", status="completed")
    progress_update_add(action=action_a, user=editor, written_on=TODAY, text="Found gaps.", status="in-progress")
    action_a.refresh_from_db()
    assert action_a.completed_on is None and action_a.status == "in-progress"
    statuses = [u.status for u in action_a.updates.order_by("id")]
    assert statuses == ["completed", "in-progress"]
