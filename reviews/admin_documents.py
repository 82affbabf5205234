"""What the review admin does with an uploaded document: fill the fields the editor left empty, add the findings
and recommendations as rows, and say what was found and what is missing. Nothing is published: the review
stays a draft until an editor publishes it."""

import datetime
import re

from django.utils.text import slugify

from .documents import ParsedDocument
from .models import Board, Finding, Recommendation, Review

# The form fields the document may fill, in the order the message lists them.
LABELS = {
    "title": "title",
    "review_type": "type of review",
    "board": "board",
    "published_on": "publication date",
    "age_band": "age band",
    "summary": "executive summary",
}


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", "and")).strip()


def matching_board(name: str, boards) -> Board | None:
    """The editor's board the document names, if any: same name, or one name contained in the other."""
    if not name:
        return None
    wanted = _normal(name)
    for board in boards:
        have = _normal(board.name)
        if have == wanted or (len(have) > 8 and (have in wanted or wanted in have)):
            return board
    return None


def publication_date(value: str) -> tuple[datetime.date | None, bool]:
    """(date, year only) from ParsedDocument.published ("YYYY-MM-DD", "YYYY" or "")."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return datetime.date.fromisoformat(value), False
    if re.fullmatch(r"\d{4}", value):
        return datetime.date(int(value), 1, 1), True
    return None, False


def _unique_slug(title: str) -> str:
    base = slugify(title)[:300] or "review"
    slug, n = base, 2
    while Review.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def fill_from_document(cleaned: dict, parsed: ParsedDocument, *, boards) -> list[str]:
    """Fill the empty fields of a review form's cleaned data from a parsed document; the names of those filled."""
    filled = []
    if not cleaned.get("title") and parsed.title:
        cleaned["title"] = parsed.title[:300]
        filled.append("title")
    if not cleaned.get("slug") and cleaned.get("title"):
        cleaned["slug"] = _unique_slug(cleaned["title"])
    if not cleaned.get("review_type") and parsed.review_type:
        cleaned["review_type"] = parsed.review_type
        filled.append("review_type")
    found_board = matching_board(parsed.board, boards)
    if not cleaned.get("board") and found_board:
        cleaned["board"] = found_board
        filled.append("board")
    if not cleaned.get("published_on"):
        day, year_only = publication_date(parsed.published)
        if day:
            cleaned["published_on"], cleaned["published_year_only"] = day, year_only
            filled.append("published_on")
    if not cleaned.get("age_band") and parsed.age_band:
        cleaned["age_band"] = parsed.age_band
        filled.append("age_band")
    if not cleaned.get("summary"):
        # Without an executive summary heading the whole text goes in, for the editor to cut down.
        cleaned["summary"] = parsed.summary or parsed.text
        filled.append("summary")
    return filled


def add_items(review: Review, parsed: ParsedDocument) -> tuple[int, int]:
    """Add the document's findings and recommendations to a draft review that has none yet."""
    if review.status != Review.Status.DRAFT:
        return 0, 0
    findings = recommendations = 0
    if not review.findings.exists():
        rows = [Finding(review=review, position=i, text=text) for i, text in enumerate(parsed.findings, start=1)]
        findings = len(Finding.objects.bulk_create(rows))
    if not review.recommendations.exists():
        rows = [
            Recommendation(review=review, position=i, text=text)
            for i, text in enumerate(parsed.recommendations, start=1)
        ]
        recommendations = len(Recommendation.objects.bulk_create(rows))
    return findings, recommendations


def report(parsed: ParsedDocument, filled: list[str], items: tuple[int, int], *, other_board: str = "") -> str:
    """One message for the editor: what the document gave, and what it did not."""
    parts = [LABELS[name] for name in filled if name != "summary" or parsed.summary]
    findings, recommendations = items
    if findings:
        parts.append(f"{findings} finding{'s' if findings != 1 else ''}")
    if recommendations:
        parts.append(f"{recommendations} recommendation{'s' if recommendations != 1 else ''}")
    lines = []
    if parts:
        lines.append("From the uploaded document: " + ", ".join(parts) + ".")
    if "summary" in filled and not parsed.summary:
        lines.append("The summary was taken from the uploaded document.")
    lines.extend(parsed.missing)
    if other_board:
        lines.append(f"The document names {other_board}; the board you chose was kept.")
    lines.append("The review is a draft. Check and tidy it before you publish.")
    return " ".join(lines)
