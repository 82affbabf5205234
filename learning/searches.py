"""A saved search for feeds and email alerts: the search page's own GET parameters, cleaned and described.

Feeds and alerts must find exactly what the search page finds, so they use the search page's own parameter
handling (reviews.filters.ReviewSearchFilter) and matching (reviews.search.matching_ids_sql).
"""

import re
import unicodedata
from collections.abc import Mapping
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.http import QueryDict

from reviews import search
from reviews.filters import ReviewSearchFilter
from reviews.models import Agency, Board, Region, Review
from themes.models import Theme

# The search page's parameter names (also the API's), in the order a description reads them.
SEARCH_PARAMETERS = (
    "q",
    "theme",
    "review_type",
    "region",
    "board",
    "agency",
    "age_band",
    "year",
    "year_from",
    "year_to",
)
SINGLE_VALUED = {"q", "year_from", "year_to"}
MAX_VALUES = 20
MAX_LENGTH = 200
# Control characters (category C*) are not allowed in XML 1.0, so a feed could not carry them; nor can an email.
_CONTROL = {"Cc", "Cs", "Co", "Cn"}


def _without_control_characters(value: str) -> str:
    return "".join(" " if unicodedata.category(ch) in _CONTROL else ch for ch in value)


def clean_search(params: Mapping) -> dict[str, list[str]]:
    """Only the search parameters, stripped, without empty values or repeats; anything else is dropped."""
    getlist = params.getlist if isinstance(params, QueryDict) else lambda key: _as_list(params.get(key))
    cleaned: dict[str, list[str]] = {}
    for name in SEARCH_PARAMETERS:
        values: list[str] = []
        for value in getlist(name):
            value = " ".join(_without_control_characters(str(value)).split())[:MAX_LENGTH]
            if value and value not in values:
                values.append(value)
        if name in SINGLE_VALUED:
            values = values[:1]
        if name in ("year", "year_from", "year_to"):
            values = [v for v in values if v.isdigit() and len(v) == 4]
        if values:
            cleaned[name] = sorted(values[:MAX_VALUES]) if name not in SINGLE_VALUED else values
    return cleaned


def known_search(params: Mapping) -> dict[str, list[str]]:
    """The search as the search page understands it: only values it knows (unknown boards, themes, impossible
    years and the like left out), the text cleaned, no sort or page. Many query strings give the same search, so
    a cache keyed on it cannot be filled with junk."""
    query = params if isinstance(params, QueryDict) else as_query_dict(params)
    searched, _messages = ReviewSearchFilter(query).search_params()
    pairs = [(name, value) for name, value in searched.as_query() if name in SEARCH_PARAMETERS]
    return clean_search(QueryDict(urlencode(pairs)))


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def search_query_string(search: Mapping) -> str:
    """The canonical query string of a search: the same search always gives the same string."""
    cleaned = clean_search(search)
    return urlencode([(name, value) for name in SEARCH_PARAMETERS for value in cleaned.get(name, [])])


def as_query_dict(search: Mapping | str) -> QueryDict:
    query = QueryDict(mutable=True)
    if isinstance(search, str):
        return QueryDict(search)
    for name, values in clean_search(search).items():
        query.setlist(name, values)
    return query


def filtered_reviews(search: Mapping | str) -> QuerySet:
    """Published reviews matching the search, unordered. Always starts from Review.objects.published().

    Without any filter this is every published review. Otherwise the matching is the search page's own SQL
    (reviews.search), kept as a subquery so that the database applies it together with our order and limit.
    """
    query = as_query_dict(search)
    cleaned = clean_search(query)
    if not cleaned:
        return Review.objects.published()
    params, _messages = ReviewSearchFilter(query).search_params()
    return Review.objects.published().filter(pk__in=matching_ids_sql(params))


_NAMED_PARAMETER = re.compile(r"%\((\w+)\)s")


def matching_ids_sql(params) -> RawSQL:
    """The ids of the reviews a search matches, as an SQL subquery (reviews.search.matching_ids_sql); tests check
    that it finds the same reviews as the search page's export."""
    sql, values = search.matching_ids_sql(params)
    # Django's RawSQL takes positional parameters; the search module's SQL names them.
    names = _NAMED_PARAMETER.findall(sql)
    return RawSQL(_NAMED_PARAMETER.sub("%s", sql), [values[name] for name in names])  # noqa: S611 - all values are parameters


def describe_search(search: Mapping | str) -> str:
    """The search in words: 'Reviews matching “bruising” on Neglect, in London'. A few small queries."""
    cleaned = clean_search(as_query_dict(search) if isinstance(search, str) else search)
    if not cleaned:
        return "All newly published reviews"
    parts: list[str] = []
    if "q" in cleaned:
        parts.append(f"matching “{cleaned['q'][0]}”")
    for name, model, words in (
        ("theme", Theme, "on"),
        ("region", Region, "in"),
        ("board", Board, "from"),
        ("agency", Agency, "involving"),
    ):
        if name in cleaned:
            names = list(model.objects.filter(slug__in=cleaned[name]).values_list("name", flat=True))
            parts.append(f"{words} {_or_list(names or cleaned[name])}")
    if "review_type" in cleaned:
        labels = dict(Review.ReviewType.choices)
        parts.append(f"of type {_or_list([labels.get(v, v) for v in cleaned['review_type']])}")
    if "age_band" in cleaned:
        labels = dict(Review.AgeBand.choices)
        parts.append(f"about age {_or_list([labels.get(v, v).lower() for v in cleaned['age_band']])}")
    years = (cleaned.get("year_from", [""])[0], cleaned.get("year_to", [""])[0])
    if "year" in cleaned:
        parts.append(f"published in {_or_list(cleaned['year'])}")
    if all(years):
        parts.append(f"published {years[0]} to {years[1]}")
    elif years[0]:
        parts.append(f"published from {years[0]}")
    elif years[1]:
        parts.append(f"published up to {years[1]}")
    return "Reviews " + ", ".join(parts)


def _or_list(items: list[str]) -> str:
    items = sorted(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"
