import time

from django.core.management.base import BaseCommand

from themes.suggestions.receivers import training_wanted
from themes.suggestions.report import print_metrics
from themes.suggestions.training import train_theme_model


class Command(BaseCommand):
    help = (
        "Train a new version of the theme and agency suggestion model on the published, tagged reviews, store it in "
        "the database, and print its cross-validated precision, recall and F1 per theme."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-due",
            action="store_true",
            help="Train only if enough reviews have been published since the current version (for cron).",
        )
        parser.add_argument("--no-evaluate", action="store_true", help="Skip cross-validation (faster).")

    def handle(self, *args, if_due: bool, no_evaluate: bool, **options):
        if if_due and not training_wanted():
            self.stdout.write("The current model is up to date: not enough new reviews to train again.")
            return
        started = time.monotonic()
        version = train_theme_model(evaluate=not no_evaluate, progress=lambda message: self.stderr.write(message))
        print_metrics(self.stdout, version)
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
