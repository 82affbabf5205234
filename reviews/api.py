"""Open data: the search as JSON (GET /api/reviews/) and every match as CSV (GET /reviews/export.csv).

Both take the search page's parameters, through the same FilterSet and reviews.search, so the page, the API
and the export can never disagree. Neither needs signing in: they only ever read published reviews.
"""

from collections.abc import Iterator

from django.conf import settings
from django.http import HttpRequest, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from scrportal.ratelimit import rate_limited

from .filters import ReviewSearchFilter
from .page_cache import cache_public_page, search_vocabulary
from .search import FACETS, iter_matches, search_reviews
from .spelling import suggestion
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


@rate_limited("api", as_json=True)
@require_safe
@cache_public_page(search=True)
def review_search_api(request: HttpRequest) -> JsonResponse:
    filterset = ReviewSearchFilter(request.GET, vocabulary=search_vocabulary(request))
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
        # The search with misspelled words replaced by the library's closest words, or null.
        "did_you_mean": suggestion(result, filterset.vocabulary.generation),
    }
    return _open(JsonResponse(data))


def _csv_rows(request: HttpRequest, rows: Iterator[dict], *, limit: int) -> Iterator[list]:
    for n, row in enumerate(rows):
        if n == limit:
            yield [_cut_short_message(request, limit)]
            return
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


def _cut_short_message(request: HttpRequest, limit: int) -> str:
    search = request.build_absolute_uri(reverse("reviews:list"))
    query = request.GET.urlencode()
    return (
        f"This file holds only the first {limit:,} matching reviews, the most a download may hold. To get the rest, "
        f"narrow the search (by years, region or theme, for example) and download each part: "
        f"{search}{'?' + query if query else ''}"
    )


@rate_limited("csv")
@require_safe
def review_export_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Every match as CSV, up to settings.CSV_EXPORT_MAX_ROWS rows: a longer search ends with a line saying so."""
    filterset = ReviewSearchFilter(request.GET)
    params, _ = filterset.search_params()
    limit = settings.CSV_EXPORT_MAX_ROWS
    rows = iter_matches(params, filterset.vocabulary, limit=limit + 1)  # one more tells whether any were left out
    return _open(csv_download("reviews.csv", CSV_COLUMNS, _csv_rows(request, rows, limit=limit), streamed=True))
