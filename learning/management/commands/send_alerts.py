from django.core.management.base import BaseCommand

from learning.services import send_digests


class Command(BaseCommand):
    help = (
        "Email each confirmed alert subscriber one digest of the reviews first published since their last one, "
        "and delete sign-ups that were never confirmed. Run it on a schedule, e.g. daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site-url",
            default="",
            help="The portal's address for links in the emails, e.g. https://portal.example "
            "(default: the address each person signed up on).",
        )

    def handle(self, *args, site_url: str, **options):
        run = send_digests(site_url=site_url)
        self.stdout.write(
            f"Sent {run.sent} digest{'s' if run.sent != 1 else ''}; {run.nothing_new} subscriber"
            f"{'s' if run.nothing_new != 1 else ''} had nothing new; {run.failed} failed; "
            f"removed {run.expired_removed} unconfirmed sign-up{'s' if run.expired_removed != 1 else ''}."
        )
        if run.failed:
            self.stderr.write("Some emails failed; those subscribers will get their digest next time.")
