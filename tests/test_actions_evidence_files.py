"""Evidence files on progress updates: stored privately under a random name, served only to the board and inspectors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from . import action_fixtures
from .action_fixtures import TODAY, clients
from .documents import make_pdf

pytestmark = pytest.mark.django_db

# Shared fixtures (tests/action_fixtures.py).
review_a = action_fixtures.review_a
action_a = action_fixtures.action_a
private_documents = action_fixtures.private_documents

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
