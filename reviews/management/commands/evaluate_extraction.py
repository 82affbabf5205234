import io
import os

from django.core.management.base import BaseCommand
from pypdf import PdfReader

from reviews.documents import parse_document
from reviews.documents.evaluation import long_pdf, score, time_it
from reviews.documents.holdout import samples


class Command(BaseCommand):
    help = (
        "Measure document extraction on generated hold-out reports (wording and layouts unlike the unit tests'): "
        "per-field accuracy, summary similarity, item precision and recall, and the time to read a 50-page PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=60, help="How many hold-out documents (default 60).")
        parser.add_argument("--seed", type=int, default=2027, help="Seed for the hold-out generator.")
        parser.add_argument("--pages", type=int, default=50, help="Length of the PDF timed (default 50 pages).")

    def handle(self, *args, documents, seed, pages, **options):
        made = samples(seed=seed, count=documents)
        kinds = {kind: sum(sample.kind == kind for sample in made) for kind in ("pdf", "docx")}
        self.stdout.write(f"{len(made)} hold-out documents ({kinds['pdf']} PDF, {kinds['docx']} DOCX), seed {seed}")
        for name, value in score(made, parse_document).items():
            shown = f"{value:.0%}" if name != "documents that failed" else str(value)
            self.stdout.write(f"  {name:<28} {shown}")
        data = long_pdf(pages)
        actual = len(PdfReader(io.BytesIO(data)).pages)
        wall, cpu = time_it(parse_document, data)
        self.stdout.write(
            f"Reading a {actual}-page PDF ({len(data) / 1024:.0f} kB), sandboxed subprocess included: "
            f"{wall:.2f} s wall, {cpu:.2f} s CPU in the subprocess (medians of 3; target 2 s; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
        )
