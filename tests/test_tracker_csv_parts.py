"""The tracker CSV from its stored parts: a download shows every change to what its rows show, whoever made it, and
what the day it is makes overdue; a review taken down leaves nothing behind."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, TrackerCsvPart
from actions.services import action_change
from actions.tracker_csv import tracker_csv
from reviews.models import Agency, Recommendation, Review
from reviews.services import review_withdraw
from themes.models import Theme

from .action_fixtures import make_action
from .factories import ReviewFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def _national(client: Client | None = None) -> list[dict]:
    response = (client or Client()).get(reverse("actions:national-tracker-csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def tracked(board_a, board_b):
    """A review on each board with one action each, downloaded once so that their parts are stored."""
    a = ReviewFactory(board=board_a, title="Child A", themes=["neglect"], recommendations=["Train staff."])
    b = ReviewFactory(board=board_b, title="Child B", themes=["neglect"], recommendations=["Audit referrals."])
    make_action(a, description="Run safe sleep training.")
    make_action(b, description="Audit every referral.")
    assert len(_national()) == 2
    assert TrackerCsvPart.objects.count() == 2
    return {"a": a, "b": b}


def test_a_download_shows_each_kind_of_change_made_since_the_last(tracked, board_a):
    a = tracked["a"]
    action = Action.objects.get(recommendation__review=a)
    action_change(action=action, user=None, description="Run safe sleep training twice a year.")
    Recommendation.objects.filter(review=a).update(text="Train every health visitor.")  # a bulk write, no service
    Review.objects.filter(pk=a.pk).update(title="Child A (revised)")
    board_a.name = "Riverside Children's Partnership"
    board_a.save()
    board_a.region.name = "Greater London"
    board_a.region.save()
    Theme.objects.filter(slug="neglect").update(name="Neglect and deprivation")
    agency = Agency.objects.create(name="Health visiting", slug="health-visiting")
    Action.objects.filter(pk=action.pk).update(agency=agency)

    rows = {row["review"]: row for row in _national()}
    row = rows["Child A (revised)"]
    assert row["action"] == "Run safe sleep training twice a year."
    assert row["recommendation"] == "Train every health visitor."
    assert (row["board"], row["region"]) == ("Riverside Children's Partnership", "Greater London")
    assert row["themes"] == "Neglect and deprivation"
    assert row["agency responsible"] == "Health visiting"
    assert rows["Child B"]["themes"] == "Neglect and deprivation"  # the theme's other review

    Agency.objects.filter(pk=agency.pk).update(name="Health visiting service")
    (row,) = [row for row in _national() if row["review"] == "Child A (revised)"]
    assert row["agency responsible"] == "Health visiting service"


def test_reviews_come_board_by_board_in_name_order_then_oldest_first(tracked, board_a, board_b):
    earlier = tracked["a"].published_on - 30 * DAY
    ReviewFactory(board=board_a, title="Child A0", published_on=earlier, recommendations=["Share records."])
    assert [row["review"] for row in _national()] == ["Child B", "Child A0", "Child A"]  # Hilltop, then Riverside
    board_b.name = "Westfield Safeguarding Partnership"
    board_b.save()
    assert [row["review"] for row in _national()] == ["Child A0", "Child A", "Child B"]


def test_a_review_taken_down_leaves_no_rows_behind(tracked):
    review_withdraw(review=tracked["a"], user=None, reason="Published in error.")
    assert [row["review"] for row in _national()] == ["Child B"]
    assert not TrackerCsvPart.objects.filter(review_id=tracked["a"].pk).exists()


def test_an_action_falls_overdue_on_the_day_after_its_due_date_in_stored_rows_too(board_a):
    review = ReviewFactory(board=board_a, title="Child C", recommendations=["Train staff."])
    due = TODAY + 10 * DAY
    make_action(review, due_on=due)
    published = Review.objects.published()

    def overdue(today: datetime.date) -> str:
        text = "".join(tracker_csv(published, today=today))
        (row,) = csv.reader(io.StringIO(text))
        return row[14]  # the "overdue" column

    assert [overdue(TODAY), overdue(due), overdue(due + DAY), overdue(due)] == ["no", "no", "yes", "no"]


def test_each_address_of_the_site_gets_its_own_web_addresses_from_the_same_stored_rows(tracked, settings):
    settings.ALLOWED_HOSTS = ["testserver", "scr.example.org"]
    stored = list(TrackerCsvPart.objects.order_by("review_id").values_list("rows", "built_on"))
    (first, _) = _national(Client(HTTP_HOST="scr.example.org"))
    assert first["review web address"].startswith("http://scr.example.org/reviews/")
    (again, _) = _national()
    assert again["review web address"].startswith("http://testserver/reviews/")
    assert list(TrackerCsvPart.objects.order_by("review_id").values_list("rows", "built_on")) == stored


def test_the_character_standing_for_the_sites_address_is_taken_out_of_what_staff_typed(board_a):
    review = ReviewFactory(board=board_a, title="Child \x1aD", recommendations=["Train \x1astaff."])
    make_action(review, description="Run \x1atraining.")
    (row,) = _national()
    assert (row["review"], row["recommendation"], row["action"]) == ("Child D", "Train staff.", "Run training.")
    assert row["review web address"] == f"http://testserver{review.get_absolute_url()}"


def test_a_review_taken_down_while_a_download_is_under_way_leaves_no_rows_behind(board_a, board_b, monkeypatch):
    monkeypatch.setattr("actions.tracker_csv.CHUNK_REVIEWS", 1)  # each board a run of its own
    hilltop = ReviewFactory(board=board_b, title="Child H", recommendations=["Audit referrals."])
    riverside = ReviewFactory(board=board_a, title="Child R", recommendations=["Train staff."])
    download = tracker_csv(Review.objects.published())
    first = next(download)  # Hilltop's rows: Riverside's are still to be written
    review_withdraw(review=riverside, user=None, reason="Published in error.")
    rest = "".join(download)
    assert "Child H" in first and "Child R" not in first + rest
    assert list(TrackerCsvPart.objects.values_list("review_id", flat=True)) == [hilltop.pk]
