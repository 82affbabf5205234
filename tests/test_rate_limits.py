"""Rate limits: past a bucket's requests a minute from one client, 429 with Retry-After and a clear message."""

import time

import pytest
from django.test import RequestFactory
from django.urls import reverse

from learning.forms import form_started_token
from scrportal.ratelimit import client_address, count_request
from tests.factories import ReviewFactory

from .test_settings import PRODUCTION, run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    """Every limit set to two a minute, so a test can go past one in three requests."""
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMIT_PER_MINUTE = dict.fromkeys(settings.RATE_LIMIT_PER_MINUTE, 2)
    return settings


@pytest.fixture
def review(board_a):
    return ReviewFactory(board=board_a, title="Child L", themes=["neglect"])


def answer() -> dict:
    return {"helpful": "yes", "discipline": "police", "website": "", "started": form_started_token(time.time() - 10)}


def three(client, method: str, url: str, data=None, **extra):
    send = getattr(client, method)
    return [send(url, data or {}, **extra) for _ in range(3)]


@pytest.mark.parametrize(
    "url",
    ["/reviews/?q=neglect", "/reviews/export.csv", "/feeds/reviews/", "/feeds/search/?theme=neglect"],
)
def test_pages_past_the_limit_get_a_clear_429_page_with_retry_after(client, limits, url):
    first, second, third = [client.get(url) for _ in range(3)]
    assert first.status_code == second.status_code == 200
    assert third.status_code == 429
    assert 1 <= int(third["Retry-After"]) <= 60
    page = third.content.decode()
    assert '<h1 class="govuk-heading-l">Too many requests</h1>' in page
    assert f"Please wait {third['Retry-After']} seconds and try again." in page


def test_the_api_past_its_limit_answers_in_json(client, limits):
    *_, third = three(client, "get", reverse("reviews:api-search"))
    assert third.status_code == 429
    assert third["Content-Type"] == "application/json"
    assert third["Access-Control-Allow-Origin"] == "*"
    body = third.json()
    assert body["retry_after"] == int(third["Retry-After"])
    assert "too many requests" in body["error"]


def test_feedback_and_alert_sign_ups_count_posts_not_people_reading_the_form(client, limits, review):
    for _ in range(5):
        assert client.get(reverse("learning:alert-subscribe")).status_code == 200
        assert client.get(reverse("learning:review-feedback", args=[review.slug])).status_code == 302
    posts = three(client, "post", reverse("learning:alert-subscribe"), {"email": "not an address"})
    assert [response.status_code for response in posts] == [400, 400, 429]
    posts = three(client, "post", reverse("learning:review-feedback", args=[review.slug]), answer())
    assert posts[-1].status_code == 429
    assert "Retry-After" in posts[-1]


def test_each_kind_of_request_has_its_own_count(client, limits):
    three(client, "get", "/reviews/")
    assert client.get("/reviews/").status_code == 429
    assert client.get(reverse("reviews:api-search")).status_code == 200
    assert client.get("/feeds/reviews/").status_code == 200


def test_each_client_address_has_its_own_count(client, limits):
    *_, third = three(client, "get", "/reviews/", REMOTE_ADDR="192.0.2.1")
    assert third.status_code == 429
    assert client.get("/reviews/", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_an_ipv6_client_is_counted_by_its_64_network(limits):
    assert count_request("search", "2001:db8::1")[0]
    assert count_request("search", "2001:db8::2:1")[0]
    assert not count_request("search", "2001:db8::ffff")[0]  # the same /64: a third request
    assert count_request("search", "2001:db8:0:1::1")[0]  # the next /64


def test_the_count_starts_again_each_minute(limits):
    minute = 60 * 29_000_000
    assert [count_request("csv", "192.0.2.9", now=minute + 5)[0] for _ in range(3)] == [True, True, False]
    assert count_request("csv", "192.0.2.9", now=minute + 59) == (False, 1)
    assert count_request("csv", "192.0.2.9", now=minute + 60) == (True, 60)


def test_rate_limits_0_turns_every_limit_off(client, limits):
    limits.RATE_LIMITS_ENABLED = False
    assert {client.get("/reviews/export.csv").status_code for _ in range(5)} == {200}


def test_limits_are_on_unless_the_environment_says_rate_limits_0():
    show = "from django.conf import settings as s; print(s.RATE_LIMITS_ENABLED, s.RATE_LIMIT_PER_MINUTE['csv'])"

    def shown(**env: str) -> list[str]:
        return run_manage("shell", "-c", show, **PRODUCTION, **env).stdout.splitlines()[-1].split()

    assert shown() == ["True", "10"]
    assert shown(RATE_LIMITS="0") == ["False", "10"]
    assert shown(RATE_LIMIT_CSV="3") == ["True", "3"]


def test_a_check_costs_one_query_on_the_database_cache(limits, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # a client's first request this minute also clears out ended minutes
        count_request("api", "192.0.2.3")
    with django_assert_max_num_queries(1):
        count_request("api", "192.0.2.3")


def test_ended_minutes_are_cleared_out(limits):
    from django.core.cache import caches
    from django.db import connection

    count_request("api", "192.0.2.4")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE scrportal_ratelimit SET expires = now() - interval '1 minute'")
    count_request("api", "192.0.2.5")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM scrportal_ratelimit")
        assert cursor.fetchone()[0] == 1
    assert caches["ratelimit"]._table == "scrportal_ratelimit"


def test_without_a_proxy_the_forwarded_header_is_not_believed(settings):
    settings.BEHIND_PROXY = False
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client_address(request) == "192.0.2.7"


def test_behind_a_proxy_the_address_it_appended_is_the_clients(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    factory = RequestFactory()
    # The client wrote "203.0.113.66" itself to dodge its limit; the proxy appended the real address.
    spoofed = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.1")
    assert client_address(spoofed) == "198.51.100.1"
    settings.TRUSTED_PROXY_COUNT = 2  # a CDN in front of the load balancer: the CDN's entry is the client's
    two = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.1, 10.0.0.9")
    assert client_address(two) == "198.51.100.1"
    assert client_address(factory.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    garbage = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_address(garbage) == "10.0.0.2"


def test_behind_a_proxy_clients_are_limited_one_by_one(client, limits):
    limits.BEHIND_PROXY = True
    limits.TRUSTED_PROXY_COUNT = 1
    *_, third = three(client, "get", "/reviews/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert third.status_code == 429
    assert client.get("/reviews/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200
