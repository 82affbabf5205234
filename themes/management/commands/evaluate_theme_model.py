from django.core.management.base import BaseCommand, CommandError

from themes.models import ThemeModel
from themes.suggestions.report import print_metrics


class Command(BaseCommand):
    help = "Print the current suggestion model's training date, review count and precision, recall and F1 per theme."

    def handle(self, *args, **options):
        version = ThemeModel.objects.current()
        if version is None:
            raise CommandError("No model has been trained yet: run `python manage.py train_theme_model`.")
        print_metrics(self.stdout, version)
