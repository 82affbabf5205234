"""What a search was asked for and what it found: the parameters, the facets, the rows and the result.

The page, the JSON API and the CSV export all speak in these types. Values are slugs or codes, as in URLs.
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.utils.safestring import SafeString

PAGE_SIZE = 20


MAX_QUERY_LENGTH = 500  # characters; longer queries are cut, with a message


MAX_TERMS = 20  # words used by the "any of these words" fallback


MAX_VALUES = 50  # values of one facet taken from the query string


MAX_PAGE = 100_000


MIN_YEAR = 1970


MAX_YEAR = 2100


FACETS = ("review_type", "region", "board", "year", "age_band", "theme", "agency")


FACET_LABELS = {
    "review_type": "Review type",
    "region": "Region",
    "board": "Board",
    "year": "Year published",
    "age_band": "Age",
    "theme": "Theme",
    "agency": "Agency",
}


SORTS = {"relevance": "Best match", "newest": "Newest first", "oldest": "Oldest first"}


@dataclass(frozen=True)
class SearchParams:
    """A validated search: what the page, the API and the export were asked for. Values are slugs or codes."""

    q: str = ""
    review_type: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    board: tuple[str, ...] = ()
    year: tuple[int, ...] = ()
    age_band: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    agency: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    sort: str = ""  # "" means the default: best match with text, newest without
    page: int = 1

    @property
    def effective_sort(self) -> str:
        if self.sort in SORTS and (self.sort != "relevance" or self.q):
            return self.sort
        return "relevance" if self.q else "newest"

    @property
    def has_filters(self) -> bool:
        return any(getattr(self, name) for name in FACETS) or self.year_from is not None or self.year_to is not None

    def facet_values(self, facet: str) -> tuple:
        return getattr(self, facet)

    def without(self, facet: str, value=None) -> "SearchParams":
        """These parameters with one facet value (or the whole facet, or the text with facet "q") taken away."""
        if facet == "q":
            return replace(self, q="", page=1)
        if facet in ("year_from", "year_to"):
            return replace(self, **{facet: None}, page=1)
        values = getattr(self, facet)
        kept = () if value is None else tuple(v for v in values if v != value)
        return replace(self, **{facet: kept}, page=1)

    def as_query(self) -> list[tuple[str, str]]:
        """Query-string pairs for these parameters (the URL holds the whole state)."""
        pairs: list[tuple[str, str]] = []
        if self.q:
            pairs.append(("q", self.q))
        for facet in FACETS:
            pairs.extend((facet, str(value)) for value in getattr(self, facet))
        if self.year_from is not None:
            pairs.append(("year_from", str(self.year_from)))
        if self.year_to is not None:
            pairs.append(("year_to", str(self.year_to)))
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        return pairs


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class ResultRow:
    id: int
    title: str
    slug: str
    url: str
    review_type: str
    review_type_label: str
    board: str
    board_slug: str
    region: str
    region_slug: str
    published_on: str  # YYYY-MM-DD
    published_year_only: bool
    age_band: str
    age_band_label: str
    themes: list[tuple[str, str]]  # (slug, name)
    snippet: SafeString

    @property
    def year(self) -> str:
        return self.published_on[:4]

    @property
    def published(self) -> str:
        """As in the import format: YYYY when only the year is known, otherwise YYYY-MM-DD."""
        return self.year if self.published_year_only else self.published_on


@dataclass
class SearchResult:
    params: SearchParams
    count: int
    page: int
    pages: int
    results: list[ResultRow]
    facets: dict[str, list[FacetValue]]
    # "all": every word matched; "any": the fallback, best partial matches first; "": no text searched
    match: str = ""
    every_word: int = 0  # with match "any": how many reviews have every word (they come first)
    messages: list[str] = field(default_factory=list)

    @property
    def sort(self) -> str:
        return self.params.effective_sort

    def selected_filters(self) -> list[dict]:
        """Each active filter with its label and the query string of this search without it."""
        labels = {facet: {v.value: v.label for v in values} for facet, values in self.facets.items()}
        selected = []
        if self.params.q:
            selected.append({"facet": "Search", "label": f"‘{self.params.q}’", "query": self.params.without("q")})
        for facet in FACETS:
            for value in self.params.facet_values(facet):
                label = labels[facet].get(str(value), str(value))
                selected.append(
                    {"facet": FACET_LABELS[facet], "label": label, "query": self.params.without(facet, value)}
                )
        if self.params.year_from is not None:
            selected.append(
                {"facet": "From", "label": str(self.params.year_from), "query": self.params.without("year_from")}
            )
        if self.params.year_to is not None:
            selected.append({"facet": "To", "label": str(self.params.year_to), "query": self.params.without("year_to")})
        for item in selected:
            item["query"] = urlencode(item["query"].as_query())
        return selected

    def query_string(self, **changes) -> str:
        """This search's query string, with some parameters changed (e.g. page=2)."""
        return urlencode(replace(self.params, **changes).as_query())


_CONTROL = {"Cc", "Cs", "Co", "Cn"}


def clean_query_text(text: str) -> tuple[str, list[str]]:
    """The query as searched: control characters gone, spaces collapsed, at most MAX_QUERY_LENGTH characters."""
    messages = []
    cleaned = "".join(" " if unicodedata.category(ch) in _CONTROL else ch for ch in text)
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > MAX_QUERY_LENGTH:
        cleaned = cleaned[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or cleaned[:MAX_QUERY_LENGTH]
        messages.append(f"Your search was very long, so only its first {MAX_QUERY_LENGTH} characters were used.")
    return cleaned, messages


_OPERATORS = re.compile(r'"|(?:^|\s)-\S|(?:^|\s)or(?:\s|$)', re.IGNORECASE)


_WORD = re.compile(r"[^\W_]+")


def plain_words(q: str) -> list[str]:
    """The distinct words of a query without search operators; [] if it uses quotes, `or` or `-word`."""
    if _OPERATORS.search(q):
        return []
    seen: dict[str, None] = {}
    for word in _WORD.findall(q.lower()):
        seen.setdefault(word, None)
    return list(seen)[:MAX_TERMS]
