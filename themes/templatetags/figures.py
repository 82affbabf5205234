"""Dashboard figures in tables: a held-back small count reads "<5" (said in full to screen readers).

{% load figures %}
{{ cell|count_cell }}   a count, or "<5"
{{ cell|share_cell }}   a share beside its count, or "–" where there is none to give
{{ cell|share_or_small }}  a share in a table without counts: "<5" where the count is held back

Tables of a region or a board are mostly small counts: "fewer than 5" in every cell made a wall of words. The
rule is explained once, above the tables (themes/includes/dashboard_notes.html).
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from themes.trends.statistics import SMALL_NUMBER, Cell

register = template.Library()


def _held_back() -> SafeString:
    # The words for screen readers first: placed at the end, their 1px box stuck out of a right-aligned cell.
    return format_html(
        '<span class="govuk-visually-hidden">fewer than {}</span><span class="app-held-back" aria-hidden="true">&lt;{}'
        "</span>",
        SMALL_NUMBER,
        SMALL_NUMBER,
    )


@register.filter
def count_cell(cell: Cell) -> str:
    return _held_back() if cell.hidden else cell.count_text


@register.filter
def total_cell(cell: Cell) -> str:
    return _held_back() if cell.total_hidden else cell.total_text


@register.filter
def share_cell(cell: Cell) -> str:
    """A share beside its count: "–" (said "not shown" or "no reviews") where there is none to give."""
    if cell.share is None:
        return format_html(
            '<span class="govuk-visually-hidden">{}</span><span aria-hidden="true">–</span>', cell.share_text
        )
    return cell.share_text


@register.filter
def share_or_small(cell: Cell) -> str:
    """A share in a table of shares only: "<5" says why a held-back count has none."""
    return _held_back() if cell.hidden else share_cell(cell)
