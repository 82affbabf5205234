import datetime
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Min
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reviews.benchmark import use_benchmark_database
from reviews.models import Review


class Command(BaseCommand):
    help = (
        "Time the learning pages, feeds, briefings, glossary mark-up, readability and the alert digests on a "
        "benchmark database of demo reviews (created the first time). Prints median times and query counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reviews", type=int, default=100_000, help="Demo reviews in the benchmark database.")
        parser.add_argument("--repeat", type=int, default=5, help="Timed runs of each page (after one warm-up).")
        parser.add_argument("--subscribers", type=int, default=200, help="Alert subscribers for the digest run.")

    def handle(self, *args, reviews: int, repeat: int, subscribers: int, **options):
        use_benchmark_database(reviews, write=self.stdout.write)
        published = Review.objects.published()
        self.stdout.write(f"{published.count():,} published reviews")
        review = published.filter(findings__isnull=False).newest_first().first()
        client = Client()
        pages = [
            ("Review page", review.get_absolute_url()),
            ("Theme page with learning", "/themes/neglect/"),
            ("Theme briefing page", "/briefings/themes/neglect/"),
            ("Theme briefing DOCX", "/briefings/themes/neglect/download/"),
            ("Review briefing DOCX", f"/briefings/reviews/{review.slug}/download/"),
            ("Feed: all reviews", "/feeds/reviews/"),
            ("Feed: theme", "/feeds/themes/neglect/"),
            ("Feed: region", "/feeds/regions/london/"),
            ("Feed: agency", "/feeds/agencies/police/"),
            ("Feed: search, text", "/feeds/search/?q=neglect"),
            ("Feed: search, text and facets", "/feeds/search/?q=sofa&theme=safe-sleep&region=london"),
            ("Feed: search, facets only", "/feeds/search/?theme=neglect&agency=police"),
            ("Glossary page", "/glossary/"),
        ]
        for label, url in pages:
            self._time_page(client, label, url, repeat)
        from learning.feeds import forget_cached_feeds

        for label, url in pages:
            if url.startswith("/feeds/"):
                self._time_page(client, f"{label} (uncached)", url, repeat, before=forget_cached_feeds)
        self._time_mark_up(published)
        self._time_digests(subscribers)

    # Rate limits off, as with RATE_LIMITS=0: the same feed many times a minute is what they are there to stop.
    @override_settings(RATE_LIMITS_ENABLED=False)
    def _time_page(self, client: Client, label: str, url: str, repeat: int, before=None) -> None:
        response = client.get(url)  # warm-up: caches and the readability dictionary
        if response.status_code != 200:
            self.stderr.write(f"{label}: {url} answered {response.status_code}")
            return
        times = []
        for _ in range(repeat):
            if before:
                before()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - started)
        self.stdout.write(f"{label:42} {statistics.median(times) * 1000:8.1f} ms  {len(queries):3d} queries  {url}")

    def _time_mark_up(self, published) -> None:
        from learning.glossary import current_glossary, mark_up_acronyms
        from learning.readability import measure

        summaries = list(published.values_list("summary", flat=True)[:1000])
        glossary = current_glossary()
        started = time.perf_counter()
        for summary in summaries:
            mark_up_acronyms(summary, glossary)
        per = (time.perf_counter() - started) / len(summaries)
        self.stdout.write(
            f"Acronym mark-up                  {per * 1000:8.3f} ms per summary ({len(summaries)} summaries)"
        )
        started = time.perf_counter()
        for summary in summaries[:200]:
            measure(summary)
        per = (time.perf_counter() - started) / 200
        self.stdout.write(
            f"Readability                      {per * 1000:8.3f} ms per summary (200 summaries, uncached)"
        )

    def _time_digests(self, subscribers: int) -> None:
        from learning.models import AlertSubscription
        from learning.services import send_digests

        searches = ["theme=neglect", "region=london", "q=neglect", "agency=police&theme=safe-sleep", ""]
        # The worst case: every review counts as new (the demo reviews were all published at import).
        first = Review.objects.published().aggregate(first=Min("first_published_at"))["first"] or timezone.now()
        since = first - datetime.timedelta(seconds=1)
        made = AlertSubscription.objects.bulk_create(
            AlertSubscription(
                email=f"bench{n}@example.org",
                query=searches[n % len(searches)],
                site_url="https://portal.example",
                confirmed_at=since,
                last_sent_at=since,
            )
            for n in range(subscribers)
        )
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                started = time.perf_counter()
                run = send_digests()
                elapsed = time.perf_counter() - started
            self.stdout.write(
                f"Alert digests                    {elapsed * 1000:8.1f} ms for {subscribers} subscribers over "
                f"{len(searches)} searches ({run.sent} sent, {run.nothing_new} with nothing new)"
            )
        finally:
            AlertSubscription.objects.filter(pk__in=[s.pk for s in made]).delete()
