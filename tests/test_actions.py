"""Actions on recommendations: adding, changing and updating them, their history, evidence files and who may do what."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ActionEvent, ProgressUpdate
from actions.services import action_change, action_create, progress_update_add
from reviews.models import Agency, Recommendation

from .documents import make_pdf
from .factories import ReviewFactory, UserFactory, signed_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def private_documents(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def inspector(db):
    user = UserFactory(username="inspector", is_staff=True)
    user.groups.add(Group.objects.get(name="Inspectors"))
    return user


@pytest.fixture
def inspector_client(inspector) -> Client:
    return signed_in(inspector)


def make_action(review, *, position: int = 1, user=None, **values) -> Action:
    """An action on the review's recommendation `position`, through the service (so its history starts)."""
    recommendation = Recommendation.objects.get(review=review, position=position)
    values.setdefault("description", "Run safe sleep training for all health visitors.")
    values.setdefault("due_on", TODAY + datetime.timedelta(days=90))
    values.setdefault("agreed_on", TODAY - datetime.timedelta(days=30))
    return action_create(recommendation=recommendation, user=user, **values)


@pytest.fixture
def review_a(board_a):
    return ReviewFactory(
        board=board_a,
        title="Baby L: practice review",
        themes=["safe-sleep"],
        recommendations=["Repeat safe sleep advice at every contact.", "Audit health visiting records."],
    )


@pytest.fixture
def action_a(review_a, editor):
    return make_action(review_a, user=editor)


def clients(editor_client, other_editor_client, superuser_client, inspector_client) -> dict[str, Client]:
    return {
        "anonymous": Client(),
        "colleague": other_editor_client,
        "owner": editor_client,
        "superuser": superuser_client,
        "inspector": inspector_client,
    }


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


def test_a_recommendation_with_actions_cannot_be_deleted(action_a):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        action_a.recommendation.delete()


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


# ---------------------------------------------------------------------------------------------------------------
# Evidence files


def _post_update_with_file(client, action, upload):
    return client.post(
        reverse("actions:update-add", args=[action.pk]),
        {
            "written_on-day": TODAY.day,
            "written_on-month": TODAY.month,
            "written_on-year": TODAY.year,
            "text": "Training delivered.",
            "impact": "Re-audit shows advice given at 9 of 10 visits.",
            "status": "completed",
            "attachment": upload,
        },
    )


def test_evidence_files_are_private_and_only_served_to_the_board_and_inspectors(
    action_a, editor_client, other_editor_client, superuser_client, inspector_client, tmp_path
):
    upload = SimpleUploadedFile("Re-audit results (final).pdf", make_pdf("Re-audit"), content_type="application/pdf")
    response = _post_update_with_file(editor_client, action_a, upload)
    assert response.status_code == 302
    update = action_a.updates.get()
    assert update.attachment.name.startswith("action-evidence/") and update.attachment.name.endswith(".pdf")
    assert "Re-audit" not in update.attachment.name  # stored under a random name
    assert (tmp_path / update.attachment.name).exists()

    url = reverse("actions:update-attachment", args=[update.pk])
    for persona, client in clients(editor_client, other_editor_client, superuser_client, inspector_client).items():
        response = client.get(url)
        expected = {"anonymous": 302, "colleague": 404}.get(persona, 200)
        assert response.status_code == expected, persona
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"
            assert response["Content-Disposition"] == 'attachment; filename="Re-audit results (final).pdf"'
            assert response["X-Content-Type-Options"] == "nosniff"
            assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_evidence_files_that_are_not_documents_or_images_are_refused(action_a, editor_client):
    upload = SimpleUploadedFile("evidence.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    response = _post_update_with_file(editor_client, action_a, upload)
    assert response.status_code == 200
    assert "The selected file must be a PDF, Word document" in response.content.decode()
    assert not action_a.updates.exists()


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


def test_deleting_a_recommendation_with_actions_in_the_review_admin_is_refused_clearly(action_a, editor_client):
    from .test_admin_uploads import review_form

    review = action_a.recommendation.review
    recommendations = list(review.recommendations.order_by("position"))
    data = review_form(
        review.board,
        title=review.title,
        slug=review.slug,
        summary=review.summary,
        published_on=review.published_on.isoformat(),
        **{"recommendations-TOTAL_FORMS": "2", "recommendations-INITIAL_FORMS": "2"},
    )
    for i, recommendation in enumerate(recommendations):
        data |= {
            f"recommendations-{i}-id": str(recommendation.pk),
            f"recommendations-{i}-review": str(review.pk),
            f"recommendations-{i}-position": str(recommendation.position),
            f"recommendations-{i}-text": recommendation.text,
            f"recommendations-{i}-agency": "",
        }
    data["recommendations-0-DELETE"] = "on"
    response = editor_client.post(reverse("admin:reviews_review_change", args=[review.pk]), data)
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert Recommendation.objects.filter(pk=action_a.recommendation_id).exists()


def test_reimporting_a_review_whose_recommendations_have_actions_keeps_the_actions(action_a):
    # The import updates a review's recommendations in place by position, so actions stay attached to them.
    from reviews.importing import review_import_rows, validate_review_lines

    review = action_a.recommendation.review
    review.reference = "RS-2024-01"
    review.save()
    line = (
        '{"title": "Baby L: practice review", "reference": "RS-2024-01", "review_type": "CSPR", '
        '"board": "Riverside Safeguarding Partnership", "region": "London", "published": "2021-06-01", '
        '"summary": "New text.", "recommendations": ["A different recommendation."]}'
    )
    review_import_rows(rows=validate_review_lines([line]))
    action_a.refresh_from_db()
    assert action_a.events.exists() and action_a.recommendation.review_id == review.pk
    assert action_a.recommendation.text == "A different recommendation."


def test_reimport_that_would_remove_a_recommendation_with_actions_is_refused_by_line(review_a, editor, tmp_path):
    from django.core.management import CommandError, call_command

    make_action(review_a, position=2, user=editor)
    review_a.reference = "RS-2024-02"
    review_a.save()
    path = tmp_path / "reviews.jsonl"
    path.write_text(
        '{"title": "Baby L: practice review", "reference": "RS-2024-02", "review_type": "CSPR", '
        '"board": "Riverside Safeguarding Partnership", "region": "London", "published": "2021-06-01", '
        '"summary": "Changed text.", "recommendations": ["Only one now."]}\n'
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_reviews", str(path))
    review_a.refresh_from_db()
    assert review_a.summary != "Changed text."
    assert list(review_a.recommendations.values_list("text", flat=True)) == [
        "Repeat safe sleep advice at every contact.",
        "Audit health visiting records.",
    ]
