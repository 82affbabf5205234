"""The bulk import (JSONL, one review a line): `validate_review_lines` checks the whole file, then
`review_import_rows` writes it in one transaction. The seed_demo command and the benchmarks use the same path."""

from .lines import ImportProblem, ImportRejected, ReviewRow, parse_review_line, validate_review_lines
from .writes import HeldBack, ImportResult, review_import_rows, unique_slug

__all__ = [
    "HeldBack",
    "ImportProblem",
    "ImportRejected",
    "ImportResult",
    "ReviewRow",
    "parse_review_line",
    "review_import_rows",
    "unique_slug",
    "validate_review_lines",
]
