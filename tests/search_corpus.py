"""The search tests' two small known libraries and how they ask: `texts`, whose words give each search one clear
answer; `corpus`, described row by row so that facet counts can be recounted in plain Python, never from SQL; and
`search()`, which goes through the filterset as the page does. Shared by test_search_matching.py,
test_search_facets.py and test_search_order.py."""

import datetime

import pytest

from reviews.filters import ReviewSearchFilter
from reviews.models import Board, Region, Review
from reviews.search import search_reviews
from reviews.signals import reviews_changed

from .factories import ReviewFactory


def make_searchable(*reviews: Review) -> None:
    # Reviews made by the factory skip the services, so send what every real write sends.
    reviews_changed.send(sender=Review, review_ids=[review.id for review in reviews])


def search(**params) -> "SearchResult":  # noqa: F821 - the name is only for readers
    filterset = ReviewSearchFilter(params)
    search_params, _ = filterset.search_params()
    return search_reviews(search_params, filterset.vocabulary)


def titles(result) -> list[str]:
    return [row.title for row in result.results]


@pytest.fixture
def texts(board_a):
    """Reviews whose words are chosen so that each search in the matching tests has one clear answer."""
    made = {
        "title": ReviewFactory(
            board=board_a, title="Mr D: hoarding and fire risk", summary="Mr D lived alone for many years."
        ),
        "theme": ReviewFactory(
            board=board_a, title="Ms F", summary="Ms F refused help with her home.", themes=["self-neglect"]
        ),
        "summary": ReviewFactory(board=board_a, title="Mr G", summary="Years of hoarding went unnoticed by services."),
        "recommendation": ReviewFactory(
            board=board_a,
            title="Mrs J",
            summary="Mrs J had carers twice a day.",
            recommendations=["Agencies should tell the fire service about hoarding."],
        ),
        "bruise": ReviewFactory(board=board_a, title="Child S", summary="Bruising was seen on the face of the infant."),
        "phrase": ReviewFactory(
            board=board_a, title="Child T", summary="Safe sleep advice was given at the birth visit."
        ),
        "scrambled": ReviewFactory(
            board=board_a, title="Child W", summary="Advice about sleep was safe but was not repeated."
        ),
        "synonym": ReviewFactory(
            board=board_a,
            title="Baby N",
            summary="The infant died at night after the parents had been drinking.",
            themes=["safe-sleep"],
        ),
        "most": ReviewFactory(
            board=board_a,
            title="Child H",
            summary="The health visitor was worried about the baby's weight and the family cancelled visits.",
        ),
        "some": ReviewFactory(board=board_a, title="Child L", summary="The baby's weight was recorded at the clinic."),
        "none": ReviewFactory(board=board_a, title="Child M", summary="Nobody asked who else lived at the house."),
    }
    make_searchable(*made.values())
    return made


@pytest.fixture
def wales_board(db):
    return Board.objects.create(name="Gwent Safeguarding Board", slug="gwent", region=Region.objects.get(slug="wales"))


# (board, type, year, age band, themes, agencies, mentions "kestrel")
CORPUS = [
    ("a", "SCR", 2016, "under-1", ["neglect", "safe-sleep"], ["health"], True),
    ("a", "CSPR", 2020, "under-1", ["neglect"], ["health", "police"], True),
    ("a", "CSPR", 2021, "1-4", ["domestic-abuse"], ["police"], False),
    ("a", "SAR", 2021, "adult", ["self-neglect"], ["adult-social-care"], True),
    ("a", "CSPR", 2022, "", ["neglect", "domestic-abuse"], [], False),
    ("b", "SCR", 2017, "5-10", ["physical-abuse"], ["education", "police"], True),
    ("b", "CSPR", 2019, "11-15", ["online-harm", "neglect"], ["education"], True),
    ("b", "SAR", 2019, "adult", ["domestic-abuse"], ["police", "health"], False),
    ("b", "DHR", 2021, "adult", ["domestic-abuse"], ["police"], True),
    ("w", "CPR", 2018, "1-4", ["neglect"], ["health"], True),
    ("w", "CPR", 2021, "16-17", ["sexual-abuse-and-exploitation"], ["police", "education"], False),
    ("w", "APR", 2023, "adult", [], ["health"], True),
]


@pytest.fixture
def corpus(board_a, board_b, wales_board):
    boards = {"a": board_a, "b": board_b, "w": wales_board}
    rows = []
    for number, (board, review_type, year, age, themes, agencies, kestrel) in enumerate(CORPUS, start=1):
        review = ReviewFactory(
            board=boards[board],
            title=f"Facet review {number}",
            review_type=review_type,
            published_on=datetime.date(year, 3, number),
            age_band=age,
            summary=f"Review {number}." + (" A kestrel was seen." if kestrel else ""),
            themes=themes,
            agencies=agencies,
        )
        rows.append(
            {
                "review_type": review_type,
                "region": boards[board].region.slug,
                "board": boards[board].slug,
                "year": str(year),
                "age_band": age,
                "theme": set(themes),
                "agency": set(agencies),
                "kestrel": kestrel,
                "review": review,
            }
        )
    # Not public: must never be counted.
    ReviewFactory(board=board_a, status="draft", published_on=None, themes=["neglect"], summary="A kestrel.")
    ReviewFactory(board=board_b, status="withdrawn", review_type="SAR", themes=["neglect"], summary="A kestrel.")
    make_searchable(*(row["review"] for row in rows))
    return rows
