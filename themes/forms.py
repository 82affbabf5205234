from django import forms

from reviews.models import Review

from .trends import DEFAULT_YEARS, Filters, Meta, default_recent_years

MAX_RECENT_YEARS = 5


class DashboardFilterForm(forms.Form):
    """The dashboards' choices (GET parameters, shared by the pages and the CSV downloads)."""

    region = forms.ChoiceField(label="Region", required=False)
    review_type = forms.ChoiceField(
        label="Type of review", required=False, choices=[("", "All types"), *Review.ReviewType.choices]
    )
    year_from = forms.TypedChoiceField(label="From", coerce=int, required=False, empty_value=None)
    year_to = forms.TypedChoiceField(label="To", coerce=int, required=False, empty_value=None)
    recent = forms.TypedChoiceField(
        label="Recent years",
        help_text="Themes are compared between these last years and the years before them.",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[(n, f"Last {n} year{'s' if n > 1 else ''}") for n in range(1, MAX_RECENT_YEARS + 1)],
    )

    def __init__(self, data, *, meta: Meta):
        super().__init__(data)
        self.meta = meta
        self.fields["region"].choices = [("", "All regions"), *((r.slug, r.name) for r in meta.regions)]
        years = list(range(meta.last_year, meta.first_year - 1, -1)) if meta.last_year is not None else []
        # Blank means the default (the last ten years with data); the page preselects what is in use.
        self.fields["year_from"].choices = [(y, str(y)) for y in years]
        self.fields["year_to"].choices = [(y, str(y)) for y in years]
        self.fields["year_from"].error_messages["invalid_choice"] = "Choose a first year that has published reviews"
        self.fields["year_to"].error_messages["invalid_choice"] = "Choose a last year that has published reviews"
        self.fields["review_type"].error_messages["invalid_choice"] = "Choose a type of review from the list"
        self.fields["region"].error_messages["invalid_choice"] = "Choose a region from the list"
        self.fields["recent"].error_messages["invalid_choice"] = f"Choose between 1 and {MAX_RECENT_YEARS} recent years"

    def clean(self):
        data = super().clean()
        if self.meta.last_year is None:
            return data
        year_to = data.get("year_to") or self.meta.last_year
        year_from = data.get("year_from") or max(self.meta.first_year, year_to - DEFAULT_YEARS + 1)
        if "year_from" in data and "year_to" in data and year_from > year_to:
            self.add_error("year_from", "The first year must be the same as or before the last year")
            return data
        recent = data.get("recent")
        if recent is not None and recent > year_to - year_from:
            self.add_error(
                "recent",
                "Choose fewer recent years than the years shown, so that there are earlier years to compare with",
            )
            return data
        data["filters"] = Filters(
            year_from=year_from,
            year_to=year_to,
            recent_years=recent if recent is not None else default_recent_years(year_from, year_to),
            review_type=data.get("review_type") or "",
        )
        return data

    def selected(self, filters: Filters | None, region: str = "") -> dict[str, str]:
        """What each list shows as chosen: the visitor's own choice, else what is in use."""
        in_use = {"region": region}
        if filters:
            in_use |= {
                "year_from": filters.year_from,
                "year_to": filters.year_to,
                "recent": filters.recent_years,
                "review_type": filters.review_type,
            }
        return {name: str(self.data.get(name) or in_use.get(name, "")) for name in self.fields}

    def filters(self) -> Filters | None:
        """The chosen filters when the form is valid, otherwise the defaults (the page shows the errors)."""
        if self.is_valid():
            return self.cleaned_data.get("filters")
        return Filters.default(self.meta)
