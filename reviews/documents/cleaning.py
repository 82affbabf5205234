"""From a PDF's raw lines to clean paragraphs: no page furniture, no contents list, lines joined, words whole.

Page furniture is recognised by repetition (a line found on most pages, numbers aside, is a running header or
footer) and by shape (page numbers such as "Page 3 of 12", "- 3 -" or a bare number).
"""

import re
from collections import Counter

from .blocks import BOLD_RANK, NOT_HEADING, Block, Line
from .lists import is_item_start, labelled_as
from .sections import CONTENTS, heading_kind, looks_like_heading

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,3}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|x{0,3}(?:ix|iv|v?i{1,3}|v))$",
    re.IGNORECASE,
)  # a bare number has at most 3 digits (MAX_PDF_PAGES is 500): a year alone on a cover is its date
_CONTENTS_ENTRY = re.compile(r"^.{2,150}?(?:\s*(?:\.\s?){3,}|\s*…+|\s*_{3,}|\s{2,}|\t)\s*\d{1,3}$")
_CONTENTS_LOOSE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[^\d\s].{1,100}?\s\d{1,3}$")
_SENTENCE_END = re.compile(r"[.!?:;)\"'”’]$")
# Words written with a hyphen on purpose: a line break after them keeps the hyphen.
_HYPHEN_PREFIXES = {
    "co",
    "non",
    "self",
    "multi",
    "pre",
    "post",
    "anti",
    "ex",
    "well",
    "cross",
    "semi",
    "step",
    "half",
    "inter",
    "intra",
    "sub",
    "long",
    "short",
    "full",
    "part",
    "low",
    "high",
    "follow",
    "one",
    "two",
    "three",
    "four",
    "year",
    "month",
    "week",
    "day",
    "face",
    "child",
    "after",
    "joined",
    "single",
    "front",
    "back",
    "mid",
    "re",
}


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def _edges(lines: list[Line]) -> list[Line]:
    """The lines at the top and bottom edge of a page, where running headers and footers sit."""
    placed = [line.y for line in lines if line.y is not None]
    if len(placed) == len(lines) and placed:
        top, bottom = max(placed), min(placed)
        return [line for line in lines if line.y >= top - 40 or line.y <= bottom + 40]
    return lines[:3] + lines[-3:]


def remove_page_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers, and lines at a page's edge that repeat on most pages (running headers and footers)."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(line.text) for line in _edges(lines)})
    enough = max(2, (len(pages) + 1) // 2) if len(pages) >= 3 else 2
    repeated = {shape for shape, n in counts.items() if n >= enough and len(shape) <= 150}
    body = body_size(pages)
    cleaned = []
    for lines in pages:
        edges = {id(line) for line in _edges(lines)}
        kept = []
        for line in lines:
            if _PAGE_NUMBER.match(line.text):
                continue
            if line.margin and line.size and line.size < body and len(line.text) <= 80:
                continue  # small print in the page margin, even on a document too short for repetition to show

            if len(pages) > 1 and id(line) in edges and _shape(line.text) in repeated:
                continue
            kept.append(line)
        cleaned.append(kept)
    return cleaned


def remove_contents(lines: list[Line]) -> list[Line]:
    """Drop a table of contents: lines with dot leaders and a page number, and the entries after 'Contents'."""
    kept: list[Line] = []
    in_contents = False
    for line in lines:
        if heading_kind(line.text) == CONTENTS:
            in_contents = True
            continue
        if _CONTENTS_ENTRY.match(line.text):
            continue
        if in_contents:
            if _CONTENTS_LOOSE.match(line.text):
                continue
            in_contents = False
        kept.append(line)
    return kept


def body_size(pages: list[list[Line]]) -> float:
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            if line.size:
                sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def heading_ranks(pages: list[list[Line]], body: float) -> dict[float, int]:
    """Rank 2, 3, ... for each font size clearly larger than the body text, largest first (1 is the title)."""
    larger = sorted({line.size for lines in pages for line in lines if body and line.size >= body * 1.12}, reverse=True)
    return {size: rank for rank, size in enumerate(larger, start=2)}


def _rank(line: Line, ranks: dict[float, int]) -> int:
    """A line's heading rank. A numbered line ("2. Executive summary") is a heading when it is larger than the
    body text or names a known part; a bold numbered line at body size is a list item."""
    if not looks_like_heading(line.text) or labelled_as(line.text):
        return NOT_HEADING
    if line.size in ranks:
        return ranks[line.size]
    if heading_kind(line.text):
        return BOLD_RANK - 3
    if line.bold and not is_item_start(line.text):
        return BOLD_RANK
    return NOT_HEADING


def join_hyphenated(first: str, second: str, vocabulary: set[str]) -> str:
    """Join two lines; a word broken with a hyphen at the line end is made whole unless it is hyphenated on
    purpose (the document writes it that way elsewhere, or it starts with a prefix such as co- or non-)."""
    if first.endswith("\xad"):  # a soft hyphen: only ever a word broken at the line end
        return first[:-1] + second
    first, second = first.replace("\xad", ""), second.replace("\xad", "")
    match = re.search(r"(\w+)-$", first)
    if match and second[:1].islower():
        head = match.group(1)
        tail = re.match(r"[\w’']+", second)
        tail_word = tail.group(0) if tail else ""
        whole = (head + tail_word).lower()
        hyphenated = f"{head}-{tail_word}".lower()
        keep = hyphenated in vocabulary or (whole not in vocabulary and head.lower() in _HYPHEN_PREFIXES)
        return first + second if keep else first[:-1] + second
    return f"{first} {second}"


def _vocabulary(pages: list[list[Line]]) -> set[str]:
    words: set[str] = set()
    for lines in pages:
        for line in lines:
            words.update(re.findall(r"[\w’'-]+", line.text.lower()))
    return words


def _line_spacing(pages: list[list[Line]], body: float) -> float:
    """The distance between lines of one paragraph of body text, across the whole document: the smallest gap
    that is common (a tenth of all gaps), as pages of short paragraphs have more paragraph gaps than line gaps."""
    gaps: Counter[float] = Counter()
    for lines in pages:
        for a, b in zip(lines, lines[1:], strict=False):
            if a.y is None or b.y is None or a.size != body or b.size != body:
                continue
            gap = round((a.y - b.y) * 2) / 2
            if body * 0.8 <= gap < body * 4:
                gaps[gap] += 1
    total = sum(gaps.values())
    for gap in sorted(gaps):
        if gaps[gap] * 10 >= total:
            return gap
    return min(gaps, default=0.0)


def paragraphs(pages: list[list[Line]]) -> list[Block]:
    """Lines joined into paragraphs; headings and list items each start a block of their own."""
    pages = remove_page_furniture(pages)
    body = body_size(pages)
    ranks = heading_ranks(pages, body)
    vocabulary = _vocabulary(pages)
    lengths = sorted(len(line.text) for lines in pages for line in lines) or [80]
    width = lengths[int(len(lengths) * 0.9)]
    gap = _line_spacing(pages, body)
    blocks: list[Block] = []
    current: Block | None = None
    previous: Line | None = None
    for lines in pages:
        lines = remove_contents(lines)
        for line in lines:
            rank = _rank(line, ranks)
            starts_item = not rank and is_item_start(line.text)
            new_block = (
                current is None
                or rank != NOT_HEADING
                or current.is_heading
                or starts_item
                or _ends_paragraph(previous, line, gap, width)
            )
            if new_block:
                current = Block(text=line.text, rank=rank, list_item=starts_item, page=line.page, size=line.size)
                blocks.append(current)
            else:
                current.text = join_hyphenated(current.text, line.text, vocabulary)
            previous = line
    return blocks


def _ends_paragraph(previous: Line | None, line: Line, gap: float, width: int) -> bool:
    if previous is None:
        return True
    if previous.page != line.page:
        # A paragraph runs on to the next page when the page ended mid-sentence.
        return bool(_SENTENCE_END.search(previous.text)) or not line.text[:1].islower()
    if previous.bold != line.bold or (previous.size and line.size and abs(previous.size - line.size) > 0.5):
        return True  # a bold title line, or a change of type size, is never the same paragraph
    if gap and previous.y is not None and line.y is not None and previous.y - line.y > gap * 1.35:
        return True
    return bool(_SENTENCE_END.search(previous.text)) and len(previous.text) < width * 0.7
