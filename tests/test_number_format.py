"""Numbers are written the same way on every page: 1,001, never 1001."""

import json

import pytest

from reviews.demo import demo_reviews
from reviews.importing import review_import_rows, validate_review_lines
from reviews.models import Board

MANY = 1001


@pytest.fixture
def many_reviews(db):
    """1,001 reviews from one board, all tagged neglect (through the import: a few seconds)."""
    lines = []
    for review in demo_reviews(MANY, seed=4):
        review |= {"board": "Tyneside Safeguarding Children Partnership", "region": "North East"}
        review["themes"] = sorted(set(review["themes"]) | {"neglect"})
        lines.append(json.dumps(review))
    review_import_rows(rows=validate_review_lines(lines))
    return Board.objects.get(name="Tyneside Safeguarding Children Partnership")


def test_counts_of_reviews_have_thousands_separators(client, many_reviews):
    for page in ["/", "/reviews/", "/themes/", "/themes/neglect/", many_reviews.get_absolute_url()]:
        text = client.get(page).text
        assert "1,001" in text, page
        assert "1001" not in text, page
