"""The open data API's contract: /api/openapi.json describes it, and schemathesis holds the live API to it.

Schemathesis makes requests from the document (values that fit it, and values that do not) against a live
server and checks that none is a server error and every response matches the document.
"""

import pytest
import schemathesis
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from reviews.models import Review
from reviews.openapi import openapi_document
from reviews.signals import reviews_changed
from tests.factories import ReviewFactory

# Against a live server: committed data, so transactional; serialized_rollback keeps the regions, agencies and
# themes that data migrations made.
LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)
CHECKS = [not_a_server_error, response_schema_conformance]
EXAMPLES = 40  # per operation and kind of data: the whole file takes well under a minute


@pytest.fixture
def published(board_a, board_b):
    made = [
        ReviewFactory(board=board_a, title="Baby K", themes=["safe-sleep"], agencies=["health"], age_band="under-1"),
        ReviewFactory(board=board_b, title="Adult M", summary="Self-neglect and hoarding.", review_type="SAR"),
        ReviewFactory(board=board_a, title="Child N", themes=["neglect"], published_year_only=True),
    ]
    ReviewFactory(board=board_a, title="Draft", status="draft", published_on=None)
    reviews_changed.send(sender=Review, review_ids=[review.pk for review in made])
    return made


@pytest.fixture
def contract(live_server, published, settings):
    # Many requests a minute from one address is what the limits stop; 429 is in the contract all the same.
    settings.RATE_LIMIT_PER_MINUTE = {**settings.RATE_LIMIT_PER_MINUTE, "api": 100_000, "csv": 100_000}
    schema = schemathesis.openapi.from_url(f"{live_server.url}{reverse('reviews:api-openapi')}")
    schema.config.update(base_url=live_server.url)
    return schema


def test_the_document_is_served_and_describes_every_public_json_address(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    assert document == openapi_document()
    assert {"/api/reviews/", "/reviews/export.csv"} <= set(document["paths"])
    parameters = {p["name"] for p in document["paths"]["/api/reviews/"]["get"]["parameters"]}
    assert parameters == {
        "q", "review_type", "region", "board", "theme", "agency", "age_band", "year", "year_from", "year_to", "sort",
        "page",
    }  # fmt: skip
    schemas = document["components"]["schemas"]
    assert schemas["SearchResults"]["additionalProperties"] is False
    assert set(schemas["SearchResults"]["properties"]["facets"]["required"]) == {
        "review_type", "region", "board", "year", "age_band", "theme", "agency",
    }  # fmt: skip


def test_the_readme_links_to_the_document():
    from django.conf import settings

    readme = (settings.BASE_DIR / "README.md").read_text()
    assert "/api/openapi.json" in readme


@LIVE
@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE])
@pytest.mark.parametrize("path", ["/api/reviews/", "/reviews/export.csv"])
def test_the_live_api_keeps_to_its_contract(contract, path, mode):
    operation = contract[path]["GET"]

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        case.call_and_validate(checks=CHECKS)

    check()


@LIVE
def test_a_response_that_breaks_the_contract_is_caught(contract, monkeypatch):
    # The check must be able to fail: a result without its slug does not match the document.
    from reviews import api

    original = api.JsonResponse

    def without_slugs(data, *args, **kwargs):
        for row in data.get("results", []):
            row.pop("slug", None)
        return original(data, *args, **kwargs)

    monkeypatch.setattr(api, "JsonResponse", without_slugs)
    case = contract["/api/reviews/"]["GET"].Case(query={"theme": ["safe-sleep"]})
    with pytest.raises(FailureGroup) as failures:
        case.call_and_validate(checks=CHECKS)
    assert '"slug" is a required property' in str(failures.value.exceptions[0])
