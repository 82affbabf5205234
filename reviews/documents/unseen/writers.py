"""Writing the unseen reports (see __init__.py) as PDF and DOCX files laid out the way published reviews are.

A report is a list of blocks, each (kind, text): "h1" and "h2" headings, "p" body text, "sum" a paragraph of
the executive summary, "find" and "rec" a finding or recommendation (text after its marker, see Item), "bullet"
and "number" other list lines, "row" a table row (cells separated by " | "). The PDF writer is Helvetica with
absolute positions (one Tm per line, as most office suites write), with optional cover page, contents page,
running header, footer ("Page {page} of {pages}"), two columns and words broken with a hyphen at line ends.
"""

import io
import textwrap
from dataclasses import dataclass, field


@dataclass
class Item:
    """A finding or recommendation: how the document marks it and what it says (the truth is title + text)."""

    marker: str  # "Finding 1:", "R3.", "(a)", "•", "" for a Word list paragraph
    text: str
    title: str = ""  # a short bold title on its own line before the text, as many findings have


@dataclass
class Layout:
    kind: str  # "pdf" or "docx"
    cover: list[tuple[str, float, bool]] = field(default_factory=list)  # (text, size, bold); PDF cover page
    cover_page: bool = True  # False: the cover lines sit at the top of the first page of text
    contents: bool = False
    leaders: bool = True  # contents entries with dot leaders; without, the page number after a gap
    header: str = ""
    footer: str = "Page {page} of {pages}"
    columns: int = 1
    hyphenate: bool = False
    body_size: float = 10.5
    heading_sizes: tuple[float, float] = (15, 12)
    headings_bold_only: bool = False  # DOCX: bold paragraphs, no heading styles
    bold_heading_size: float = 13  # DOCX: main bold headings in this size (0: the same size as the text)
    word_lists: bool = False  # DOCX: findings and recommendations as Word list paragraphs (no typed markers)


_WIDTH = 451.0  # points between the margins


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _wrap(text: str, size: float, width_points: float) -> list[str]:
    # Helvetica averages about half an em a character.
    return textwrap.wrap(text, max(20, int(width_points / (size * 0.5))), break_on_hyphens=False) or [""]


def _break_word(lines: list[str]) -> list[str]:
    """Move the start of each first line's last long word to the line's end with a hyphen, as justified text
    with hyphenation does."""
    if len(lines) < 2:
        return lines
    head, _, last = lines[0].rpartition(" ")
    if head and len(last) >= 9 and last.isalpha():
        return [f"{head} {last[:5]}-", f"{last[5:]} {lines[1]}", *lines[2:]]
    return lines


def _item_lines(item: Item) -> list[tuple[str, str]]:
    lines = []
    if item.title:
        lines.append(("bold", f"{item.marker} {item.title}".strip()))
        lines.append(("p", item.text))
    else:
        lines.append(("li", f"{item.marker} {item.text}".strip()))
    return lines


def _flatten(blocks: list[tuple]) -> list[tuple[str, str]]:
    flat = []
    for block in blocks:
        kind, value = block[0], block[1]
        if kind in ("find", "rec"):
            flat.extend(_item_lines(value))
        elif kind == "sum":
            flat.append(("p", value))
        else:
            flat.append((kind, value))
    return flat


def write_pdf(blocks: list[tuple], layout: Layout) -> bytes:
    body, (h1, h2) = layout.body_size, layout.heading_sizes
    column_width = _WIDTH if layout.columns == 1 else (_WIDTH - 20) / 2
    pages: list[list[tuple[str, float, float, float, bool]]] = []  # (text, x, y, size, bold)
    top, bottom = 760.0, 80.0
    current: list = []
    y, column = top, 0
    if layout.cover:
        lines = [(text, 72.0, 620.0 - 2.2 * sum(s for _, s, _ in layout.cover[:i]), size, bold)
                 for i, (text, size, bold) in enumerate(layout.cover)]  # fmt: skip
        if layout.cover_page:
            pages.append(lines)
        else:
            for text, _, _, size, bold in lines:
                current.append((text, 72.0, y, size, bold))
                y -= size * 1.6
            y -= 12
    headings = [text for kind, text in _flatten(blocks) if kind == "h1"]
    if layout.contents:
        entries = [("Contents", 72.0, top, h1, True)]
        for number, heading in enumerate(headings):
            page = f"{3 + number * 2}"
            text = f"{heading} {'.' * max(3, 70 - len(heading))} {page}" if layout.leaders else heading
            entries.append((text, 72.0, top - 30 - 20 * number, body, False))
            if not layout.leaders:
                entries.append((page, 500.0, top - 30 - 20 * number, body, False))
        pages.insert(len(pages), entries)

    def place(text: str, size: float, bold: bool, indent: float) -> None:
        nonlocal y, column, current
        if y < bottom:
            if layout.columns == 2 and column == 0:
                column, y = 1, top
            else:
                pages.append(current)
                current, y, column = [], top, 0
        x = 72.0 + column * (column_width + 20) + indent
        current.append((text, x, y, size, bold))
        y -= size * 1.35

    for kind, text in _flatten(blocks):
        size = {"h1": h1, "h2": h2}.get(kind, body)
        bold = kind in ("h1", "h2", "bold")
        y -= {"h1": 16, "h2": 10}.get(kind, 7)
        if kind == "row":
            number, _, rest = text.partition(" | ")
            for i, line in enumerate(_wrap(rest, size, column_width - 40)):
                if i == 0:
                    current.append((number, 72.0 + column * (column_width + 20), y, size, False))
                place(line, size, False, 40)
            continue
        lines = _wrap(text, size, column_width - (14 if kind == "li" else 0))
        if layout.hyphenate and kind in ("p", "li"):
            lines = _break_word(lines)
        for i, line in enumerate(lines):
            place(line, size, bold, 14 if kind == "li" and i else 0)
    pages.append(current)
    total = len(pages)
    first_furnished = 1 if layout.cover and layout.cover_page else 0
    for number, lines in enumerate(pages, start=1):
        if number <= first_furnished:
            continue
        if layout.header:
            lines.insert(0, (layout.header.format(page=number, pages=total), 72.0, 805.0, 8, False))
        if layout.footer:
            lines.append((layout.footer.format(page=number, pages=total), 260.0, 40.0, 8, False))
    return _pdf_bytes(pages)


def _pdf_bytes(pages: list[list[tuple[str, float, float, float, bool]]]) -> bytes:
    kids = [f"{5 + 2 * i} 0 R" for i in range(len(pages))]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Count {len(pages)} /Kids [{' '.join(kids)}] >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        stream = "\n".join(
            f"BT /{'F2' if bold else 'F1'} {size:g} Tf 1 0 0 1 {x:.1f} {y:.1f} Tm ({_escape(text)}) Tj ET"
            for text, x, y, size, bold in lines
        ).encode("cp1252")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {6 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def write_docx(blocks: list[tuple], layout: Layout) -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    if layout.header:
        document.sections[0].header.paragraphs[0].text = layout.header.format(page="1", pages="1")
    for text, size, bold in layout.cover:
        run = document.add_paragraph().add_run(text)
        run.bold, run.font.size = bold, Pt(size)
    if layout.cover:
        document.add_page_break()

    def heading(text: str, level: int) -> None:
        if layout.headings_bold_only:
            run = document.add_paragraph().add_run(text)
            run.bold = True
            if level == 1 and layout.bold_heading_size:
                run.font.size = Pt(layout.bold_heading_size)
        else:
            document.add_heading(text, level=level)

    rows: list[list[str]] = []
    for block in blocks:
        kind, value = block[0], block[1]
        if kind != "row" and rows:
            grid = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    grid.cell(r, c).text = cell
            rows = []
        if kind == "title":
            document.add_heading(value, level=0)
        elif kind in ("h1", "h2"):
            heading(value, int(kind[1]))
        elif kind in ("find", "rec"):
            if value.title:
                run = document.add_paragraph().add_run(f"{value.marker} {value.title}".strip())
                run.bold = True
                document.add_paragraph(value.text)
            elif layout.word_lists:
                document.add_paragraph(value.text, style="List Number" if kind == "rec" else "List Bullet")
            else:
                document.add_paragraph(f"{value.marker} {value.text}".strip())
        elif kind == "row":
            rows.append(value.split(" | "))
        elif kind == "bullet":
            document.add_paragraph(value, style="List Bullet")
        elif kind == "number":
            document.add_paragraph(value, style="List Number")
        else:
            document.add_paragraph(value)
    if rows:
        grid = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
