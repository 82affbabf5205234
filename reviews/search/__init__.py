"""Full-text search with facet counts: the one function the search page, the JSON API and the CSV export call.

How a search runs (see search_reviews):
1. Each review's words are stored as a weighted tsvector (`SearchDocument.vector`: title A, theme names and
   synonyms B, summaries and findings C, recommendations D), and its title's words alone, in a narrow table
   with GIN indexes. They are derived
   data, recomputed in SQL by `refresh_search_vectors` whenever `reviews_changed` is sent.
2. Text is matched strictly with `websearch_to_tsquery` (phrases, `or`, `-word`; a hyphenated word through its
   whole form, which the index holds): one query reads the ids of every matching review, always through the
   words' GIN index (matching.TEXT_SETTINGS). A plain query of several words that matches fewer than
   FALLBACK_BELOW reviews falls back to "any of these words", grouped by how many of the words a review has, so a
   sentence still finds the closest reviews.
3. Filters and every facet's counts come from an in-memory index of published reviews' facet values
   (reviews.search.index): bitsets, so a facet's counts apply every other active filter but not its own at the
   cost of an AND and a popcount per value, whatever the number of matches.
4. The page's order: newest or oldest first straight from the index; best match first orders every match by
   where its words are (title, theme names, the rest: bitmaps, reviews.search.ordering), newest first among
   equals, and ranks the first RANK_AT_MOST of that order exactly (ts_rank_cd). Then one query reads the page's
   20 rows with their snippets (ts_headline, for those rows only) and themes.
5. Results are kept in a small per-process cache keyed by a generation counter (a PostgreSQL sequence read in
   the same query as the facet vocabulary); `reviews_changed` and changes to themes, boards, regions and agencies
   move it on, so a cached answer (or index) is never used after the data it came from has changed.

Every statement starts from the SQL of `Review.objects.published()`, the one public read path.

The package, one module a step: `params` (what was asked, what was found), `vocabulary` (facet values' names and
ids), `vectors` (the words, kept current), `index` (facet bitsets in memory), `matching` (text and filters),
`ordering`, `cache`, `results` (search_reviews), `page` (the search page's context), `export` (the CSV and the
SQL that feeds and alerts follow).
"""

from .cache import clear_result_cache
from .export import iter_matches, matching_ids_sql
from .page import search_page_context
from .params import (
    FACET_LABELS,
    FACETS,
    MAX_PAGE,
    MAX_QUERY_LENGTH,
    MAX_VALUES,
    MAX_YEAR,
    MIN_YEAR,
    PAGE_SIZE,
    SORTS,
    FacetValue,
    ResultRow,
    SearchParams,
    SearchResult,
    clean_query_text,
)
from .results import search_reviews
from .vectors import (
    DERIVED_COLUMNS,
    derived_columns_select,
    forget_cached_results,
    refresh_search_vectors,
    search_documents_from,
)
from .vocabulary import Choice, Vocabulary, load_vocabulary

__all__ = [
    "DERIVED_COLUMNS",
    "FACET_LABELS",
    "FACETS",
    "MAX_PAGE",
    "MAX_QUERY_LENGTH",
    "MAX_VALUES",
    "MAX_YEAR",
    "MIN_YEAR",
    "PAGE_SIZE",
    "SORTS",
    "Choice",
    "FacetValue",
    "ResultRow",
    "SearchParams",
    "SearchResult",
    "Vocabulary",
    "clean_query_text",
    "clear_result_cache",
    "derived_columns_select",
    "forget_cached_results",
    "iter_matches",
    "load_vocabulary",
    "matching_ids_sql",
    "refresh_search_vectors",
    "search_documents_from",
    "search_page_context",
    "search_reviews",
]
