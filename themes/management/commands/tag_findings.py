import time

from django.core.management.base import BaseCommand, CommandError

from themes.suggestions.findings import tag_all_findings
from themes.suggestions.store import current_suggester


class Command(BaseCommand):
    help = "Give every finding in the library the themes the current model says it is about (training does it too)."

    def handle(self, *args, **options):
        if current_suggester() is None:
            raise CommandError("No model has been trained yet: run `python manage.py train_theme_model`.")
        started = time.monotonic()
        made = tag_all_findings(progress=lambda done: self.stderr.write(f"{done:,} findings done"))
        self.stdout.write(f"{made:,} finding themes in {time.monotonic() - started:.1f} s.")
