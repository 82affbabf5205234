"""The reviews' text and tags as the suggestion model reads them, in a few queries for any number of reviews."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import StringAgg

from reviews.models import Finding, Recommendation, Review


@dataclass
class ReviewText:
    id: int
    title: str
    summary: str
    findings: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)  # slugs
    agencies: list[str] = field(default_factory=list)  # slugs

    @property
    def learning_text(self) -> str:
        """What "similar learning" compares: title, summary and findings."""
        return "\n".join([self.title, self.summary, *self.findings])

    @property
    def full_text(self) -> str:
        """What the theme model reads: the learning text and the recommendations."""
        return "\n".join([self.learning_text, *self.recommendations])


def document_text(*, title: str, summary: str, findings: list[str], recommendations: list[str]) -> ReviewText:
    """A document not in the library (an upload, an ingested file) in the same shape."""
    return ReviewText(0, title, summary, list(findings), list(recommendations))


def review_texts(reviews) -> list[ReviewText]:
    """The text, themes and agencies of `reviews` (a Review queryset), in id order: four queries."""
    reviews = reviews.order_by("id")
    ids = reviews.values("id")
    texts = {pk: ReviewText(pk, title, summary) for pk, title, summary in reviews.values_list("id", "title", "summary")}
    for model, attribute in ((Finding, "findings"), (Recommendation, "recommendations")):
        rows = (
            model.objects.filter(review_id__in=ids)
            .values("review_id")
            .annotate(joined=StringAgg("text", delimiter="\x1e", order_by=("position", "id")))
            .values_list("review_id", "joined")
        )
        for review_id, joined in rows:
            setattr(texts[review_id], attribute, joined.split("\x1e"))
    for through, attribute, slug_field in (
        (Review.themes.through, "themes", "theme__slug"),
        (Review.agencies.through, "agencies", "agency__slug"),
    ):
        for review_id, slug in through.objects.filter(review_id__in=ids).values_list("review_id", slug_field):
            getattr(texts[review_id], attribute).append(slug)
    return list(texts.values())


def review_theme_slugs(review_ids: list[int]) -> dict[int, set[str]]:
    """{review id: its theme slugs} in one query."""
    found = defaultdict(set)
    rows = Review.themes.through.objects.filter(review_id__in=review_ids).values_list("review_id", "theme__slug")
    for review_id, slug in rows:
        found[review_id].add(slug)
    return found
