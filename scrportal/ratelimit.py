"""Per-client request limits for the public addresses that cost the most or that robots like best.

Each limited view names a bucket (`search`, `api`, `csv`, `feeds`, `alerts`, `feedback`); each bucket allows a
number of requests a minute from one client address (settings.RATE_LIMIT_PER_MINUTE). The count is a fixed
one-minute window kept in the shared cache `ratelimit`, so every web process counts together, on the database
cache (in one statement on its table) as on Redis (add, then incr). Past the limit the answer is 429 Too Many
Requests with Retry-After: an HTML page for pages, JSON for the API.

`RATE_LIMITS=0` in the environment turns every limit off, for benchmarks and capacity tests only.
"""

import functools
import hashlib
import ipaddress
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

WINDOW_SECONDS = 60


def client_address(request: HttpRequest) -> str:
    """The address the request came from.

    Without a proxy it is REMOTE_ADDR. Behind one (DJANGO_BEHIND_PROXY=1), every request comes from the proxy,
    and each of the TRUSTED_PROXY_COUNT proxies in front of the site appends the address it was reached from to
    X-Forwarded-For; the entry the outermost one appended is the client's. Entries to its left were written by
    the client and are never believed.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    candidate = forwarded[-min(settings.TRUSTED_PROXY_COUNT, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _client_key(address: str) -> str:
    # One IPv6 client is given a whole /64, so it is counted as one; the hash keeps addresses out of the cache.
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        network = address
    else:
        network = str(ipaddress.ip_network(f"{parsed}/64", strict=False)) if parsed.version == 6 else str(parsed)
    return hashlib.sha256(network.encode()).hexdigest()[:32]


def limit_per_minute(bucket: str) -> int | None:
    """The bucket's limit, or None when limits are off."""
    if not settings.RATE_LIMITS_ENABLED:
        return None
    return settings.RATE_LIMIT_PER_MINUTE[bucket]


def count_request(bucket: str, address: str, *, now: float | None = None) -> tuple[bool, int]:
    """Count one request; (allowed, seconds until the window ends). One query on the database cache (two for a
    client's first request in a minute), one round trip on Redis."""
    limit = limit_per_minute(bucket)
    if limit is None:
        return True, 0
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    retry_after = max(1, (window + 1) * WINDOW_SECONDS - int(now))
    key = f"ratelimit:{bucket}:{window}:{_client_key(address)}"
    return _count(key) <= limit, retry_after


def _count(key: str) -> int:
    counters = caches["ratelimit"]
    if isinstance(counters, DatabaseCache):
        return _count_in_table(counters, key)
    try:
        return counters.incr(key)
    except ValueError:  # the first request of the window (or the key has just expired)
        return 1 if counters.add(key, 1, timeout=WINDOW_SECONDS + 5) else counters.incr(key)


def _count_in_table(counters: DatabaseCache, key: str) -> int:
    """Count in the database cache's table in one atomic statement, where its add() and incr() take six and
    can lose counts between two processes. The count is stored as plain text, only ever read here."""
    connection = connections[router.db_for_write(counters.cache_model_class)]
    table = connection.ops.quote_name(counters._table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (cache_key, value, expires) VALUES (%s, '1', now() + make_interval(secs => %s)) "
            f"ON CONFLICT (cache_key) DO UPDATE SET value = ({table}.value::integer + 1)::text "
            "RETURNING value::integer",
            [counters.make_and_validate_key(key), WINDOW_SECONDS + 5],
        )
        count = cursor.fetchone()[0]
        if count == 1:
            # A client's first request this minute: clear out ended minutes (the cache's culling never runs here).
            cursor.execute(f"DELETE FROM {table} WHERE expires < now()")  # noqa: S608 - the table's name is ours
    return count


def too_many_requests(request: HttpRequest, *, retry_after: int, as_json: bool) -> HttpResponse:
    message = f"There have been too many requests from your network. Please wait {retry_after} seconds and try again."
    if as_json:
        response = JsonResponse({"error": message, "retry_after": retry_after}, status=429)
        response["Access-Control-Allow-Origin"] = "*"
    else:
        html = render_to_string("429.html", {"message": message, "retry_after": retry_after}, request=request)
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(bucket: str, *, methods: Iterable[str] | None = None, as_json: bool = False) -> Callable:
    """Limit a view to the bucket's requests a minute per client. `methods`: only count these (alerts and feedback
    count their posts, not people reading the form)."""
    counted = {method.upper() for method in methods} if methods else None

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if counted is None or request.method in counted:
                allowed, retry_after = count_request(bucket, client_address(request))
                if not allowed:
                    return too_many_requests(request, retry_after=retry_after, as_json=as_json)
            return view(request, *args, **kwargs)

        return limited

    return decorator
