import re
import statistics
import time

from django.core.management.base import BaseCommand
from django.test import Client
from django.test.utils import override_settings

from reviews import spelling
from reviews.benchmark import use_benchmark_database
from reviews.search import clear_result_cache, load_vocabulary

MISSPELLED = ["cosleping baby", "neglet", "domestik abuse", "helth visiter", "bruiseing protocl"]
SPELT_RIGHT = ["co-sleeping baby", "neglect", "domestic abuse", "health visitor"]


class Command(BaseCommand):
    help = (
        "Time 'Did you mean': reading the library's words (once per process and search generation) and the "
        "search page with misspelled and correctly spelt words, on a benchmark database of N demo reviews."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reviews", type=int, default=10_000, help="How many demo reviews.")
        parser.add_argument("--repeat", type=int, default=7, help="Timed runs of each search.")

    def handle(self, *args, reviews: int, repeat: int, **options):
        name = use_benchmark_database(reviews, write=self.stdout.write)
        generation = load_vocabulary().generation
        reads = []
        for _ in range(3):
            started = time.perf_counter()
            words = spelling._read_words(generation)
            reads.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            f"Database {name}: {len(words.known):,} words offered; reading them: median "
            f"{statistics.median(reads):.0f} ms (once per process after each change)."
        )
        client = Client()
        with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False):
            client.get("/reviews/", secure=True)
            for q in [*MISSPELLED, *SPELT_RIGHT]:
                times, suggested = [], None
                for _ in range(repeat):
                    clear_result_cache()
                    started = time.perf_counter()
                    response = client.get("/reviews/", {"q": q}, secure=True)
                    times.append((time.perf_counter() - started) * 1000)
                    suggested = re.search(r"Did you mean: <a [^>]*>([^<]*)</a>", response.content.decode())
                shown = suggested.group(1) if suggested else "-"
                self.stdout.write(f"{q:<22} did you mean: {shown:<22} search page {statistics.median(times):6.1f} ms")
        for q in MISSPELLED[:2]:
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                spelling.did_you_mean.__wrapped__(q, generation)  # not the per-process memo
                times.append((time.perf_counter() - started) * 1000)
            median = statistics.median(times)
            self.stdout.write(f"did_you_mean({q!r}) alone (words read, answer not memoised): median {median:.1f} ms")
