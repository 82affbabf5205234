"""Searching: the page of results, every facet's counts and the total, as one SearchResult."""

from dataclasses import replace

from django.db import connection
from django.urls import reverse
from django.utils.safestring import SafeString

from .. import snippets
from ..models import Review
from ..snippets import START_MARK, STOP_MARK
from .cache import results
from .matching import CONFIG, TextMatch, every_mask, matching, published_sql
from .ordering import in_order
from .params import (
    FACETS,
    MAX_PAGE,
    MAX_VALUES,
    MAX_YEAR,
    MIN_YEAR,
    PAGE_SIZE,
    FacetValue,
    ResultRow,
    SearchParams,
    SearchResult,
    clean_query_text,
)
from .vectors import THEME_LINK
from .vocabulary import Vocabulary, load_vocabulary

# ts_headline marks matched words with private-use characters, which reviews.snippets turns into <mark> tags.
FRAGMENT_DELIMITER = "\ue002"
HEADLINE_OPTIONS = (
    f"StartSel={START_MARK}, StopSel={STOP_MARK}, MaxWords=20, MinWords=10, ShortWord=2, "
    f'MaxFragments=2, FragmentDelimiter="{FRAGMENT_DELIMITER}"'
)


SNIPPET_WORDS = 40


def _page_rows(ids: list[int], text: TextMatch | None) -> list[dict]:
    """The page's reviews in this order, with their snippets (highlighted for a text search) and themes."""
    if not ids:
        return []
    published, sql_params = published_sql()
    snippet = "left(r.summary, 1000)"
    if text:
        sql_params.update(text.params)
        snippet = f"ts_headline('{CONFIG}', translate(r.summary, %(marks)s, ''), {text.tsquery}, %(headline)s)"
        sql_params.update(marks=START_MARK + STOP_MARK + FRAGMENT_DELIMITER, headline=HEADLINE_OPTIONS)
    sql = f"""
        SELECT coalesce(json_agg(json_build_object(
            'id', r.id, 'title', r.title, 'slug', r.slug, 'review_type', r.review_type,
            'published_on', r.published_on, 'year_only', r.published_year_only, 'age_band', r.age_band,
            'board_id', r.board_id, 'snippet', {snippet}, 'summary', {"r.summary" if text else "''"},
            'themes', (SELECT coalesce(json_agg(t.slug ORDER BY t.name), '[]') FROM {THEME_LINK} AS l
                       JOIN themes_theme AS t ON t.id = l.theme_id WHERE l.review_id = r.id)
        ) ORDER BY c.n), '[]')
        FROM unnest(%(ids)s::bigint[]) WITH ORDINALITY AS c(id, n) JOIN ({published}) AS r ON r.id = c.id
    """
    sql_params["ids"] = list(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, sql_params)
        return cursor.fetchone()[0]


def _compute(params: SearchParams, vocabulary: Vocabulary) -> dict:
    """Run the search: the text's matches (SQL, through the words' GIN index), the filters and every facet's
    counts (the in-memory index), the page's order and its rows (SQL)."""
    messages: list[str] = []
    params, index, text, masks, universe = matching(params, vocabulary, messages)
    facets = [
        (facet, value, n)
        for facet in FACETS
        for value, n in index.counts(every_mask(masks, universe, but=facet), facet).items()
    ]
    reviews = every_mask(masks, universe)
    total = len(reviews)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(params.page, 1), MAX_PAGE, pages)
    ids = in_order(params, text, index, reviews, (page - 1) * PAGE_SIZE, PAGE_SIZE)
    return {
        "total": total,
        "facets": facets,
        "rows": _page_rows(ids, text),
        "match": "" if text is None else ("any" if text.fallback else "all"),
        "every_word": text.every_word if text else 0,
        "messages": messages,
        "q": params.q,
        "page": page,
        "pages": pages,
    }


def search_reviews(params: SearchParams, vocabulary: Vocabulary | None = None) -> SearchResult:
    """Search published reviews: the page of results, every facet's counts, the total.

    Queries: the vocabulary with the cache generation (if not given); the index of facet values when the data
    has changed since this process last built it; then, unless the result is cached, one for what the text
    matches (two for the any-word fallback; none when the same text was searched since the last change), one to
    rank the page's candidates (best match first only), and one for the page's rows.
    The result is shared with later callers through the cache: treat it as read-only.
    """
    vocabulary = vocabulary or load_vocabulary()
    params = known_values_only(params, vocabulary)
    key = (vocabulary.generation, params)
    result = results.get(key)
    if result is None:
        result = _build_result(params, vocabulary, _compute(params, vocabulary))
        results.put(key, result)
    return result


def known_values_only(params: SearchParams, vocabulary: Vocabulary) -> SearchParams:
    # The FilterSet has already reported unknown values; this keeps direct callers from hitting a KeyError.
    known = {
        "region": vocabulary.regions,
        "board": vocabulary.boards,
        "theme": vocabulary.themes,
        "agency": vocabulary.agencies,
        "review_type": dict(Review.ReviewType.choices),
        "age_band": dict(Review.AgeBand.choices),
    }
    changes = {
        facet: tuple(v for v in getattr(params, facet) if v in values)[:MAX_VALUES] for facet, values in known.items()
    }
    changes["year"] = tuple(y for y in params.year if MIN_YEAR <= y <= MAX_YEAR)[:MAX_VALUES]
    q, _ = clean_query_text(params.q)
    changes["q"] = q
    return replace(params, **changes)


def _snippet(row: dict, highlighted: bool) -> SafeString:
    if not highlighted:
        return snippets.plain_snippet(row["snippet"], SNIPPET_WORDS)
    return snippets.highlighted_snippet(row["summary"], row["snippet"], FRAGMENT_DELIMITER)


def _build_result(params: SearchParams, vocabulary: Vocabulary, data: dict) -> SearchResult:
    boards = vocabulary.by_id("boards")
    regions = vocabulary.by_id("regions")
    type_labels = dict(Review.ReviewType.choices)
    age_labels = dict(Review.AgeBand.choices)
    results = []
    for row in data["rows"]:
        board = boards.get(row["board_id"])
        region = regions.get(board.region_id) if board else None
        results.append(
            ResultRow(
                id=row["id"],
                title=row["title"],
                slug=row["slug"],
                url=reverse("reviews:detail", args=[row["slug"]]),
                review_type=row["review_type"],
                review_type_label=type_labels.get(row["review_type"], row["review_type"]),
                board=board.name if board else "",
                board_slug=board.slug if board else "",
                region=region.name if region else "",
                region_slug=region.slug if region else "",
                published_on=row["published_on"],
                published_year_only=row["year_only"],
                age_band=row["age_band"],
                age_band_label=age_labels.get(row["age_band"], ""),
                themes=[(slug, vocabulary.themes[slug].name) for slug in row["themes"] if slug in vocabulary.themes],
                snippet=_snippet(row, highlighted=bool(data["match"])),
            )
        )
    total, page, pages = data["total"], data["page"], data["pages"]
    messages = list(data["messages"])
    if params.page > pages:
        messages.append(
            f"There {'is' if pages == 1 else 'are'} only {pages} page{'s' if pages != 1 else ''} of "
            f"results, so page {pages} is shown."
        )
    return SearchResult(
        params=replace(params, q=data["q"], page=page),
        count=total,
        page=page,
        pages=pages,
        results=results,
        facets=_facet_values(params, vocabulary, data["facets"]),
        match=data["match"],
        every_word=data["every_word"],
        messages=messages,
    )


def _facet_values(params: SearchParams, vocabulary: Vocabulary, rows: list) -> dict[str, list[FacetValue]]:
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for facet, value, n in rows:
        counts[facet][value] = n

    def listed(facet: str, choices: list[tuple[str, str, str]]) -> list[FacetValue]:
        """choices: (value in URLs, key in counts, label); zero counts left out unless selected."""
        selected = {str(v) for v in params.facet_values(facet)}
        values = []
        for value, key, label in choices:
            n = counts[facet].get(key, 0)
            if n or value in selected:
                values.append(FacetValue(value=value, label=label, count=n, selected=value in selected))
        return values

    years = sorted({int(y) for y in counts["year"]} | set(params.year), reverse=True)
    return {
        "review_type": listed("review_type", [(c, c, label) for c, label in Review.ReviewType.choices]),
        "region": listed("region", [(c.slug, str(c.id), c.name) for c in vocabulary.regions.values()]),
        "board": listed("board", [(c.slug, str(c.id), c.name) for c in vocabulary.boards.values()]),
        "year": listed("year", [(str(y), str(y), str(y)) for y in years]),
        "age_band": listed("age_band", [(c, c, label) for c, label in Review.AgeBand.choices]),
        "theme": listed("theme", [(c.slug, str(c.id), c.name) for c in vocabulary.themes.values()]),
        "agency": listed("agency", [(c.slug, str(c.id), c.name) for c in vocabulary.agencies.values()]),
    }
