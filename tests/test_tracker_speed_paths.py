"""The tracker's fast paths give the figures the rows give: the national summary tables (kept current by triggers
and recounts), the board figures read from the summary, the cached evidence pack and the streamed CSV.

Every figure is checked against an oracle worked out in Python from the model rows, after changes made through the
services and around them (bulk inserts, queryset updates, direct many-to-many changes, deletions).
"""

import csv
import datetime
import io
import random
import statistics
from collections import Counter, defaultdict

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, TrackerChange, TrackerCount
from actions.progress import Progress, progress_of
from actions.services import action_create, progress_update_add
from actions.tracker import forget_tracker_figures, tracker_figures
from actions.tracker_summary import catch_up_tracker_summary, recount_all_reviews
from actions.tracker_sums import board_tracker_figures, median_of_histogram, national_figures
from reviews.models import Agency, Recommendation, Region, Review
from reviews.services import review_publish, review_withdraw
from reviews.spreadsheets import csv_chunks, safe_cell
from themes.models import Theme

from .factories import BoardFactory, ReviewFactory, signed_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def add_action(review, position=1, *, description=None, agreed_on=None, due_on=None, agency=None) -> Action:
    recommendation = Recommendation.objects.get(review=review, position=position)
    return action_create(
        recommendation=recommendation,
        user=None,
        description=description or f"Act on {review.title}, recommendation {position}",
        agreed_on=agreed_on or TODAY - 100 * DAY,
        due_on=due_on or TODAY + 30 * DAY,
        agency=agency,
    )


def finish(action, *, on, status="completed", reason=""):
    progress_update_add(
        action=action, user=None, written_on=on, text="Update.", status=status, not_accepted_reason=reason
    )


def oracle(reviews, today=TODAY) -> dict:
    """The tracker's figures for `reviews`, worked out in Python from the rows."""
    by_progress: Counter = Counter()
    by_theme: dict = defaultdict(Counter)
    boards: dict = {}
    totals = {"actions": 0, "overdue": 0, "completed": 0}
    days = []
    reviews = reviews.select_related("board__region").prefetch_related("themes", "recommendations__actions")
    for review in reviews:
        theme_ids = [theme.id for theme in review.themes.all()] or [None]
        board = (review.board.name, review.board.slug, review.board.region.name)
        for recommendation in review.recommendations.all():
            actions = list(recommendation.actions.all())
            progress = progress_of([action.status for action in actions])
            by_progress[progress] += 1
            for theme_id in theme_ids:
                by_theme[theme_id][progress] += 1
            for action in actions:
                row = boards.setdefault(board, {"actions": 0, "overdue": 0, "completed": 0})
                overdue, completed = action.is_overdue(today), action.status == Action.Status.COMPLETED
                for counts in (row, totals):
                    counts["actions"] += 1
                    counts["overdue"] += overdue
                    counts["completed"] += completed
                if completed:
                    days.append((action.completed_on - action.agreed_on).days)
    board_rows = [
        {"board_name": name, "board_slug": slug, "region": region, **counts}
        for (name, slug, region), counts in boards.items()
    ]
    board_rows.sort(key=lambda row: (-row["overdue"], row["board_name"]))
    return {
        "by_progress": {str(p): n for p, n in by_progress.items()},
        "by_theme": {theme: {str(p): n for p, n in counts.items()} for theme, counts in by_theme.items()},
        "actions": totals["actions"],
        "overdue": totals["overdue"],
        "completed": totals["completed"],
        "median": statistics.median(days) if days else None,
        "boards": board_rows,
    }


def figures_as_dict(figures, boards=None) -> dict:
    result = {
        "by_progress": figures.by_progress,
        "by_theme": {row.theme.id if row.theme else None: row.counts for row in figures.by_theme},
        "actions": figures.actions,
        "overdue": figures.overdue,
        "completed": figures.completed_actions,
        "median": figures.median_days_to_complete,
    }
    if boards is not None:
        result["boards"] = boards
    return result


def assert_national_figures_match_the_rows():
    figures, boards = national_figures(TODAY)
    assert figures_as_dict(figures, boards) == oracle(Review.objects.published())
    assert figures.recommendations == sum(figures.by_progress.values())
    assert not TrackerChange.objects.exists()


def assert_board_figures_match_the_rows(board):
    reviews = Review.objects.published().filter(board=board)
    expected = oracle(reviews)
    del expected["boards"]
    assert figures_as_dict(tracker_figures(reviews)) == expected
    assert figures_as_dict(board_tracker_figures(board)) == expected


@pytest.fixture
def world(board_a, board_b):
    neglect = ReviewFactory(
        board=board_a, title="A1", themes=["neglect", "safe-sleep"], recommendations=["r1", "r2", "r3"]
    )
    plain = ReviewFactory(board=board_a, title="A2", themes=[], recommendations=["r1", "r2"])
    quiet = ReviewFactory(board=board_a, title="A3", themes=["neglect"], recommendations=[])
    draft = ReviewFactory(
        board=board_a, title="A draft", status="draft", published_on=None, themes=["neglect"], recommendations=["d1"]
    )
    other = ReviewFactory(board=board_b, title="B1", themes=["domestic-abuse"], recommendations=["r1", "r2"])
    police = Agency.objects.first()
    done = add_action(neglect, 1, agreed_on=TODAY - 300 * DAY, agency=police)
    finish(done, on=TODAY - 250 * DAY)
    add_action(neglect, 2, due_on=TODAY - 3 * DAY)  # overdue
    finish(add_action(plain, 1, agreed_on=TODAY - 90 * DAY), on=TODAY - 60 * DAY)
    finish(add_action(plain, 2), on=TODAY, status="not-accepted", reason="Covered elsewhere.")
    add_action(draft, 1, due_on=TODAY - 10 * DAY)  # never counted: a draft
    finish(add_action(other, 1, due_on=TODAY - 1 * DAY), on=TODAY, status="in-progress")  # overdue
    return {"neglect": neglect, "plain": plain, "quiet": quiet, "draft": draft, "other": other}


def test_national_figures_from_the_summary_match_the_rows_through_every_kind_of_change(world, board_a, board_b):
    assert_national_figures_match_the_rows()
    neglect, plain, other = world["neglect"], world["plain"], world["other"]

    # Around the services: a bulk insert and a queryset update (the triggers note them, the reader recounts).
    recommendation = Recommendation.objects.get(review=other, position=2)
    agreed = TODAY - 40 * DAY
    Action.objects.bulk_create(
        Action(recommendation=recommendation, description=f"Bulk {n}", due_on=TODAY - n * DAY, agreed_on=agreed)
        for n in (5, 6)
    )
    assert_national_figures_match_the_rows()
    Action.objects.filter(description="Bulk 5").update(status="completed", completed_on=TODAY - 2 * DAY)
    assert_national_figures_match_the_rows()

    # Themes added and taken away directly, a theme deleted, a review moved to another board.
    neglect.themes.remove(Theme.objects.get(slug="safe-sleep"))
    passing = Theme.objects.create(name="A passing concern", slug="a-passing-concern")
    plain.themes.add(passing)
    assert_national_figures_match_the_rows()
    passing.delete()
    assert_national_figures_match_the_rows()
    Review.objects.filter(pk=other.pk).update(board=board_a)
    assert_national_figures_match_the_rows()

    # Recommendations added and deleted, a review withdrawn and a draft published (through the services).
    Recommendation.objects.create(review=neglect, position=4, text="r4")
    Recommendation.objects.filter(review=neglect, position=3).delete()
    assert_national_figures_match_the_rows()
    review_withdraw(review=neglect, user=None)
    assert_national_figures_match_the_rows()
    review_publish(review=world["draft"], user=None)
    assert_national_figures_match_the_rows()
    assert_board_figures_match_the_rows(board_a)
    assert_board_figures_match_the_rows(board_b)


def test_board_figures_from_the_summary_match_the_rows(world, board_a, board_b):
    assert_board_figures_match_the_rows(board_a)
    assert_board_figures_match_the_rows(board_b)
    # A write that bypassed the services is counted before the next figures, wherever they are asked for.
    Action.objects.filter(recommendation__review=world["neglect"]).update(due_on=TODAY - 20 * DAY)
    assert TrackerChange.objects.exists()
    assert_board_figures_match_the_rows(board_a)


def test_a_service_write_brings_the_summary_up_to_date_in_its_own_transaction(world):
    Action.objects.filter(recommendation__review=world["plain"]).update(due_on=TODAY - 20 * DAY)
    assert TrackerChange.objects.exists()
    add_action(world["other"], 2)
    assert not TrackerChange.objects.exists()


def test_recounting_every_review_repairs_a_damaged_summary(world):
    catch_up_tracker_summary()
    TrackerCount.objects.all().delete()
    recount_all_reviews()
    assert_national_figures_match_the_rows()


def test_the_national_page_shows_a_bulk_inserted_overdue_action_once_the_figures_are_forgotten(world):
    def overdue_on_page() -> str:
        page = Client().get(reverse("actions:national-tracker")).content.decode()
        row = page[page.index("Overdue actions</dt>") :]
        return row[row.index("<dd") : row.index("<span")]

    assert overdue_on_page().endswith(">2")
    recommendation = Recommendation.objects.get(review=world["plain"], position=1)
    Action.objects.create(recommendation=recommendation, description="Late", due_on=TODAY - DAY)
    forget_tracker_figures()  # as an import's reviews_changed or any action service does
    assert overdue_on_page().endswith(">3")


def test_the_national_first_view_after_a_change_costs_the_same_queries_however_many_reviews(world, board_b):
    def queries_after_a_change() -> int:
        client = Client()
        client.get(reverse("actions:national-tracker"))
        forget_tracker_figures()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("actions:national-tracker")).status_code == 200
        return len(captured)

    few = queries_after_a_change()
    for n in range(5):
        review = ReviewFactory(board=board_b, themes=["neglect"], recommendations=["x", "y"])
        add_action(review, 1, due_on=TODAY - (n + 1) * DAY)
    assert queries_after_a_change() == few


def test_the_median_of_a_histogram_is_percentile_cont():
    assert median_of_histogram([]) is None
    rng = random.Random(7)
    for _ in range(200):
        values = [rng.randint(0, 30) for _ in range(rng.randint(1, 12))]
        histogram = sorted(Counter(values).items())
        assert median_of_histogram(histogram) == statistics.median(values), values


# ---------------------------------------------------------------------------------------------------------------
# The CSV


def _csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_national_csv_has_every_action_and_every_recommendation_without_one_as_the_rows_say(world):
    rows = _csv(Client().get(reverse("actions:national-tracker-csv")))
    published = Review.objects.published()
    actions = Action.objects.filter(recommendation__review__in=published).select_related(
        "agency", "recommendation__review__board__region"
    )
    bare = Recommendation.objects.filter(review__in=published, actions__isnull=True)
    assert len(rows) == actions.count() + bare.count() == 5 + 2
    by_action = {row["action"]: row for row in rows if row["action"]}
    assert set(by_action) == {action.description for action in actions}
    statuses = dict(Action.Status.choices)
    for action in actions:
        row = by_action[action.description]
        recommendation, review = action.recommendation, action.recommendation.review
        assert row == {
            "board": review.board.name,
            "region": review.board.region.name,
            "review": review.title,
            "review web address": "http://testserver" + reverse("reviews:detail", args=[review.slug]),
            "review published": review.published_on.isoformat(),
            "recommendation number": str(recommendation.position),
            "recommendation": recommendation.text,
            "recommendation progress": Progress(progress_of([a.status for a in recommendation.actions.all()])).label,
            "themes": "; ".join(sorted(theme.name for theme in review.themes.all())),
            "action": action.description,
            "agency responsible": action.agency.name if action.agency else "The partnership as a whole",
            "date agreed": action.agreed_on.isoformat(),
            "due date": action.due_on.isoformat(),
            "action status": statuses[action.status],
            "overdue": "yes" if action.is_overdue(TODAY) else "no",
            "date completed": action.completed_on.isoformat() if action.completed_on else "",
            "reason not accepted": action.not_accepted_reason,
        }
    for row in rows:
        if not row["action"]:
            assert row["recommendation progress"] == "No actions recorded"
            assert [row[key] for key in list(row)[9:]] == [""] * 8
    order = [(row["board"], row["review published"], row["review"], int(row["recommendation number"])) for row in rows]
    assert order == sorted(order)


def test_the_csv_writer_writes_what_the_plain_csv_module_writes():
    rows = [
        ["=1+1", "+x", "-y", "@z", "\tt", "plain", None, 3, 2.5, "", 'a "quoted", text', "two\nlines", "\rcr"],
        [None, "", "ok"],
        [],
    ] * 300
    expected = io.StringIO()
    writer = csv.writer(expected)
    writer.writerow(["h1", "h2"])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    chunks = list(csv_chunks(["h1", "h2"], iter(rows), bom=True))
    assert chunks[0].startswith("\ufeff") and len(chunks) == 1 + 2  # the header, then 900 rows in chunks of 500
    assert "".join(chunks) == "\ufeff" + expected.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# The evidence pack page


def _pack(client, board) -> str:
    start = datetime.date(2021, 1, 1)  # the world's reviews were published in 2021
    period = {"start-day": 1, "start-month": 1, "start-year": start.year}
    period |= {"end-day": TODAY.day, "end-month": TODAY.month, "end-year": TODAY.year}
    response = client.get(reverse("actions:evidence-pack", args=[board.slug]), period)
    assert response.status_code == 200
    return response.content.decode()


def test_the_cached_evidence_pack_shows_every_change_on_the_next_view(world, board_a, editor):
    client = signed_in(editor)
    with CaptureQueriesContext(connection) as fresh:
        first = _pack(client, board_a)
    assert "Covered elsewhere." in first and "Overdue" in first
    with CaptureQueriesContext(connection) as cached:
        again = _pack(client, board_a)
    # The reviews, their actions and the figures came from the cache.
    assert len(cached) < len(fresh) and again.count("<h3") == first.count("<h3")
    # A progress update, a theme renamed and a review withdrawn show at once.
    action = Action.objects.filter(recommendation__review=world["neglect"], status="not-started").get()
    finish(action, on=TODAY, status="in-progress")
    assert "Update." in _pack(client, board_a).split("Reviews, recommendations and actions")[1]
    Theme.objects.filter(slug="safe-sleep").update(name="Safer sleeping")  # a queryset update sends no signal
    Theme.objects.get(slug="safe-sleep").save()
    assert "Safer sleeping" in _pack(client, board_a)
    review_withdraw(review=world["plain"], user=None)
    assert "Covered elsewhere." not in _pack(client, board_a)


def test_the_evidence_pack_reads_audits_afresh(world, board_a, editor):
    from actions.models import AuditTemplate
    from actions.services import audit_start

    client = signed_in(editor)
    assert "more in draft" not in _pack(client, board_a)
    audit_start(board=board_a, template=AuditTemplate.objects.first(), user=editor)
    assert "(1 more in draft)" in _pack(client, board_a)


def test_a_region_renamed_shows_on_the_national_tracker(world):
    Client().get(reverse("actions:national-tracker"))
    Region.objects.filter(slug="london").update(name="Greater London")
    Region.objects.get(slug="london").save()
    assert "Greater London" in Client().get(reverse("actions:national-tracker")).content.decode()


def test_the_board_figures_and_overdue_list_leave_out_other_boards_and_drafts(world, board_a):
    older = ReviewFactory(board=BoardFactory(), themes=[], recommendations=["x"])
    add_action(older, 1, due_on=TODAY - 400 * DAY)  # older than any of board A's, on another board
    page = Client().get(reverse("actions:board-tracker", args=[board_a.slug])).content.decode()
    overdue = page[page.index("Overdue actions") : page.index("Reviews and their recommendations")]
    assert overdue.count("govuk-tag--red") == 1 and "A1" in overdue
