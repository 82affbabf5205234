"""What the search page's template needs from a search result."""

from urllib.parse import urlencode

from django.core.paginator import Paginator

from .params import FACET_LABELS, FACETS, PAGE_SIZE, SORTS, SearchResult


def search_page_context(result: SearchResult, messages: list[str]) -> dict:
    """What templates/reviews/review_list.html needs: the result, facet groups, removable filters, pagination."""
    paginator = Paginator(range(result.count), PAGE_SIZE)
    page_obj = paginator.get_page(result.page)
    without_page = result.query_string(page=1)
    return {
        "result": result,
        "messages": messages,
        "facet_groups": [
            {
                "name": facet,
                "label": FACET_LABELS[facet],
                "values": result.facets[facet],
                "open": any(value.selected for value in result.facets[facet]),
            }
            for facet in FACETS
        ],
        "selected_filters": result.selected_filters(),
        "clear_filters_query": urlencode([("q", result.params.q)]) if result.params.q else "",
        "sorts": SORTS,
        "filtered": bool(result.params.q or result.params.has_filters),
        "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1),
        "query_without_page": f"{without_page}&" if without_page else "",
        "download_query": without_page,
    }
