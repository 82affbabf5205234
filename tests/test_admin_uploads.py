"""Board staff adding reviews through the admin: their own board only, with PDF/DOCX summaries."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import Review, ReviewEvent

from .documents import make_docx, make_encrypted_docx, make_encrypted_pdf, make_pdf
from .factories import ReviewFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:reviews_review_add")


@pytest.fixture(autouse=True)
def private_documents(tmp_path, settings):
    """Each test stores uploads in its own folder, so we can see exactly which files exist."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def stored_files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def review_form(board, **overrides) -> dict:
    data = {
        "title": "Child Z: serious case review",
        "slug": "child-z-serious-case-review",
        "reference": "",
        "review_type": "CSPR",
        "board": str(board.pk),
        "published_on": "2024-02-01",
        "source_url": "",
        "age_band": "1-4",
        "summary": "",
        "plain_summary": "",
    }
    for prefix in ("findings", "recommendations", "events"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update(overrides)
    return data


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_editor_uploads_a_pdf_and_its_text_becomes_the_summary(editor_client, board_a, private_documents):
    pdf = make_pdf("Executive summary", "The baby was not brought to health appointments.")
    response = editor_client.post(ADD_URL, review_form(board_a, source_document=upload("summary.pdf", pdf)))
    assert response.status_code == 302, response.context["adminform"].form.errors
    review = Review.objects.get()
    assert review.status == "draft"  # publishing is a separate, explicit step
    assert "not brought to health appointments" in review.summary
    assert review.created_by.username == "owner"
    assert review.source_document.name.endswith(".pdf")
    assert len(stored_files(private_documents)) == 1
    assert ReviewEvent.objects.get(review=review).action == "created"
    follow = editor_client.get(response["Location"])
    assert "Check and tidy it before you publish" in follow.content.decode()


def test_editor_uploads_a_docx_with_a_table(editor_client, board_a):
    docx_bytes = make_docx("Learning from Child Z.", "Agencies did not share information.", table=[["Agency", "Role"]])
    response = editor_client.post(ADD_URL, review_form(board_a, source_document=upload("summary.docx", docx_bytes)))
    assert response.status_code == 302
    review = Review.objects.get()
    assert "Agencies did not share information." in review.summary and "Agency | Role" in review.summary
    assert review.source_document.name.endswith(".docx")


def test_typed_summary_is_kept_when_a_document_is_uploaded(editor_client, board_a):
    form = review_form(board_a, summary="My own words.", source_document=upload("s.pdf", make_pdf("From the PDF")))
    editor_client.post(ADD_URL, form)
    assert Review.objects.get().summary == "My own words."


def test_content_is_sniffed_not_trusted_from_the_name(editor_client, board_a):
    # A Word document called .pdf is read as what it is; and its stored name says what it really is.
    response = editor_client.post(
        ADD_URL, review_form(board_a, source_document=upload("summary.pdf", make_docx("Really a Word file.")))
    )
    assert response.status_code == 302
    assert Review.objects.get().source_document.name.endswith(".docx")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("summary.pdf", b"", "The submitted file is empty."),
        ("summary.pdf", b"just some text pretending", "must be a PDF or a Word document"),
        ("summary.exe", b"MZ\x90\x00" + b"\x00" * 100, "must be a PDF or a Word document"),
        ("summary.pdf", make_pdf("Cut short")[:120], "damaged or incomplete"),
        ("summary.pdf", make_encrypted_pdf("Secret"), "password-protected"),
        ("summary.docx", make_encrypted_docx(), "password-protected"),
        ("summary.docx", b"PK\x03\x04" + b"\x00" * 200, "damaged or incomplete"),
        ("summary.pdf", make_pdf(" "), "No text could be found"),
    ],
)
def test_bad_documents_are_rejected_clearly_and_nothing_is_saved(
    editor_client, board_a, private_documents, name, content, message
):
    response = editor_client.post(ADD_URL, review_form(board_a, source_document=upload(name, content)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Review.objects.exists()
    assert stored_files(private_documents) == []


def test_documents_over_the_size_limit_are_rejected(editor_client, board_a, settings, private_documents):
    settings.UPLOAD_MAX_BYTES = 1024
    big = make_pdf("x" * 3000)
    response = editor_client.post(ADD_URL, review_form(board_a, source_document=upload("big.pdf", big)))
    assert "the largest file you can upload is" in response.content.decode()
    assert not Review.objects.exists() and stored_files(private_documents) == []


def test_a_failure_after_the_file_is_stored_leaves_neither_row_nor_file(
    editor_client, board_a, private_documents, monkeypatch
):
    from reviews.admin import ReviewAdmin

    def fail(*args, **kwargs):
        raise RuntimeError("the server stopped mid-save")

    monkeypatch.setattr(ReviewAdmin, "save_related", fail)
    pdf = make_pdf("A summary that never gets saved.")
    editor_client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        editor_client.post(ADD_URL, review_form(board_a, source_document=upload("s.pdf", pdf)))
    assert not Review.objects.exists()
    assert stored_files(private_documents) == []


def test_replacing_a_document_removes_the_old_file(
    editor_client, board_a, private_documents, django_capture_on_commit_callbacks
):
    editor_client.post(ADD_URL, review_form(board_a, source_document=upload("a.pdf", make_pdf("First version"))))
    review = Review.objects.get()
    first = review.source_document.name
    change_url = reverse("admin:reviews_review_change", args=[review.pk])
    form = review_form(board_a, summary=review.summary, source_document=upload("b.pdf", make_pdf("Second version")))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(change_url, form)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.source_document.name != first
    assert [path.name for path in stored_files(private_documents)] == [Path(review.source_document.name).name]
    assert default_storage.exists(review.source_document.name)


def test_summary_or_document_is_required(editor_client, board_a):
    response = editor_client.post(ADD_URL, review_form(board_a))
    assert "Enter the executive summary, or upload it" in response.content.decode()
    assert not Review.objects.exists()


def test_duplicate_reference_gets_a_clear_message(editor_client, board_a):
    ReviewFactory(board=board_a, reference="RS-2024-1")
    response = editor_client.post(ADD_URL, review_form(board_a, reference="RS-2024-1", summary="Text."))
    assert response.status_code == 200
    assert "Another review already has this reference." in response.content.decode()
    assert Review.objects.count() == 1


def test_an_editor_with_one_board_finds_it_chosen(editor_client, board_a):
    form = editor_client.get(ADD_URL).context["adminform"].form
    assert form.initial["board"] == board_a.pk
