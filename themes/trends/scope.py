"""What the dashboards are about: themes, regions, the years with data, and the chosen filters."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Min
from django.urls import reverse

from reviews.models import Region, Review

from ..models import Theme

DEFAULT_YEARS = 10


DEFAULT_RECENT_YEARS = 3


@dataclass(frozen=True)
class ThemeInfo:
    id: int
    slug: str
    name: str

    def get_absolute_url(self) -> str:
        return reverse("themes:detail", args=[self.slug])


@dataclass(frozen=True)
class RegionInfo:
    id: int
    slug: str
    name: str

    def get_absolute_url(self) -> str:
        return reverse("themes:regional-dashboard", args=[self.slug])


@dataclass(frozen=True)
class Meta:
    first_year: int | None  # None: nothing published yet
    last_year: int | None
    themes: tuple[ThemeInfo, ...]  # by name
    regions: tuple[RegionInfo, ...]  # by name

    def region(self, slug: str) -> RegionInfo | None:
        return next((region for region in self.regions if region.slug == slug), None)


@dataclass(frozen=True)
class Filters:
    year_from: int
    year_to: int
    recent_years: int = DEFAULT_RECENT_YEARS  # the last N years of the range are "recent"; the rest "earlier"
    review_type: str = ""  # "" for every type

    @classmethod
    def default(cls, meta: Meta) -> "Filters | None":
        """The last ten years with data, the last three of them recent; None when nothing is published."""
        if meta.last_year is None:
            return None
        year_from = max(meta.first_year, meta.last_year - DEFAULT_YEARS + 1)
        return cls(year_from, meta.last_year, default_recent_years(year_from, meta.last_year))

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))

    @property
    def recent_from(self) -> int:
        return self.year_to - self.recent_years + 1

    @property
    def recent(self) -> list[int]:
        return [year for year in self.years if year >= self.recent_from]

    @property
    def earlier(self) -> list[int]:
        return [year for year in self.years if year < self.recent_from]

    @property
    def review_type_label(self) -> str:
        return Review.ReviewType(self.review_type).label if self.review_type else ""

    def query_string(self) -> str:
        """The filters as URL parameters, for links that keep them (other regions, the CSV)."""
        params = f"year_from={self.year_from}&year_to={self.year_to}&recent={self.recent_years}"
        return f"{params}&review_type={self.review_type}" if self.review_type else params


def default_recent_years(year_from: int, year_to: int) -> int:
    """Three recent years, fewer when the range is short, so that some earlier years are left to compare with."""
    return max(0, min(DEFAULT_RECENT_YEARS, year_to - year_from))


def reviews_in_scope(filters: Filters):
    """Published reviews in the filters' years and of their review type."""
    reviews = Review.objects.published().filter(
        published_on__gte=datetime.date(filters.year_from, 1, 1),
        published_on__lte=datetime.date(filters.year_to, 12, 31),
    )
    if filters.review_type:
        reviews = reviews.filter(review_type=filters.review_type)
    return reviews


def meta_from_database() -> Meta:
    dates = Review.objects.published().aggregate(first=Min("published_on"), last=Max("published_on"))
    return Meta(
        first_year=dates["first"].year if dates["first"] else None,
        last_year=dates["last"].year if dates["last"] else None,
        themes=tuple(ThemeInfo(*row) for row in Theme.objects.order_by("name").values_list("id", "slug", "name")),
        regions=tuple(RegionInfo(*row) for row in Region.objects.order_by("name").values_list("id", "slug", "name")),
    )
