"""Stored documents and review rows kept in step after a crash.

An upload writes the file first and commits the review's row after it; replacing a document deletes the old
file after the commit. A process killed between the two (a worker restarted, the machine lost) leaves a file
that no row names, or, if someone removed files by hand, a row naming a missing file. No ordering of a file
write and a database commit avoids both, so this sweep, run hourly by the task queue and by
`manage.py clean_orphan_documents`, puts things right: files no row names are deleted once they are older than
any upload could still be in progress, and rows whose file is missing stop pointing at it.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.utils import timezone

from .models import Review

logger = logging.getLogger(__name__)

DOCUMENT_FOLDER = "documents"  # reviews.models.source_document_path
# An upload's file is written seconds before its row commits; an hour is far more than any upload takes.
UPLOAD_GRACE = datetime.timedelta(hours=1)


@dataclass
class Cleanup:
    files_deleted: list[str] = field(default_factory=list)
    rows_cleared: list[int] = field(default_factory=list)


def clean_orphan_documents(*, grace: datetime.timedelta = UPLOAD_GRACE) -> Cleanup:
    """Delete stored documents that no review names (older than `grace`) and clear reviews' names of missing
    files. Idempotent. One query for the names, one per file deleted or row cleared."""
    storage = Review._meta.get_field("source_document").storage
    cleanup = Cleanup()
    # Rows first, files second: a file written after the listing of rows is younger than the grace period.
    named = set(Review.objects.exclude(source_document="").values_list("source_document", flat=True))
    stored = set(_stored_documents(storage))
    cutoff = timezone.now() - grace
    for name in sorted(stored - named):
        if storage.get_modified_time(name) > cutoff:
            continue  # perhaps an upload whose row is about to commit
        if Review.objects.filter(source_document=name).exists():
            continue  # committed since the names were read
        storage.delete(name)
        cleanup.files_deleted.append(name)
    for name in sorted(named - stored):
        if storage.exists(name):
            continue
        ids = list(Review.objects.filter(source_document=name).values_list("id", flat=True))
        Review.objects.filter(id__in=ids, source_document=name).update(source_document="")
        cleanup.rows_cleared.extend(ids)
    if cleanup.files_deleted or cleanup.rows_cleared:
        logger.warning(
            "Documents cleaned: %d files without a review deleted; reviews %s named missing files",
            len(cleanup.files_deleted),
            cleanup.rows_cleared,
        )
    return cleanup


def _stored_documents(storage) -> list[str]:
    if not storage.exists(DOCUMENT_FOLDER):
        return []
    _folders, files = storage.listdir(DOCUMENT_FOLDER)
    return [f"{DOCUMENT_FOLDER}/{name}" for name in files]
