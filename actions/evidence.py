"""The inspection evidence pack: one board's reviews, themes, actions, audits and feedback for a period, set
against its region and nation, for the page and for the ZIP of CSV files (actions.evidence_zip)."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from reviews.models import Board, Recommendation, Region, Review
from themes.models import Theme

from .audits import AnswerCounts, answer_counts, compare_with_previous
from .models import Action, Audit, AuditAnswer, ProgressUpdate
from .tracker import Progress, TrackerFigures, progress_of, tracker_figures


@dataclass
class ThemeComparison:
    theme: Theme
    board: int
    board_share: float
    region_share: float
    nation_share: float


@dataclass
class AuditResult:
    audit: Audit
    counts: AnswerCounts
    comparison: object  # audits.Comparison or None for a first audit
    not_met: list  # AuditAnswer rows answered "not met", with their actions
    answers: list  # every AuditAnswer, in question order


@dataclass
class EvidencePack:
    board: Board
    start: datetime.date
    end: datetime.date
    made_at: datetime.datetime
    nation_label: str
    reviews: list[Review]
    review_counts: dict[str, int]  # board, region, nation: published reviews in the period
    themes: list[ThemeComparison]
    tracker: TrackerFigures
    audits: list[AuditResult]
    draft_audits: int
    feedback: dict | None  # None when the portal has no practitioner feedback (learning app) installed
    notes: list[str] = field(default_factory=list)

    def progress_label(self, recommendation: Recommendation) -> str:
        return progress_label(recommendation)


@dataclass
class PublishedEvidence:
    """What the pack shows from the board's published reviews in the period: the same for everyone who may see the
    pack, and changed only by what moves the tracker's cache generation on (so the page caches it)."""

    reviews: list[Review]
    review_counts: dict[str, int]  # board, region, nation: published reviews in the period
    themes: list[ThemeComparison]
    tracker: TrackerFigures

    def progress_label(self, recommendation: Recommendation) -> str:
        return progress_label(recommendation)


def progress_label(recommendation: Recommendation) -> str:
    """A recommendation's progress in words, from its prefetched actions."""
    return Progress(progress_of([a.status for a in recommendation.actions.all()])).label


def _share(n: int, total: int) -> float:
    return n / total if total else 0.0


def _published_in(start: datetime.date, end: datetime.date):
    return Review.objects.published().filter(published_on__range=(start, end))


def theme_comparison(
    board: Board, start: datetime.date, end: datetime.date
) -> tuple[list[ThemeComparison], dict[str, int], dict[int, Theme]]:
    """Share of published reviews tagged with each theme: the board's against its region's and nation's; the
    published reviews in each scope; and the themes, by id.

    One GROUP BY statement over the nation's reviews published in the period (the region's and the board's are
    among them), and the themes' names. Not themes/trends.py: its board profile covers whole years (its default
    ten) and takes the nation as every region together, while an inspection period runs between any two dates and
    the board's nation is England or Wales.
    """
    nation_reviews = _published_in(start, end).filter(board__region__nation=board.region.nation)
    reviews_sql, params = nation_reviews.order_by().values("id", "board_id", "board__region_id").query.sql_with_params()
    scopes = "COUNT(*) FILTER (WHERE p.board_id = %s), COUNT(*) FILTER (WHERE p.region_id = %s), COUNT(*)"
    sql = f"""
        WITH p (id, board_id, region_id) AS MATERIALIZED ({reviews_sql})
        SELECT NULL::bigint, {scopes} FROM p
        UNION ALL
        SELECT l.theme_id, {scopes}
        FROM p JOIN {connection.ops.quote_name(Review.themes.through._meta.db_table)} l ON l.review_id = p.id
        GROUP BY l.theme_id
    """
    totals: dict[str, int] = {}
    counts: dict[int, tuple[int, int, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *(board.pk, board.region_id) * 2])
        for theme_id, *in_scopes in cursor.fetchall():
            if theme_id is None:
                totals = dict(zip(["board", "region", "nation"], in_scopes, strict=True))
            elif in_scopes[0] or in_scopes[1]:  # the board's themes and its region's
                counts[theme_id] = tuple(in_scopes)
    themes = Theme.objects.in_bulk(list(counts))
    rows = [
        ThemeComparison(
            theme=themes[theme_id],
            board=in_board,
            board_share=_share(in_board, totals["board"]),
            region_share=_share(in_region, totals["region"]),
            nation_share=_share(in_nation, totals["nation"]),
        )
        for theme_id, (in_board, in_region, in_nation) in counts.items()
    ]
    rows.sort(key=lambda row: (-row.board, -row.region_share, row.theme.name))
    return rows, totals, themes


def feedback_counts(board: Board, start: datetime.date, end: datetime.date) -> dict | None:
    """Practitioners' "did this help?" answers on the board's published reviews, given in the period."""
    if not apps.is_installed("learning"):
        return None
    Feedback = apps.get_model("learning", "Feedback")
    feedback = Feedback.objects.on_public_reviews().filter(review__board=board, created_at__date__range=(start, end))
    totals = feedback.aggregate(total=Count("id"), helped=Count("id", filter=Q(helpful=True)))
    return {
        "total": totals["total"],
        "helped": totals["helped"],
        "did_not_help": totals["total"] - totals["helped"],
        "by_discipline": feedback.counts_by_discipline(),
    }


def published_evidence(*, board: Board, start: datetime.date, end: datetime.date) -> PublishedEvidence:
    """The board's reviews published in the period with their recommendations, actions and updates (five queries),
    their themes against the region's and nation's, and their tracker figures."""
    reviews_qs = _published_in(start, end).filter(board=board)
    reviews = list(
        reviews_qs.newest_first().prefetch_related(
            "themes",
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.prefetch_related(
                    Prefetch(
                        "actions",
                        queryset=Action.objects.select_related("agency")
                        .prefetch_related(
                            Prefetch("updates", queryset=ProgressUpdate.objects.order_by("written_on", "id"))
                        )
                        .order_by("due_on", "id"),
                    )
                ),
            ),
        )
    )
    rows, totals, themes = theme_comparison(board, start, end)
    # The themes of the board's reviews are among those compared: their names are loaded already.
    tracker = tracker_figures(reviews_qs, themes=themes)
    return PublishedEvidence(reviews=reviews, review_counts=totals, themes=rows, tracker=tracker)


def audit_results(board: Board, start: datetime.date, end: datetime.date) -> tuple[list[AuditResult], int]:
    """The board's audits completed in the period, each against its previous audit of the theme, and how many are in
    draft now. Two queries: every completed audit of the board (the earlier ones are what the period's are compared
    with) and the drafts, then their answers."""
    audits = list(
        Audit.objects.filter(Q(status=Audit.Status.COMPLETED) | Q(status=Audit.Status.DRAFT), board=board)
        .select_related("template__theme", "version", "completed_by")
        .prefetch_related(Prefetch("answers", queryset=AuditAnswer.objects.select_related("question")))
        .order_by("template__theme__name", "completed_at")
    )
    completed = [audit for audit in audits if audit.is_completed]
    results = []
    for audit in completed:
        if not start <= timezone.localtime(audit.completed_at).date() <= end:
            continue
        # Audit.previous_completed(), from the audits at hand: the theme's latest completed before this one.
        earlier = [
            other
            for other in completed
            if other.template_id == audit.template_id and other.completed_at < audit.completed_at and other != audit
        ]
        previous = max(earlier, key=lambda other: (other.completed_at, other.pk), default=None)
        answers = sorted(audit.answers.all(), key=lambda row: row.question.position)
        not_met = [row for row in answers if row.answer == AuditAnswer.Answer.NOT_MET]
        comparison = compare_with_previous(audit, previous=previous)
        results.append(AuditResult(audit, answer_counts(audit), comparison, not_met, answers))
    return results, len(audits) - len(completed)


def build_evidence_pack(
    *, board: Board, start: datetime.date, end: datetime.date, published: PublishedEvidence | None = None
) -> EvidencePack:
    """Everything an inspector needs about `board` for reviews published, audits completed and feedback given
    between `start` and `end` (inclusive). About twenty queries, whatever the number of reviews; fewer when the
    caller already has the `published` part (published_evidence)."""
    published = published or published_evidence(board=board, start=start, end=end)
    results, draft_audits = audit_results(board, start, end)

    notes = [
        f"Theme shares count reviews published between these dates: the board's, all boards' in "
        f"{board.region.name}, and all boards' in {Region.Nation(board.region.nation).label}. A review can have "
        "several themes, so shares add up to more than 100%."
    ]
    feedback = feedback_counts(board, start, end)
    if feedback is None:
        notes.append("Practitioner feedback is not collected on this portal yet, so no feedback counts are shown.")
    nation = Region.Nation(board.region.nation).label
    return EvidencePack(
        board=board,
        start=start,
        end=end,
        made_at=timezone.now(),
        nation_label=nation,
        reviews=published.reviews,
        review_counts=published.review_counts,
        themes=published.themes,
        tracker=published.tracker,
        audits=results,
        draft_audits=draft_audits,
        feedback=feedback,
        notes=notes,
    )
