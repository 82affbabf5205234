from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render

from reviews import freshness
from reviews.models import Board, Review
from reviews.page_cache import cache_public_page, generation
from reviews.pagination import paginate
from reviews.spreadsheets import csv_download

from . import charts, regional, trends
from .forms import DashboardFilterForm
from .models import Theme


@cache_public_page
def theme_index(request: HttpRequest) -> HttpResponse:
    themes = Theme.objects.all()
    # Counting every published review's tags takes a while at national scale: cached until the next change the
    # public can see to reviews or their labels (themes included).
    counts = freshness.cached(
        freshness.SEARCH,
        "theme-counts",
        Review.objects.published().theme_counts,
        number=generation(request),
        where="local",
    )
    groups = [
        (label, [(theme, counts.get(theme.id, 0)) for theme in themes if theme.group == value])
        for value, label in Theme.Group.choices
    ]
    return render(request, "themes/theme_index.html", {"groups": groups})


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    reviews = Review.objects.published().filter(themes=theme).for_listing().newest_first()
    return render(request, "themes/theme_detail.html", {"theme": theme, **paginate(request, reviews)})


def _region_or_404(figures: trends.Figures, slug: str) -> trends.RegionInfo:
    region = figures.meta.region(slug)
    if region is None:
        raise Http404("There is no region with that name.")
    return region


def _render_dashboard(request: HttpRequest, figures: trends.Figures, region: trends.RegionInfo | None):
    form = DashboardFilterForm(request.GET, meta=figures.meta)
    filters = form.filters()
    dashboard = None
    if filters is not None:
        dashboard = (
            trends.regional_dashboard(figures, filters, region)
            if region
            else trends.national_dashboard(figures, filters)
        )
    context = {
        "form": form,
        "selected": form.selected(filters, region.slug if region else ""),
        "meta": figures.meta,
        "region": region,
        "dashboard": dashboard,
        "charts": charts.dashboard_charts(dashboard) if dashboard else {},
        "by_period": regional.grouped_years(dashboard) if dashboard else None,
        "regions": regional.regions_with_reviews(dashboard) if dashboard else [],
    }
    return render(request, "themes/dashboard.html", context)


def dashboard(request: HttpRequest) -> HttpResponse:
    figures = trends.Figures()
    if request.GET.get("region"):
        # The region picker submits here; a chosen region has its own page at a stable address.
        form = DashboardFilterForm(request.GET, meta=figures.meta)
        if form.is_valid():
            region = _region_or_404(figures, form.cleaned_data["region"])
            query = request.GET.copy()
            query.pop("region")
            return redirect(f"{region.get_absolute_url()}?{query.urlencode()}" if query else region.get_absolute_url())
    return _render_dashboard(request, figures, None)


def regional_dashboard(request: HttpRequest, region_slug: str) -> HttpResponse:
    figures = trends.Figures()
    return _render_dashboard(request, figures, _region_or_404(figures, region_slug))


def _csv(request: HttpRequest, figures: trends.Figures, region: trends.RegionInfo | None) -> HttpResponse:
    form = DashboardFilterForm(request.GET, meta=figures.meta)
    if not form.is_valid():
        problems = "; ".join(error for errors in form.errors.values() for error in errors)
        return HttpResponseBadRequest(f"These choices cannot be used: {problems}.", content_type="text/plain")
    filters = form.filters()
    name = f"themes-{region.slug if region else 'all-regions'}"
    if filters is not None:
        name += f"-{filters.year_from}-{filters.year_to}" + (
            f"-{filters.review_type.lower()}" if filters.review_type else ""
        )
    if filters is None:
        return csv_download(f"{name}.csv", trends.CSV_HEADER, [])
    dashboard = (
        trends.regional_dashboard(figures, filters, region) if region else trends.national_dashboard(figures, filters)
    )
    return csv_download(f"{name}.csv", trends.CSV_HEADER, trends.csv_rows(dashboard))


def dashboard_csv(request: HttpRequest) -> HttpResponse:
    return _csv(request, trends.Figures(), None)


def regional_dashboard_csv(request: HttpRequest, region_slug: str) -> HttpResponse:
    figures = trends.Figures()
    return _csv(request, figures, _region_or_404(figures, region_slug))


def board_profile_context(board) -> dict:
    """The board page's theme profile and its chart (board_detail below); board.region must be loaded."""
    profile = trends.board_profile(trends.Figures(), board)
    compared, few = regional.board_themes(profile) if profile else ([], [])
    chart = charts.board_chart(profile, board.name) if compared else None  # no colour key for bars not drawn
    return {"profile": profile, "board_chart": chart, "compared_themes": compared, "few_themes": few}


def board_detail(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_object_or_404(Board.objects.select_related("region"), slug=slug)
    reviews = Review.objects.published().filter(board=board).for_listing().newest_first()
    context = {"board": board, **board_profile_context(board), **paginate(request, reviews)}
    return render(request, "themes/board_detail.html", context)
