"""Uploaded review documents (PDF or DOCX) read into their parts: title, type, date, board, age band,
executive summary, findings and recommendations. Reading happens in a sandboxed process (see sandbox.py).

    from reviews.documents import parse_document, DocumentError, ParsedDocument
    parsed = parse_document(data, filename="summary.pdf")
"""

from .errors import DocumentError
from .parsed import ParsedDocument

__all__ = ["DocumentError", "ParsedDocument", "parse_document", "read_upload"]


def _too_big(size: int, limit: int) -> DocumentError:
    return DocumentError(
        f"The file is {size / 1_048_576:.1f} MB; the largest file you can upload is {limit / 1_048_576:.0f} MB."
    )


def parse_document(data: bytes, *, filename: str = "") -> ParsedDocument:
    """Read a document's parts in a separate, time- and memory-limited process. The kind comes from the content,
    never from `filename` (kept for messages and callers' records). Raises DocumentError with a message for the
    editor when the document cannot be used."""
    from django.conf import settings  # here, not above: the sandboxed worker imports this package without Django

    from .sandbox import run_sandboxed

    limit = settings.UPLOAD_MAX_BYTES
    if len(data) > limit:
        raise _too_big(len(data), limit)
    if not data:
        raise DocumentError("The file is empty.")
    return run_sandboxed(data, max_bytes=limit)


def read_upload(uploaded) -> bytes:
    """An uploaded file's bytes, refused early when it is empty or larger than the upload limit."""
    from django.conf import settings

    limit = settings.UPLOAD_MAX_BYTES
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise _too_big(size, limit)
    if size == 0:
        raise DocumentError("The file is empty.")
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    uploaded.seek(0)
    if len(data) > limit:
        raise DocumentError(f"The file is larger than {limit / 1_048_576:.0f} MB, the largest you can upload.")
    return data
