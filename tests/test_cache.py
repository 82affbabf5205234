"""The shared cache: Redis when REDIS_URL is set, the database otherwise, with room for a busy hour's figures."""

import datetime
import os
import uuid

import pytest
import redis
from django.urls import reverse

from reviews.services import review_publish
from themes import trends

from .factories import ReviewFactory
from .test_settings import run_manage

pytestmark = pytest.mark.django_db

SHOW_CACHE = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
LOCAL_REDIS = "redis://127.0.0.1:6379/0"


def test_the_cache_is_redis_when_redis_url_is_set():
    result = run_manage("shell", "-c", SHOW_CACHE, REDIS_URL=LOCAL_REDIS)
    assert result.stdout.strip().splitlines()[-1] == "django.core.cache.backends.redis.RedisCache", result.stderr


def test_the_cache_is_the_database_without_redis_url():
    result = run_manage("shell", "-c", SHOW_CACHE, REDIS_URL="")
    assert result.stdout.strip().splitlines()[-1] == "django.core.cache.backends.db.DatabaseCache", result.stderr


def test_the_database_cache_has_room_for_a_busy_hours_figures(settings):
    # Django's default of 300 entries would be culled (a third at a time) many times an hour.
    if "DatabaseCache" not in settings.CACHES["default"]["BACKEND"]:
        pytest.skip("the suite is running with REDIS_URL: the cache is Redis")
    assert settings.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"] >= 10_000


@pytest.fixture
def redis_cache(settings):
    """Redis as the cache (REDIS_URL, or the machine's own), under keys no one else uses."""
    url = os.environ.get("REDIS_URL") or LOCAL_REDIS
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {url}")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix},
    }
    yield
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_with_redis_a_cached_feed_shows_a_review_published_since(redis_cache, client, board_a):
    ReviewFactory(board=board_a, title="Child R: published review")
    draft = ReviewFactory(board=board_a, title="Child S: draft review", status="draft", published_on=None)
    feed = reverse("learning:feed-all")
    assert "Child S" not in client.get(feed).content.decode()
    assert "Child R" in client.get(feed).content.decode()  # from the cache
    review_publish(review=draft, user=None)
    assert "Child S" in client.get(feed).content.decode()


def test_with_redis_the_dashboards_follow_a_change(redis_cache, board_a):
    ReviewFactory(board=board_a, published_on=datetime.date(2019, 5, 1))
    assert trends.Figures().meta.last_year == 2019
    assert trends.Figures().meta.last_year == 2019  # from Redis
    draft = ReviewFactory(board=board_a, status="draft", published_on=datetime.date(2023, 5, 1))
    review_publish(review=draft, user=None)
    assert trends.Figures().meta.last_year == 2023
