"""What a theme's learning page shows, from published reviews: frequency and trend, recent findings, related themes.

Numbers come from `themes.trends` when it offers them; until then `theme_frequency` counts per year itself, in two
GROUP BY queries, cached in the shared cache and forgotten whenever reviews change (see receivers.py).
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Prefetch

from reviews.models import Finding, Review
from themes.models import Theme

from .models import Feedback, ThemeLearning

TREND_YEARS = 3  # compare the last three years that have reviews with the three before
RECENT_FINDINGS = 5
RELATED_THEMES = 5
_VERSION_KEY = "learning:theme-pages:version"


@dataclass
class YearCount:
    year: int
    reviews: int  # reviews with this theme published that year
    all_reviews: int  # all reviews published that year

    @property
    def share(self) -> int:
        """Per cent of that year's reviews, rounded."""
        return round(100 * self.reviews / self.all_reviews) if self.all_reviews else 0


@dataclass
class ThemeFrequency:
    reviews: int
    all_reviews: int
    years: list[YearCount] = field(default_factory=list)
    trend: str = ""  # "more often", "less often", "about as often" or "" when there are too few years

    @property
    def share(self) -> int:
        return round(100 * self.reviews / self.all_reviews) if self.all_reviews else 0

    @property
    def recent(self) -> tuple[list[YearCount], list[YearCount]]:
        """(the last TREND_YEARS years, the TREND_YEARS before), oldest first."""
        return self.years[-TREND_YEARS:], self.years[-2 * TREND_YEARS : -TREND_YEARS]

    @property
    def trend_sentence(self) -> str:
        latest, earlier = self.recent
        if not self.trend:
            return ""
        return (
            f"In {_span(latest)}, {_share(latest)}% of published reviews had this theme, compared with "
            f"{_share(earlier)}% in {_span(earlier)}: it is coming up {self.trend}."
        )


def _share(years: list[YearCount]) -> int:
    total = sum(y.all_reviews for y in years)
    return round(100 * sum(y.reviews for y in years) / total) if total else 0


def _span(years: list[YearCount]) -> str:
    return str(years[0].year) if len(years) == 1 else f"{years[0].year} to {years[-1].year}"


def _trend(years: list[YearCount]) -> str:
    latest, earlier = years[-TREND_YEARS:], years[-2 * TREND_YEARS : -TREND_YEARS]
    if len(earlier) < TREND_YEARS or not sum(y.all_reviews for y in earlier):
        return ""
    before, now = _share_exact(earlier), _share_exact(latest)
    if before == 0:
        return "more often" if now > 0 else "about as often"
    ratio = now / before
    if ratio >= 1.25:
        return "more often"
    if ratio <= 0.8:
        return "less often"
    return "about as often"


def _share_exact(years: list[YearCount]) -> float:
    total = sum(y.all_reviews for y in years)
    return sum(y.reviews for y in years) / total if total else 0.0


def cache_version() -> int:
    return cache.get_or_set(_VERSION_KEY, 1, timeout=None)


def forget_theme_figures() -> None:
    """Called when reviews change: every cached figure is recomputed on next use."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, timeout=None)


def theme_frequency(theme: Theme) -> ThemeFrequency:
    """How often the theme appears in published reviews, per year of publication, with a trend. Cached."""
    key = f"learning:theme-frequency:{cache_version()}:{theme.pk}"
    found = cache.get(key)
    if found is None:
        found = _count_theme_frequency(theme)
        cache.set(key, found, timeout=60 * 60 * 24)
    return found


def _count_theme_frequency(theme: Theme) -> ThemeFrequency:
    published = Review.objects.published()
    all_by_year = dict(
        published.values("published_on__year").annotate(n=Count("id")).values_list("published_on__year", "n")
    )
    theme_by_year = dict(
        published.filter(themes=theme)
        .values("published_on__year")
        .annotate(n=Count("id", distinct=True))
        .values_list("published_on__year", "n")
    )
    years = [YearCount(year, theme_by_year.get(year, 0), total) for year, total in sorted(all_by_year.items())]
    return ThemeFrequency(
        reviews=sum(theme_by_year.values()), all_reviews=sum(all_by_year.values()), years=years, trend=_trend(years)
    )


def recent_reviews_with_findings(theme: Theme, limit: int = RECENT_FINDINGS) -> list[Review]:
    """The newest published reviews on the theme that have findings, with their findings (two queries)."""
    reviews = (
        Review.objects.published()
        .filter(themes=theme, pk__in=Finding.objects.values("review_id"))
        .select_related("board")
        .prefetch_related(Prefetch("findings", queryset=Finding.objects.order_by("position", "id")))
        .newest_first()
    )
    return list(reviews[:limit])


def related_themes(theme: Theme, learning: ThemeLearning | None) -> list[Theme]:
    """The editors' choice when they made one; otherwise the themes most often tagged on the same reviews."""
    if learning is not None:
        chosen = list(learning.related_themes.all())
        if chosen:
            return chosen
    return list(
        Theme.objects.filter(reviews__in=Review.objects.published().filter(themes=theme))
        .exclude(pk=theme.pk)
        .annotate(together=Count("reviews"))
        .order_by("-together", "name")[:RELATED_THEMES]
    )


def theme_learning_for(theme: Theme) -> ThemeLearning | None:
    """The editors' content for the theme, with questions and good practice points (three queries), or None."""
    return (
        ThemeLearning.objects.filter(theme=theme)
        .prefetch_related("questions", "good_practice", "related_themes")
        .first()
    )


def theme_learnings_for(themes: list[Theme]) -> list[ThemeLearning]:
    """The editors' content for several themes, in the order of `themes` (three queries, none without themes)."""
    if not themes:
        return []
    order = {theme.pk: index for index, theme in enumerate(themes)}
    found = ThemeLearning.objects.filter(theme__in=themes).select_related("theme")
    found = found.prefetch_related("questions", "good_practice")
    return sorted(found, key=lambda learning: order[learning.theme_id])


def theme_feedback(theme: Theme) -> list[dict]:
    """Practitioners' answers on all published reviews with the theme, by discipline."""
    return Feedback.objects.filter(review__in=Review.objects.published().filter(themes=theme)).counts_by_discipline()
