"""The review admin: the uploaded document's link opens it for those allowed; the list is newest first."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reviews.models import Review

from .documents import make_pdf
from .factories import ReviewFactory
from .test_admin_uploads import review_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_documents(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


@pytest.fixture
def uploaded_draft(editor_client, board_a) -> Review:
    pdf = SimpleUploadedFile("summary.pdf", make_pdf("Executive summary", "The baby was not seen."))
    response = editor_client.post(reverse("admin:reviews_review_add"), review_form(board_a, source_document=pdf))
    assert response.status_code == 302
    return Review.objects.get()


def document_link(html: str) -> str:
    match = re.search(r'Currently: <a href="([^"]+)">([^<]+)</a>', html)
    assert match, "the change form shows no link to the current document"
    return match.group(1)


def test_the_change_forms_document_link_opens_the_document_for_its_editor(editor_client, uploaded_draft):
    change = editor_client.get(reverse("admin:reviews_review_change", args=[uploaded_draft.pk]))
    link = document_link(change.content.decode())
    assert link == reverse("reviews:document", args=[uploaded_draft.slug])
    response = editor_client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_another_boards_editor_and_visitors_cannot_open_a_drafts_document(other_editor_client, uploaded_draft):
    link = reverse("reviews:document", args=[uploaded_draft.slug])
    assert other_editor_client.get(link).status_code == 404
    assert Client().get(link).status_code == 404


def test_the_review_list_is_newest_first_with_readable_columns(superuser_client, board_a):
    older = ReviewFactory(board=board_a, title="Older review", review_type="SAR")
    older.created_at = timezone.now() - datetime.timedelta(days=3)
    older.save(update_fields=["created_at"])
    ReviewFactory(board=board_a, title="Newer review", review_type="SAR", published_on=datetime.date(2020, 5, 4))
    ReviewFactory(board=board_a, title="Undated draft", status="draft", published_on=None)
    html = superuser_client.get(reverse("admin:reviews_review_changelist")).content.decode()
    assert html.index("Newer review") < html.index("Older review")
    for heading in ("Type", "Published", "Status", "Added"):
        assert re.search(rf">\s*{heading}\s*<", html), heading
    assert "Safeguarding adult review" in html
    assert "4 May 2020" in html
