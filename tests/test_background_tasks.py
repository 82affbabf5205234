"""Heavy work leaves the request: the task queue (procrastinate, on PostgreSQL) does it, and the tests run its
worker for real against the test database."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from learning.models import AlertSubscription
from learning.tasks import send_alert_digests
from reviews.models import Region, Review
from reviews.signals import reviews_changed
from themes import trends
from themes.models import Theme, TrendCount

from .factories import BoardFactory, ReviewFactory
from .queue import queued_jobs, run_queued_tasks

# Committed data, as a real worker on its own connection needs; serialized_rollback keeps the regions, agencies
# and themes that data migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def matches(client, text: str) -> int:
    return client.get("/api/reviews/", {"q": text}).json()["count"]


def test_a_new_synonym_finds_the_themes_reviews_once_the_worker_has_run(superuser_client):
    board = BoardFactory()
    ReviewFactory(board=board, themes=["neglect"], title="Child N: serious case review")
    assert matches(superuser_client, "deprivation") == 0

    theme = Theme.objects.get(slug="neglect")
    response = superuser_client.post(
        f"/admin/themes/theme/{theme.pk}/change/",
        {"name": theme.name, "slug": theme.slug, "group": theme.group, "synonyms": "deprivation"},
    )
    assert response.status_code == 302

    # The request has returned without recomputing a single vector: the work waits in the queue.
    assert [job.args for job in queued_jobs("themes.refresh_theme_search_words")] == [{"theme_id": theme.pk}]
    assert matches(superuser_client, "deprivation") == 0

    run_queued_tasks()
    assert matches(superuser_client, "deprivation") == 1


def test_refreshing_a_themes_vectors_twice_gives_the_same_result(client):
    ReviewFactory(themes=["neglect"])
    theme = Theme.objects.get(slug="neglect")
    theme.synonyms = ["deprivation"]
    theme.save()
    theme.save()  # two jobs for one change
    run_queued_tasks()
    assert matches(client, "deprivation") == 1


def test_a_deleted_themes_words_leave_the_vectors_once_the_worker_has_run(client):
    theme = Theme.objects.create(name="Water safety", group=Theme.Group.HARM, synonyms=["drowning"])
    review = ReviewFactory(themes=["water-safety"])
    reviews_changed.send(sender=Review, review_ids=[review.pk])  # as every write path does
    assert matches(client, "drowning") == 1
    theme.delete()
    run_queued_tasks()
    assert matches(client, "drowning") == 0


def summary_total(region: Region) -> int:
    rows = TrendCount.objects.filter(region_id=region.pk, theme_id=0, other_theme_id=0)
    return sum(rows.values_list("reviews", flat=True))


def test_a_board_moving_region_is_recounted_by_the_worker():
    london, wales = Region.objects.get(slug="london"), Region.objects.get(slug="wales")
    board = BoardFactory(region=london)
    ReviewFactory(board=board, published_on=datetime.date(2022, 5, 1))
    ReviewFactory(board=board, published_on=datetime.date(2023, 5, 1))
    trends.catch_up_trend_counts()
    assert (summary_total(london), summary_total(wales)) == (2, 0)

    board.region = wales
    board.save()
    assert (summary_total(london), summary_total(wales)) == (2, 0)  # not in the request
    run_queued_tasks()
    assert (summary_total(london), summary_total(wales)) == (0, 2)


def test_the_daily_alert_digest_is_sent_by_the_worker():
    review = ReviewFactory(title="Child D: a new review")
    Review.objects.filter(pk=review.pk).update(first_published_at=timezone.now() - datetime.timedelta(hours=1))
    AlertSubscription.objects.create(
        email="reader@example.org",
        query="",
        site_url="https://portal.example",
        confirmed_at=timezone.now() - datetime.timedelta(days=2),
        last_sent_at=timezone.now() - datetime.timedelta(days=1),
    )
    send_alert_digests.defer(timestamp=0)
    run_queued_tasks()
    assert [message.to for message in mail.outbox] == [["reader@example.org"]]
    assert "Child D: a new review" in mail.outbox[0].body


def test_the_worker_trains_the_suggestion_model_when_it_is_due_and_not_again(board_a, settings):
    from themes.suggestion_models import ThemeModel
    from themes.tasks import train_theme_model_if_due

    from .suggestion_corpus import make_tagged_corpus

    settings.SUGGESTIONS_RETRAIN_AFTER = 50
    make_tagged_corpus(board_a, per_theme=6)
    assert ThemeModel.objects.current() is None
    train_theme_model_if_due.defer(timestamp=0)
    run_queued_tasks()
    first = ThemeModel.objects.current()
    assert first is not None and first.review_count == 18
    train_theme_model_if_due.defer(timestamp=1)  # nothing new published since: not due
    run_queued_tasks()
    assert ThemeModel.objects.current() == first
