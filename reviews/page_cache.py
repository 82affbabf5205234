"""Whole public pages kept in each web process, for visitors who are not signed in.

The home page, the theme index and the search page show only published reviews and the taxonomy, the same to
every visitor who is not signed in, and rendering them at national scale costs tens of milliseconds. A page is
kept under the search's generation (reviews.freshness), so the next change the public can see is on the next
request, and under its whole address (scheme, host, path and query string), for a few minutes at most (the
demo-library notice, read every few minutes, is on every page).

Never shared: a response to a request with a session or messages cookie (a signed-in person, or someone a page
has a message for), one that sets a cookie or used a CSRF token or messages, and anything but a 200. Shared
caches in front of the site are told to ask again each time (`no-cache`: only this process knows when a page
has changed) and that the answer depends on the cookies (`Vary: Cookie`); pages for signed-in people are
`private`. A kept page says how old it is (`Age`).

Measured with `wrk -t2 -c50` against gunicorn as in production, 100,000 reviews: see the README's *Speed*.
"""

import functools
import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import freshness
from .search import Vocabulary, load_vocabulary

# Seconds a page is kept at most: the generation, not this, makes a change show at once.
TIMEOUT = 5 * 60
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage


def cache_public_page(view: Callable[..., HttpResponse] | None = None, *, search: bool = False):
    """Serve the view's page from this process's cache to visitors who are not signed in (see the module).

    `search`: the view searches, so the search vocabulary is read first (search_vocabulary) and its generation,
    read in the same query, keys the page: a kept page costs that one query, and one to be made costs no more
    queries than the search itself."""
    if view is None:
        return functools.partial(cache_public_page, search=search)

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if search:
            search_vocabulary(request)
        if not _may_share(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            patch_cache_control(response, private=True, no_cache=True)
            return response
        key = freshness.cache_key(freshness.SEARCH, _address_key(request), number=generation(request))
        kept = caches["pages"].get(key)
        if kept is not None:
            content, status, headers, made = kept
            # Age, as any cache in front of a site says how old a kept answer is.
            return HttpResponse(content, status=status, headers={**headers, "Age": str(int(time.time() - made))})
        response = view(request, *args, **kwargs)
        patch_vary_headers(response, ["Cookie"])
        patch_cache_control(response, no_cache=True)
        if _shareable(request, response):
            kept = (response.content, response.status_code, dict(response.headers), time.time())
            caches["pages"].set(key, kept, TIMEOUT)
        return response

    return wrapped


def generation(request: HttpRequest) -> int:
    """The search generation's number, read once a request: the page is kept under it, and views that cache parts
    of the page (for signed-in people too) pass it to freshness.cached rather than read it again."""
    number = getattr(request, "_search_generation", None)
    if number is None:
        number = request._search_generation = freshness.current(freshness.SEARCH)
    return number


def search_vocabulary(request: HttpRequest) -> Vocabulary:
    """The search vocabulary (facet values, with the search generation), read once a request."""
    vocabulary = getattr(request, "_search_vocabulary", None)
    if vocabulary is None:
        vocabulary = request._search_vocabulary = load_vocabulary()
        request._search_generation = vocabulary.generation
    return vocabulary


def _may_share(request: HttpRequest) -> bool:
    # Only cookies are looked at, so deciding costs no query (a session is read only when there is a cookie).
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def _shareable(request: HttpRequest, response: HttpResponse) -> bool:
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The page used a CSRF token (a form that posts), which is this visitor's own.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (messages is not None and (messages.used or messages.added_new))
        and not request.user.is_authenticated
    )


def _address_key(request: HttpRequest) -> str:
    # Hashed: addresses can be longer than cache keys may be, and hold anything a visitor typed.
    return "page:" + hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
