"""Text from uploaded executive summaries (PDF or DOCX), with limits. Every failure is a DocumentError."""

import io
import re
import zipfile

from django.conf import settings


class DocumentError(ValueError):
    """An upload that cannot be used; the message is written for the board editor."""


PDF = "pdf"
DOCX = "docx"
_DOCX_MAIN_PART = "word/document.xml"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Extracting more than this many characters means something is wrong (or hostile): a summary is a few pages.
MAX_TEXT_CHARS = 2_000_000
MAX_PDF_PAGES = 500


def sniff_kind(head: bytes) -> str | None:
    """The document kind from its first bytes, not from its name."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return DOCX  # confirmed as a Word document when opened
    return None


def extract_text(uploaded) -> tuple[str, str]:
    """Return (kind, text) for an uploaded file; raise DocumentError with a clear message if it can't be used."""
    size = getattr(uploaded, "size", None)
    limit = settings.UPLOAD_MAX_BYTES
    if size is not None and size > limit:
        raise DocumentError(
            f"The file is {size / 1_048_576:.1f} MB; the largest file you can upload is {limit / 1_048_576:.0f} MB."
        )
    if size == 0:
        raise DocumentError("The file is empty.")
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    uploaded.seek(0)
    if len(data) > limit:
        raise DocumentError(f"The file is larger than {limit / 1_048_576:.0f} MB, the largest you can upload.")
    kind = sniff_kind(data[:8])
    if data.startswith(_OLE_MAGIC):
        # Office wraps password-protected .docx files, and old .doc files, in an OLE container.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise DocumentError("The Word document is password-protected. Upload a copy without a password.")
        raise DocumentError("This is an old-style Word file (.doc). Save it as .docx or PDF and upload that.")
    if kind is None:
        raise DocumentError("The file must be a PDF or a Word document (.docx).")
    text = _pdf_text(data) if kind == PDF else _docx_text(data)
    text = _tidy(text)
    if not text:
        raise DocumentError(
            "No text could be found in the document. If it is a scanned image, upload a version with text."
        )
    return kind, text


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError("The PDF is password-protected. Upload a copy without a password.")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(f"The PDF has more than {MAX_PDF_PAGES} pages; upload the executive summary only.")
        parts = []
        total = 0
        for page in reader.pages:
            part = page.extract_text() or ""
            total += len(part)
            if total > MAX_TEXT_CHARS:
                raise DocumentError("The document holds far more text than an executive summary.")
            parts.append(part)
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as error:
        raise DocumentError("The PDF is damaged or incomplete and cannot be read.") from error
    return "\n\n".join(parts)


def _docx_text(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise DocumentError("The Word document is damaged or incomplete and cannot be read.") from error
    if "EncryptedPackage" in names:
        raise DocumentError("The Word document is password-protected. Upload a copy without a password.")
    if _DOCX_MAIN_PART not in names:
        raise DocumentError("The file must be a PDF or a Word document (.docx).")
    # A zip bomb would expand to far more than any summary.
    if sum(info.file_size for info in archive.infolist()) > 20 * settings.UPLOAD_MAX_BYTES:
        raise DocumentError("The Word document is too large when unpacked.")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [paragraph.text for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                paragraphs.append(" | ".join(cell.text for cell in row.cells))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError) as error:
        raise DocumentError("The Word document is damaged or incomplete and cannot be read.") from error
    except Exception as error:  # lxml raises its own errors for broken XML
        raise DocumentError("The Word document is damaged or incomplete and cannot be read.") from error
    return "\n\n".join(paragraphs)


def _tidy(text: str) -> str:
    text = text.replace("\x00", "")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
