"""DOCX paragraphs as lines, with their heading level (real heading styles or bold-only paragraphs) and list flag.

Checks come first, on the raw zip: password protection, a zip bomb, and XML that declares a DTD or entities
(which no Word document needs and which entity-expansion attacks rely on).
"""

import io
import re
import zipfile

from .blocks import NOT_HEADING, TITLE_RANK, Line
from .errors import DAMAGED_DOCX, MAX_UNPACKED_RATIO, NOT_A_DOCUMENT, DocumentError

_MAIN_PART = "word/document.xml"
_DECLARATIONS = [
    marker.encode(encoding) for marker in ("<!doctype", "<!entity") for encoding in ("ascii", "utf-16-le", "utf-16-be")
]
_HEADING_STYLE = re.compile(r"heading\s*(\d)", re.IGNORECASE)


def check_docx(data: bytes, *, max_bytes: int) -> None:
    """Refuse what python-docx should never be asked to open."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        names = {info.filename for info in infos}
    except zipfile.BadZipFile as error:
        raise DocumentError(DAMAGED_DOCX) from error
    if "EncryptedPackage" in names:
        raise DocumentError("The Word document is password-protected. Upload a copy without a password.")
    if _MAIN_PART not in names:
        raise DocumentError(NOT_A_DOCUMENT)
    if sum(info.file_size for info in infos) > MAX_UNPACKED_RATIO * max_bytes:
        raise DocumentError("The Word document is too large when unpacked.")
    try:
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                head = archive.read(info).lower()
                if any(marker in head for marker in _DECLARATIONS):
                    raise DocumentError(
                        "The Word document declares a DTD or entities, which Word documents never need, so it "
                        "was not opened. Save it again from Word, or as a PDF, and upload that."
                    )
    except DocumentError:
        raise
    except Exception as error:  # zlib and zipfile raise several kinds of error for a corrupt part
        raise DocumentError(DAMAGED_DOCX) from error


def _style_chain(style):
    seen = 0
    while style is not None and seen < 10:
        yield style
        style = style.base_style
        seen += 1


def _rank(paragraph) -> int:
    for style in _style_chain(paragraph.style):
        name = style.name or ""
        if name.lower() == "title":
            return TITLE_RANK
        match = _HEADING_STYLE.fullmatch(name.strip())
        if match:
            return TITLE_RANK + int(match.group(1))
    return NOT_HEADING


def _style_bold(paragraph) -> bool:
    return any(style.font.bold for style in _style_chain(paragraph.style) if hasattr(style, "font"))


def _bold(paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs:
        return False
    default = _style_bold(paragraph)
    return all(run.bold if run.bold is not None else default for run in runs)


def _size(paragraph) -> float:
    for run in paragraph.runs:
        if run.text.strip() and run.font.size:
            return run.font.size.pt
    for style in _style_chain(paragraph.style):
        if getattr(style, "font", None) is not None and style.font.size:
            return style.font.size.pt
    return 0.0


def _is_list(paragraph) -> bool:
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    for style in _style_chain(paragraph.style):
        name = (style.name or "").lower()
        if "list" in name:
            return True
        style_properties = style.element.pPr
        if style_properties is not None and style_properties.numPr is not None:
            return True
    return False


def _line(paragraph) -> Line | None:
    text = re.sub(r"\s+", " ", paragraph.text.replace("\x00", "")).strip()
    if not text:
        return None
    style = paragraph.style.name if paragraph.style is not None else ""
    if style.lower().startswith("toc"):
        return None  # a generated table of contents
    rank = _rank(paragraph)
    bold = _bold(paragraph)
    return Line(text=text, rank=rank, bold=bold, size=_size(paragraph), list_item=_is_list(paragraph), style=style)


def read_docx(data: bytes, *, max_bytes: int) -> list[Line]:
    """Every paragraph and table row of the document body, in order."""
    check_docx(data, max_bytes=max_bytes)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[Line] = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    cells = [re.sub(r"\s+", " ", cell.text).strip() for cell in row.cells]
                    if any(cells):
                        lines.append(Line(text=" | ".join(cells), style="table"))
            else:
                line = _line(item)
                if line is not None:
                    lines.append(line)
    except DocumentError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds of error for broken files
        raise DocumentError(DAMAGED_DOCX) from error
    return lines
