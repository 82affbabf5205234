"""Reading an import file: every line checked against the library's regions, boards, themes and agencies.

Nothing is written here; a file with any problem is rejected whole (ImportRejected lists every problem)."""

import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify

from ..models import Agency, Board, Region, Review

# The taxonomy is the themes app's (a room above): known here only through the relation.
Theme = Review.themes.field.related_model


@dataclass
class ImportProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class ImportRejected(Exception):
    """The file had problems; nothing was imported."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s); nothing was imported")


@dataclass
class ReviewRow:
    """One validated line of an import file."""

    line: int
    title: str
    reference: str
    review_type: str
    board_name: str
    region: Region
    published_on: datetime.date
    published_year_only: bool
    age_band: str
    summary: str
    findings: list[str]
    recommendations: list[str]
    theme_ids: list[int]
    agency_ids: list[int]
    source_url: str


class _Lookups:
    """Everything a line is checked against, loaded once (a few small queries)."""

    def __init__(self):
        self.regions = {}
        for region in Region.objects.all():
            self.regions[region.name.lower()] = region
            self.regions[region.slug] = region
        self.themes: dict[str, int] = {}
        for theme in Theme.objects.all():
            for label in theme.labels:
                self.themes.setdefault(label.lower(), theme.id)
        self.agencies: dict[str, int] = {}
        for agency in Agency.objects.all():
            self.agencies[agency.name.lower()] = agency.id
            self.agencies[agency.slug] = agency.id
        self.review_types = {code.lower(): code for code in Review.ReviewType.values}
        self.review_types.update({label.lower(): code for code, label in Review.ReviewType.choices})
        self.age_bands = {code: code for code in Review.AgeBand.values}
        self.age_bands.update({label.lower(): code for code, label in Review.AgeBand.choices})
        self.boards = {board.name.lower(): board for board in Board.objects.select_related("region")}


def _text(value, name: str, problems: list[str], *, required: bool = False, max_length: int | None = None) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.append(f"'{name}' must be text")
        return ""
    value = value.replace("\x00", "").strip()
    if required and not value:
        problems.append(f"'{name}' is required")
    if max_length and len(value) > max_length:
        problems.append(f"'{name}' is longer than {max_length} characters")
    return value


def _text_list(value, name: str, problems: list[str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(f"'{name}' must be a list of text")
        return []
    return [item.replace("\x00", "").strip() for item in value if item.strip()]


def _named_ids(value, name: str, one: str, ids_by_name: dict[str, int], problems: list[str]) -> list[int]:
    """The ids a list of names (or slugs) stands for, each once, in the list's order; an unknown name is a problem."""
    ids = []
    for label in _text_list(value, name, problems):
        found = ids_by_name.get(label.lower()) or ids_by_name.get(slugify(label))
        if found is None:
            problems.append(f"unknown {one} {label!r}")
        elif found not in ids:
            ids.append(found)
    return ids


def _publication_date(value, problems: list[str]) -> tuple[datetime.date | None, bool]:
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        problems.append("'published' is required (YYYY-MM-DD or YYYY)")
        return None, False
    value = value.strip()
    try:
        if len(value) == 4 and value.isdigit():
            date, year_only = datetime.date(int(value), 1, 1), True
        else:
            date, year_only = datetime.date.fromisoformat(value), False
    except ValueError:
        problems.append(f"'published' must be a date as YYYY-MM-DD or a year as YYYY, not {value!r}")
        return None, False
    if not 1970 <= date.year <= timezone.localdate().year + 1:
        problems.append(f"'published' year {date.year} is not plausible")
        return None, False
    return date, year_only


def parse_review_line(line_number: int, raw: str, lookups: _Lookups) -> tuple[ReviewRow | None, list[str]]:
    """Check one JSON line; return the row, or None and what is wrong with it."""
    problems: list[str] = []
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        return None, [f"not valid JSON ({error.msg} at column {error.colno})"]
    if not isinstance(data, dict):
        return None, ["each line must be a JSON object"]
    known = {
        "title",
        "reference",
        "review_type",
        "board",
        "region",
        "published",
        "age_band",
        "summary",
        "findings",
        "recommendations",
        "themes",
        "agencies",
        "source_url",
    }
    unknown = sorted(set(data) - known)
    if unknown:
        problems.append(f"unknown field(s): {', '.join(unknown)}")

    title = _text(data.get("title"), "title", problems, required=True, max_length=300)
    reference = _text(data.get("reference"), "reference", problems, max_length=100)
    summary = _text(data.get("summary"), "summary", problems, required=True)
    source_url = _text(data.get("source_url"), "source_url", problems, max_length=500)
    if source_url and not source_url.startswith(("http://", "https://")):
        problems.append("'source_url' must start with http:// or https://")

    review_type_raw = _text(data.get("review_type"), "review_type", problems, required=True)
    review_type = lookups.review_types.get(review_type_raw.lower())
    if review_type_raw and review_type is None:
        problems.append(f"unknown review_type {review_type_raw!r} (use one of {', '.join(Review.ReviewType.values)})")

    region_raw = _text(data.get("region"), "region", problems, required=True)
    region = lookups.regions.get(region_raw.lower()) or lookups.regions.get(slugify(region_raw))
    if region_raw and region is None:
        problems.append(f"unknown region {region_raw!r}")

    board_name = _text(data.get("board"), "board", problems, required=True, max_length=200)
    existing_board = lookups.boards.get(board_name.lower())
    if existing_board and region and existing_board.region_id != region.id:
        problems.append(f"board {board_name!r} is in {existing_board.region.name}, not {region.name}")

    published_on, year_only = _publication_date(data.get("published"), problems)

    age_band_raw = _text(data.get("age_band"), "age_band", problems)
    age_band = lookups.age_bands.get(age_band_raw.lower(), None) if age_band_raw else ""
    if age_band is None:
        problems.append(f"unknown age_band {age_band_raw!r} (use one of {', '.join(Review.AgeBand.values)})")

    theme_ids = _named_ids(data.get("themes"), "themes", "theme", lookups.themes, problems)
    agency_ids = _named_ids(data.get("agencies"), "agencies", "agency", lookups.agencies, problems)

    findings = _text_list(data.get("findings"), "findings", problems)
    recommendations = _text_list(data.get("recommendations"), "recommendations", problems)
    if problems:
        return None, problems
    return ReviewRow(
        line=line_number,
        title=title,
        reference=reference,
        review_type=review_type,
        board_name=board_name,
        region=region,
        published_on=published_on,
        published_year_only=year_only,
        age_band=age_band or "",
        summary=summary,
        findings=findings,
        recommendations=recommendations,
        theme_ids=theme_ids,
        agency_ids=agency_ids,
        source_url=source_url,
    ), []


def validate_review_lines(lines: Iterable[str], *, progress: Callable[[int], None] | None = None) -> list[ReviewRow]:
    """Check every line; return the rows, or raise ImportRejected listing every problem with its line number."""
    lookups = _Lookups()
    rows: list[ReviewRow] = []
    problems: list[ImportProblem] = []
    seen: dict[tuple, int] = {}
    line_number = 0
    for line_number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        row, line_problems = parse_review_line(line_number, raw, lookups)
        problems.extend(ImportProblem(line_number, message) for message in line_problems)
        if row is not None:
            # The same review twice in one file is a mistake to report, not to import twice.
            key = row.reference or (row.board_name.lower(), row.title.lower(), row.published_on)
            first = seen.setdefault(key, line_number)
            if first != line_number:
                what = f"reference {row.reference!r}" if row.reference else "the same board, title and date"
                problems.append(ImportProblem(line_number, f"{what} is also on line {first}"))
                continue
            rows.append(row)
        if progress and line_number % 10_000 == 0:
            progress(line_number)
    if line_number == 0:
        problems.append(ImportProblem(0, "the file is empty"))
    if problems:
        raise ImportRejected(problems)
    return rows
