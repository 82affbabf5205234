import datetime

from django.core.management.base import BaseCommand

from reviews.documents_cleanup import UPLOAD_GRACE, clean_orphan_documents


class Command(BaseCommand):
    help = (
        "Delete stored documents that no review names (left by a process killed mid-upload) and clear reviews' "
        "names of files that are missing. The task queue runs this hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-minutes",
            type=int,
            default=int(UPLOAD_GRACE.total_seconds() // 60),
            help="Leave files younger than this alone: their upload may still be saving (default 60).",
        )

    def handle(self, *args, grace_minutes: int, **options):
        cleanup = clean_orphan_documents(grace=datetime.timedelta(minutes=grace_minutes))
        self.stdout.write(
            f"Deleted {len(cleanup.files_deleted)} stored document(s) without a review; "
            f"cleared the document of {len(cleanup.rows_cleared)} review(s) whose file was missing."
        )
