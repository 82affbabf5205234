"""Thirteen report documents written for measuring extraction on wording and layouts it was not tuned on:
covers of several kinds, contents pages with and without dot leaders, running headers, "Page N of M" and other
footers, numbered paragraphs, findings labelled, lettered, numbered or bulleted, recommendations as labels,
"R1.", numbers, Word lists or a table, Welsh practice reviews and a domestic homicide review, one PDF in two
columns. Written independently of the unit tests' documents and of holdout.py's generator.

    from reviews.documents.unseen import reports
    for sample in reports(): ...  # holdout.Sample with data and truth (including "themes", slugs)
"""

from ..holdout import Sample
from . import adults, children
from .writers import Item, write_docx, write_pdf


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
    import re

    return re.sub(r"^\d{1,2}\.\d{1,2}\s+", "", text)


def reports() -> list[Sample]:
    made = []
    for make in [*children.REPORTS, *adults.REPORTS]:
        spec = make()
        layout = spec["layout"]
        write = write_pdf if layout.kind == "pdf" else write_docx
        made.append(Sample(name=spec["name"], kind=layout.kind, data=write(spec["blocks"], layout), truth=_truth(spec)))
    return made
