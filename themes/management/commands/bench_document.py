import io
import os
import resource
import tempfile
import time
from pathlib import Path
from statistics import median

from django.core.management.base import BaseCommand
from pypdf import PdfReader

from reviews.benchmark import use_benchmark_database
from reviews.documents import parse_document
from reviews.documents.unseen import long_report_pdf
from reviews.models import Board
from themes.models import ThemeModel
from themes.suggestions import store
from themes.suggestions.ingest import ingest_file

TARGET_S = 2.0


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Command(BaseCommand):
    help = (
        "Time reading a long report PDF (built here: cover, contents, running header, 'Page N of M' footer, "
        "numbered chapters) in the sandboxed process, then suggesting themes and agencies and looking for similar "
        "and duplicate reviews, as an upload or ingest_documents does. Prints medians of several runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=50)
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument(
            "--reviews",
            type=int,
            default=0,
            help="Use the benchmark database of this many demo reviews (bench_similar fills and trains it); "
            "default: the working database.",
        )

    def handle(self, *args, pages: int, runs: int, reviews: int, **options):
        if reviews:
            name = use_benchmark_database(reviews, write=self.stdout.write)
            self.stdout.write(f"Database {name}")
        store.forget_loaded()
        model = ThemeModel.objects.current()
        self.stdout.write(
            f"Suggestions from the model trained on {model.review_count:,} reviews"
            if model
            else "No trained model: suggestions from the taxonomy alone"
        )
        data, _ = long_report_pdf(pages)
        count = len(PdfReader(io.BytesIO(data)).pages)
        board = Board.objects.order_by("id").first()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "long-report.pdf"
            path.write_bytes(data)
            line, _ = ingest_file(path, board=board, dry_run=True)  # loads the model and index, as a worker has
            if line["error"]:
                self.stderr.write(f"The document could not be read: {line['error']}")
                return
            reading, reading_cpu, whole, whole_cpu = [], [], [], []
            for _ in range(runs):
                started, child = time.perf_counter(), _child_cpu()
                parse_document(data, filename=path.name)
                reading.append(time.perf_counter() - started)
                reading_cpu.append(_child_cpu() - child)
                started, child, own = time.perf_counter(), _child_cpu(), time.process_time()
                ingest_file(path, board=board, dry_run=True)
                whole.append(time.perf_counter() - started)
                whole_cpu.append(_child_cpu() - child + time.process_time() - own)
        verdict = "within" if median(whole) <= TARGET_S else "OVER"
        self.stdout.write(
            f"A {count}-page PDF ({len(data) / 1024:.0f} kB): {len(line['findings'])} findings, "
            f"{len(line['recommendations'])} recommendations, {len(line['themes'])} themes suggested"
        )
        self.stdout.write(
            f"  reading in the sandboxed process: {median(reading):.2f} s wall, {median(reading_cpu):.2f} s CPU"
        )
        self.stdout.write(
            f"  reading, suggestions, similar and duplicate reviews: {median(whole):.2f} s wall, "
            f"{median(whole_cpu):.2f} s CPU ({verdict} the {TARGET_S:.0f} s target; medians of {runs})"
        )
        self.stdout.write(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
