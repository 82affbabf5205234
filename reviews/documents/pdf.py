"""PDF pages as lines of text, each with its font size, boldness and height on the page where pypdf knows them.

The text itself comes from pypdf's own extraction (it knows where the spaces go); a visitor collects the size,
font and position of each piece so headings, headers and footers can be told apart later.
"""

import io
import re

from .blocks import Line
from .errors import DAMAGED_PDF, MAX_PDF_PAGES, MAX_TEXT_CHARS, DocumentError

_SPACE = re.compile(r"\s+")
# Ligatures some fonts draw as one glyph ("ﬁ"), written out so that words can be searched.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


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
        self._bold: dict[int, bool] = {}  # font dictionary id -> bold

    def visit(self, text, cm, tm, font, font_size) -> None:
        # Called for every piece of text pypdf finds (tens of thousands in a long report): kept lean.
        if not text:
            return
        try:
            size = round(font_size * abs(tm[3] * cm[3]), 1)
            y = tm[5] * cm[3] + cm[5]
        except (TypeError, ValueError, IndexError):
            size, y = 0.0, None
        bold = self._bold.get(id(font))
        if bold is None:
            bold = self._bold[id(font)] = _is_bold(font)
        pieces = text.split("\n") if "\n" in text else (text,)
        for number, piece in enumerate(pieces):
            if number or not self.lines or (y is not None and self._y is not None and abs(y - self._y) > 2):
                self.lines.append(["", 0.0, 0, 0, y])
            line = self.lines[-1]
            line[0] += piece
            letters = len(piece.strip())
            if letters:
                if size > line[1]:
                    line[1] = size
                if bold:
                    line[2] += letters
                line[3] += letters
                if line[4] is None:
                    line[4] = y
        self._y = y

    def styles(self) -> list[tuple[str, tuple[float, bool, float | None]]]:
        """(text without spaces, (size, bold, y)) for each line, in the order drawn."""
        return [
            (_key(text), (size, chars > 0 and bold_chars >= chars * 0.8, y))
            for text, size, bold_chars, chars, y in self.lines
            if text.strip()
        ]


class _Aligner:
    """Finds the style of each line of pypdf's text. Both come in drawing order, so the search starts where the
    last match was (a sentence repeated on a page gets its own position); a line pypdf put together from pieces
    at slightly different heights (a footnote mark, a superscript) is found by the piece it starts with."""

    def __init__(self, styles: list[tuple[str, tuple[float, bool, float | None]]]) -> None:
        self.styles = styles
        self.next = 0

    def style(self, key: str) -> tuple[float, bool, float | None]:
        count = len(self.styles)
        order = list(range(self.next, min(count, self.next + 12))) + list(range(count))
        for index in order:
            piece, style = self.styles[index]
            if piece == key or (len(piece) >= 4 and len(key) >= 4 and (key.startswith(piece) or piece.startswith(key))):
                self.next = index + 1
                return style
        return (0.0, False, None)


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
            aligner = _Aligner(styles.styles())
            try:
                height = float(page.mediabox.height) or 842.0
                bottom = float(page.mediabox.bottom)
            except (TypeError, ValueError, KeyError, AttributeError):
                height, bottom = 842.0, 0.0
            lines = []
            for raw in text.split("\n"):
                raw = raw.replace("\x00", "").translate(_LIGATURES).strip()
                raw = raw[:-1].replace("\xad", "") + raw[-1:]  # soft hyphens are invisible but at a line's end
                if not raw:
                    continue
                size, bold, y = aligner.style(_key(raw))
                margin = y is not None and not 0.075 * height < y - bottom < 0.925 * height
                lines.append(Line(text=_SPACE.sub(" ", raw), page=number, size=size, bold=bold, y=y, margin=margin))
            pages.append(lines)
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as error:
        raise DocumentError(DAMAGED_PDF) from error
    return pages
