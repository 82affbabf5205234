"""Every public address answers odd input with a 4xx or a clean page, never a server error.

For each public URL pattern (walked from the resolver, as the URL inventory does), Hypothesis sends odd values
for every parameter the public pages read: control characters, huge numbers, other scripts, repeated values,
empty ones, very long ones. Forms that take posts are posted to as well. Few examples per address, so it stays
quick; the rate limits are off here (they are tested in test_rate_limits) so that every example reaches the view.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from .test_url_inventory import POST_ONLY, PUBLIC, TOKEN, kwargs_for, site, url_names  # noqa: F401 - site is a fixture

pytestmark = pytest.mark.django_db

# Every parameter a public page, feed, download or form reads.
PARAMETERS = [
    "q", "theme", "review_type", "region", "board", "agency", "age_band", "year", "year_from", "year_to", "sort",
    "page", "recent", "feedback", "email", "website", "started", "helpful", "discipline", "comment",
]  # fmt: skip
NASTY = [
    "\x00", "\x01", "a\x0bb", "\x1f\x7f", "\ufffe", "\u202e", "\U0001f600", "ü", "x" * 5000, "", " ", "-1", "0",
    "99999999999999999999999999", "1e308", "NaN", "2021.5", "١٢٣", "2021-01", "<script>", "'; DROP TABLE", "%00",
    "../../etc/passwd", '"unclosed', "-", "or", "!", "&", "\\", "*",
]  # fmt: skip
# Text without lone surrogates, which cannot travel in a URL at all.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
VALUE = st.one_of(st.sampled_from(NASTY), TEXT, st.integers().map(str))
QUERY = st.dictionaries(st.sampled_from(PARAMETERS), st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=4)))
FUZZ = hypothesis_settings(
    max_examples=12, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ODD_TOKENS = ["x", "a" * 3000, "1:2:3", "eyJ.x", "%01", "..", "-"]


def public_names() -> list[str]:
    return sorted(name for name in url_names() if name in PUBLIC | POST_ONLY | TOKEN)


@pytest.fixture
def quiet_limits(settings):
    settings.RATE_LIMITS_ENABLED = False


@pytest.mark.parametrize("name", public_names())
def test_odd_parameters_never_cause_a_server_error(name, site, quiet_limits):  # noqa: F811 - site is the fixture
    url = reverse(name, kwargs=kwargs_for(name, url_names()[name], site, site["published"]))
    client = Client(raise_request_exception=False)

    @FUZZ
    @given(query=QUERY)
    def check(query):
        response = client.get(url, query)
        assert response.status_code < 500, (url, query, response.status_code)
        if name in POST_ONLY or name in {"learning:alert-subscribe"} or name in TOKEN:
            response = client.post(url, query)
            assert response.status_code < 500, ("POST", url, query, response.status_code)

    check()


@pytest.mark.parametrize("name", sorted(TOKEN))
@pytest.mark.parametrize("token", ODD_TOKENS)
def test_odd_tokens_are_refused_cleanly(name, token, client):
    response = client.get(reverse(name, kwargs={"token": token}))
    assert response.status_code < 500


def test_a_control_character_in_a_search_feed_is_not_a_server_error(client):
    # The case that used to fail: "Control characters are not supported in XML 1.0".
    response = client.get(reverse("learning:feed-search"), {"q": "\x01"})
    assert response.status_code == 200
