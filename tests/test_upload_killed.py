"""A web process killed mid-upload leaves no stored document without a review and no review naming a missing
file, once the hourly sweep (reviews.documents_cleanup, run by the task queue) has run.

The uploads run in a real separate process, which is SIGKILLed at the worst moment: nothing in it can clean up.
"""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from reviews.models import Review

from .documents import make_pdf
from .factories import ReviewFactory

# The killed process commits through its own connection; serialized_rollback keeps the regions and themes that
# data migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

UPLOAD_AND_DIE = textwrap.dedent(
    """
    import os, signal, sys
    import django
    django.setup()
    from django.contrib.auth.models import User
    from django.core.files.storage import FileSystemStorage
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db.models.signals import post_save
    from reviews.models import Review
    from tests.factories import signed_in
    from tests.test_admin_uploads import review_form

    def die(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    if os.environ["DIE_WHEN"] == "file-stored":  # the file is written, the row not yet committed
        post_save.connect(die, sender=Review)
    else:  # "replaced-file-deleting": the new row is committed, the old file not yet deleted
        FileSystemStorage.delete = die
    client = signed_in(User.objects.get(username="root"))
    board_id, url = sys.argv[1], sys.argv[2]
    document = SimpleUploadedFile("summary.pdf", sys.stdin.buffer.read(), content_type="application/pdf")
    client.post(url, review_form(type("Board", (), {"pk": board_id}), source_document=document))
    print("not killed")
    """
)


@pytest.fixture
def document_root(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    return tmp_path


def upload_and_die(when: str, board, url: str, document_root: Path) -> None:
    db = connection.settings_dict
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "scrportal.settings",
        "DJANGO_DEBUG": "1",
        # The host may be a socket directory (the embedded database): percent-encoded, as URLs take it.
        "DATABASE_URL": f"postgres://{db['USER']}@{quote(db['HOST'], safe='')}:{db['PORT'] or 5432}/{db['NAME']}",
        "DOCUMENT_ROOT": str(document_root),
        "DIE_WHEN": when,
    }
    result = subprocess.run(
        [sys.executable, "-c", UPLOAD_AND_DIE, str(board.pk), url],
        input=make_pdf("Executive summary", "The family moved often."),
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stdout.decode() + result.stderr.decode()


def stored(document_root: Path) -> set[str]:
    return {path.relative_to(document_root).as_posix() for path in document_root.rglob("*") if path.is_file()}


def named_by_reviews() -> set[str]:
    return set(Review.objects.exclude(source_document="").values_list("source_document", flat=True))


def test_a_process_killed_after_storing_the_file_leaves_nothing_behind(superuser, board_a, document_root):
    upload_and_die("file-stored", board_a, reverse("admin:reviews_review_add"), document_root)
    assert not Review.objects.exists()  # the row never committed
    assert len(stored(document_root)) == 1  # but its file was written

    call_command("clean_orphan_documents", "--grace-minutes", "0")
    assert stored(document_root) == set()


def test_a_process_killed_before_deleting_the_replaced_file_leaves_nothing_behind(superuser, board_a, document_root):
    review = ReviewFactory(board=board_a, title="Child Z: serious case review", status="draft", published_on=None)
    review.source_document.save("old.pdf", ContentFile(make_pdf("The old summary.")))
    old = review.source_document.name
    upload_and_die(
        "replaced-file-deleting", board_a, reverse("admin:reviews_review_change", args=[review.pk]), document_root
    )
    review.refresh_from_db()
    assert review.source_document.name != old  # the new document is saved
    assert stored(document_root) == {old, review.source_document.name}

    call_command("clean_orphan_documents", "--grace-minutes", "0")
    assert stored(document_root) == named_by_reviews() == {review.source_document.name}


def test_a_review_whose_file_is_missing_stops_naming_it(board_a, document_root):
    review = ReviewFactory(board=board_a)
    review.source_document.save("summary.pdf", ContentFile(make_pdf("Summary.")))
    (document_root / review.source_document.name).unlink()
    call_command("clean_orphan_documents")
    review.refresh_from_db()
    assert not review.source_document
    assert review.document_url == ""


def test_a_recent_file_may_be_an_upload_still_saving_and_is_left_alone(document_root):
    (document_root / "documents").mkdir()
    (document_root / "documents" / "uploading.pdf").write_bytes(b"%PDF-1.4")
    call_command("clean_orphan_documents")  # an hour's grace by default
    assert stored(document_root) == {"documents/uploading.pdf"}
