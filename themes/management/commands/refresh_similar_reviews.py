import time

from django.core.management.base import BaseCommand, CommandError

from themes.suggestions.similar import refresh_similar_reviews
from themes.suggestions.store import current_suggester


class Command(BaseCommand):
    help = (
        "Work out every published review's five most similar published reviews again with the current model "
        "(run from cron, for example nightly; training does it too)."
    )

    def handle(self, *args, **options):
        if current_suggester() is None:
            raise CommandError("No model has been trained yet: run `python manage.py train_theme_model`.")
        started = time.monotonic()
        count = refresh_similar_reviews(progress=lambda done: self.stderr.write(f"{done:,} reviews done"))
        self.stdout.write(f"Similar reviews worked out for {count:,} reviews in {time.monotonic() - started:.1f} s.")
