from django.core.management.base import BaseCommand

from actions.tracker import forget_tracker_figures
from actions.tracker_summary import recount_all_reviews


class Command(BaseCommand):
    help = (
        "Count every review into the tracker's summary tables again from nothing. Never needed in normal running "
        "(triggers note every change and the next reader recounts it): a repair after a restore or a hand edit."
    )

    def handle(self, *args, **options):
        recount_all_reviews()
        forget_tracker_figures()
        self.stdout.write("The tracker's summary counts every review again.")
