from django.core.management.base import BaseCommand

from actions.demo import seed_action_demo


class Command(BaseCommand):
    help = (
        "Add invented actions, progress updates and completed local audits to the demo reviews (deterministic for a "
        "seed). Does nothing if any action exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2014, help="The same seed makes the same actions.")
        parser.add_argument("--share", type=float, default=0.6, help="Share of recommendations given actions.")

    def handle(self, *args, seed: int, share: float, **options):
        counts = seed_action_demo(seed=seed, share=share, write=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {counts['actions']:,} actions, {counts['updates']:,} progress updates "
                f"and {counts['audits']:,} completed audits."
            )
        )
