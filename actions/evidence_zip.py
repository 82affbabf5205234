"""The evidence pack as a ZIP of CSV files, a README and the evidence files attached to progress updates."""

import tempfile
import zipfile

from django.utils import timezone

from reviews.models import Review
from reviews.spreadsheets import csv_bytes

from .evidence import EvidencePack
from .tracker_csv import CSV_HEADER, tracker_csv

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
        reviews = Review.objects.published().filter(pk__in=[r.pk for r in pack.reviews])
        archive.writestr("actions.csv", csv_bytes(CSV_HEADER, tracker_csv(reviews, site=site), written=True))
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
