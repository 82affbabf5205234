"""The front door and the error pages: the project's own views, which may draw on every app."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from reviews import freshness
from reviews.models import Review
from reviews.page_cache import cache_public_page, generation
from themes.models import Theme


@cache_public_page
def home(request: HttpRequest) -> HttpResponse:
    context = freshness.cached(freshness.SEARCH, "home", _home_context, number=generation(request), where="local")
    return render(request, "home.html", context)


def _home_context() -> dict:
    # Cached until the next change the public can see to reviews or their labels (the search's generation).
    published = Review.objects.published()
    return {
        "latest": list(published.for_listing().newest_first()[:6]),
        "review_count": published.count(),
        "themes": list(Theme.objects.all()),
    }


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without a request context: the failure may have come from the database or a context processor.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
