"""CSV downloads: one writer and one rule against formulas, for every CSV the portal makes.

A cell of text that starts with = + - @ (or a tab or line break) gets a leading apostrophe, so a spreadsheet
shows it as text and never runs it as a formula (OWASP's advice against CSV injection). Numbers stay numbers.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from itertools import islice

from django.http import HttpResponse, StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A byte order mark, so spreadsheet programs read accents (in board and agency names) correctly.
BOM = "\ufeff"


def safe_cell(value):
    """A value as a CSV cell that a spreadsheet shows as written, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable) -> list:
    """safe_cell() for each cell, written out: a download of hundreds of thousands of rows calls it for each."""
    return [
        ("'" + value if value.startswith(FORMULA_STARTS) else value)
        if isinstance(value, str)
        else ("" if value is None else value)
        for value in row
    ]


def csv_text(rows: Iterable[Iterable]) -> str:
    """Rows as CSV text, every cell made safe (safe_row)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(map(safe_row, rows))
    return buffer.getvalue()


def csv_chunks(
    header: list[str], rows: Iterable[Iterable], *, bom: bool = False, written: bool = False
) -> Iterator[str]:
    """The CSV text, header first, then the rows in chunks of up to 500 (fewer, larger writes to the client).
    `written`: the rows come as CSV text already (from csv_text), passed on as they are."""
    yield (BOM if bom else "") + csv_text([header])
    if written:
        yield from rows
        return
    rows = iter(rows)
    while chunk := list(islice(rows, 500)):
        yield csv_text(chunk)


def csv_bytes(header: list[str], rows: Iterable[Iterable], *, bom: bool = True, written: bool = False) -> bytes:
    """A whole CSV file, for a zip archive."""
    return "".join(csv_chunks(header, rows, bom=bom, written=written)).encode("utf-8")


def csv_download(
    filename: str,
    header: list[str],
    rows: Iterable[Iterable],
    *,
    bom: bool = False,
    streamed: bool = False,
    written: bool = False,
) -> HttpResponse | StreamingHttpResponse:
    """A CSV attachment; streamed for long ones (an export of every match, the national tracker)."""
    chunks = csv_chunks(header, rows, bom=bom, written=written)
    response = (
        StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
        if streamed
        else HttpResponse("".join(chunks), content_type="text/csv; charset=utf-8")
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
