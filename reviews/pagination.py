from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 20


def paginate(request: HttpRequest, object_list, *, per_page: int = PER_PAGE) -> dict:
    """Template context for one page of `object_list`; a page number past the end shows the last page."""
    paginator = Paginator(object_list, per_page)
    page: Page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return {
        "page_obj": page,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "query_without_page": f"{encoded}&" if encoded else "",
    }
