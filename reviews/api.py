"""Open data: the search as JSON (GET /api/reviews/) and every match as CSV (GET /reviews/export.csv).

Both take the search page's parameters, through the same FilterSet and reviews.search, so the page, the API
and the export can never disagree. Neither needs signing in: they only ever read published reviews.
"""

from collections.abc import Iterator

from django.http import HttpRequest, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from .filters import ReviewSearchFilter
from .search import FACETS, iter_matches, search_reviews
from .spreadsheets import csv_download

CSV_COLUMNS = [
    "title",
    "url",
    "reference",
    "review_type",
    "board",
    "region",
    "published",
    "age_band",
    "themes",
    "agencies",
    "summary",
]
# A cell starting with one of these is a formula to a spreadsheet (CSV injection), so it gets a leading quote.


def _open(response):
    # Open data: any web page may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def review_search_api(request: HttpRequest) -> JsonResponse:
    filterset = ReviewSearchFilter(request.GET)
    params, messages = filterset.search_params()
    result = search_reviews(params, filterset.vocabulary)
    data = {
        "count": result.count,
        "page": result.page,
        "pages": result.pages,
        "results": [
            {
                "title": row.title,
                "slug": row.slug,
                "url": request.build_absolute_uri(row.url),
                "board": row.board,
                "region": row.region,
                "review_type": row.review_type,
                "published": row.published,
                "age_band": row.age_band,
                "themes": [slug for slug, _ in row.themes],
                "snippet": str(row.snippet),
            }
            for row in result.results
        ],
        "facets": {
            facet: [{"value": v.value, "label": v.label, "count": v.count} for v in result.facets[facet]]
            for facet in FACETS
        },
        # "all": results have every word of q; "any": few did, so results with some of them follow; "": no text
        "match": result.match,
        "messages": [*messages, *result.messages],
    }
    return _open(JsonResponse(data))


def _csv_rows(request: HttpRequest, rows: Iterator[dict]) -> Iterator[list]:
    for row in rows:
        published = row["published_on"]
        yield [
            row["title"],
            request.build_absolute_uri(reverse("reviews:detail", args=[row["slug"]])),
            row["reference"],
            row["review_type"],
            row["board"],
            row["region"],
            published.year if row["published_year_only"] else published.isoformat(),
            row["age_band"],
            row["themes"],
            row["agencies"],
            row["summary"],
        ]


@require_safe
def review_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    filterset = ReviewSearchFilter(request.GET)
    params, _ = filterset.search_params()
    rows = iter_matches(params, filterset.vocabulary)
    return _open(csv_download("reviews.csv", CSV_COLUMNS, _csv_rows(request, rows), streamed=True))
