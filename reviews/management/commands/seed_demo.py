import time

from django.core.management.base import BaseCommand

from reviews.demo import DEFAULT_SEED, demo_lines
from reviews.demo.notice import remember
from reviews.importing import review_import_rows, validate_review_lines
from reviews.models import Review


class Command(BaseCommand):
    help = (
        "Add N invented but believable demo reviews (deterministic for a seed and a day) through the import path. "
        "Their references start with DEMO-, and every page then says the portal holds invented demonstration data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reviews", type=int, default=500, help="How many reviews to make.")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="The same seed makes the same reviews.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database already holds reviews.")

    def handle(self, *args, reviews: int, seed: int, if_empty: bool, **options):
        if if_empty and Review.objects.exists():
            self.stdout.write("The database already holds reviews; no demo data added.")
            return
        started = time.monotonic()
        rows = validate_review_lines(demo_lines(reviews, seed=seed))
        result = review_import_rows(rows=rows, progress=lambda n: self.stdout.write(f"Saved {n:,} reviews"))
        remember(True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {result.created:,} new, {result.updated:,} updated reviews "
                f"in {time.monotonic() - started:.1f} s (invented demonstration data, references DEMO-...)."
            )
        )
