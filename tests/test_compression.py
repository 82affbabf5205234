"""Pages are compressed by the portal itself (GZipMiddleware), for phones on slow connections."""

import gzip

import pytest

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("address", ["/", "/reviews/", "/themes/"])
def test_pages_come_compressed_to_a_browser_that_accepts_it(client, board_a, address):
    ReviewFactory(board=board_a, summary="Agencies did not share what they knew about the family. " * 20)
    response = client.get(address, headers={"accept-encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"SCR Learning Portal" in gzip.decompress(response.content)


def test_a_client_that_does_not_accept_gzip_gets_plain_html(client, board_a):
    response = client.get("/")
    assert not response.has_header("Content-Encoding")
    assert b"SCR Learning Portal" in response.content
