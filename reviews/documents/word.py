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
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def qn(tag: str) -> str:
    """'w:p' -> '{namespace}p' (python-docx's own helper, without importing python-docx for a PDF)."""
    return f"{{{_W}}}{tag.split(':', 1)[1]}"


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


def _outline_level(properties) -> int | None:
    if properties is None:
        return None
    level = properties.find(qn("w:outlineLvl"))
    value = level.get(qn("w:val")) if level is not None else None
    return int(value) if value is not None and value.isdigit() and int(value) < 9 else None


def _rank(paragraph) -> int:
    """Title 1, Heading N (or a style based on it, or an outline level N-1) N + 1, else 0."""
    level = _outline_level(paragraph._p.pPr)
    if level is not None:
        return TITLE_RANK + 1 + level
    for style in _style_chain(paragraph.style):
        name = style.name or ""
        if name.lower() == "title":
            return TITLE_RANK
        match = _HEADING_STYLE.fullmatch(name.strip())
        if match:
            return TITLE_RANK + int(match.group(1))
        level = _outline_level(style.element.pPr)
        if level is not None:
            return TITLE_RANK + 1 + level
    return NOT_HEADING


def _style_bold(paragraph) -> bool:
    return any(style.font.bold for style in _style_chain(paragraph.style) if hasattr(style, "font"))


def _bold(paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    if not runs:
        return False
    default = _style_bold(paragraph)

    def bold(run) -> bool:
        if run.bold is not None:
            return run.bold
        character_style = run.style  # "Strong" and the like
        if character_style is not None and character_style.font.bold is not None:
            return character_style.font.bold
        return default

    return all(bold(run) for run in runs)


def _size(paragraph, default: float) -> float:
    for run in paragraph.runs:
        if run.text.strip() and run.font.size:
            return run.font.size.pt
    for style in _style_chain(paragraph.style):
        if getattr(style, "font", None) is not None and style.font.size:
            return style.font.size.pt
    return default


def _default_size(document) -> float:
    """The document's default type size (docDefaults), so that a bold heading in a larger size can be told from a
    bold sub-heading in the text's size; 10 points when not given, as in Word."""
    size = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    value = size.get(qn("w:val")) if size is not None else None
    return int(value) / 2 if value is not None and value.isdigit() else 10.0


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


def _line(paragraph, default_size: float) -> Line | None:
    text = re.sub(r"\s+", " ", paragraph.text.replace("\x00", "")).strip()
    if not text:
        return None
    style = paragraph.style.name if paragraph.style is not None else ""
    if style.lower().startswith("toc"):
        return None  # a generated table of contents
    rank = _rank(paragraph)
    bold = _bold(paragraph)
    return Line(
        text=text, rank=rank, bold=bold, size=_size(paragraph, default_size), list_item=_is_list(paragraph), style=style
    )


def _body(element, parent):
    """Paragraphs and tables in order, including those inside content controls (where Word puts cover pages),
    but not a generated table of contents."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag == qn("w:sdt"):
            gallery = child.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
            if gallery is not None and "contents" in (gallery.get(qn("w:val")) or "").lower():
                continue
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body(content, parent)


def read_docx(data: bytes, *, max_bytes: int) -> list[Line]:
    """Every paragraph and table row of the document body, in order."""
    check_docx(data, max_bytes=max_bytes)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[Line] = []
        default_size = _default_size(document)
        for item in _body(document._body._element, document._body):
            if isinstance(item, Table):
                for row in item.rows:
                    cells = [re.sub(r"\s+", " ", cell.text).strip() for cell in row.cells]
                    if any(cells):
                        lines.append(Line(text=" | ".join(cells), style="table"))
            else:
                line = _line(item, default_size)
                if line is not None:
                    lines.append(line)
    except DocumentError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds of error for broken files
        raise DocumentError(DAMAGED_DOCX) from error
    return lines
