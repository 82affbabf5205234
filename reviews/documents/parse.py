"""Reading a document into a ParsedDocument, in this process. Call parse_document (sandboxed) instead."""

import re

from . import fields
from .blocks import TITLE_RANK, Block, Line
from .cleaning import body_size, paragraphs, remove_page_furniture
from .errors import NO_TEXT, NOT_A_DOCUMENT, DocumentError
from .lists import is_item_start, labelled_as, split_items
from .parsed import ParsedDocument
from .pdf import read_pdf
from .sections import BOTH, FINDINGS, RECOMMENDATIONS, SUMMARY, Section, heading_kind, looks_like_heading, sections
from .word import read_docx

PDF = "pdf"
DOCX = "docx"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_kind(data: bytes) -> str:
    """The document kind from its first bytes, not from its name."""
    if data.startswith(_OLE_MAGIC):
        # Office wraps password-protected .docx files, and old .doc files, in an OLE container.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise DocumentError("The Word document is password-protected. Upload a copy without a password.")
        raise DocumentError("This is an old-style Word file (.doc). Save it as .docx or PDF and upload that.")
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return DOCX  # confirmed as a Word document when opened
    raise DocumentError(NOT_A_DOCUMENT)


def parse(data: bytes, *, max_bytes: int) -> ParsedDocument:
    if not data:
        raise DocumentError("The file is empty.")
    kind = sniff_kind(data)
    if kind == PDF:
        pages = read_pdf(data)
        blocks = paragraphs(pages)
        cover = _cover(remove_page_furniture(pages)[0] if pages else [])
        title = _pdf_title(cover, body_size(pages))
    else:
        lines = read_docx(data, max_bytes=max_bytes)
        blocks = [
            Block(text=line.text, rank=_docx_rank(line), list_item=line.list_item, size=line.size) for line in lines
        ]
        cover = _cover(lines)
        title = _docx_title(lines)
    text = "\n\n".join(block.text for block in blocks)
    if not text.strip():
        raise DocumentError(NO_TEXT)
    return _structure(kind, blocks, text=text, title=title, cover="\n".join(line.text for line in cover))


def _cover(lines: list[Line]) -> list[Line]:
    """The lines before the report's first part begins (at most 15): where title, board and date are given."""
    cover = []
    for line in lines[:15]:
        if heading_kind(line.text) and cover:
            break
        cover.append(line)
    return cover


def _docx_rank(line: Line) -> int:
    if line.rank:
        return line.rank
    if line.bold and looks_like_heading(line.text) and not line.list_item:
        return 8
    return 0


def _join_title(lines: list[str]) -> str:
    title = ""
    for line in lines:
        if not title:
            title = line
        elif (
            ":" not in title
            and len(title.split()) <= 5
            and not line[:1].islower()
            and not re.search(r"\b(?:of|into|the|a|an|for|and|to|in|on|about|concerning)$|[:\-–]$", title, re.I)
        ):
            title = f"{title}: {line}"  # "Serious Case Review" / "Child D"
        else:
            title = f"{title} {line}"  # a title wrapped onto a second line
    return title.strip()[:300]


def _stops_title(text: str) -> bool:
    return bool(
        heading_kind(text)
        or fields.board(text)
        or re.search(
            r"\b(?:published|publication|author|prepared by|written by|version|date|final report)\b", text, re.I
        )
        or re.fullmatch(r"[\w ,]*\b(?:19|20)\d\d", text)
        or len(text) > 120
        or text.endswith(".")
    )


def _pdf_title(cover: list[Line], body: float) -> str:
    """The first run of lines in the largest type on the cover that is not a heading, board name or date; with
    the next line in large type when one of the two only names the type of review ("Domestic Homicide Review" /
    "Overview report into the death of Ms A", "Adult K" / "Safeguarding Adults Review")."""
    for size in sorted({line.size for line in cover if line.size > body}, reverse=True):
        run: list[str] = []
        end = 0
        for index, line in enumerate(cover):
            if abs(line.size - size) < 0.5 and len(run) < 4:
                run.append(line.text)
                end = index + 1
            elif run:
                break
        if run and not _stops_title(run[0]) and len(" ".join(run)) >= 4:
            after = next((line for line in cover[end:] if line.text.strip()), None)
            if (
                after is not None
                and after.size > body
                and not _stops_title(after.text)
                and (fields.only_review_type(" ".join(run)) or fields.only_review_type(after.text))
            ):
                run.append(after.text)
            return _join_title(run)
    return _first_lines_title([line.text for line in cover])


def _first_lines_title(texts: list[str]) -> str:
    """The first lines that are not a board, a date or a heading; from the first that names a type of review,
    when one does (a cover's strapline comes before the title)."""
    texts = texts[:12]
    naming = [index for index, text in enumerate(texts) if fields.review_type(text, "", "") and not _stops_title(text)]
    if naming:
        texts = texts[naming[0] :]
    chosen: list[str] = []
    for text in texts:
        if _stops_title(text) or " | " in text:
            if chosen:
                break
            continue
        chosen.append(text)
        if len(chosen) == 3:
            break
    return _join_title(chosen)


def _docx_title(lines: list[Line]) -> str:
    for line in lines:
        if line.rank == TITLE_RANK:
            return line.text[:300]
    for line in lines[:20]:
        if line.rank and not heading_kind(line.text):
            return line.text[:300]
    return _first_lines_title([line.text for line in lines])


def _paragraph_text(section: Section) -> str:
    kept = [block.text for block in section.blocks if not block.is_heading]
    return "\n\n".join(kept)


def _items(found: list[Section], kinds: set[str], label: str) -> list[str]:
    """The items of the matching section with the most of them (reports may list them twice)."""
    best: list[str] = []
    for section in found:
        if section.kind not in kinds:
            continue
        pairs = split_items(section.blocks)
        if section.kind == BOTH:  # "Findings and recommendations": unlabelled items are findings
            items = [text for item_label, text in pairs if (item_label or "finding") == label]
        else:
            items = [text for _, text in pairs]
        if len(items) > len(best):
            best = items
    return best


def _labelled(blocks: list[Block], label: str) -> list[str]:
    """Items labelled "Finding 1:" / "Recommendation 3" wherever they are, when no section names them."""
    chosen = [block for block in blocks if labelled_as(block.text) == label and is_item_start(block.text)]
    if not chosen:
        return []
    return [text for _, text in split_items(chosen)]


def _structure(kind: str, blocks: list[Block], *, text: str, title: str, cover: str) -> ParsedDocument:
    found = sections(blocks)
    summaries = [section for section in found if section.kind == SUMMARY and section.blocks]
    # A report with both an "Executive summary" and an "Overview" or "Brief outline of circumstances": the part
    # called a summary is the one meant.
    named = [section for section in summaries if "summary" in section.heading.text.lower()]
    summary_section = (named or summaries or [None])[0]
    summary = _paragraph_text(summary_section) if summary_section else ""
    findings = _items(found, {FINDINGS, BOTH}, "finding") or _labelled(blocks, "finding")
    recommendations = _items(found, {RECOMMENDATIONS, BOTH}, "recommendation") or _labelled(blocks, "recommendation")
    review_type = fields.review_type(title, cover + "\n" + text[:3000], text)
    parsed = ParsedDocument(
        kind=kind,
        text=text,
        title=title,
        review_type=review_type,
        published=fields.published(cover, text),
        board=fields.board(cover + "\n" + text),
        age_band=fields.age_band((summary + "\n\n" + text) if summary else text, review_type=review_type),
        summary=summary,
        findings=findings,
        recommendations=recommendations,
    )
    parsed.missing = _missing(parsed)
    return parsed


_MESSAGES = {
    "title": "No title was found.",
    "review_type": "The type of review was not found.",
    "published": "No publication date was found.",
    "board": "No board or partnership was named.",
    "age_band": "No age was found for the child or adult the review is about.",
    "summary": "No executive summary was found: no heading such as 'Executive summary' or 'Summary'.",
    "findings": "No findings were found: no heading such as 'Findings' or 'Learning', and no 'Finding 1' labels.",
    "recommendations": (
        "No recommendations were found: no heading such as 'Recommendations', and no 'Recommendation 1' labels."
    ),
}


def _missing(parsed: ParsedDocument) -> list[str]:
    return [message for name, message in _MESSAGES.items() if not getattr(parsed, name)]
