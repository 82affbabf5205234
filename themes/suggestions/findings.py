"""Which themes each finding is about, so a theme's page and briefing quote findings about that theme rather than
any finding of a review tagged with it."""

from collections.abc import Callable, Iterable

from django.db import transaction

from reviews.models import Finding
from themes.models import FindingTheme, Theme

from . import store
from .model import Suggester

# A finding is about a theme when the model gives it at least this (0 to 1).
ABOUT = 0.5
BATCH = 5000


def tag_findings(findings: Iterable[Finding], *, suggester: Suggester | None = None) -> int:
    """Replace the themes of these findings by the current model's (one batch; returns how many links were made).
    Does nothing before a model has been trained."""
    suggester = suggester or store.current_suggester()
    findings = list(findings)
    if suggester is None or not findings:
        return 0
    scores = suggester.theme_scores([finding.text for finding in findings])
    theme_ids = dict(Theme.objects.values_list("slug", "id"))
    slugs = [label.slug for label in suggester.themes.labels]
    links = [
        FindingTheme(finding_id=finding.pk, theme_id=theme_ids[slugs[column]], score=float(row[column]))
        for finding, row in zip(findings, scores, strict=True)
        for column in (row >= ABOUT).nonzero()[0]
        if slugs[column] in theme_ids
    ]
    with transaction.atomic():
        FindingTheme.objects.filter(finding_id__in=[finding.pk for finding in findings]).delete()
        FindingTheme.objects.bulk_create(links, batch_size=BATCH)
    return len(links)


def tag_review_findings(review_ids: list[int], *, suggester: Suggester | None = None) -> int:
    """The findings of some reviews, in batches (the reviews_changed receiver, imports)."""
    suggester = suggester or store.current_suggester()
    if suggester is None:
        return 0
    findings = Finding.objects.filter(review_id__in=review_ids).only("id", "text").order_by("id")
    made = 0
    for start in range(0, len(review_ids), BATCH):
        made += tag_findings(findings.filter(review_id__in=review_ids[start : start + BATCH]), suggester=suggester)
    return made


def tag_all_findings(*, suggester: Suggester | None = None, progress: Callable[[int], None] | None = None) -> int:
    """Every finding in the library again (after training), in batches by id."""
    suggester = suggester or store.current_suggester()
    if suggester is None:
        return 0
    made, last_id, done = 0, 0, 0
    while True:
        batch = list(Finding.objects.filter(pk__gt=last_id).only("id", "text").order_by("id")[:BATCH])
        if not batch:
            return made
        made += tag_findings(batch, suggester=suggester)
        last_id, done = batch[-1].pk, done + len(batch)
        if progress:
            progress(done)


def findings_about(theme: Theme):
    """Findings the model says are about `theme`, most sure first (a queryset; no review status filter)."""
    return Finding.objects.filter(finding_themes__theme=theme).order_by("-finding_themes__score", "id")
