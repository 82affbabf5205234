"""Reading runs in a separate process with time and memory limits; bad files get clear messages."""

import io
import logging

import pytest

from reviews.documents import DocumentError, parse_document
from reviews.documents.logs import capped_warnings

from .documents import make_encrypted_docx, make_encrypted_pdf, make_pdf


def test_a_document_that_takes_too_long_is_stopped_with_a_clear_message(settings):
    settings.DOCUMENT_PARSE_SECONDS = 0.001  # no reader can start in a millisecond: the limit is what is tested
    with pytest.raises(DocumentError, match=r"took longer than 0\.001 seconds, so it was stopped"):
        parse_document(make_pdf("Executive summary", "Text."))


def test_a_document_that_needs_too_much_memory_is_refused_with_a_clear_message(settings):
    settings.DOCUMENT_PARSE_MEMORY_BYTES = 1024 * 1024  # far less than any reader needs
    with pytest.raises(DocumentError, match="needs more memory to read than we allow"):
        parse_document(make_pdf("Executive summary", "Text."))


def test_the_reader_runs_in_another_process(monkeypatch):
    # Were it to run in this process, this would make every read fail.
    monkeypatch.setattr("reviews.documents.parse.parse", lambda *args, **kwargs: 1 / 0)
    assert "Text here." in parse_document(make_pdf("Text here.")).text


def broken_xref_pdf(pages: int) -> bytes:
    """Every cross-reference offset wrong: pypdf warns about each object it has to look for."""
    head, _, tail = make_pdf(*[f"Page {n}." for n in range(pages)]).partition(b"xref\n")
    lines = [b"0000000001 00000 n " if line.endswith(b" n ") else line for line in tail.split(b"\n")]
    return head + b"xref\n" + b"\n".join(lines)


def test_pypdf_warnings_are_capped_per_document(caplog):
    caplog.set_level(logging.WARNING, logger="reviews.documents")
    with pytest.raises(DocumentError):
        parse_document(broken_xref_pdf(150))  # about 600 warnings
    logged = "\n".join(record.getMessage() for record in caplog.records if record.name.startswith("reviews"))
    assert logged.count("Ignoring wrong pointing object") == 5
    assert "more warnings about this document were left out" in logged
    assert len(logged) < 2000


def test_the_cap_lets_errors_through_and_counts_the_rest():
    stream = io.StringIO()
    with capped_warnings(stream, limit=3):
        for number in range(1000):
            logging.getLogger("pypdf._reader").warning("warning %s", number)
        logging.getLogger("pypdf._reader").error("a real error")
    lines = stream.getvalue().splitlines()
    assert lines == [
        "pypdf._reader: warning 0",
        "pypdf._reader: warning 1",
        "pypdf._reader: warning 2",
        "pypdf._reader: a real error",
        "... and 997 more warnings about this document were left out",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, r"old-style Word file \(\.doc\)"),
        (make_encrypted_docx(), "Word document is password-protected"),
        (make_encrypted_pdf("Secret"), "PDF is password-protected"),
        (b"<html>not a document</html>", "must be a PDF or a Word document"),
        (make_pdf("Cut short")[:120], "damaged or incomplete"),
    ],
)
def test_unusable_documents_get_the_editor_a_clear_message(content, message):
    with pytest.raises(DocumentError, match=message):
        parse_document(content)


def test_documents_over_the_upload_limit_are_refused_before_reading(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(DocumentError, match="the largest file you can upload is"):
        parse_document(make_pdf("x" * 3000))


def test_a_zip_bomb_is_refused(settings):
    import zipfile

    settings.UPLOAD_MAX_BYTES = 10_000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/padding.xml", b" " * 1_000_000)  # squeezes to a few kilobytes
    with pytest.raises(DocumentError, match="too large when unpacked"):
        parse_document(out.getvalue())
