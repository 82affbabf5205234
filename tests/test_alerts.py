import datetime
import re
import time
from io import StringIO

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.forms import form_started_token
from learning.models import AlertSubscription
from reviews.models import Review
from reviews.signals import reviews_changed
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("learning:alert-subscribe")


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()  # rate-limit counters live in the shared cache


def form(email: str, **search) -> dict:
    # Shown ten seconds ago: a person, not a robot posting at once.
    return {"email": email, "started": form_started_token(time.time() - 10), "website": "", **search}


def link_in(text: str, name: str) -> str:
    match = re.search(rf"https?://testserver(/alerts/{name}/[^/\s]+/)", text)
    assert match, text
    return match.group(1)


def subscribe(client, email: str, capture, **search):
    with capture(execute=True):
        return client.post(SUBSCRIBE, form(email, **search))


def newly_published(review: Review, minutes_ago: int = 30) -> Review:
    Review.objects.filter(pk=review.pk).update(
        first_published_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )
    return review


def confirmed_an_hour_ago(subscription: AlertSubscription) -> None:
    earlier = timezone.now() - datetime.timedelta(hours=1)
    AlertSubscription.objects.filter(pk=subscription.pk).update(confirmed_at=earlier, last_sent_at=earlier)


def test_subscribe_confirm_digest_and_unsubscribe(client, board_a, mailoutbox, django_capture_on_commit_callbacks):
    page = client.get(SUBSCRIBE, {"theme": "neglect"}).content.decode()
    assert "Reviews on Neglect" in page

    response = subscribe(client, "Practitioner@Example.org", django_capture_on_commit_callbacks, theme="neglect")
    assert response.status_code == 302 and response["Location"] == reverse("learning:alert-sent")
    subscription = AlertSubscription.objects.get()
    assert subscription.confirmed_at is None and subscription.query == "theme=neglect"

    # Double opt-in: one email, with a confirmation link; nothing is sent until it is used.
    assert len(mailoutbox) == 1
    confirmation = mailoutbox[0]
    assert confirmation.to == ["Practitioner@Example.org"]
    assert "Reviews on Neglect" in confirmation.body
    confirm_url = link_in(confirmation.body, "confirm")
    assert confirm_url in confirmation.alternatives[0][0]

    call_command("send_alerts", stdout=StringIO())
    assert len(mailoutbox) == 1  # not confirmed: no digest

    # Opening the link asks for a button press (mail scanners open links); pressing it confirms.
    assert "Confirm email alerts" in client.get(confirm_url).content.decode()
    assert AlertSubscription.objects.get().confirmed_at is None
    assert "Email alerts confirmed" in client.post(confirm_url).content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None and subscription.last_sent_at == subscription.confirmed_at

    confirmed_an_hour_ago(subscription)
    matching = newly_published(ReviewFactory(board=board_a, title="Child N: neglect", themes=["neglect"]))
    newly_published(ReviewFactory(board=board_a, title="Child S: safe sleep", themes=["safe-sleep"]))
    older = ReviewFactory(board=board_a, title="Child O: on the portal before", themes=["neglect"])
    Review.objects.filter(pk=older.pk).update(first_published_at=timezone.now() - datetime.timedelta(days=30))
    reviews_changed.send(sender=Review, review_ids=list(Review.objects.values_list("pk", flat=True)))

    out = StringIO()
    call_command("send_alerts", stdout=out)
    assert "Sent 1 digest; 0 subscribers had nothing new; 0 failed" in out.getvalue()
    assert len(mailoutbox) == 2
    digest = mailoutbox[1]
    assert digest.subject == "1 new review: Reviews on Neglect"
    assert "Child N: neglect" in digest.body and f"http://testserver{matching.get_absolute_url()}" in digest.body
    assert "Child S" not in digest.body and "Child O" not in digest.body
    unsubscribe_url = link_in(digest.body, "unsubscribe")
    assert digest.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe_url}>"
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in digest.alternatives[0][0]

    # The next run sends nothing: nothing new since the last digest.
    out = StringIO()
    call_command("send_alerts", stdout=out)
    assert "Sent 0 digests; 1 subscriber had nothing new" in out.getvalue()
    assert len(mailoutbox) == 2

    # One click in the mail program (RFC 8058): a POST without a CSRF token.
    assert "Unsubscribe" in client.get(unsubscribe_url).content.decode()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(unsubscribe_url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "You have unsubscribed" in response.content.decode()
    assert not AlertSubscription.objects.exists()  # the address is gone
    assert "You have unsubscribed" in strict.post(unsubscribe_url).content.decode()  # twice is harmless


def test_a_digest_lists_every_new_review_in_one_email(board_a, mailoutbox):
    subscription = AlertSubscription.objects.create(email="a@example.org", query="", site_url="https://portal.example")
    confirmed_an_hour_ago(subscription)
    for n in range(3):
        newly_published(ReviewFactory(board=board_a, title=f"Review {n}"), minutes_ago=10 + n)
    run = services.send_digests()
    assert (run.sent, run.nothing_new) == (1, 0)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "3 new reviews: All newly published reviews"
    body = mailoutbox[0].body
    assert body.index("Review 0") < body.index("Review 1") < body.index("Review 2")  # newest first
    assert "https://portal.example/reviews/review-0/" in body


def test_links_can_point_at_the_portals_new_address(board_a, mailoutbox):
    subscription = AlertSubscription.objects.create(email="a@example.org", query="", site_url="http://old.example")
    confirmed_an_hour_ago(subscription)
    newly_published(ReviewFactory(board=board_a, title="New"))
    call_command("send_alerts", "--site-url", "https://new.example", stdout=StringIO())
    assert "https://new.example/reviews/new/" in mailoutbox[0].body
    assert mailoutbox[0].extra_headers["List-Unsubscribe"].startswith("<https://new.example/alerts/unsubscribe/")


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionError("mail server down")


def test_a_failed_email_keeps_the_subscribers_place(board_a, settings):
    settings.EMAIL_BACKEND = "tests.test_alerts.FailingBackend"
    subscription = AlertSubscription.objects.create(email="a@example.org", query="", site_url="http://testserver")
    confirmed_an_hour_ago(subscription)
    newly_published(ReviewFactory(board=board_a))
    before = AlertSubscription.objects.get().last_sent_at
    assert services.send_digests().failed == 1
    assert AlertSubscription.objects.get().last_sent_at == before


def test_unconfirmed_sign_ups_are_deleted_after_seven_days(board_a):
    stale = AlertSubscription.objects.create(email="old@example.org", site_url="http://testserver")
    AlertSubscription.objects.filter(pk=stale.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    AlertSubscription.objects.create(email="new@example.org", site_url="http://testserver")
    assert services.send_digests().expired_removed == 1
    assert list(AlertSubscription.objects.values_list("email", flat=True)) == ["new@example.org"]


def test_expired_tampered_or_swapped_links_do_not_work(client):
    subscription = AlertSubscription.objects.create(email="a@example.org", site_url="http://testserver")
    confirm = services.subscription_token(subscription, "confirm")
    unsubscribe = services.subscription_token(subscription, "unsubscribe")
    assert client.get(reverse("learning:alert-confirm", args=[confirm + "x"])).status_code == 404
    # A confirmation link is not an unsubscribe link, and the other way round.
    client.post(reverse("learning:alert-unsubscribe", args=[confirm]))
    assert AlertSubscription.objects.filter(pk=subscription.pk).exists()
    assert client.post(reverse("learning:alert-confirm", args=[unsubscribe])).status_code == 404
    # A link for an address that has since changed does not work.
    AlertSubscription.objects.filter(pk=subscription.pk).update(email="b@example.org")
    assert client.post(reverse("learning:alert-confirm", args=[confirm])).status_code == 404
    # After 7 days a confirmation link has expired.
    AlertSubscription.objects.filter(pk=subscription.pk).update(email="a@example.org")
    from django.core import signing

    class SignedEightDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 8 * 86400)

    payload = [subscription.pk, services._address_digest("a@example.org")]
    expired = SignedEightDaysAgo(salt="learning.alerts.confirm").sign_object(payload)
    assert client.get(reverse("learning:alert-confirm", args=[expired])).status_code == 404
    assert client.get(reverse("learning:alert-confirm", args=[confirm])).status_code == 200


def test_addresses_are_never_shown(client, superuser_client, mailoutbox, django_capture_on_commit_callbacks):
    subscribe(client, "secret.person@example.org", django_capture_on_commit_callbacks)
    subscription = AlertSubscription.objects.get()
    for page in (
        client.get(reverse("learning:alert-sent")),
        client.get(reverse("learning:alert-confirm", args=[services.subscription_token(subscription, "confirm")])),
        client.get(
            reverse("learning:alert-unsubscribe", args=[services.subscription_token(subscription, "unsubscribe")])
        ),
        superuser_client.get(reverse("admin:index")),
    ):
        assert "secret.person" not in page.content.decode()
    assert superuser_client.get("/admin/learning/alertsubscription/").status_code == 404
    assert "secret.person" not in str(subscription)


def test_asking_again_reveals_nothing_and_makes_no_duplicate(client, mailoutbox, django_capture_on_commit_callbacks):
    first = subscribe(client, "a@example.org", django_capture_on_commit_callbacks, theme="neglect")
    services.alert_confirm(subscription=AlertSubscription.objects.get())
    again = subscribe(client, "A@example.org", django_capture_on_commit_callbacks, theme="neglect")
    assert first["Location"] == again["Location"]
    assert AlertSubscription.objects.count() == 1
    assert len(mailoutbox) == 1  # an address already receiving the alerts is not asked to confirm again


def test_confirmation_emails_to_one_address_are_limited(client, mailoutbox, django_capture_on_commit_callbacks):
    for n in range(5):
        ip_client = Client(REMOTE_ADDR=f"10.0.0.{n}")  # different senders, same victim address
        subscribe(ip_client, "victim@example.org", django_capture_on_commit_callbacks, theme="neglect")
    assert len(mailoutbox) == services.CONFIRMATIONS_PER_ADDRESS_PER_DAY


def test_sign_ups_from_one_sender_are_rate_limited(client, mailoutbox, django_capture_on_commit_callbacks):
    for n in range(services.SUBSCRIBES_PER_HOUR):
        assert subscribe(client, f"p{n}@example.org", django_capture_on_commit_callbacks).status_code == 302
    response = subscribe(client, "one.more@example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert "too many sign-ups from your network" in response.content.decode()
    assert not AlertSubscription.objects.filter(email="one.more@example.org").exists()


def test_robots_are_turned_away_quietly_or_asked_to_try_again(client, mailoutbox):
    trapped = client.post(SUBSCRIBE, {**form("bot@example.org"), "website": "http://spam.example"})
    assert trapped.status_code == 302  # looks like success to the robot
    too_quick = client.post(SUBSCRIBE, {**form("fast@example.org"), "started": form_started_token()})
    assert too_quick.status_code == 400
    assert "That was sent very quickly" in too_quick.content.decode()
    forged = client.post(SUBSCRIBE, {**form("forged@example.org"), "started": "not-a-token"})
    assert forged.status_code == 400
    assert not AlertSubscription.objects.exists() and mailoutbox == []


def test_a_bad_email_address_gets_a_clear_message(client):
    response = client.post(SUBSCRIBE, form("not an email", theme="neglect"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in page
    assert 'name="theme" value="neglect"' in page  # the search is kept


def test_a_long_digest_lists_fifty_and_links_to_the_rest(board_a, mailoutbox):
    subscription = AlertSubscription.objects.create(email="a@example.org", query="", site_url="https://portal.example")
    confirmed_an_hour_ago(subscription)
    for n in range(services.DIGEST_MAX_REVIEWS + 2):
        newly_published(ReviewFactory(board=board_a, title=f"Review {n:02d}"), minutes_ago=5)
    services.send_digests()
    body = mailoutbox[0].body
    assert mailoutbox[0].subject == f"{services.DIGEST_MAX_REVIEWS + 2} new reviews: All newly published reviews"
    assert body.count("https://portal.example/reviews/review-") == services.DIGEST_MAX_REVIEWS
    assert "and 2 more: https://portal.example/reviews/" in body
