from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from reviews.models import Review
from reviews.pagination import paginate

from .models import Theme


def theme_index(request: HttpRequest) -> HttpResponse:
    themes = Theme.objects.all()
    counts = Review.objects.published().theme_counts()
    groups = [
        (label, [(theme, counts.get(theme.id, 0)) for theme in themes if theme.group == value])
        for value, label in Theme.Group.choices
    ]
    return render(request, "themes/theme_index.html", {"groups": groups})


def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    reviews = Review.objects.published().filter(themes=theme).for_listing().newest_first()
    return render(request, "themes/theme_detail.html", {"theme": theme, **paginate(request, reviews)})
