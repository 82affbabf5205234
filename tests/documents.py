"""Real PDF and DOCX files made in the tests, good and bad."""

import io


def make_pdf(*pages: str) -> bytes:
    """A minimal, valid PDF with one page of Helvetica text per argument."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, text in enumerate(pages):
        lines = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in text.split("\n")]
        stream = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    return _pdf_file(objects)


def make_encrypted_pdf(text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(text))))
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    return make_report_docx([("p", paragraph) for paragraph in paragraphs], table=table)


def make_encrypted_docx() -> bytes:
    """The OLE container Office writes for a password-protected .docx (header and stream name are what matter)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024


# Report-shaped documents: covers, contents, running headers and footers, headings, lists.

PAGE_TOP = 770
PAGE_BOTTOM = 80
LINE_GAP = 14
STYLES = {  # block kind -> (font size, bold, space before)
    "title": (24, True, 0),
    "h1": (16, True, 14),
    "h2": (13, True, 10),
    "bold": (11, True, 8),
    "p": (11, False, 8),
    "li": (11, False, 4),
}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters; a "\\n" in the text forces a break there (to test broken words)."""
    import textwrap

    lines = []
    for part in text.split("\n"):
        lines.extend(textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False) or [""])
    return lines


def make_report_pdf(
    blocks: list[tuple[str, str]],
    *,
    cover: list[tuple[str, int, bool]] = (),
    contents: list[str] = (),
    header: str = "",
    footer: str = "Page {page} of {pages}",
    width: int = 80,
    lines_per_page: int | None = None,
) -> bytes:
    """A PDF laid out like a published review: an optional cover page (text, size, bold), an optional contents
    page (entries with dot leaders and page numbers), then the blocks ("title", "h1", "h2", "bold", "p", "li")
    flowed onto pages with a running header at the top and a footer such as "Page 3 of 12" at the bottom."""
    pages: list[list[tuple[str, float, float, int, bool]]] = []  # (text, x, y, size, bold)
    if cover:
        y, lines = 640, []
        for text, size, bold in cover:
            lines.append((text, 72, y, size, bold))
            y -= size * 2
        pages.append(lines)
    if contents:
        lines = [("Contents", 72, PAGE_TOP, 16, True)]
        for number, entry in enumerate(contents, start=1):
            lines.append(
                (f"{entry} {'.' * (60 - len(entry))} {number + 2}", 72, PAGE_TOP - 30 - 18 * number, 11, False)
            )
        pages.append(lines)
    current: list = []
    y = PAGE_TOP
    bottom = PAGE_TOP - LINE_GAP * lines_per_page if lines_per_page else PAGE_BOTTOM
    for kind, text in blocks:
        size, bold, space = STYLES[kind]
        y -= space
        for number, line in enumerate(wrap(text, width if kind != "title" else 40)):
            if y < bottom:
                pages.append(current)
                current, y = [], PAGE_TOP
            x = 90 if kind == "li" and number else 72
            current.append((line, x, y, size, bold))
            y -= max(LINE_GAP, size + 4)
    pages.append(current)
    total = len(pages)
    for number, lines in enumerate(pages, start=1):
        if number == 1 and cover:
            continue
        if header:
            lines.append((header, 72, 810, 9, False))
        if footer:
            lines.append((footer.format(page=number, pages=total), 280, 30, 9, False))
    return _pdf_from_lines(pages)


def _pdf_from_lines(pages: list[list[tuple[str, float, float, int, bool]]]) -> bytes:
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        stream = " ".join(
            f"BT /{'F2' if bold else 'F1'} {size} Tf 1 0 0 1 {x} {y} Tm ({_escape(text)}) Tj ET"
            for text, x, y, size, bold in lines
        )
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {6 + 2 * i} 0 R >>"
        )
        body = stream.encode("cp1252")
        objects.append(f"<< /Length {len(body)} >>\nstream\n".encode("latin-1") + body + b"\nendstream")
    return _pdf_file(objects)


def _pdf_file(objects: list[str | bytes]) -> bytes:
    """A PDF file of these objects, numbered from 1 (the first is the catalogue), with its cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        payload = body if isinstance(body, bytes) else body.encode("latin-1")
        out.write(f"{number} 0 obj\n".encode() + payload + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_report_docx(blocks: list[tuple[str, str]], *, table: list[list[str]] | None = None) -> bytes:
    """A Word document from blocks: "title", "h1", "h2" (real heading styles), "bold" (a bold-only paragraph
    used as a heading), "p", "bullet" and "number" (List Bullet / List Number paragraphs)."""
    import docx

    document = docx.Document()
    for kind, text in blocks:
        if kind == "title":
            document.add_heading(text, level=0)
        elif kind in ("h1", "h2"):
            document.add_heading(text, level=int(kind[1]))
        elif kind == "bold":
            document.add_paragraph().add_run(text).bold = True
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "number":
            document.add_paragraph(text, style="List Number")
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_doctype(docx_bytes: bytes, part: str = "word/document.xml") -> bytes:
    """The same Word document with a DTD declaring an entity in one of its XML parts."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                data = data.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY boom "boom">]>', 1)
            target.writestr(info, data)
    return out.getvalue()


def in_content_controls(docx_bytes: bytes, *, cover: int, contents: list[str]) -> bytes:
    """The same Word document with its first `cover` paragraphs inside a content control (as Word's cover
    pages are) followed by a generated table of contents in another."""
    import copy

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document(io.BytesIO(docx_bytes))
    body = document.element.body
    paragraphs = [child for child in body.iterchildren() if child.tag.endswith("}p")][:cover]
    cover_control = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
    toc = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtPr><w:docPartObj><w:docPartGallery w:val='Table of Contents'/>"
        "</w:docPartObj></w:sdtPr><w:sdtContent>"
        + "".join(f"<w:p><w:r><w:t>{entry}\t3</w:t></w:r></w:p>" for entry in contents)
        + "</w:sdtContent></w:sdt>"
    )
    paragraphs[0].addprevious(cover_control)
    for paragraph in paragraphs:
        cover_control[1].append(copy.deepcopy(paragraph))
        body.remove(paragraph)
    cover_control.addnext(toc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
