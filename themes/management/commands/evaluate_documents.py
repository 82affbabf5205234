import os

from django.core.management.base import BaseCommand

from reviews.documents import parse_document
from reviews.documents.evaluation import score
from reviews.documents.unseen import reports
from themes.models import ThemeModel
from themes.suggestions import store
from themes.suggestions.documents import document_theme_scores, theme_figures


class Command(BaseCommand):
    help = (
        "Measure reading and theme suggestions on the unseen report documents (reviews/documents/unseen: "
        "written apart from the tests and the hold-out generator): per-field accuracy, and theme precision, recall "
        "and F1 with the current model (the taxonomy alone before any training)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--show", action="store_true", help="Also list each document's fields and themes.")

    def handle(self, *args, show: bool, **options):
        samples = reports()
        parsed = {sample.name: parse_document(sample.data, filename=sample.name) for sample in samples}
        by_data = {id(sample.data): parsed[sample.name] for sample in samples}
        kinds = {kind: sum(sample.kind == kind for sample in samples) for kind in ("pdf", "docx")}
        self.stdout.write(f"{len(samples)} unseen documents ({kinds['pdf']} PDF, {kinds['docx']} DOCX)")
        for name, value in score(samples, lambda data: by_data[id(data)]).items():
            shown = f"{value:.0%}" if name != "documents that failed" else str(value)
            self.stdout.write(f"  {name:<28} {shown}")
        suggester = store.suggester_or_taxonomy()
        model = ThemeModel.objects.current()
        where = (
            f"model trained {model.trained_at:%Y-%m-%d %H:%M} on {model.review_count:,} reviews"
            if model is not None
            else "no trained model: the taxonomy alone"
        )
        scored = [(document_theme_scores(suggester, parsed[sample.name]), sample.truth["themes"]) for sample in samples]
        for at in (0.5, 0.3):
            figures = theme_figures(scored, at=at)
            self.stdout.write(
                f"Themes at score >= {at} ({where}): precision {figures['precision']:.0%}, recall "
                f"{figures['recall']:.0%}, F1 {figures['f1']:.0%} ({figures['suggested']} suggested, "
                f"{figures['expected']} right)"
            )
        if show:
            for sample, (scores, right) in zip(samples, scored, strict=True):
                document = parsed[sample.name]
                best = sorted(scores.items(), key=lambda pair: -pair[1])[:6]
                self.stdout.write(
                    f"{sample.name}: {document.title!r} {document.review_type} {document.published} "
                    f"{document.board!r} {document.age_band}; {len(document.findings)} findings, "
                    f"{len(document.recommendations)} recommendations; right {right}; suggested "
                    + ", ".join(f"{slug} {value:.2f}" for slug, value in best)
                )
        self.stdout.write(f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
