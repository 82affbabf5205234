"""ingest_documents: many documents through the upload's path, one JSON line each, drafts for the board."""

import json

import pytest
from django.core.management import CommandError, call_command

from reviews.models import Finding, Review
from themes.suggestions import store

from .documents import make_docx, make_pdf

pytestmark = pytest.mark.django_db

KEYS = {
    "file",
    "title",
    "review_type",
    "published",
    "board",
    "age_band",
    "summary",
    "findings",
    "recommendations",
    "themes",
    "agencies",
    "similar",
    "duplicate_of",
    "error",
}


@pytest.fixture(autouse=True)
def private_documents(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "stored"},
        },
    }
    store.forget_loaded()


def _report(title: str, summary: str, finding: str) -> bytes:
    return make_docx(
        title,
        "Riverside Safeguarding Partnership",
        "Published March 2022",
        "Executive summary",
        summary,
        "Findings",
        f"1. {finding}",
        "Recommendations",
        "1. The partnership should make sure advice is repeated at every contact.",
    )


@pytest.fixture
def folder(tmp_path):
    documents = tmp_path / "in"
    documents.mkdir()
    (documents / "a-baby.docx").write_bytes(
        _report(
            "Baby Y: child safeguarding practice review",
            "Baby Y died while co-sleeping with a parent who had drunk alcohol.",
            "Safe sleep advice was not tailored to the family.",
        )
    )
    (documents / "b-partner.docx").write_bytes(
        _report(
            "Ms Z: domestic homicide review",
            "Ms Z was killed by her partner after years of coercive control known to the police.",
            "The MARAC did not hear the case although the risk was high.",
        )
    )
    (documents / "c-broken.pdf").write_bytes(b"%PDF-1.4 this is not really a PDF")
    (documents / "notes.txt").write_text("not a document")  # folders give only PDF and Word files
    return documents


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_ingest_prints_a_json_line_per_document_and_creates_drafts(folder, board_a, capsys):
    call_command("ingest_documents", str(folder), "--board", board_a.slug)
    captured = capsys.readouterr()
    lines = _lines(captured.out)
    assert [line["file"].rsplit("/", 1)[-1] for line in lines] == ["a-baby.docx", "b-partner.docx", "c-broken.pdf"]
    assert all(set(line) == KEYS for line in lines)
    baby, partner, broken = lines
    assert baby["error"] is None and baby["title"] == "Baby Y: child safeguarding practice review"
    assert baby["review_type"] == "CSPR" and baby["published"] == "2022"
    assert baby["board"] == "Riverside Safeguarding Partnership"
    assert baby["findings"] == ["Safe sleep advice was not tailored to the family."]
    assert baby["themes"][0]["slug"] == "safe-sleep"
    assert baby["themes"] == sorted(baby["themes"], key=lambda theme: -theme["score"])
    assert partner["themes"][0]["slug"] == "domestic-abuse"
    assert broken["error"] and broken["title"] is None
    drafts = Review.objects.filter(board=board_a).order_by("title")
    assert [review.title for review in drafts] == [baby["title"], "Ms Z: domestic homicide review"]
    assert all(review.status == "draft" for review in drafts)
    assert Finding.objects.filter(review__in=drafts).count() == 2
    assert "[3/3] c-broken.pdf: error" in captured.err


def test_dry_run_creates_nothing(folder, board_a, capsys):
    call_command("ingest_documents", str(folder / "a-baby.docx"), "--board", board_a.slug, "--dry-run")
    (line,) = _lines(capsys.readouterr().out)
    assert line["error"] is None and line["themes"]
    assert not Review.objects.exists()


def test_a_document_already_in_the_library_is_reported_not_added_again(folder, board_a, capsys):
    call_command("ingest_documents", str(folder / "a-baby.docx"), "--board", board_a.slug)
    capsys.readouterr()
    call_command("ingest_documents", str(folder / "a-baby.docx"), "--board", board_a.slug)
    (line,) = _lines(capsys.readouterr().out)
    first = Review.objects.get()
    assert line["duplicate_of"] == first.slug


def test_an_unknown_board_is_refused(folder):
    with pytest.raises(CommandError, match="No board"):
        call_command("ingest_documents", str(folder), "--board", "nowhere")


def test_a_document_without_a_type_needs_one_given(tmp_path, board_a, capsys):
    path = tmp_path / "plain.pdf"
    path.write_bytes(make_pdf("Some notes\nThe family moved house three times in a year."))
    call_command("ingest_documents", str(path), "--board", board_a.slug)
    (line,) = _lines(capsys.readouterr().out)
    assert "--review-type" in line["error"]
    call_command("ingest_documents", str(path), "--board", board_a.slug, "--review-type", "SAR")
    (line,) = _lines(capsys.readouterr().out)
    assert line["error"] is None
    assert Review.objects.get().review_type == "SAR"
