"""Uploaded documents are downloaded, never shown in the browser: an attachment, with nosniff."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.documents import make_pdf
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_a_reviews_document_is_an_attachment_with_nosniff(client, board_a):
    review = ReviewFactory(board=board_a, title="Child D")
    review.source_document.save("summary.pdf", ContentFile(make_pdf("Summary")))
    response = client.get(reverse("reviews:document", args=[review.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{review.slug}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_document_that_holds_html_is_still_only_downloaded(client, board_a):
    review = ReviewFactory(board=board_a, title="Child H")
    review.source_document.save("summary.docx", ContentFile(b"<html><script>alert(1)</script></html>"))
    response = client.get(reverse("reviews:document", args=[review.slug]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
