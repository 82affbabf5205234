"""The inspection evidence pack: one board's reviews, themes, actions, audits and feedback for a period, set
against its region and nation, as a page and as a ZIP of CSV files with the evidence attached."""

import datetime
import tempfile
import zipfile
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from reviews.models import Board, Recommendation, Region, Review
from reviews.spreadsheets import csv_bytes
from themes.models import Theme

from .audits import AnswerCounts, answer_counts, compare_with_previous
from .models import Action, Audit, AuditAnswer, ProgressUpdate
from .tracker import Progress, TrackerFigures, progress_of, tracker_figures, tracker_rows


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
        return Progress(progress_of([a.status for a in recommendation.actions.all()])).label


def _share(n: int, total: int) -> float:
    return n / total if total else 0.0


def _published_in(start: datetime.date, end: datetime.date):
    return Review.objects.published().filter(published_on__range=(start, end))


def theme_comparison(board: Board, start: datetime.date, end: datetime.date) -> tuple[list[ThemeComparison], dict]:
    """Share of published reviews tagged with each theme: the board's against its region's and nation's.

    Plain GROUP BY counts through Review.objects.published().theme_counts(), six small queries. Not
    themes/trends.py: its board profile covers whole years (its default ten) and takes the nation as every region
    together, while an inspection period runs between any two dates and the board's nation is England or Wales.
    """
    scopes = {
        "board": _published_in(start, end).filter(board=board),
        "region": _published_in(start, end).filter(board__region_id=board.region_id),
        "nation": _published_in(start, end).filter(board__region__nation=board.region.nation),
    }
    totals = {name: reviews.count() for name, reviews in scopes.items()}
    counts = {name: reviews.theme_counts() for name, reviews in scopes.items()}
    theme_ids = set(counts["board"]) | set(counts["region"])
    themes = Theme.objects.in_bulk(list(theme_ids))
    rows = [
        ThemeComparison(
            theme=themes[theme_id],
            board=counts["board"].get(theme_id, 0),
            board_share=_share(counts["board"].get(theme_id, 0), totals["board"]),
            region_share=_share(counts["region"].get(theme_id, 0), totals["region"]),
            nation_share=_share(counts["nation"].get(theme_id, 0), totals["nation"]),
        )
        for theme_id in theme_ids
    ]
    rows.sort(key=lambda row: (-row.board, -row.region_share, row.theme.name))
    return rows, totals


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


def build_evidence_pack(*, board: Board, start: datetime.date, end: datetime.date) -> EvidencePack:
    """Everything an inspector needs about `board` for reviews published, audits completed and feedback given
    between `start` and `end` (inclusive). About twenty queries, whatever the number of reviews."""
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
    themes, totals = theme_comparison(board, start, end)

    audits = list(
        Audit.objects.completed()
        .filter(board=board, completed_at__date__range=(start, end))
        .select_related("template__theme", "version", "completed_by")
        .prefetch_related(Prefetch("answers", queryset=AuditAnswer.objects.select_related("question")))
        .order_by("template__theme__name", "completed_at")
    )
    results = []
    for audit in audits:
        # Two queries each, for the board's previous audit of the theme: a board completes a few audits a year.
        comparison = compare_with_previous(audit)
        answers = sorted(audit.answers.all(), key=lambda row: row.question.position)
        not_met = [row for row in answers if row.answer == AuditAnswer.Answer.NOT_MET]
        results.append(AuditResult(audit, answer_counts(audit), comparison, not_met, answers))
    draft_audits = Audit.objects.filter(board=board, status=Audit.Status.DRAFT).count()

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
        reviews=reviews,
        review_counts=totals,
        themes=themes,
        tracker=tracker_figures(reviews_qs),
        audits=results,
        draft_audits=draft_audits,
        feedback=feedback,
        notes=notes,
    )


# ---------------------------------------------------------------------------------------------------------------
# Download


README = """Evidence pack: {board} ({region}, {nation})
Reviews published, audits completed and feedback given from {start} to {end}. Made {made} on the SCR Learning Portal.

What is in this folder
- reviews.csv: each review the board published in the period, with its themes.
- themes.csv: the share of the board's reviews tagged with each theme, against all reviews published in the
  same period in its region and in {nation}.
- actions.csv: each recommendation of those reviews and each action agreed on it: what will be done, the agency
  responsible, the due date and the status. A recommendation with no actions has one row with empty action columns.
- updates.csv: dated progress updates on those actions, with the evidence of impact the board recorded.
  Files attached to updates are in the attachments folder, named by the update's number.
- audits.csv and audit_answers.csv: local audits the board completed in the period, theme by theme, with the
  answer to each question (met, partly met, not met, not applicable), the evidence and the action if not met.
- feedback.csv: how many practitioners said a review of the board helped their practice, by discipline.

How to read the statuses
- Action status: not started, in progress, completed (with the date), or not accepted (with the board's reason).
- An action is overdue when it is not started or in progress and its due date has passed.
- A recommendation's progress: completed when all its actions are completed or not accepted; not accepted when
  every action was not accepted; in progress when any action has started; no actions recorded when there are none.
{notes}"""


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def evidence_zip(pack: EvidencePack, *, site: str = "") -> tempfile.SpooledTemporaryFile:
    """The pack as a ZIP of CSV files, a README and the attached evidence files; the file is rewound."""
    buffer = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115 - returned open, FileResponse closes it
    region = pack.board.region.name
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            README.format(
                board=pack.board.name,
                region=region,
                nation=pack.nation_label,
                start=pack.start.isoformat(),
                end=pack.end.isoformat(),
                made=timezone.localtime(pack.made_at).strftime("%Y-%m-%d %H:%M"),
                notes="\nNotes\n" + "\n".join(f"- {note}" for note in pack.notes) if pack.notes else "",
            ),
        )
        archive.writestr(
            "reviews.csv",
            csv_bytes(
                ["review", "type", "published", "themes", "recommendations", "web address"],
                (
                    [
                        r.title,
                        r.get_review_type_display(),
                        r.published_on.isoformat(),
                        "; ".join(t.name for t in r.themes.all()),
                        len(r.recommendations.all()),
                        f"{site}{r.get_absolute_url()}",
                    ]
                    for r in pack.reviews
                ),
            ),
        )
        archive.writestr(
            "themes.csv",
            csv_bytes(
                ["theme", "board reviews", "board share", f"{region} share", f"{pack.nation_label} share"],
                (
                    [t.theme.name, t.board, _percent(t.board_share), _percent(t.region_share), _percent(t.nation_share)]
                    for t in pack.themes
                ),
            ),
        )
        reviews = Review.objects.filter(pk__in=[r.pk for r in pack.reviews])
        from .tracker import CSV_HEADER

        archive.writestr("actions.csv", csv_bytes(CSV_HEADER, tracker_rows(reviews, site=site)))
        update_rows = []
        for review in pack.reviews:
            for recommendation in review.recommendations.all():
                for action in recommendation.actions.all():
                    for update in action.updates.all():
                        attached = ""
                        if update.attachment:
                            attached = f"attachments/{update.pk}-{update.attachment_name}"
                            try:
                                with update.attachment.open("rb") as handle:
                                    archive.writestr(attached, handle.read())
                            except FileNotFoundError:
                                attached = "(file missing)"
                        update_rows.append(
                            [
                                update.pk,
                                review.title,
                                recommendation.position,
                                action.description,
                                update.written_on.isoformat(),
                                update.get_status_display(),
                                update.text,
                                update.impact,
                                attached,
                            ]
                        )
        archive.writestr(
            "updates.csv",
            csv_bytes(
                [
                    "update number",
                    "review",
                    "recommendation number",
                    "action",
                    "date",
                    "status after update",
                    "what has happened",
                    "evidence of impact",
                    "attachment",
                ],
                update_rows,
            ),
        )
        archive.writestr(
            "audits.csv",
            csv_bytes(
                [
                    "theme",
                    "completed",
                    "template version",
                    "met",
                    "partly met",
                    "not met",
                    "not applicable",
                    "better than last audit",
                    "worse than last audit",
                    "last audit completed",
                ],
                (
                    [
                        r.audit.template.theme.name,
                        timezone.localtime(r.audit.completed_at).date().isoformat(),
                        r.audit.version.number,
                        r.counts.met,
                        r.counts.partly_met,
                        r.counts.not_met,
                        r.counts.not_applicable,
                        r.comparison.better if r.comparison else "",
                        r.comparison.worse if r.comparison else "",
                        timezone.localtime(r.comparison.previous.completed_at).date().isoformat()
                        if r.comparison
                        else "",
                    ]
                    for r in pack.audits
                ),
            ),
        )
        answer_rows = []
        for result in pack.audits:
            for answer in result.answers:
                answer_rows.append(
                    [
                        result.audit.template.theme.name,
                        timezone.localtime(result.audit.completed_at).date().isoformat(),
                        answer.question.position,
                        answer.question.text,
                        answer.get_answer_display(),
                        answer.evidence,
                        answer.action,
                    ]
                )
        archive.writestr(
            "audit_answers.csv",
            csv_bytes(
                ["theme", "audit completed", "question number", "question", "answer", "evidence", "action if not met"],
                answer_rows,
            ),
        )
        if pack.feedback is not None:
            archive.writestr(
                "feedback.csv",
                csv_bytes(
                    ["discipline", "said it helped", "said it did not help", "total"],
                    [
                        *(
                            [row["label"], row["yes"], row["no"], row["total"]]
                            for row in pack.feedback["by_discipline"]
                        ),
                        [
                            "All disciplines",
                            pack.feedback["helped"],
                            pack.feedback["did_not_help"],
                            pack.feedback["total"],
                        ],
                    ],
                ),
            )
    buffer.seek(0)
    return buffer
