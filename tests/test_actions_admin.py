"""Actions in the admin: editors see only their boards' actions, changes are recorded, nothing is deleted."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Action

from . import action_fixtures
from .action_fixtures import make_action
from .factories import ReviewFactory

pytestmark = pytest.mark.django_db

# Shared fixtures (tests/action_fixtures.py).
review_a = action_fixtures.review_a
action_a = action_fixtures.action_a
private_documents = action_fixtures.private_documents

# ---------------------------------------------------------------------------------------------------------------
# Admin


def test_admin_lists_only_the_editors_own_boards_actions(action_a, board_b, editor_client, other_editor_client):
    theirs = ReviewFactory(board=board_b, title="Theirs", recommendations=["Something."])
    other = make_action(theirs, description="Their board's action.")
    changelist = reverse("admin:actions_action_changelist")
    mine_page = editor_client.get(changelist).content.decode()
    assert "Run safe sleep training" in mine_page and "Their board" not in mine_page
    assert editor_client.get(reverse("admin:actions_action_change", args=[action_a.pk])).status_code == 200
    response = editor_client.get(reverse("admin:actions_action_change", args=[other.pk]), follow=True)
    assert "Their board" not in response.content.decode()
    assert other_editor_client.get(reverse("admin:actions_action_change", args=[action_a.pk])).status_code == 302


def test_admin_changes_are_recorded_in_the_history_and_actions_cannot_be_deleted(action_a, editor, editor_client):
    url = reverse("admin:actions_action_change", args=[action_a.pk])
    data = {
        "description": action_a.description,
        "agency": "",
        "agreed_on": action_a.agreed_on.isoformat(),
        "due_on": (action_a.due_on + datetime.timedelta(days=7)).isoformat(),
        "status": "not-started",
        "not_accepted_reason": "",
        "completed_on": "",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "1",
        "events-INITIAL_FORMS": "1",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = action_a.events.order_by("-at", "-id").first()
    assert event.kind == "changed" and event.user == editor and event.changes[0]["field"] == "Due date"
    delete = editor_client.post(reverse("admin:actions_action_delete", args=[action_a.pk]), {"post": "yes"})
    assert delete.status_code == 403 and Action.objects.filter(pk=action_a.pk).exists()


def test_anonymous_visitors_are_sent_to_sign_in_for_action_admin_pages(action_a):
    client = Client()
    for url in [
        reverse("admin:actions_action_changelist"),
        reverse("admin:actions_action_change", args=[action_a.pk]),
        reverse("admin:actions_audittemplate_changelist"),
        reverse("admin:actions_audit_changelist"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
