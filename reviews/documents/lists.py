"""Splitting a findings or recommendations section into separate items, whatever their form.

Items are labelled ("Finding 1:", "Recommendation 3", "R3."), numbered ("1.", "1)", "(a)", "3.2"), bulleted
(•, -, *, ▪) or DOCX list paragraphs. Without any of those, each paragraph is one item.
"""

import re

from .blocks import Block

_LABEL = re.compile(
    r"^(?:key\s+)?(?P<label>finding|recommendation|learning\s+point|lesson|learning|area\s+for\s+improvement)s?"
    r"(?:\s*(?:no\.?\s*|number\s+)?(?P<number>\d{1,2}(?:\.\d{1,2})?)|\s+(?P<letter>[a-z])(?=\s*[:.)\-–—]|$))"
    r"\s*(?:[:.)\-–—]\s*|\s+|$)",
    re.IGNORECASE,
)
_SHORT_LABEL = re.compile(r"^(?P<label>[RF])\s?(?P<number>\d{1,2})(?:\s*[:.)\-–—]\s*|\s+(?=[A-Z])|$)")
_NUMBERED = re.compile(
    r"^(?:\(\d{1,2}\)|\d{1,2}[.)](?:\d{1,2}\.?)?|\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?)\s+(?=\S)"
    r"|^(?:\([a-z]\)|[a-z]\))\s+(?=\S)"
    r"|^[a-h]\.\s+(?=[A-Z])"
    r"|^\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\)\s+(?=\S)"
    r"|^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\.\s+(?=[A-Z])"
)
# Symbol-font bullets come out of PDFs as private-use characters, or as "?" when they could not be mapped.
_BULLET = re.compile(r"^(?:[•●▪■◦‣∙·►➢➤✓✔□❖\uf000-\uf0ff]\s*|[-*–—?]\s+|o\s+(?=[A-Z]))(?=\S)")


def item_marker(text: str) -> re.Match | None:
    """The list marker or label a paragraph starts with, if any."""
    for pattern in (_LABEL, _SHORT_LABEL, _NUMBERED, _BULLET):
        match = pattern.match(text)
        if match:
            return match
    return None


def labelled_as(text: str) -> str | None:
    """'finding' or 'recommendation' when a paragraph is labelled as one ("Finding 2:", "R3.")."""
    match = _LABEL.match(text) or _SHORT_LABEL.match(text)
    if not match:
        return None
    label = match.group("label").lower()
    if label.startswith("r"):
        return "recommendation"
    return "finding"


def is_item_start(text: str) -> bool:
    return item_marker(text) is not None


def without_marker(text: str) -> str:
    match = item_marker(text)
    return text[match.end() :].strip() if match else text.strip()


def _table_row(text: str) -> str | None:
    """A table row's main cell (the longest), or None for a header row or one with too few words."""
    cells = [cell.strip() for cell in text.split(" | ")]
    main = max(cells, key=len)
    return main if len(main.split()) >= 5 else None


def _join(head: str, more: str) -> str:
    if not head:
        return more
    if re.search(r"[.,:;!?\-–]$", head) or more[:1].islower():
        return f"{head} {more}"
    return f"{head}: {more}"  # an item's title ("Finding 1: Safe sleep") and its first paragraph


def split_items(blocks: list[Block]) -> list[tuple[str | None, str]]:
    """(label, text) for every item in a section's blocks; label is 'finding', 'recommendation' or None."""
    marked = any(block.list_item or is_item_start(block.text) for block in blocks)
    # Where items are labelled ("Finding 2:", "R3."), only a label starts one: numbered paragraphs and bullets
    # under a label are that item's own text.
    labelled = any(labelled_as(block.text) for block in blocks if " | " not in block.text)
    items: list[list] = []  # [label, text, continues]
    for block in blocks:
        text = block.text.strip()
        if " | " in text:
            row = _table_row(without_marker(text))
            if row:
                items.append([labelled_as(text), row, False])
            continue
        if labelled and items and not labelled_as(text):
            if not block.is_heading:
                items[-1][1] = _join(items[-1][1], without_marker(text) if is_item_start(text) else text)
            continue
        starts = labelled_as(text) is not None if labelled else block.list_item or is_item_start(text)
        if starts:
            label = labelled_as(text)
            body = without_marker(text)
            # A label alone ("Finding 1") or a label with a short title: the paragraphs after it belong to it.
            continues = label is not None and (not body or (len(body.split()) <= 14 and not body.endswith(".")))
            items.append([label, body, continues])
        elif block.is_heading:
            if not marked:
                items.append([None, text, True])  # a sub-heading naming the item: its paragraphs follow
            elif items:
                items[-1][2] = False  # a heading grouping the items ("For health services") is not one
        elif items and (items[-1][2] or text[:1].islower()):
            items[-1][1] = _join(items[-1][1], text)
        elif not marked:
            if text.endswith(":") or len(text.split()) < 4:
                continue  # "The review makes these recommendations:"
            items.append([None, text, False])
        # else: text before the first item or after a list ends (an introduction or a closing remark)
    return [(label, re.sub(r"\s+", " ", text).strip()) for label, text, _ in items if text and len(text) > 3]
