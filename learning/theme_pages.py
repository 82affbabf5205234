"""What a theme's learning page shows, from published reviews: frequency and trend, recent findings, related themes.

Frequency and trend are the dashboards' own figures (themes.trends: the same years, counts, shares and test for
change), so the theme page and the dashboard never disagree.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from reviews.models import Finding, Review
from themes import trends
from themes.models import Theme
from themes.suggestions.findings import findings_about

from .models import Feedback, ThemeLearning
from .theme_words import distinct, mentions_theme

RECENT_FINDINGS = 5
RELATED_THEMES = 5
# Reviews looked at for each finding quoted: tagged reviews whose findings are about other things are passed over.
CANDIDATES_PER_FINDING = 4


@dataclass
class ThemeFrequency:
    """One theme's row of the national dashboard, in the words a practitioner reads."""

    period: trends.Cell  # reviews with the theme, of all reviews published in `years`
    years: list[tuple[int, trends.Cell]] = field(default_factory=list)
    recent_years: list[int] = field(default_factory=list)
    earlier_years: list[int] = field(default_factory=list)
    recent: trends.Cell | None = None
    earlier: trends.Cell | None = None
    change: trends.Comparison | None = None
    # Other themes' ids by how many reviews in the same years carry both (most first): the dashboards' pairs.
    together: list[int] = field(default_factory=list)

    @property
    def span(self) -> str:
        return _span([year for year, _ in self.years])

    @property
    def summary_sentence(self) -> str:
        if not self.period.total:
            return "No reviews have been published yet."
        reviews = "review" if self.period.total == 1 else "reviews"
        return (
            f"{self.period.count_text} of the {self.period.total_text} {reviews} published in {self.span} "
            f"({self.period.share_text}) found learning about this theme."
        )

    @property
    def trend(self) -> str:
        """ "more often", "less often", "no clear change", or "" when there is nothing to compare."""
        if not self.recent_years or not self.earlier_years or self.recent is None or self.earlier is None:
            return ""
        if self.change is None:
            return "too few to tell"
        if not self.change.significant:
            return "no clear change"
        return "more often" if self.change.higher else "less often"

    @property
    def trend_sentence(self) -> str:
        if not self.trend:
            return ""
        if self.trend == "too few to tell":
            return "There are too few reviews to tell whether this theme is coming up more or less often."
        compared = (
            f"In {_span(self.recent_years)}, {self.recent.share_text} of published reviews had this theme, "
            f"compared with {self.earlier.share_text} in {_span(self.earlier_years)}"
        )
        if self.trend == "no clear change":
            return f"{compared}: no clear change."
        return f"{compared}: {self.change.evidence} that it is coming up {self.trend}."


def _span(years: list[int]) -> str:
    if not years:
        return ""
    return str(years[0]) if len(years) == 1 else f"{years[0]} to {years[-1]}"


def theme_frequency(theme: Theme) -> ThemeFrequency:
    """The theme's figures from the national dashboard's default view (its last ten years). Cached by trends."""
    figures = trends.Figures()
    filters = figures.default_filters()
    if filters is None:
        return ThemeFrequency(period=trends.Cell(0, 0))
    cube = figures.cube(filters)
    dashboard = trends.build_dashboard(figures.meta, cube, filters)
    row = next((row for row in dashboard.themes if row.theme.id == theme.pk), None)
    if row is None:  # a theme made since the figures were cached
        return ThemeFrequency(period=trends.Cell(0, dashboard.period_total.count))
    return ThemeFrequency(
        period=row.period,
        years=list(zip(filters.years, row.by_year, strict=True)),
        recent_years=filters.recent,
        earlier_years=filters.earlier,
        recent=row.recent,
        earlier=row.earlier,
        change=row.change,
        together=_together(cube.pairs.get(None, {}), theme.pk),
    )


def _together(pairs: dict[tuple[int, int], int], theme_id: int) -> list[int]:
    counts = {}
    for (first, second), count in pairs.items():
        if theme_id in (first, second) and count:
            counts[second if first == theme_id else first] = count
    return sorted(counts, key=lambda other: -counts[other])


def recent_reviews_with_findings(theme: Theme, limit: int = RECENT_FINDINGS) -> list[Review]:
    """The newest published reviews on the theme with a finding about it (two or three queries), each finding said
    once.

    Each gets `theme_finding`: once the suggestion model has said which findings are about which theme, the finding
    about this theme it is surest of; before that, its first finding that uses the theme's name or a synonym
    (learning.theme_words). Only the newest CANDIDATES_PER_FINDING * `limit` reviews are looked at, so the cost does
    not grow with the library.
    """
    about = findings_about(theme)
    if about.exists():
        reviews = list(
            Review.objects.published()
            .filter(themes=theme, pk__in=about.values("review_id"))
            .select_related("board")
            .prefetch_related(Prefetch("findings", queryset=about, to_attr="findings_about_theme"))
            .newest_first()[: limit * CANDIDATES_PER_FINDING]
        )
        for review in reviews:
            review.theme_finding = review.findings_about_theme[0]
        return distinct(reviews, text=lambda review: review.theme_finding.text)[:limit]
    findings = Finding.objects.annotate(on_theme=mentions_theme(theme)).order_by("position", "id")
    reviews = list(
        Review.objects.published()
        .filter(themes=theme, pk__in=Finding.objects.values("review_id"))
        .select_related("board")
        .prefetch_related(Prefetch("findings", queryset=findings))
        .newest_first()[: limit * CANDIDATES_PER_FINDING]
    )
    for review in reviews:
        review.theme_finding = next((finding for finding in review.findings.all() if finding.on_theme), None)
    on_theme = [review for review in reviews if review.theme_finding is not None]
    return distinct(on_theme, text=lambda review: review.theme_finding.text)[:limit]


def related_themes(theme: Theme, learning: ThemeLearning | None, frequency: ThemeFrequency) -> list[Theme]:
    """The editors' choice when they made one; otherwise the themes most often tagged on the same reviews."""
    if learning is not None:
        chosen = list(learning.related_themes.all())
        if chosen:
            return chosen
    ids = frequency.together[:RELATED_THEMES]
    found = Theme.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


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
