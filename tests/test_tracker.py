"""Tracker figures and pages: progress by theme, overdue actions, median time to completion, CSV, the review page."""

import csv
import datetime
import io
import itertools
import statistics

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.services import progress_update_add
from actions.tracker import Progress, progress_by_recommendation, progress_of, tracker_figures
from reviews.models import Review

from .action_fixtures import make_action
from .factories import BoardFactory, ReviewFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def finish(action: Action, *, on: datetime.date, status: str = "completed", reason: str = "") -> None:
    progress_update_add(
        action=action, user=None, written_on=on, text="Update.", status=status, not_accepted_reason=reason
    )


@pytest.fixture
def corpus(board_a, board_b):
    """Board A: two published reviews and a draft; board B: one published review. Known actions on each."""
    a1 = ReviewFactory(board=board_a, title="A1", themes=["neglect", "safe-sleep"], recommendations=["r1", "r2", "r3"])
    a2 = ReviewFactory(board=board_a, title="A2", themes=["neglect"], recommendations=["r1", "r2"])
    draft = ReviewFactory(
        board=board_a, title="A draft", status="draft", published_on=None, themes=["neglect"], recommendations=["d1"]
    )
    b1 = ReviewFactory(board=board_b, title="B1", themes=["domestic-abuse"], recommendations=["r1"])
    agreed = TODAY - 200 * DAY

    # A1 r1: two actions, both completed, after 10 and 40 days -> recommendation completed
    finish(make_action(a1, position=1, agreed_on=agreed), on=agreed + 10 * DAY)
    finish(make_action(a1, position=1, agreed_on=agreed), on=agreed + 40 * DAY)
    # A1 r2: one overdue (not started, due yesterday), one in progress and not due -> in progress
    make_action(a1, position=2, agreed_on=agreed, due_on=TODAY - DAY)
    finish(make_action(a1, position=2, agreed_on=agreed, due_on=TODAY + 30 * DAY), on=TODAY, status="in-progress")
    # A1 r3: no actions
    # A2 r1: not accepted, past due -> not accepted and never overdue
    finish(
        make_action(a2, position=1, agreed_on=agreed, due_on=TODAY - 5 * DAY),
        on=TODAY,
        status="not-accepted",
        reason="Covered by the county-wide review.",
    )
    # A2 r2: completed late (after 100 days, past its due date) -> completed, not overdue
    finish(make_action(a2, position=2, agreed_on=agreed, due_on=agreed + 50 * DAY), on=agreed + 100 * DAY)
    # The draft: overdue and completed actions that must never count in public figures
    make_action(draft, position=1, agreed_on=agreed, due_on=TODAY - 10 * DAY)
    finish(make_action(draft, position=1, agreed_on=agreed), on=agreed + 1 * DAY)
    # B1 r1: overdue, in progress; and one completed after 70 days
    finish(make_action(b1, position=1, agreed_on=agreed, due_on=TODAY - 2 * DAY), on=TODAY, status="in-progress")
    finish(make_action(b1, position=1, agreed_on=agreed), on=agreed + 70 * DAY)
    return {"a1": a1, "a2": a2, "draft": draft, "b1": b1}


def test_board_figures_count_only_published_reviews_and_match_hand_counts(corpus, board_a):
    figures = tracker_figures(Review.objects.published().filter(board=board_a))
    assert figures.recommendations == 5  # A1: 3, A2: 2; the draft's one is not counted
    assert figures.by_progress == {"completed": 2, "in-progress": 1, "no-actions": 1, "not-accepted": 1}
    assert figures.actions == 6
    assert figures.overdue == 1  # only A1 r2's not-started action; not-accepted and completed ones are never overdue
    assert figures.completed_actions == 3
    assert figures.median_days_to_complete == statistics.median([10, 40, 100]) == 40


def test_national_median_is_interpolated_like_percentile_cont(corpus):
    figures = tracker_figures(Review.objects.published())
    assert figures.median_days_to_complete == statistics.median([10, 40, 100, 70]) == 55.0
    assert figures.overdue == 2
    assert figures.recommendations == 6


def test_recommendations_count_under_every_theme_of_their_review(corpus, board_a):
    figures = tracker_figures(Review.objects.published().filter(board=board_a))
    rows = {row.theme.slug: row.counts for row in figures.by_theme}
    assert rows == {
        "neglect": {"completed": 2, "in-progress": 1, "no-actions": 1, "not-accepted": 1},
        "safe-sleep": {"completed": 1, "in-progress": 1, "no-actions": 1},
    }


def test_themes_most_often_not_completed_are_ranked_by_share_among_tracked_recommendations(board_a):
    agreed = TODAY - 100 * DAY
    neglect = ReviewFactory(board=board_a, themes=["neglect"], recommendations=[f"n{i}" for i in range(1, 6)])
    sleep = ReviewFactory(board=board_a, themes=["safe-sleep"], recommendations=[f"s{i}" for i in range(1, 6)])
    few = ReviewFactory(board=board_a, themes=["online-harm"], recommendations=["o1", "o2"])
    for position in range(1, 6):  # neglect: 4 of 5 not completed; safe sleep: 1 of 5
        action = make_action(neglect, position=position, agreed_on=agreed)
        if position == 5:
            finish(action, on=TODAY)
        action = make_action(sleep, position=position, agreed_on=agreed)
        if position != 5:
            finish(action, on=TODAY)
    for position in (1, 2):  # online harm: 2 of 2 not completed, but too few to rank
        make_action(few, position=position, agreed_on=agreed)
    ranked = tracker_figures(Review.objects.published()).least_completed_themes
    assert [(row.theme.slug, row.not_completed, row.tracked) for row in ranked] == [
        ("neglect", 4, 5),
        ("safe-sleep", 1, 5),
    ]


def test_sql_progress_agrees_with_the_rule_for_every_mix_of_statuses(board_a):
    statuses = [s.value for s in Action.Status]
    mixes = [()] + [m for n in (1, 2, 3) for m in itertools.combinations_with_replacement(statuses, n)]
    review = ReviewFactory(board=board_a, recommendations=[f"r{i}" for i in range(1, len(mixes) + 1)])
    recommendations = list(review.recommendations.order_by("position"))
    agreed = TODAY - 10 * DAY
    rows = []
    for recommendation, mix in zip(recommendations, mixes, strict=True):
        for status in mix:
            rows.append(
                Action(
                    recommendation=recommendation,
                    description="x",
                    agreed_on=agreed,
                    due_on=TODAY,
                    status=status,
                    completed_on=TODAY if status == "completed" else None,
                    not_accepted_reason="No." if status == "not-accepted" else "",
                )
            )
    Action.objects.bulk_create(rows)
    from_sql = progress_by_recommendation(Review.objects.filter(pk=review.pk))
    for recommendation, mix in zip(recommendations, mixes, strict=True):
        assert from_sql[recommendation.pk] == progress_of(list(mix)), mix
    assert set(from_sql.values()) == set(Progress.values)


# ---------------------------------------------------------------------------------------------------------------
# Pages


def test_tracker_pages_are_public_and_show_no_drafts(corpus, board_a, editor_client):
    for client in (Client(), editor_client):
        national = client.get(reverse("actions:national-tracker"))
        board = client.get(reverse("actions:board-tracker", args=[board_a.slug]))
        assert national.status_code == board.status_code == 200
        for page in (national.content.decode(), board.content.decode()):
            assert "A draft" not in page and "d1" not in page
        board_page = board.content.decode()
        assert "A1" in board_page and "B1" not in board_page
        assert "Covered by the county-wide review." in board_page  # the reason for not accepting is public


def test_the_board_tracker_lists_its_overdue_actions(corpus, board_a):
    page = Client().get(reverse("actions:board-tracker", args=[board_a.slug])).content.decode()
    overdue = page[page.index("Overdue actions") : page.index("Reviews and their recommendations")]
    assert overdue.count("govuk-tag--red") == 1
    assert f"Due {(TODAY - DAY):%-d %B %Y}" in overdue


def test_tracker_pages_cost_a_fixed_number_of_queries(corpus, board_a, django_assert_num_queries):
    client = Client()
    client.get(reverse("actions:national-tracker"))  # works the national figures out and caches them
    with django_assert_num_queries(2):  # the cache generation and the cached figures
        client.get(reverse("actions:national-tracker"))
    with django_assert_num_queries(12):  # counting savepoints: the figures run in a transaction of their own
        client.get(reverse("actions:board-tracker", args=[board_a.slug]))
    # More reviews and actions cost no more queries.
    for _ in range(3):
        review = ReviewFactory(board=board_a, themes=["neglect"], recommendations=["x", "y"])
        make_action(review, position=1)
        make_action(review, position=2)
    with django_assert_num_queries(12):  # counting savepoints: the figures run in a transaction of their own
        client.get(reverse("actions:board-tracker", args=[board_a.slug]))


def test_national_figures_are_cached_until_an_action_or_a_review_changes(corpus, board_a, editor):
    from reviews.services import review_withdraw

    def overdue_on_page() -> str:
        page = Client().get(reverse("actions:national-tracker")).content.decode()
        row = page[page.index("Overdue actions</dt>") :]
        return row[row.index("<dd") : row.index("<span")]

    assert overdue_on_page().endswith(">2")
    make_action(corpus["a2"], position=1, due_on=TODAY - DAY, agreed_on=TODAY - 10 * DAY)
    assert overdue_on_page().endswith(">3")
    review_withdraw(review=corpus["b1"], user=editor)  # its overdue action leaves the public figures
    assert overdue_on_page().endswith(">2")


def test_unknown_board_tracker_is_a_friendly_404():
    response = Client().get(reverse("actions:board-tracker", args=["no-such-board"]))
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def _csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_downloads_have_one_row_per_action_and_per_recommendation_without_actions(corpus, board_a):
    response = Client().get(reverse("actions:board-tracker-csv", args=[board_a.slug]))
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert len(rows) == 6 + 1  # six actions, and A1 r3 with none
    assert {row["review"] for row in rows} == {"A1", "A2"}
    no_action = [row for row in rows if not row["action"]]
    assert len(no_action) == 1 and no_action[0]["recommendation progress"] == "No actions recorded"
    overdue = [row for row in rows if row["overdue"] == "yes"]
    assert len(overdue) == 1 and overdue[0]["action status"] == "Not started"
    refused = next(row for row in rows if row["action status"] == "Not accepted")
    assert refused["reason not accepted"] == "Covered by the county-wide review."
    assert refused["review web address"].startswith("http://testserver/reviews/")

    national = _csv(Client().get(reverse("actions:national-tracker-csv")))
    assert len(national) == 6 + 1 + 2 and "A draft" not in {row["review"] for row in national}


# ---------------------------------------------------------------------------------------------------------------
# The public review page


def test_review_page_shows_each_recommendations_progress_in_plain_words(corpus):
    page = Client().get(corpus["a1"].get_absolute_url()).content.decode()
    recommendations = page[page.index('<h2 class="govuk-heading-l">Recommendations') :]
    last = TODAY - 160 * DAY
    assert f"Completed. All 2 actions were completed, the last on {last:%-d %B %Y}." in recommendations
    assert "In progress. 0 of 2 actions completed. 1 is overdue." in recommendations
    assert recommendations.count("govuk-tag--red") == 1
    assert "No actions recorded yet." in recommendations
    refused = Client().get(corpus["a2"].get_absolute_url()).content.decode()
    assert "Not accepted. The board&#x27;s reason: Covered by the county-wide review." in refused
    assert f"Completed. The action was completed on {(TODAY - 100 * DAY):%-d %B %Y}." in refused


def test_review_page_loads_all_recommendations_actions_in_one_query(board_a, django_assert_num_queries):
    one = ReviewFactory(board=board_a, title="One", recommendations=["a"])
    many = ReviewFactory(board=board_a, title="Many", recommendations=["a", "b", "c", "d"])
    make_action(one, position=1)
    for position in range(1, 5):
        make_action(many, position=position)
        make_action(many, position=position)
    client = Client()
    client.get(one.get_absolute_url())  # warm caches that are not per page
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(one.get_absolute_url())
    with CaptureQueriesContext(connection) as large:
        client.get(many.get_absolute_url())
    assert len(large) == len(small)
    assert sum("actions_action" in q["sql"] for q in large.captured_queries) == 1


def test_a_board_without_reviews_has_an_empty_tracker(db):
    board = BoardFactory(name="Quiet Board")
    page = Client().get(reverse("actions:board-tracker", args=[board.slug])).content.decode()
    assert "This board has no published reviews." in page and "No actions completed yet" in page


def test_csv_cells_typed_by_staff_cannot_run_as_spreadsheet_formulas(board_a):
    review = ReviewFactory(board=board_a, title="=HYPERLINK(1)", recommendations=["+1 call"])
    make_action(review, description="=cmd|' /C calc'!A0")
    (row,) = _csv(Client().get(reverse("actions:board-tracker-csv", args=[board_a.slug])))
    assert row["action"] == "'=cmd|' /C calc'!A0"
    assert row["review"] == "'=HYPERLINK(1)" and row["recommendation"] == "'+1 call"
    assert row["due date"][0].isdigit()


def test_board_staff_and_inspectors_find_the_boards_work_from_its_tracker(board_a, editor_client, other_editor_client):
    url = reverse("actions:board-tracker", args=[board_a.slug])
    evidence = reverse("actions:evidence-pack", args=[board_a.slug])
    assert evidence in editor_client.get(url).content.decode()
    assert evidence not in other_editor_client.get(url).content.decode()
    assert evidence not in Client().get(url).content.decode()
