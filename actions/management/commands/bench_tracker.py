import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings

from actions.demo import seed_action_demo
from actions.models import Action, Audit, TrackerCsvPart
from actions.services import action_change
from actions.tracker import forget_tracker_figures
from reviews.benchmark import use_benchmark_database
from reviews.models import Board, Recommendation, Review

NATIONAL_CSV = "/tracker/recommendations-and-actions.csv"


class Command(BaseCommand):
    help = (
        "Time the action tracker, national audit view, review page and evidence pack against a benchmark database "
        "of N demo reviews (with demo actions and audits added the first time): median server time per page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reviews", type=int, default=100_000, help="How many demo reviews to count.")
        parser.add_argument("--repeat", type=int, default=7, help="Timed views of each page.")

    def handle(self, *args, reviews: int, repeat: int, **options):
        name = use_benchmark_database(reviews, write=self.stdout.write)
        started = time.monotonic()
        if seed_action_demo(write=self.stdout.write)["actions"]:
            # Fresh planner statistics for the rows just added, as autovacuum would give a live database (it may be
            # off on a benchmark server, and a table the planner believes empty gets plans no live site would use).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(f"Demo actions ready in {time.monotonic() - started:.1f} s")
        board = Board.objects.annotate(n=Count("reviews")).order_by("-n").first()
        review = Review.objects.published().annotate(n=Count("recommendations")).order_by("-n", "id").first()
        superuser = self._superuser()
        self.stdout.write(
            f"Database {name}: {Review.objects.published().count():,} published reviews, "
            f"{Recommendation.objects.count():,} recommendations, {Action.objects.count():,} actions, "
            f"{Audit.objects.count():,} audits. Median of {repeat} views.\n"
        )
        pages = [
            ("national tracker (figures cached)", "/tracker/", None),
            ("national tracker, first view after a change", "/tracker/", "forget"),
            (f"board tracker ({board.name}, {board.n:,} reviews)", f"/boards/{board.slug}/tracker/", None),
            ("national audit view", "/audits/national/", None),
            (f"review page ({review.n} recommendations)", review.get_absolute_url(), None),
            (f"board tracker CSV ({board.name})", f"/boards/{board.slug}/tracker/actions.csv", None),
            (f"evidence pack, 3 years ({board.name})", f"/boards/{board.slug}/evidence-pack/", superuser),
            ("national tracker CSV, first download (writes every review's rows)", NATIONAL_CSV, None),
            ("national tracker CSV, after an action changed", NATIONAL_CSV, "change"),
            ("national tracker CSV, nothing changed", NATIONAL_CSV, None),
        ]
        header = f"{'page':<70} {'median ms':>10}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            for label, url, user in pages:
                client = Client()
                if user not in (None, "forget", "change"):
                    self._sign_in(client, user)
                if "first download" in label:  # seconds: once, with no stored rows
                    TrackerCsvPart.objects.all().delete()
                    times = [self._time(client, url)]
                else:
                    client.get(url, secure=True)  # warm up
                    times = []
                    for _ in range(repeat):
                        if user == "forget":
                            forget_tracker_figures()  # as an action update or a publication does
                        elif user == "change":
                            self._change_an_action()
                        times.append(self._time(client, url))
                self.stdout.write(f"{label:<70} {statistics.median(times):>10.1f}")

    def _change_an_action(self) -> None:
        """Reword an action of a published review through the service, as its board's editor would."""
        action = Action.objects.filter(recommendation__review__status=Review.Status.PUBLISHED).order_by("id").first()
        ending = " (reworded)"
        description = (
            action.description.removesuffix(ending)
            if action.description.endswith(ending)
            else (action.description + ending)
        )
        action_change(action=action, user=None, description=description)

    def _superuser(self):
        from django.contrib.auth.models import User

        user, _ = User.objects.get_or_create(
            username="bench-tracker", defaults={"is_staff": True, "is_superuser": True}
        )
        return user

    def _sign_in(self, client: Client, user) -> None:
        """Both steps of a staff sign-in: the password (force_login) and a code from a confirmed authenticator app,
        as django-otp records it in the session; staff pages send anyone without the second step to give a code."""
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        client.force_login(user)
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="Benchmark authenticator", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    def _time(self, client: Client, url: str) -> float:
        started = time.perf_counter()
        response = client.get(url, secure=True)
        if response.streaming:
            for _ in response.streaming_content:
                pass
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        return elapsed
