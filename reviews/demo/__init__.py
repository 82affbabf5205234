"""Invented but believable reviews for demos, tests and benchmarks; deterministic for a seed (and a day).

Each review tells one scenario's story (scenario.py, children.py, adults.py): its age band, review type, year,
nation, board, outcome, themes, findings and recommendations agree with each other. Every person, place and event
is invented, and every reference starts with DEMO- so that pages can say so (notice.py).
"""

import datetime
import json
import random
from collections.abc import Iterator

from .generator import DEFAULT_SEED, DEMO_REFERENCE_PREFIX, demo_review

__all__ = ["DEFAULT_SEED", "DEMO_REFERENCE_PREFIX", "demo_library", "demo_lines", "demo_reviews"]


def demo_library(count: int, *, seed: int = DEFAULT_SEED, today: datetime.date | None = None) -> Iterator[dict]:
    """`count` reviews with their scenario and outcome (keys `_scenario`, `_outcome`) for checking."""
    today = today or datetime.date.today()
    rng = random.Random(seed)
    for number in range(1, count + 1):
        yield demo_review(rng, number, seed=seed, today=today)


def demo_reviews(count: int, *, seed: int = DEFAULT_SEED, today: datetime.date | None = None) -> Iterator[dict]:
    """`count` review dictionaries in the import format."""
    for review in demo_library(count, seed=seed, today=today):
        yield {key: value for key, value in review.items() if not key.startswith("_")}


def demo_lines(count: int, *, seed: int = DEFAULT_SEED, today: datetime.date | None = None) -> Iterator[str]:
    for review in demo_reviews(count, seed=seed, today=today):
        yield json.dumps(review)
