"""The common shape both readers produce: lines of text with the styling hints that tell headings apart."""

from dataclasses import dataclass

# Heading ranks: smaller is more important. 0 is not a heading.
TITLE_RANK = 1
BOLD_RANK = 8  # a bold paragraph at body size, used as a heading by people who do not use heading styles
NOT_HEADING = 0


@dataclass
class Line:
    """One line of a PDF page (before paragraphs are rebuilt) or one DOCX paragraph."""

    text: str
    page: int = 0
    size: float = 0.0  # font size in points, 0 when unknown
    bold: bool = False
    y: float | None = None  # distance from the page's bottom edge, PDF only
    margin: bool = False  # in the top or bottom margin of a PDF page, where headers and footers sit
    rank: int = NOT_HEADING  # heading rank from a real style (DOCX), 0 otherwise
    list_item: bool = False  # a DOCX list paragraph (List style or numbering)
    style: str = ""


@dataclass
class Block:
    """A paragraph after cleaning: a heading, a list item or body text."""

    text: str
    rank: int = NOT_HEADING
    list_item: bool = False
    page: int = 0
    size: float = 0.0

    @property
    def is_heading(self) -> bool:
        return self.rank != NOT_HEADING
