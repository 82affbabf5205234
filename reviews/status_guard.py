"""A review's status changes only through the publishing services, so every change is recorded with who and when.

The database enforces it (migration 0012): an UPDATE that changes `reviews_review.status` fails unless the
transaction has first said, through `status_change_allowed()`, that it is one of those services. A re-import, a
data migration, a background job or a hand-written query that tries it stops with a clear error instead of
quietly publishing a draft or bringing back a withdrawn review.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

SETTING = "scrportal.review_status_change"
ALLOWED = "allowed"


@contextmanager
def status_change_allowed() -> Iterator[None]:
    """Let the enclosed writes change a review's status (inside the caller's transaction only)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A review's status may only change inside a transaction that records the change.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [SETTING, ALLOWED])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, '', true)", [SETTING])
