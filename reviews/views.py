import mimetypes
from pathlib import PurePath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .filters import ReviewSearchFilter
from .links import linked_reviews
from .models import Review, ReviewQuerySet
from .search import search_page_context, search_reviews


def review_list(request: HttpRequest) -> HttpResponse:
    """The search page: free text, facets with counts, ranked results (reviews.search does the work)."""
    filterset = ReviewSearchFilter(request.GET)
    params, messages = filterset.search_params()
    result = search_reviews(params, filterset.vocabulary)
    return render(request, "reviews/review_list.html", search_page_context(result, [*messages, *result.messages]))


def _get_review_for_user(request: HttpRequest, slug: str, reviews: ReviewQuerySet | None = None) -> Review:
    """The review at `slug` if this visitor may see it: published ones for everyone, others for their editors."""
    reviews = Review.objects.all() if reviews is None else reviews
    return get_object_or_404(reviews.visible_to(request.user), slug=slug)


def review_detail(request: HttpRequest, slug: str) -> HttpResponse:
    review = _get_review_for_user(request, slug, Review.objects.for_detail())
    context = {"review": review, "linked_reviews": linked_reviews(review, request.user)}
    return render(request, "reviews/review_detail.html", context)


def review_document(request: HttpRequest, slug: str) -> FileResponse:
    """The original uploaded document, only for those who may see the review."""
    review = _get_review_for_user(request, slug)
    if not review.source_document:
        raise Http404("This review has no document.")
    try:
        handle = review.source_document.open("rb")
    except FileNotFoundError:
        raise Http404("The document is missing.") from None
    suffix = PurePath(review.source_document.name).suffix.lower()
    content_type = mimetypes.types_map.get(suffix, "application/octet-stream")
    if suffix == ".docx":
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return FileResponse(handle, content_type=content_type, filename=f"{review.slug}{suffix}")
