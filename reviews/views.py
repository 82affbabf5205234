from pathlib import PurePath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from scrportal.ratelimit import rate_limited

from .downloads import uploaded_file_response
from .filters import ReviewSearchFilter
from .links import linked_reviews
from .models import Review, ReviewQuerySet
from .page_cache import cache_public_page, search_vocabulary
from .search import search_page_context, search_reviews
from .spelling import suggestion


@rate_limited("search")
@cache_public_page(search=True)
def review_list(request: HttpRequest) -> HttpResponse:
    """The search page: free text, facets with counts, ranked results (reviews.search does the work)."""
    filterset = ReviewSearchFilter(request.GET, vocabulary=search_vocabulary(request))
    params, messages = filterset.search_params()
    result = search_reviews(params, filterset.vocabulary)
    context = search_page_context(result, [*messages, *result.messages])
    did_you_mean = suggestion(result, filterset.vocabulary.generation)
    if did_you_mean:
        context["did_you_mean"] = {"q": did_you_mean, "query": result.query_string(q=did_you_mean, page=1)}
    return render(request, "reviews/review_list.html", context)


def _get_review_for_user(request: HttpRequest, slug: str, reviews: ReviewQuerySet | None = None) -> Review:
    """The review at `slug` if this visitor may see it: published ones for everyone, others for their editors."""
    reviews = Review.objects.all() if reviews is None else reviews
    return get_object_or_404(reviews.visible_to(request.user), slug=slug)


def review_detail(request: HttpRequest, slug: str) -> HttpResponse:
    review = _get_review_for_user(request, slug, Review.objects.for_detail())
    context = {"review": review, "linked_reviews": linked_reviews(review, request.user)}
    return render(request, "reviews/review_detail.html", context)


def review_document(request: HttpRequest, slug: str) -> FileResponse:
    """The original uploaded document, only for those who may see the review; always downloaded, never shown."""
    review = _get_review_for_user(request, slug)
    if not review.source_document:
        raise Http404("This review has no document.")
    try:
        handle = review.source_document.open("rb")
    except FileNotFoundError:
        raise Http404("The document is missing.") from None
    name = review.source_document.name
    download_name = f"{review.slug}{PurePath(name).suffix.lower()}"
    return uploaded_file_response(handle, stored_name=name, download_name=download_name)
