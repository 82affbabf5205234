"""Checks on evidence attachments, and on what goes into CSV downloads.

An attachment's kind comes from its content, not its name; every failure is a ValidationError worded for the board
editor."""

import io
import re
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError

# kind -> (suffix, content type, words for messages)
KINDS = {
    "pdf": (".pdf", "application/pdf", "PDF"),
    "docx": (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document"),
    "xlsx": (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel spreadsheet"),
    "png": (".png", "image/png", "PNG image"),
    "jpeg": (".jpg", "image/jpeg", "JPEG image"),
}
ALLOWED_WORDS = "a PDF, Word document (.docx), Excel spreadsheet (.xlsx), PNG or JPEG image"


def _office_kind(data: bytes) -> str | None:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def sniff_evidence_kind(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    return None


def safe_display_name(filename: str, kind: str) -> str:
    """A tidy name to show and to download as; the stored name is random (see models.evidence_path)."""
    stem = re.sub(r"[^A-Za-z0-9 ._()-]+", "", PurePath(filename).stem).strip(" .")[:150] or "evidence"
    return f"{stem}{KINDS[kind][0]}"


def check_evidence_file(uploaded) -> str:
    """Check an uploaded evidence file; return its kind, set its name to the kind's suffix, or raise ValidationError."""
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size == 0:
        raise ValidationError("The selected file is empty.")
    if uploaded.size > limit:
        raise ValidationError(f"The selected file must be smaller than {limit // 1_048_576} MB.")
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    uploaded.seek(0)
    kind = sniff_evidence_kind(data)
    if kind is None:
        raise ValidationError(f"The selected file must be {ALLOWED_WORDS}.")
    return kind
