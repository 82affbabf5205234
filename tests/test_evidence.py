"""The inspection evidence pack: what it contains for a chosen period, who may see it, and its ZIP download."""

import csv
import datetime
import io
import zipfile

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actions.evidence import build_evidence_pack
from actions.models import AuditTemplate
from actions.services import progress_update_add
from reviews.models import Region

from . import action_fixtures
from .action_fixtures import clients, make_action
from .documents import make_pdf
from .factories import BoardFactory, ReviewFactory
from .test_audits import completed_audit

pytestmark = pytest.mark.django_db

# Shared fixture (tests/action_fixtures.py): uploads go to a temporary folder.
private_documents = action_fixtures.private_documents

TODAY = timezone.localdate()
START, END = datetime.date(2021, 1, 1), datetime.date(2023, 12, 31)


@pytest.fixture
def world(board_a, board_b, london, editor):
    """Board A (London, England) and neighbours, with reviews inside and outside 2021-2023."""
    peer = BoardFactory(name="Peer London Board", region=london)
    welsh = BoardFactory(name="Welsh Board", region=Region.objects.get(slug="wales"))
    inside = ReviewFactory(
        board=board_a,
        title="Child S: in the period",
        published_on=datetime.date(2022, 3, 1),
        themes=["neglect", "hidden-men"],
        recommendations=["Assess every adult in the household.", "Train staff on neglect tools."],
    )
    ReviewFactory(board=board_a, title="Child T: also in", published_on=datetime.date(2021, 5, 5), themes=["neglect"])
    ReviewFactory(board=board_a, title="Child U: too early", published_on=datetime.date(2019, 1, 1), themes=["neglect"])
    ReviewFactory(board=board_a, title="Child V: a draft", status="draft", published_on=None, themes=["neglect"])
    ReviewFactory(board=peer, published_on=datetime.date(2022, 1, 1), themes=["domestic-abuse"])
    ReviewFactory(board=peer, published_on=datetime.date(2023, 1, 1), themes=["neglect"])
    ReviewFactory(board=board_b, published_on=datetime.date(2022, 1, 1), themes=["neglect"])  # North West, England
    ReviewFactory(board=board_b, published_on=datetime.date(2022, 2, 1), themes=["safe-sleep"])
    ReviewFactory(board=welsh, published_on=datetime.date(2022, 1, 1), themes=["neglect"])  # another nation

    done = make_action(inside, position=1, user=editor, agreed_on=datetime.date(2022, 4, 1))
    progress_update_add(
        action=done,
        user=editor,
        written_on=datetime.date(2022, 9, 1),
        text="Assessment form now asks about every adult.",
        impact="Case audit: 18 of 20 assessments name all adults.",
        status="completed",
        attachment=SimpleUploadedFile("case audit.pdf", make_pdf("Case audit")),
        attachment_kind="pdf",
    )
    make_action(
        inside,
        position=2,
        user=editor,
        description="Roll out the graded care profile.",
        agreed_on=datetime.date(2022, 4, 1),
        due_on=datetime.date(2022, 12, 1),
    )
    return {"inside": inside, "peer": peer, "welsh": welsh}


def test_the_pack_sets_the_boards_themes_against_its_region_and_nation(world, board_a):
    pack = build_evidence_pack(board=board_a, start=START, end=END)
    assert [r.title for r in pack.reviews] == ["Child S: in the period", "Child T: also in"]
    # Counted by hand: board 2 reviews; London 4 (board A's two, the peer's two); England 6 (London's, North West's).
    assert pack.review_counts == {"board": 2, "region": 4, "nation": 6}
    rows = {row.theme.slug: row for row in pack.themes}
    assert (rows["neglect"].board, rows["neglect"].board_share) == (2, 1.0)
    assert rows["neglect"].region_share == 3 / 4
    assert rows["neglect"].nation_share == 4 / 6  # the Welsh review is another nation
    assert (rows["hidden-men"].board_share, rows["hidden-men"].region_share) == (0.5, 1 / 4)
    assert rows["domestic-abuse"].board == 0 and rows["domestic-abuse"].region_share == 1 / 4
    assert "safe-sleep" not in rows  # neither the board's nor its region's
    assert pack.nation_label == "England"


def test_the_pack_holds_recommendations_actions_evidence_and_overdue_status(world, board_a):
    pack = build_evidence_pack(board=board_a, start=START, end=END)
    figures = pack.tracker
    assert figures.recommendations == 2 and figures.actions == 2 and figures.completed_actions == 1
    assert figures.overdue == 1  # the graded care profile was due on 1 December 2022
    assert figures.median_days_to_complete == (datetime.date(2022, 9, 1) - datetime.date(2022, 4, 1)).days
    inside = pack.reviews[0]
    first, second = inside.recommendations.all()
    assert pack.progress_label(first) == "Completed" and pack.progress_label(second) == "Not started"
    update = first.actions.all()[0].updates.all()[0]
    assert update.impact == "Case audit: 18 of 20 assessments name all adults."


def test_the_pack_includes_audits_completed_in_the_period_with_change_since_the_last(world, board_a, editor):
    neglect = AuditTemplate.objects.get(theme__slug="neglect")
    earlier = completed_audit(board_a, neglect, "not-met", "met", "met", user=editor)
    later = completed_audit(board_a, neglect, "met", "met", "not-met", user=editor)
    type(earlier).objects.filter(pk=earlier.pk).update(completed_at=timezone.make_aware(datetime.datetime(2020, 6, 1)))
    type(later).objects.filter(pk=later.pk).update(completed_at=timezone.make_aware(datetime.datetime(2022, 6, 1)))
    completed_audit(BoardFactory(name="Elsewhere"), neglect, "met", "met", "met")  # another board's
    pack = build_evidence_pack(board=board_a, start=START, end=END)
    assert [r.audit.pk for r in pack.audits] == [later.pk]
    result = pack.audits[0]
    assert (result.counts.met, result.counts.not_met) == (2, 1)
    assert result.comparison.previous.pk == earlier.pk
    assert (result.comparison.better, result.comparison.worse, result.comparison.same) == (1, 1, 1)
    assert [row.action for row in result.not_met] == ["Put it right by March."]


@pytest.mark.skipif(not apps.is_installed("learning"), reason="practitioner feedback is in the learning app")
def test_the_pack_counts_practitioner_feedback_on_the_boards_published_reviews(world, board_a):
    Feedback = apps.get_model("learning", "Feedback")
    aware = timezone.make_aware(datetime.datetime(2022, 5, 1))
    for helpful, discipline in [(True, "police"), (True, "police"), (False, "education"), (True, "gp")]:
        Feedback.objects.create(
            review=world["inside"], helpful=helpful, discipline=discipline, sender_hash="x", created_at=aware
        )
    Feedback.objects.create(review=world["inside"], helpful=True, sender_hash="y")  # given today: outside 2021-23
    pack = build_evidence_pack(board=board_a, start=START, end=END)
    assert (pack.feedback["total"], pack.feedback["helped"], pack.feedback["did_not_help"]) == (4, 3, 1)
    assert pack.feedback["by_discipline"][0]["label"] == "Police" and pack.feedback["by_discipline"][0]["yes"] == 2


# ---------------------------------------------------------------------------------------------------------------
# Pages and downloads


def _period(start: datetime.date = START, end: datetime.date = END) -> dict:
    return {
        "start-day": start.day,
        "start-month": start.month,
        "start-year": start.year,
        "end-day": end.day,
        "end-month": end.month,
        "end-year": end.year,
    }


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("colleague", 403), ("owner", 200), ("superuser", 200), ("inspector", 200)],
)
def test_the_pack_is_for_the_boards_editors_and_inspectors_only(
    persona, status, world, board_a, editor_client, other_editor_client, superuser_client, inspector_client
):
    client = clients(editor_client, other_editor_client, superuser_client, inspector_client)[persona]
    page = client.get(reverse("actions:evidence-pack", args=[board_a.slug]), _period())
    download = client.get(reverse("actions:evidence-pack-zip", args=[board_a.slug]), _period())
    assert page.status_code == download.status_code == status
    if status == 302:
        assert page["Location"].startswith("/admin/login/")
    if status == 200:
        text = page.content.decode()
        for expected in [
            "Evidence pack: Riverside Safeguarding Partnership",
            "How to read this pack",
            "2 by the board; 4 in London; 6 in England",
            "Child S: in the period",
            "Case audit: 18 of 20 assessments name all adults.",
            "Overdue",
            "actions/actions.css",  # the print styles
        ]:
            assert expected in text, expected
        assert "Child U: too early" not in text and "Child V: a draft" not in text


def test_a_bad_period_gets_a_clear_message(world, board_a, editor_client):
    url = reverse("actions:evidence-pack", args=[board_a.slug])
    backwards = editor_client.get(url, _period(END, START))
    assert backwards.status_code == 400
    assert "End date must be the same as or after the start date" in backwards.content.decode()
    nonsense = editor_client.get(url, {**_period(), "start-month": "13", "end-year": "twenty"})
    text = nonsense.content.decode()
    assert nonsense.status_code == 400 and "Start date must be a real date" in text and "End date must be" in text
    assert (
        editor_client.get(reverse("actions:evidence-pack-zip", args=[board_a.slug]), _period(END, START)).status_code
        == 400
    )


def test_without_a_period_the_pack_covers_the_last_three_years(world, board_a, editor_client):
    response = editor_client.get(reverse("actions:evidence-pack", args=[board_a.slug]))
    start = response.context["pack"].start
    assert response.status_code == 200 and response.context["pack"].end == TODAY
    assert (TODAY - start).days in (1095, 1096)


def test_the_zip_has_csv_files_a_readme_and_the_evidence_files(world, board_a, editor_client):
    response = editor_client.get(reverse("actions:evidence-pack-zip", args=[board_a.slug]), _period())
    assert response["Content-Type"] == "application/zip"
    assert "evidence-pack-riverside-safeguarding-partnership-20210101-20231231.zip" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {"README.txt", "reviews.csv", "themes.csv", "actions.csv", "updates.csv", "audits.csv"} <= names
    readme = archive.read("README.txt").decode()
    assert "Riverside Safeguarding Partnership (London, England)" in readme and "2021-01-01 to 2023-12-31" in readme

    def rows(name):
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))

    assert [r["review"] for r in rows("reviews.csv")] == ["Child S: in the period", "Child T: also in"]
    themes = {r["theme"]: r for r in rows("themes.csv")}
    assert themes["Neglect"]["board share"] == "100%" and themes["Neglect"]["London share"] == "75%"
    actions = rows("actions.csv")
    assert len(actions) == 2  # one row per action of Child S (Child T has no recommendations)
    assert {r["action status"] for r in actions if r["action"]} == {"Completed", "Not started"}
    (update,) = rows("updates.csv")
    assert update["evidence of impact"] == "Case audit: 18 of 20 assessments name all adults."
    assert update["attachment"] in names and archive.read(update["attachment"]).startswith(b"%PDF-")


def test_the_pack_page_costs_a_fixed_number_of_queries(world, board_a, editor_client, django_assert_max_num_queries):
    url = reverse("actions:evidence-pack", args=[board_a.slug])
    with django_assert_max_num_queries(32):
        editor_client.get(url, _period())
    for _ in range(3):
        more = ReviewFactory(board=board_a, published_on=datetime.date(2022, 7, 7), recommendations=["x", "y"])
        make_action(more, position=1, agreed_on=datetime.date(2022, 7, 8))
    with django_assert_max_num_queries(32):
        editor_client.get(url, _period())
