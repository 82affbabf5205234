"""Action pages: who may see and do what, adding an action and a progress update, and every page of the app
public only if meant to be."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Action
from actions.services import progress_update_add
from reviews.models import Agency

from . import action_fixtures
from .action_fixtures import TODAY, clients

pytestmark = pytest.mark.django_db

# Shared fixtures (tests/action_fixtures.py).
review_a = action_fixtures.review_a
action_a = action_fixtures.action_a
private_documents = action_fixtures.private_documents

# ---------------------------------------------------------------------------------------------------------------
# Pages: who may see and do what


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("anonymous", None, False),
        ("colleague", 404, False),
        ("owner", 200, True),
        ("superuser", 200, True),
        ("inspector", 200, False),
    ],
)
def test_action_pages_are_for_the_boards_editors_and_inspectors_only(
    persona, read, write, action_a, editor_client, other_editor_client, superuser_client, inspector_client
):
    client = clients(editor_client, other_editor_client, superuser_client, inspector_client)[persona]
    recommendation = action_a.recommendation
    urls = {
        "detail": reverse("actions:action", args=[action_a.pk]),
        "change": reverse("actions:action-edit", args=[action_a.pk]),
        "update": reverse("actions:update-add", args=[action_a.pk]),
        "add": reverse("actions:action-add", args=[recommendation.pk]),
        "board": reverse("actions:board-actions", args=[recommendation.review.board.slug]),
    }
    responses = {name: client.get(url) for name, url in urls.items()}
    if read is None:
        for name, response in responses.items():
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), name
        return
    assert responses["detail"].status_code == read
    assert responses["board"].status_code == (200 if read == 200 else 403)
    expected_write = 200 if write else (403 if read == 200 else 404)
    assert responses["change"].status_code == expected_write
    assert responses["update"].status_code == expected_write
    assert responses["add"].status_code == (200 if write else 404)
    if read == 200:
        page = responses["detail"].content.decode()
        assert "Run safe sleep training" in page
        assert ("Add a progress update" in page) == write


def test_a_colleague_cannot_change_another_boards_action_by_posting(action_a, other_editor_client):
    before = Action.objects.get(pk=action_a.pk)
    other_editor_client.post(
        reverse("actions:update-add", args=[action_a.pk]),
        {
            "written_on-day": TODAY.day,
            "written_on-month": TODAY.month,
            "written_on-year": TODAY.year,
            "text": "Hacked",
            "status": "completed",
        },
    )
    other_editor_client.post(
        reverse("actions:action-add", args=[action_a.recommendation.pk]), {"description": "Hacked"}
    )
    after = Action.objects.get(pk=action_a.pk)
    assert after.status == before.status == "not-started"
    assert not after.updates.exists() and Action.objects.count() == 1


def test_an_inspector_cannot_change_anything(action_a, inspector_client):
    response = inspector_client.post(
        reverse("actions:update-add", args=[action_a.pk]),
        {
            "written_on-day": TODAY.day,
            "written_on-month": TODAY.month,
            "written_on-year": TODAY.year,
            "text": "Inspector note",
            "status": "completed",
        },
    )
    assert response.status_code == 403
    assert not action_a.updates.exists()


def test_editor_adds_an_action_and_sees_it_recorded(editor_client, review_a, editor):
    recommendation = review_a.recommendations.get(position=2)
    due = TODAY + datetime.timedelta(days=60)
    response = editor_client.post(
        reverse("actions:action-add", args=[recommendation.pk]),
        {
            "description": "Audit 30 records each quarter.",
            "agency": Agency.objects.get(slug="health").pk,
            "agreed_on-day": TODAY.day,
            "agreed_on-month": TODAY.month,
            "agreed_on-year": TODAY.year,
            "due_on-day": due.day,
            "due_on-month": due.month,
            "due_on-year": due.year,
        },
    )
    action = Action.objects.get(recommendation=recommendation)
    assert response.status_code == 302 and response["Location"] == reverse("actions:action", args=[action.pk])
    assert action.created_by == editor and action.due_on == due and action.agency.slug == "health"
    assert action.events.get().kind == "created"


def test_bad_dates_get_clear_messages_not_errors(editor_client, review_a):
    recommendation = review_a.recommendations.get(position=1)
    response = editor_client.post(
        reverse("actions:action-add", args=[recommendation.pk]),
        {
            "description": "",
            "agreed_on-day": "31",
            "agreed_on-month": "2",
            "agreed_on-year": "2024",
            "due_on-day": "1",
            "due_on-month": "",
            "due_on-year": "2024",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter what will be done" in page
    assert "Date agreed must be a real date" in page
    assert "Due date must include a month" in page
    assert not Action.objects.exists()


def test_update_form_requires_a_reason_when_not_accepted(editor_client, action_a):
    response = editor_client.post(
        reverse("actions:update-add", args=[action_a.pk]),
        {
            "written_on-day": TODAY.day,
            "written_on-month": TODAY.month,
            "written_on-year": TODAY.year,
            "text": "The partnership decided not to do this.",
            "status": "not-accepted",
        },
    )
    assert "Enter why the action was not accepted" in response.content.decode()
    assert not action_a.updates.exists()


def test_every_actions_page_is_public_only_if_meant_to_be(action_a, board_a):
    """Walks every URL of the app: a new page is either listed as public here or sends strangers to sign in."""
    from django.urls import get_resolver

    from actions.models import Audit, AuditTemplate
    from actions.services import audit_start

    update = progress_update_add(action=action_a, user=None, written_on=TODAY, text="x", status="in-progress")
    audit = audit_start(board=board_a, template=AuditTemplate.objects.get(theme__slug="neglect"), user=None)
    public = {"national-tracker", "national-tracker-csv", "board-tracker", "board-tracker-csv", "national-audits"}
    args = {"slug": board_a.slug, "recommendation_id": action_a.recommendation_id}
    pks = {"action": action_a.pk, "action-edit": action_a.pk, "update-add": action_a.pk}
    pks |= {"update-attachment": update.pk, "audit": audit.pk}
    resolver = get_resolver("actions.urls")
    names = [name for name in resolver.reverse_dict if isinstance(name, str)]
    assert len(names) == 15
    client = Client()
    for name in names:
        params = resolver.reverse_dict[name][0][0][1]
        kwargs = {param: pks[name] if param == "pk" else args[param] for param in params}
        response = client.get(reverse(f"actions:{name}", kwargs=kwargs))
        if name in public:
            assert response.status_code == 200, name
        else:
            assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), name
    assert Audit.objects.count() == 1
