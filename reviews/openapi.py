"""The open data API's contract: an OpenAPI 3.1 document at /api/openapi.json.

Written by hand, so that it says what a caller may rely on; the codes it lists (review types, age bands, sorts,
facets, page size) come from the code itself, so they cannot drift. tests/test_openapi.py runs schemathesis
against a live server with it: no server errors, and every response matches it.
"""

from django.http import HttpRequest, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.http import require_safe

from .models import Review
from .search.params import FACETS, MAX_PAGE, MAX_YEAR, MIN_YEAR, PAGE_SIZE, SORTS

REVIEW_TYPES = [code for code, _ in Review.ReviewType.choices]
AGE_BANDS = [code for code, _ in Review.AgeBand.choices]
SLUG = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}


def _repeatable(name: str, items: dict, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "style": "form",
        "explode": True,
        "description": description + " Repeat the parameter for any of several values.",
        "schema": {"type": "array", "items": items},
    }


def _single(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


YEAR = {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}
SEARCH_PARAMETERS = [
    _single(
        "q",
        {"type": "string"},
        'Free text, with English stemming; "quoted phrase", or and -word work as in web search. '
        "At most 500 characters are used.",
    ),
    _repeatable("review_type", {"type": "string", "enum": REVIEW_TYPES}, "A type of review."),
    _repeatable("region", SLUG, "A region's slug, e.g. london."),
    _repeatable("board", SLUG, "A board's slug, as in /boards/<slug>/."),
    _repeatable("theme", SLUG, "A theme's slug, as in /themes/<slug>/."),
    _repeatable("agency", SLUG, "An agency's slug, e.g. police."),
    _repeatable("age_band", {"type": "string", "enum": AGE_BANDS}, "An age band."),
    _repeatable("year", YEAR, "A publication year."),
    _single("year_from", YEAR, "Published in or after this year."),
    _single("year_to", YEAR, "Published in or before this year."),
    _single(
        "sort",
        {"type": "string", "enum": list(SORTS)},
        "relevance (the default with text), newest (the default without) or oldest.",
    ),
]
PAGE_PARAMETER = _single(
    "page",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
    f"Page number, {PAGE_SIZE} results a page. A page past the end gives the last page.",
)

ERROR = {
    "type": "object",
    "required": ["error", "retry_after"],
    "additionalProperties": False,
    "properties": {
        "error": {"type": "string", "description": "What happened, in words for a person."},
        "retry_after": {"type": "integer", "minimum": 1, "maximum": 60},
    },
}
TOO_MANY_REQUESTS = {
    "description": "Too many requests from this client address in the last minute; try again after Retry-After "
    "seconds.",
    "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1, "maximum": 60}, "required": True}},
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
TOO_MANY_REQUESTS_PAGE = {
    "description": "Too many requests from this client address in the last minute: a page saying so.",
    "headers": {"Retry-After": {"schema": {"type": "integer", "minimum": 1, "maximum": 60}, "required": True}},
    "content": {"text/html": {"schema": {"type": "string"}}},
}

SCHEMAS = {
    "SearchResults": {
        "type": "object",
        "required": ["count", "page", "pages", "results", "facets", "match", "messages", "did_you_mean"],
        "additionalProperties": False,
        "properties": {
            "count": {"type": "integer", "minimum": 0, "description": "How many reviews match."},
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "results": {"type": "array", "maxItems": PAGE_SIZE, "items": {"$ref": "#/components/schemas/Review"}},
            "facets": {
                "type": "object",
                "description": "Each facet's counts apply every other parameter but not its own. Values with no "
                "matching reviews are left out, unless asked for.",
                "required": list(FACETS),
                "additionalProperties": False,
                "properties": {
                    facet: {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}} for facet in FACETS
                },
            },
            "match": {
                "type": "string",
                "enum": ["all", "any", ""],
                "description": "all: every result has all the words of q; any: so few did that results with some "
                "of them follow; empty without text.",
            },
            "messages": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Parameters that were changed or left out (unknown values, impossible years), in words.",
            },
            "did_you_mean": {
                "type": ["string", "null"],
                "description": "The search with each word that no published review uses replaced by the closest word "
                "the library does use, when the search found nothing or only some of its words; otherwise null.",
            },
        },
    },
    "Review": {
        "type": "object",
        "required": [
            "title",
            "slug",
            "url",
            "board",
            "region",
            "review_type",
            "published",
            "age_band",
            "themes",
            "snippet",
        ],  # fmt: skip
        "additionalProperties": False,
        "properties": {
            "title": {"type": "string"},
            "slug": SLUG,
            "url": {"type": "string", "format": "uri", "description": "The review's page."},
            "board": {"type": "string"},
            "region": {"type": "string"},
            "review_type": {"type": "string", "enum": REVIEW_TYPES},
            "published": {
                "type": "string",
                "pattern": r"^\d{4}(-\d{2}-\d{2})?$",
                "description": "YYYY-MM-DD, or YYYY when the board gave only the year.",
            },
            "age_band": {"type": "string", "enum": [*AGE_BANDS, ""]},
            "themes": {"type": "array", "items": SLUG, "description": "Theme slugs."},
            "snippet": {
                "type": "string",
                "description": "HTML: a few lines of the summary, escaped, the matched words in <mark>.",
            },
        },
    },
    "FacetValue": {
        "type": "object",
        "required": ["value", "label", "count"],
        "additionalProperties": False,
        "properties": {
            "value": {"type": "string", "description": "What the parameter of the same name takes."},
            "label": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
        },
    },
    "SimilarReviews": {
        "type": "object",
        "required": ["results"],
        "properties": {
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["slug", "title", "url", "score", "shared_themes"],
                    "properties": {
                        "slug": SLUG,
                        "title": {"type": "string"},
                        "url": {"type": "string"},
                        "score": {"type": "number"},
                        "shared_themes": {"type": "array", "items": {"type": "string"}},
                    },
                },
            }
        },
    },
    "Error": ERROR,
}

SEARCH = {
    "get": {
        "operationId": "searchReviews",
        "summary": "Search published reviews: one page of results and every facet's counts",
        "description": "The search page's parameters. Unknown values, impossible years and the like never cause "
        "an error: they are left out and described in messages.",
        "parameters": [*SEARCH_PARAMETERS, PAGE_PARAMETER],
        "responses": {
            "200": {
                "description": "A page of results.",
                "headers": {"Access-Control-Allow-Origin": {"schema": {"type": "string", "const": "*"}}},
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResults"}}},
            },
            "429": TOO_MANY_REQUESTS,
        },
    }
}
EXPORT = {
    "get": {
        "operationId": "exportReviews",
        "summary": "Every matching review as CSV (at most 10,000 by default; a longer search ends with a line "
        "saying so)",
        "description": "Columns: title, url, reference, review_type, board, region, published, age_band, themes, "
        "agencies, summary. A cell a spreadsheet would run as a formula starts with '.",
        "parameters": SEARCH_PARAMETERS,
        "responses": {
            "200": {"description": "The CSV file.", "content": {"text/csv": {"schema": {"type": "string"}}}},
            "429": TOO_MANY_REQUESTS_PAGE,
        },
    }
}
SIMILAR = {
    "get": {
        "operationId": "similarReviews",
        "summary": "Published reviews like this one, most alike first",
        "parameters": [{"name": "slug", "in": "path", "required": True, "schema": SLUG}],
        "responses": {
            "200": {
                "description": "Similar reviews.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SimilarReviews"}}},
            },
            "404": {"description": "No published review has this slug."},
            "429": TOO_MANY_REQUESTS,
        },
    }
}


def _served(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def openapi_document() -> dict:
    paths = {"/api/reviews/": SEARCH, "/reviews/export.csv": EXPORT}
    # Similar reviews come with the suggestions work; described once this portal serves them.
    if _served("/api/reviews/any-review/similar/"):
        paths["/api/reviews/{slug}/similar/"] = SIMILAR
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "SCR Learning Portal open data",
            "version": "1",
            "description": "Published safeguarding reviews (serious case reviews, child safeguarding practice "
            "reviews, safeguarding adult reviews, domestic homicide reviews, Welsh practice reviews), searchable "
            "without signing in. Every response carries Access-Control-Allow-Origin: *. Each client address may "
            "make a limited number of requests a minute; past it the answer is 429 with Retry-After.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }


@require_safe
def openapi_json(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(openapi_document())
    response["Access-Control-Allow-Origin"] = "*"
    return response
