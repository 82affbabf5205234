"""Open data about one review's neighbours: GET /api/reviews/<slug>/similar/ (published reviews only)."""

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from reviews.models import Review

from .suggestions.similar import similar_reviews


def published_label(review: Review) -> str | None:
    if review.published_on is None:
        return None
    return str(review.published_on.year) if review.published_year_only else review.published_on.isoformat()


@require_safe
def similar_reviews_api(request: HttpRequest, slug: str) -> JsonResponse:
    """The same list as the review page's "Reviews with similar learning", as JSON."""
    review = get_object_or_404(Review.objects.published().prefetch_related("themes"), slug=slug)
    items = similar_reviews(review)
    response = JsonResponse(
        {
            "review": review.slug,
            "similar": [
                {
                    "slug": item.review.slug,
                    "title": item.review.title,
                    "url": request.build_absolute_uri(item.review.get_absolute_url()),
                    "board": item.review.board.name,
                    "published": published_label(item.review),
                    "score": round(item.score, 3),
                    "shared_themes": [{"slug": theme.slug, "name": theme.name} for theme in item.shared_themes],
                }
                for item in items
            ],
        }
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data, like /api/reviews/
    return response
