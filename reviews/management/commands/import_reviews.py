import time
from pathlib import Path

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from reviews.importing import ImportRejected, review_import_rows, validate_review_lines


class Command(BaseCommand):
    help = (
        "Import reviews from a JSON Lines file, one review per line. The whole file is checked first; "
        "if any line has a problem, every problem is listed with its line number and nothing is imported. "
        "Re-importing a review with the same reference updates it; drafts and withdrawn reviews are never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The .jsonl file to import.")
        parser.add_argument("--max-problems", type=int, default=50, help="How many problems to list at most.")
        parser.add_argument(
            "--user",
            help="Username of the staff member responsible for this import, recorded in each review's history.",
        )

    def handle(self, *args, path: Path, max_problems: int, user: str | None = None, **options):
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        importer = None
        if user:
            importer = User.objects.filter(username=user, is_staff=True, is_active=True).first()
            if importer is None:
                raise CommandError(f"There is no active staff member with the username {user!r}.")
        started = time.monotonic()
        try:
            with path.open(encoding="utf-8") as file:
                rows = validate_review_lines(file, progress=lambda n: self.stdout.write(f"Checked {n:,} lines"))
            self.stdout.write(f"All {len(rows):,} reviews checked; saving.")
            result = review_import_rows(
                rows=rows, user=importer, progress=lambda n: self.stdout.write(f"Saved {n:,} reviews")
            )
        except UnicodeDecodeError as error:
            raise CommandError(f"{path} is not UTF-8 text ({error.reason} at byte {error.start}).") from None
        except ImportRejected as rejected:
            self._report(rejected, max_problems)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.created:,} new and updated {result.updated:,} existing reviews "
                f"({len(result.boards_created):,} new boards) in {time.monotonic() - started:.1f} s."
            )
        )
        if result.held_back:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(result.held_back):,} line(s) match a draft or withdrawn review, which an import never "
                    "changes (its board's editors decide):"
                )
            )
            for held in result.held_back:
                self.stdout.write(f"  {held}")

    def _report(self, rejected: ImportRejected, max_problems: int) -> None:
        for problem in rejected.problems[:max_problems]:
            self.stderr.write(str(problem))
        more = len(rejected.problems) - max_problems
        if more > 0:
            self.stderr.write(f"... and {more:,} more")
        raise CommandError(f"{len(rejected.problems):,} problem(s) found; nothing was imported.")
