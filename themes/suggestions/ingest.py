"""Many documents at once (ingest_documents): the upload's path for each file, reading (reviews.documents),
suggestions, similar and duplicate reviews, then a draft for the board. One file's failure never stops the rest.

A document that is probably already in the library (duplicates.find_duplicate) is reported with `duplicate_of`
and no draft is made for it.
"""

import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from reviews.admin_documents import add_items, publication_date
from reviews.documents import DocumentError, ParsedDocument, parse_document
from reviews.models import Board, Review, ReviewEvent
from reviews.signals import reviews_changed

from . import store
from .decisions import suggestions_for_document
from .duplicates import find_duplicate
from .similar import similar_to_text

DOCUMENT_SUFFIXES = {".pdf", ".docx"}
# A suggested theme this sure counts as shared when looking for similar reviews.
SURE = 0.5


def document_files(paths: list[str]) -> list[Path]:
    """The files named, and every PDF and Word file in the folders named (recursively), in name order."""
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES))
        else:
            found.append(path)
    return found


def _unique_slug(title: str) -> str:
    base = slugify(title)[:300] or "review"
    slug, n = base, 2
    while Review.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def blank_line(path: Path) -> dict:
    return {
        "file": str(path),
        "title": None,
        "review_type": None,
        "published": None,
        "board": None,
        "age_band": None,
        "summary": None,
        "findings": [],
        "recommendations": [],
        "themes": [],
        "agencies": [],
        "similar": [],
        "duplicate_of": None,
        "error": None,
    }


def ingest_file(path: Path, *, board: Board, dry_run: bool, review_type: str = "") -> tuple[dict, Review | None]:
    """(the JSON line for one file, the draft made or None). Never raises for a bad file: its line says why."""
    line = blank_line(path)
    try:
        data = path.read_bytes()
        parsed = parse_document(data, filename=path.name)
    except (DocumentError, OSError) as error:
        line["error"] = str(error) if isinstance(error, DocumentError) else f"The file cannot be read: {error}"
        return line, None
    title = parsed.title or path.stem.replace("_", " ").replace("-", " ").strip()
    line.update(
        title=title,
        review_type=parsed.review_type or None,
        published=parsed.published or None,
        board=parsed.board or None,
        age_band=parsed.age_band or None,
        summary=parsed.summary or None,
        findings=parsed.findings,
        recommendations=parsed.recommendations,
    )
    summary = parsed.summary or parsed.text
    themes, agencies = suggestions_for_document(
        title=title, summary=summary, findings=parsed.findings, recommendations=parsed.recommendations
    )
    line["themes"] = [{"slug": s.slug, "score": round(s.score, 3)} for s in themes]
    line["agencies"] = [{"slug": s.slug, "score": round(s.score, 3)} for s in agencies]
    learning_text = "\n".join([title, summary, *parsed.findings])
    similar = similar_to_text(learning_text, [s.slug for s in themes if s.score >= SURE])
    titles = Review.objects.published().in_bulk([review_id for review_id, _, _ in similar])
    line["similar"] = [
        {"slug": titles[review_id].slug, "title": titles[review_id].title, "score": round(score, 3)}
        for review_id, score, _ in similar
        if review_id in titles
    ]
    day, year_only = publication_date(parsed.published)
    duplicate = find_duplicate(text=learning_text, title=title, board=board, year=day.year if day else None)
    if duplicate is not None:
        line["duplicate_of"] = duplicate.review.slug
        return line, None
    kind = parsed.review_type or review_type
    if not kind:
        line["error"] = "The document does not say what type of review it is: give one with --review-type."
        return line, None
    if dry_run:
        return line, None
    return line, _create_draft(
        path, data, parsed, board=board, title=title, summary=summary, review_type=kind, day=day, year_only=year_only
    )


def _create_draft(
    path: Path,
    data: bytes,
    parsed: ParsedDocument,
    *,
    board: Board,
    title: str,
    summary: str,
    review_type: str,
    day: datetime.date | None,
    year_only: bool,
) -> Review:
    review = Review(
        title=title[:300],
        slug=_unique_slug(title),
        review_type=review_type,
        board=board,
        published_on=day,
        published_year_only=year_only,
        age_band=parsed.age_band,
        summary=summary,
        status=Review.Status.DRAFT,
    )
    review.full_clean(exclude=["source_document"])
    # The file is written before the transaction commits; if the transaction fails it is removed again.
    review.source_document.save(f"executive-summary.{parsed.kind}", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            review.save()
            add_items(review, parsed)
            ReviewEvent.objects.create(
                review=review, action=ReviewEvent.Action.CREATED, note=f"Ingested from {path.name}"[:300]
            )
            reviews_changed.send(sender=Review, review_ids=[review.pk])
    except Exception:
        review.source_document.storage.delete(review.source_document.name)
        raise
    return review


def model_ready() -> bool:
    return store.current_suggester() is not None
