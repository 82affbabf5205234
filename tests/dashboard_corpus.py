"""The theme dashboards' small known corpus, and its figures counted again from the corpus's own list, never from
SQL, with the dashboards' tables read the way a visitor reads them. The tests are in tests/test_dashboard_*.py."""

import datetime
import math
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.core.cache import cache

from reviews.models import Region, Review
from themes.models import Theme

from .factories import BoardFactory, ReviewFactory

YEARS = list(range(2015, 2025))  # the default: the last ten years with data (the corpus runs 2012 to 2024)
RECENT = [2022, 2023, 2024]
EARLIER = [year for year in YEARS if year not in RECENT]


@dataclass
class Spec:
    board: str
    year: int
    themes: list[str]
    review_type: str = "CSPR"
    status: str = "published"


BOARDS = {"riverside": "london", "thameside": "london", "pennine": "north-west", "tyne": "north-east"}


def board_name(key: str) -> str:
    return f"{key.title()} Children's Partnership"


def corpus_specs() -> list[Spec]:
    specs = []
    for year in range(2019, 2025):
        recent = year >= 2022
        for i in range(10):  # London: online harm rises, record keeping falls, neglect steady, two small themes
            themes = []
            if i < (7 if recent else 1):
                themes.append("online-harm")
            if i < (2 if recent else 8):
                themes.append("record-keeping")
            if i % 2 == 0:
                themes.append("neglect")
            if i == 9:
                themes.append("safe-sleep")
            if i in (3, 4):
                themes.append("information-sharing")
            specs.append(Spec("riverside" if i % 2 == 0 else "thameside", year, themes))
        for i in range(5):  # North West: neglect in every review, domestic abuse in most
            themes = ["neglect"] + (["online-harm"] if i == 0 else []) + (["domestic-abuse"] if i < 3 else [])
            themes += ["record-keeping"] if i < 2 else []
            specs.append(Spec("pennine", year, themes))
    # North East: three adult reviews, too few to show.
    specs += [Spec("tyne", 2023, ["neglect", "domestic-abuse"], review_type="SAR") for _ in range(3)]
    # Outside the default ten years, and not public: none of these may be counted.
    specs.append(Spec("riverside", 2012, ["self-neglect"]))
    specs.append(Spec("riverside", 2023, ["online-harm"], status="draft"))
    specs.append(Spec("riverside", 2023, ["online-harm"], status="withdrawn"))
    return specs


@pytest.fixture(autouse=True)
def empty_cache(db):
    cache.clear()


@pytest.fixture
def corpus(db) -> list[Spec]:
    boards = {
        key: BoardFactory(name=board_name(key), region=Region.objects.get(slug=region))
        for key, region in BOARDS.items()
    }
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    specs = corpus_specs()
    reviews = Review.objects.bulk_create(
        ReviewFactory.build(
            board=boards[spec.board],
            published_on=datetime.date(spec.year, 6, 1) if spec.status == "published" else None,
            status=spec.status,
            review_type=spec.review_type,
            themes=None,
        )
        for spec in specs
    )
    Review.themes.through.objects.bulk_create(
        Review.themes.through(review_id=review.id, theme_id=themes[slug].id)
        for review, spec in zip(reviews, specs, strict=True)
        for slug in spec.themes
    )
    return specs


# ---------------------------------------------------------------------------------------------------------------
# Counting again, independently of the code under test


def region_of(spec: Spec) -> str:
    return BOARDS[spec.board]


def in_scope(specs, *, years=YEARS, region=None, board=None, review_type=None) -> list[Spec]:
    return [
        s
        for s in specs
        if s.status == "published"
        and s.year in years
        and (region is None or region_of(s) == region)
        and (board is None or s.board == board)
        and (review_type is None or s.review_type == review_type)
    ]


def theme_counts(specs) -> Counter:
    return Counter(slug for spec in specs for slug in spec.themes)


def percent(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%"


def competition_ranks(values: dict[str, int]) -> dict[str, int]:
    return {key: 1 + sum(1 for other in values.values() if other > value) for key, value in values.items()}


def z_test(x1, n1, x2, n2):
    p = (x1 + x2) / (n1 + n2)
    if min(n1 * p, n1 * (1 - p), n2 * p, n2 * (1 - p)) < 5:
        return None
    z = (x1 / n1 - x2 / n2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    return z, math.erfc(abs(z) / math.sqrt(2))


def holm(p_values: dict[str, float]) -> dict[str, float]:
    ordered = sorted(p_values, key=p_values.get)
    adjusted, running = {}, 0.0
    for i, key in enumerate(ordered):
        running = max(running, min(1.0, (len(ordered) - i) * p_values[key]))
        adjusted[key] = running
    return adjusted


def names() -> dict[str, str]:
    return dict(Theme.objects.values_list("slug", "name"))


def small(count: int) -> str:
    return "fewer than 5" if 0 < count < 5 else f"{count:,}"


# ---------------------------------------------------------------------------------------------------------------
# Reading tables the way a visitor does


class _Tables(HTMLParser):
    """Tables' text as a screen reader reads it: what is hidden from it (aria-hidden) is left out."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._row, self._caption = [], None, None, None
        self._hidden = 0  # open <span aria-hidden="true"> elements (never nested in these tables)

    def handle_starttag(self, tag, attrs):
        if ("aria-hidden", "true") in attrs:
            self._hidden += 1
        elif tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "span" and self._hidden:
            self._hidden -= 1
        elif tag == "caption":
            self.tables[-1]["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self.tables[-1]["rows"].append(self._row)

    def handle_data(self, data):
        if self._hidden:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._caption is not None:
            self._caption.append(data)


def table(html: str, caption_start: str) -> list[list[str]]:
    """The rows (header first) of the table captioned `caption_start`, or else whose caption starts so."""
    parser = _Tables()
    parser.feed(html)
    found = [t["rows"] for t in parser.tables if t["caption"] == caption_start] or [
        t["rows"] for t in parser.tables if t["caption"].startswith(caption_start)
    ]
    assert len(found) == 1, f"{len(found)} tables captioned {caption_start!r}"
    return found[0]


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())  # as read: runs of white space are one space


DASHBOARD = "/themes/dashboard/"
