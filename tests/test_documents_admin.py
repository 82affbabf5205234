"""An editor uploads a review document and leaves the fields empty: the admin fills them, as a draft to check."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import Review

from .documents import make_report_docx, make_report_pdf
from .test_documents_pdf import scr_with_cover_contents_and_running_header

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:reviews_review_add")


@pytest.fixture(autouse=True)
def private_documents(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


def empty_form(board=None, document: bytes = b"", name: str = "report.pdf", **typed) -> dict:
    data = {
        "title": "",
        "slug": "",
        "reference": "",
        "review_type": "",
        "board": str(board.pk) if board else "",
        "published_on": "",
        "source_url": "",
        "age_band": "",
        "summary": "",
        "plain_summary": "",
        "source_document": SimpleUploadedFile(name, document),
    }
    for prefix in ("findings", "recommendations", "events"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update(typed)
    return data


def shown_messages(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def test_an_uploaded_report_fills_the_empty_fields_and_rows_as_a_draft(editor_client, board_a):
    response = editor_client.post(ADD_URL, empty_form(board_a, scr_with_cover_contents_and_running_header()))
    assert response.status_code == 302, response.context["adminform"].form.errors
    review = Review.objects.get()
    assert review.status == Review.Status.DRAFT  # nothing is published automatically
    assert review.title == "Serious Case Review: Child D"
    assert review.slug == "serious-case-review-child-d"
    assert review.review_type == "SCR"
    assert (str(review.published_on), review.published_year_only) == ("2019-03-14", False)
    assert review.age_band == "1-4"
    assert review.summary.startswith("Child D was 3 years old")
    assert "Findings" not in review.summary
    assert [finding.text[:30] for finding in review.findings.all()] == [
        "Agencies did not share informa",
        "The GP was not told about the ",
        "Neglect was not recognised.",
    ]
    assert [item.position for item in review.findings.all()] == [1, 2, 3]
    assert review.recommendations.count() == 2
    message = shown_messages(response)
    assert "From the uploaded document: title, type of review, publication date, age band, executive summary" in message
    assert "3 findings, 2 recommendations" in message
    assert "The document names Tyneside Safeguarding Children Board; the board you chose was kept." in message
    assert "Check and tidy it before you publish" in message
    assert review.board == board_a


def test_what_the_editor_typed_is_kept(editor_client, board_a):
    form = empty_form(
        board_a,
        scr_with_cover_contents_and_running_header(),
        title="Child D: learning review",
        slug="child-d",
        review_type="CSPR",
        published_on="2019-04-01",
    )
    assert editor_client.post(ADD_URL, form).status_code == 302
    review = Review.objects.get()
    assert (review.title, review.slug, review.review_type) == ("Child D: learning review", "child-d", "CSPR")
    assert str(review.published_on) == "2019-04-01"
    assert review.age_band == "1-4"  # left empty, so filled


def test_the_board_named_in_the_document_is_chosen_from_the_editors_boards(superuser_client, board_a, board_b):
    document = make_report_docx(
        [
            ("title", "Safeguarding Adults Review: Mrs J"),
            ("p", "Hilltop Safeguarding Partnership, 2021"),
            ("h1", "Executive summary"),
            ("p", "Mrs J was aged 81 and lived in a care home."),
        ]
    )
    response = superuser_client.post(ADD_URL, empty_form(None, document, name="mrs-j.docx"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    review = Review.objects.get()
    assert review.board == board_b
    assert (str(review.published_on), review.published_year_only) == ("2021-01-01", True)
    assert review.review_type == "SAR" and review.age_band == "adult"
    message = shown_messages(response)
    assert "No findings were found" in message and "No recommendations were found" in message


def test_a_document_without_a_title_asks_the_editor_for_one(editor_client, board_a):
    document = make_report_pdf([("p", "Notes of a meeting."), ("h1", "Executive summary"), ("p", "Some text.")])
    response = editor_client.post(ADD_URL, empty_form(board_a, document))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["title"] == ["Enter a title, or upload a document that has one."]
    assert errors["review_type"] == ["Choose the type of review, or upload a document that names it."]
    assert not Review.objects.exists()
