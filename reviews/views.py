import mimetypes
from pathlib import PurePath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import requires_csrf_token

from themes.models import Theme
from themes.views import board_profile_context

from .filters import ReviewSearchFilter
from .links import linked_reviews
from .models import Board, Review, ReviewQuerySet
from .pagination import paginate
from .search import search_page_context, search_reviews


def home(request: HttpRequest) -> HttpResponse:
    published = Review.objects.published()
    context = {
        "latest": published.for_listing().newest_first()[:6],
        "review_count": published.count(),
        "themes": Theme.objects.all(),
    }
    return render(request, "reviews/home.html", context)


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


def board_detail(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_object_or_404(Board.objects.select_related("region"), slug=slug)
    reviews = Review.objects.published().filter(board=board).for_listing().newest_first()
    context = {"board": board, **board_profile_context(board), **paginate(request, reviews)}
    return render(request, "reviews/board_detail.html", context)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without a request context: the failure may have come from the database or a context processor.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
