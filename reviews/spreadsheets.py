"""CSV downloads: one writer and one rule against formulas, for every CSV the portal makes.

A cell of text that starts with = + - @ (or a tab or line break) gets a leading apostrophe, so a spreadsheet
shows it as text and never runs it as a formula (OWASP's advice against CSV injection). Numbers stay numbers.
"""

import csv
import io
from collections.abc import Iterable, Iterator

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
    return [safe_cell(value) for value in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(header: list[str], rows: Iterable[Iterable], *, bom: bool = False) -> Iterator[str]:
    """The CSV text, header first, in chunks of up to 500 rows (fewer, larger writes to the client)."""
    writer = csv.writer(_Echo())
    yield (BOM if bom else "") + writer.writerow(header)
    chunk = []
    for row in rows:
        chunk.append(writer.writerow(safe_row(row)))
        if len(chunk) == 500:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def csv_bytes(header: list[str], rows: Iterable[Iterable], *, bom: bool = True) -> bytes:
    """A whole CSV file, for a zip archive."""
    out = io.StringIO()
    out.writelines(csv_chunks(header, rows, bom=bom))
    return out.getvalue().encode("utf-8")


def csv_download(
    filename: str, header: list[str], rows: Iterable[Iterable], *, bom: bool = False, streamed: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """A CSV attachment; streamed for long ones (an export of every match, the national tracker)."""
    chunks = csv_chunks(header, rows, bom=bom)
    response = (
        StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
        if streamed
        else HttpResponse("".join(chunks), content_type="text/csv; charset=utf-8")
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
