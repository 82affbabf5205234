import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reviews.models import Board, Review
from themes.suggestions.ingest import blank_line, document_files, ingest_file, model_ready


class Command(BaseCommand):
    help = (
        "Read PDF and Word review documents (files or folders) as an upload would, suggest themes, agencies and "
        "similar reviews, and create a draft review for each for the board (nothing with --dry-run). Prints one "
        "JSON line per document on stdout and progress on stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Documents, or folders of them.")
        parser.add_argument("--board", required=True, help="The slug of the board the drafts are for.")
        parser.add_argument("--dry-run", action="store_true", help="Read and suggest only: create nothing.")
        parser.add_argument(
            "--review-type",
            choices=Review.ReviewType.values,
            default="",
            help="The type for documents that do not say what type of review they are.",
        )

    def handle(self, *args, paths: list[str], board: str, dry_run: bool, review_type: str, **options):
        found_board = Board.objects.filter(slug=board).first()
        if found_board is None:
            raise CommandError(f"No board has the slug {board!r}.")
        files = document_files(paths)
        if not files:
            raise CommandError("No PDF or Word documents were found there.")
        if not model_ready():
            self.stderr.write("No suggestion model has been trained yet: themes come from the taxonomy only.")
        created = failed = 0
        for number, path in enumerate(files, start=1):
            try:
                line, draft = ingest_file(path, board=found_board, dry_run=dry_run, review_type=review_type)
            except ValidationError as error:
                line, draft = {**blank_line(path), "error": " ".join(error.messages)}, None
            created += draft is not None
            failed += bool(line.get("error"))
            self.stdout.write(json.dumps(line, ensure_ascii=False))
            outcome = (
                f"error: {line['error']}"
                if line.get("error")
                else f"probably a duplicate of {line['duplicate_of']}"
                if line.get("duplicate_of")
                else f"draft {draft.slug}"
                if draft
                else "read (dry run)"
            )
            self.stderr.write(f"[{number}/{len(files)}] {path.name}: {outcome}")
        self.stderr.write(f"{len(files)} documents: {created} drafts created, {failed} could not be used.")
