"""The search's parameters, shared by the search page, the JSON API and the CSV export.

The FilterSet declares every parameter (its name is the API's name) and validates it; `search_params()` turns
the request into a `SearchParams` for `reviews.search.search_reviews`, which does the filtering in SQL so that
facet counts follow the faceting rule in one pass. Bad input never raises: unknown values are left out and
described in `messages`, so a stale bookmark still shows a sensible page.
"""

import django_filters
from django import forms

from .models import Review
from .search import (
    FACET_LABELS,
    MAX_PAGE,
    MAX_VALUES,
    MAX_YEAR,
    MIN_YEAR,
    SORTS,
    SearchParams,
    Vocabulary,
    clean_query_text,
    load_vocabulary,
)


def _shown(value: str) -> str:
    """A value from the query string made fit to repeat in a message."""
    printable = "".join(ch for ch in str(value) if ch.isprintable())
    return printable if len(printable) <= 40 else printable[:39] + "…"


class KnownValuesField(forms.MultipleChoiceField):
    """Keeps the values it knows and notes the others, rather than rejecting the whole parameter.

    `known`: the values it knows, when they are many (boards): looked up, not copied into choices with every form.
    """

    def __init__(self, *args, known=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known = known

    def valid_value(self, value):
        return value in self.known if self.known is not None else super().valid_value(value)

    def clean(self, value):
        values = [str(v) for v in (value or [])][: MAX_VALUES * 2]
        self.unknown = [v for v in values if not self.valid_value(v)]
        return list(dict.fromkeys(v for v in values if self.valid_value(v)))[:MAX_VALUES]


class YearsField(forms.MultipleChoiceField):
    """Years as whole numbers in a plausible range; anything else is noted and left out."""

    def clean(self, value):
        years, self.unknown = [], []
        for raw in [str(v) for v in (value or [])][: MAX_VALUES * 2]:
            year = _year(raw)
            (years if year is not None else self.unknown).append(year if year is not None else raw)
        return list(dict.fromkeys(years))[:MAX_VALUES]


class YearField(forms.CharField):
    def clean(self, value):
        raw = (value or "").strip()
        year = _year(raw)
        self.unknown = [raw] if raw and year is None else []
        return year


class SortField(forms.CharField):
    def clean(self, value):
        raw = (value or "").strip()
        self.unknown = [raw] if raw and raw not in SORTS else []
        return raw if raw in SORTS else ""


def _year(raw: str) -> int | None:
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 4):
        return None
    year = int(raw)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


class QueryField(forms.CharField):
    def clean(self, value):
        # Not CharField's validation: a null character or a huge query is cleaned up later, not rejected.
        return value if isinstance(value, str) else ""


class FacetFilter(django_filters.MultipleChoiceFilter):
    field_class = KnownValuesField


class YearsFilter(django_filters.MultipleChoiceFilter):
    field_class = YearsField


class YearFilter(django_filters.CharFilter):
    field_class = YearField


class SortFilter(django_filters.CharFilter):
    field_class = SortField


class QueryFilter(django_filters.CharFilter):
    field_class = QueryField


class ReviewSearchFilter(django_filters.FilterSet):
    """Parameters of a review search. Region, board, theme and agency values are slugs; review_type and
    age_band values are codes; year, year_from and year_to are four-digit years."""

    q = QueryFilter(label="Search reviews")
    review_type = FacetFilter(label=FACET_LABELS["review_type"], choices=Review.ReviewType.choices)
    region = FacetFilter(label=FACET_LABELS["region"])
    board = FacetFilter(label=FACET_LABELS["board"])
    year = YearsFilter(label=FACET_LABELS["year"])
    year_from = YearFilter(label="From year")
    year_to = YearFilter(label="To year")
    age_band = FacetFilter(label=FACET_LABELS["age_band"], choices=Review.AgeBand.choices)
    theme = FacetFilter(label=FACET_LABELS["theme"])
    agency = FacetFilter(label=FACET_LABELS["agency"])
    sort = SortFilter(label="Sort by")

    class Meta:
        model = Review
        fields: list[str] = []

    def __init__(self, data=None, *, vocabulary: Vocabulary | None = None, **kwargs):
        super().__init__(data, queryset=Review.objects.published(), **kwargs)
        self.vocabulary = vocabulary or load_vocabulary()
        for name, choices in (
            ("region", self.vocabulary.regions),
            ("board", self.vocabulary.boards),
            ("theme", self.vocabulary.themes),
            ("agency", self.vocabulary.agencies),
        ):
            self.filters[name].extra["known"] = choices

    def filter_queryset(self, queryset):
        raise NotImplementedError(
            "Reviews are filtered in SQL by reviews.search.search_reviews(filterset.search_params())."
        )

    def search_params(self) -> tuple[SearchParams, list[str]]:
        """The validated search, and messages about anything in the request that was changed or left out."""
        form = self.form
        form.is_valid()  # the fields above never reject; they note what they left out
        data = form.cleaned_data
        messages: list[str] = []

        q, q_messages = clean_query_text(data.get("q") or "")
        messages += q_messages
        for name in ("review_type", "region", "board", "age_band", "theme", "agency"):
            for value in getattr(form.fields[name], "unknown", []):
                messages.append(f"There is no {FACET_LABELS[name].lower()} ‘{_shown(value)}’, so it was left out.")
        for name in ("year", "year_from", "year_to"):
            for value in getattr(form.fields[name], "unknown", []):
                messages.append(f"‘{_shown(value)}’ is not a year from {MIN_YEAR} to {MAX_YEAR}, so it was left out.")
        year_from, year_to = data.get("year_from"), data.get("year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            year_from, year_to = year_to, year_from
            messages.append("The ‘from’ year was after the ‘to’ year, so they were swapped.")
        for value in getattr(form.fields["sort"], "unknown", []):
            messages.append(f"‘{_shown(value)}’ is not a way to sort results, so the usual order is used.")

        raw_page = self.data.get("page", "") if hasattr(self.data, "get") else ""
        page = 1
        if raw_page:
            if str(raw_page).strip().isascii() and str(raw_page).strip().isdigit():
                page = min(max(int(str(raw_page).strip()), 1), MAX_PAGE)
            else:
                messages.append(f"‘{_shown(raw_page)}’ is not a page number, so the first page is shown.")

        params = SearchParams(
            q=q,
            review_type=tuple(data.get("review_type") or ()),
            region=tuple(data.get("region") or ()),
            board=tuple(data.get("board") or ()),
            year=tuple(data.get("year") or ()),
            age_band=tuple(data.get("age_band") or ()),
            theme=tuple(data.get("theme") or ()),
            agency=tuple(data.get("agency") or ()),
            year_from=year_from,
            year_to=year_to,
            sort=data.get("sort") or "",
            page=page,
        )
        return params, messages
