"""PDF pages as lines of text, each with its font size, boldness and height on the page where pypdf knows them.

The text itself comes from pypdf's own extraction (it knows where the spaces go); a visitor collects the size,
font and position of each piece so headings, headers and footers can be told apart later.
"""

import io
import re

from .blocks import Line
from .errors import DAMAGED_PDF, MAX_PDF_PAGES, MAX_TEXT_CHARS, DocumentError

_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACE.sub("", text)


def _is_bold(font: object) -> bool:
    try:
        name = str(font.get("/BaseFont", ""))  # type: ignore[attr-defined]
    except Exception:  # a damaged font dictionary: no hint
        return False
    return bool(re.search(r"bold|black|heavy|semibold", name, re.IGNORECASE))


class _Styles:
    """Collects, per line of text on one page, the largest font size, whether it is bold and its height."""

    def __init__(self) -> None:
        self.lines: list[list] = []  # [text, size, bold chars, all chars, y]
        self._y: float | None = None

    def visit(self, text, cm, tm, font, font_size) -> None:
        if not text:
            return
        try:
            scale = abs(float(tm[3]) * float(cm[3])) or 1.0
            size = round(float(font_size) * scale, 1)
            y = float(tm[5]) * float(cm[3]) + float(cm[5])
        except (TypeError, ValueError, IndexError):
            size, y = 0.0, None
        bold = _is_bold(font)
        for number, piece in enumerate(text.split("\n")):
            new_line = number > 0 or not self.lines or (y is not None and self._y is not None and abs(y - self._y) > 2)
            if new_line:
                self.lines.append(["", 0.0, 0, 0, y])
            line = self.lines[-1]
            line[0] += piece
            letters = len(piece.strip())
            if letters:
                line[1] = max(line[1], size)
                line[2] += letters if bold else 0
                line[3] += letters
                if line[4] is None:
                    line[4] = y
        self._y = y

    def by_text(self) -> dict[str, tuple[float, bool, float | None]]:
        found: dict[str, tuple[float, bool, float | None]] = {}
        for text, size, bold_chars, chars, y in self.lines:
            key = _key(text)
            if key and key not in found:
                found[key] = (size, chars > 0 and bold_chars >= chars * 0.8, y)
        return found


def read_pdf(data: bytes) -> list[list[Line]]:
    """Every page's lines, in reading order as pypdf gives them."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError("The PDF is password-protected. Upload a copy without a password.")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(f"The PDF has more than {MAX_PDF_PAGES} pages; upload the executive summary only.")
        pages: list[list[Line]] = []
        total = 0
        for number, page in enumerate(reader.pages, start=1):
            styles = _Styles()
            text = page.extract_text(visitor_text=styles.visit) or ""
            total += len(text)
            if total > MAX_TEXT_CHARS:
                raise DocumentError("The document holds far more text than an executive summary.")
            known = styles.by_text()
            lines = []
            for raw in text.split("\n"):
                raw = raw.replace("\x00", "").strip()
                if not raw:
                    continue
                size, bold, y = known.get(_key(raw), (0.0, False, None))
                lines.append(Line(text=_SPACE.sub(" ", raw), page=number, size=size, bold=bold, y=y))
            pages.append(lines)
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as error:
        raise DocumentError(DAMAGED_PDF) from error
    return pages
