import time

from django.core.management.base import BaseCommand

from reviews.demo import demo_lines
from reviews.importing import review_import_rows, validate_review_lines
from reviews.models import Review


class Command(BaseCommand):
    help = "Add N plausible demo reviews (invented; deterministic for a seed) through the import path."

    def add_arguments(self, parser):
        parser.add_argument("--reviews", type=int, default=500, help="How many reviews to make.")
        parser.add_argument("--seed", type=int, default=2014, help="The same seed makes the same reviews.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database already holds reviews.")

    def handle(self, *args, reviews: int, seed: int, if_empty: bool, **options):
        if if_empty and Review.objects.exists():
            self.stdout.write("The database already holds reviews; no demo data added.")
            return
        started = time.monotonic()
        rows = validate_review_lines(demo_lines(reviews, seed=seed))
        result = review_import_rows(rows=rows, progress=lambda n: self.stdout.write(f"Saved {n:,} reviews"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {result.created:,} new, {result.updated:,} updated reviews "
                f"in {time.monotonic() - started:.1f} s."
            )
        )
