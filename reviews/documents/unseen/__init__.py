"""Fifteen report documents written for measuring extraction on wording and layouts it was not tuned on:
covers of several kinds, contents pages with and without dot leaders, running headers, "Page N of M" and other
footers, numbered paragraphs, findings labelled, lettered, numbered or bulleted, recommendations as labels,
"R1.", numbers, Word lists or a table, Welsh practice reviews, domestic homicide reviews, one PDF in two
columns. Written independently of the unit tests' documents and of holdout.py's generator; the first thirteen
before the reader was changed for them, the last two (bold_headings.py) for a weakness known before.

    from reviews.documents.unseen import reports
    for sample in reports(): ...  # holdout.Sample with data and truth (including "themes", slugs)
"""

import re

from ..holdout import Sample
from . import adults, bold_headings, children, wales_national
from .writers import Item, write_docx, write_pdf

# In the order they were written (the first thirteen before the reader was changed for them).
SPECS = [*children.REPORTS[:2], wales_national.REPORTS[0], wales_national.REPORTS[2], *children.REPORTS[2:],
         *adults.REPORTS[:2], wales_national.REPORTS[1], *adults.REPORTS[2:], *bold_headings.REPORTS]  # fmt: skip


def _truth(spec: dict) -> dict:
    blocks = spec["blocks"]

    def item_text(item: Item) -> str:
        return f"{item.title}: {item.text}" if item.title else item.text

    recommendations = [item_text(b[1]) for b in blocks if b[0] == "rec"]
    recommendations += [b[1].split(" | ")[1] for b in blocks if b[0] == "row" and b[2:] == ("rec",)]
    return {
        "title": spec["title"],
        "review_type": spec["review_type"],
        "published": spec["published"],
        "board": spec["board"],
        "age_band": spec["age_band"],
        "summary": "\n\n".join(_unnumbered(b[1]) for b in blocks if b[0] == "sum"),
        "findings": [item_text(b[1]) for b in blocks if b[0] == "find"],
        "recommendations": recommendations,
        "themes": spec["themes"],
    }


def _unnumbered(text: str) -> str:
    return re.sub(r"^\d{1,2}\.\d{1,2}\s+", "", text)


def reports() -> list[Sample]:
    made = []
    for make in SPECS:
        spec = make()
        layout = spec["layout"]
        write = write_pdf if layout.kind == "pdf" else write_docx
        made.append(Sample(name=spec["name"], kind=layout.kind, data=write(spec["blocks"], layout), truth=_truth(spec)))
    return made


def long_report_pdf(pages: int = 50) -> tuple[bytes, dict]:
    """(a PDF of about `pages` pages, its truth): the first report with a cover, contents, running header and
    "Page N of M" footer, its summary, findings and recommendations, and between them numbered chapters of
    analysis made of the other reports' paragraphs (a long report's practice episodes), as a full overview
    report would be."""
    spec = SPECS[0]()
    others = [
        block[1]
        for make in SPECS[1:]
        for block in make()["blocks"]
        if block[0] in ("sum", "p") and len(block[1].split()) >= 12  # paragraphs, not cover lines
    ]
    blocks = list(spec["blocks"])
    at = next(index for index, block in enumerate(blocks) if block[0] == "h1" and "finding" in block[1].lower())
    analysis: list[tuple] = []
    chapter = 0
    while len(analysis) < pages * 15:  # about fifteen paragraphs and headings fill a page
        chapter += 1
        analysis.append(("h1", f"{chapter + 2}. Practice episode {chapter}"))
        for number, text in enumerate(others[(chapter * 7) % len(others) :][:12], start=1):
            analysis.append(("p", f"{chapter + 2}.{number} {_unnumbered(text)}"))
    blocks[at:at] = analysis
    return write_pdf(blocks, spec["layout"]), _truth(spec)
