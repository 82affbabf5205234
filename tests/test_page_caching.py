"""Whole public pages kept per process (reviews.page_cache): quick for visitors who are not signed in, current
after every change the public can see, and never one person's page shown to another. A kept page says how old it
is (`Age`), as any cache does; a page rendered afresh has no `Age`."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from reviews.page_cache import cache_public_page
from reviews.services import review_publish

from .factories import ReviewFactory
from .test_public_caches import neglect_count

pytestmark = pytest.mark.django_db

ADDRESSES = ["/", "/themes/", "/reviews/?q=heron", "/api/reviews/?q=heron"]


@pytest.fixture
def library(board_a):
    ReviewFactory(board=board_a, title="Child A: heron review", themes=["neglect"])


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_page_seen_again_is_the_kept_page_at_one_query(
    client, library, address, settings, django_assert_max_num_queries
):
    settings.RATE_LIMITS_ENABLED = False  # the limits' own query is pinned in test_rate_limits
    first = client.get(address)
    assert "Age" not in first
    with django_assert_max_num_queries(1):  # the generation the page is kept under
        again = client.get(address)
    assert again.status_code == 200
    assert "Age" in again
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_review_published_shows_on_the_next_request(client, board_a, editor, library, address):
    def shows_child_b() -> bool:
        page = client.get(address).content.decode()
        return neglect_count(page) == "2" if address == "/themes/" else "Child B: heron review" in page

    assert not shows_child_b()
    draft = ReviewFactory(board=board_a, title="Child B: heron review", themes=["neglect"], status="draft")
    assert not shows_child_b()
    review_publish(review=draft, user=editor)
    assert shows_child_b()


def test_another_query_string_is_another_page(client, library):
    assert client.get("/api/reviews/", {"q": "heron"}).json()["count"] == 1
    assert client.get("/api/reviews/", {"q": "kestrel"}).json()["count"] == 0
    assert client.get("/api/reviews/", {"q": "heron", "page": "2"}).json()["page"] == 1


def test_each_host_gets_its_own_addresses_in_the_api(client, library, settings):
    settings.ALLOWED_HOSTS = ["portal.example.org", "testserver"]
    first = client.get("/api/reviews/", {"q": "heron"}).json()["results"][0]["url"]
    other = client.get("/api/reviews/", {"q": "heron"}, HTTP_HOST="portal.example.org").json()["results"][0]["url"]
    assert first.startswith("http://testserver/") and other.startswith("http://portal.example.org/")


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_signed_in_editor_never_gets_the_kept_page(client, editor_client, library, address):
    client.get(address)
    assert "Age" in client.get(address)
    response = editor_client.get(address)
    assert response.status_code == 200
    assert "Age" not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_page_rendered_for_a_signed_in_editor_is_never_kept_for_others(client, editor_client, library, address):
    editor_client.get(address)
    assert "Age" not in editor_client.get(address)
    assert "Age" not in client.get(address)  # the visitor's own rendering, not the editor's


def test_a_visitor_with_a_messages_cookie_gets_a_page_of_their_own(client, library):
    client.get("/")
    client.cookies["messages"] = "anything"
    assert "Age" not in client.get("/")


@pytest.mark.parametrize("address", ADDRESSES)
def test_shared_caches_must_ask_again_and_know_the_page_depends_on_cookies(client, library, address):
    for response in (client.get(address), client.get(address)):
        assert "no-cache" in response["Cache-Control"]
        assert "private" not in response["Cache-Control"]
        assert "Cookie" in response["Vary"]


def test_kept_pages_are_still_compressed_for_browsers_that_accept_it(client, library):
    client.get("/")
    response = client.get("/", headers={"accept-encoding": "gzip"})
    assert "Age" in response
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


def test_a_page_with_a_csrf_token_or_a_cookie_is_never_kept(db):
    @cache_public_page
    def form_page(request):
        return HttpResponse(f"<input name=csrfmiddlewaretoken value={get_token(request)}>")

    @cache_public_page
    def page_setting_a_cookie(request):
        response = HttpResponse("Hello")
        response.set_cookie("seen", request.headers["X-Visitor"])
        return response

    def visit(view, visitor: str) -> HttpResponse:
        # One address for every visitor: only what the view does with each differs.
        request = RequestFactory().get("/page/", headers={"X-Visitor": visitor})
        request.user = AnonymousUser()
        return view(request)

    first, second = visit(form_page, "1"), visit(form_page, "2")
    assert first.content != second.content
    assert "Age" not in second
    assert visit(page_setting_a_cookie, "1").cookies["seen"].value == "1"
    assert visit(page_setting_a_cookie, "2").cookies["seen"].value == "2"
