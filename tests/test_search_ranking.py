"""Best match ranks every match: an older review whose title or themes carry the searched words comes before newer
ones that only mention them, however many newer ones there are."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from reviews.models import Review
from reviews.search import clear_result_cache
from reviews.search.matching import published_sql
from reviews.signals import reviews_changed

from .factories import ReviewFactory
from .search_corpus import search, titles

pytestmark = pytest.mark.django_db


def day(n: int) -> datetime.date:
    return datetime.date(2016, 1, 1) + datetime.timedelta(days=n)


@pytest.fixture
def bounded(monkeypatch):
    """Exact ranks (ts_rank_cd) for only the first two of the order, as for the first 500 of 49,000 matches."""
    monkeypatch.setattr("reviews.search.ordering.RANK_AT_MOST", 2)
    clear_result_cache()


def test_an_old_review_with_the_words_in_its_title_comes_first_among_many_newer_mentions(board_a, bounded):
    oldest = ReviewFactory(
        board=board_a, title="Adult W: hoarding and a fire", summary="Adult W lived alone.", published_on=day(0)
    )
    for n in range(1, 8):
        ReviewFactory(
            board=board_a, title=f"Child {n}", summary="A visit found some hoarding at home.", published_on=day(n)
        )
    result = search(q="hoarding")
    assert result.count == 8
    assert titles(result)[0] == oldest.title
    assert titles(search(q="hoarding", sort="newest"))[-1] == oldest.title  # by date it is still the last


def test_title_then_themes_then_the_rest_whatever_their_age(board_a, bounded):
    in_title = ReviewFactory(board=board_a, title="Sam: neglect at home", summary="Sam was seen.", published_on=day(0))
    in_themes = ReviewFactory(
        board=board_a, title="Child T", summary="T was often hungry.", published_on=day(1), themes=["neglect"]
    )
    newer = [
        ReviewFactory(
            board=board_a, title=f"Child {n}", summary="Neglect was noted once by a nurse.", published_on=day(n)
        )
        for n in range(2, 7)
    ]
    shown = titles(search(q="neglect"))
    assert set(shown[:2]) == {in_title.title, in_themes.title}  # the two oldest; their exact ranks order them
    assert shown[2:] == [review.title for review in reversed(newer)]  # equals: newest first


def test_every_word_counts_an_older_review_with_both_words_in_its_title_comes_first(board_a, bounded):
    both = ReviewFactory(
        board=board_a, title="Baby K: co-sleeping and alcohol", summary="K died at home.", published_on=day(0)
    )
    one = ReviewFactory(
        board=board_a, title="Baby L: alcohol", summary="Co-sleeping was discussed.", published_on=day(1)
    )
    for n in range(2, 6):
        ReviewFactory(
            board=board_a,
            title=f"Baby {n}",
            summary="Alcohol and co-sleeping were both discussed.",
            published_on=day(n),
        )
    assert titles(search(q="co-sleeping alcohol"))[:2] == [both.title, one.title]


def test_pages_of_every_match_neither_repeat_nor_skip(board_a, bounded):
    made = [
        ReviewFactory(
            board=board_a,
            title=f"Gull {n:02d}" if n % 5 == 0 else f"Review {n:02d}",
            summary="A herring gull by the sea." + " gull" * (n % 4),
            published_on=day(n),
        )
        for n in range(45)
    ]
    pages = [titles(search(q="gull", page=str(page))) for page in (1, 2, 3)]
    shown = [title for page in pages for title in page]
    assert sorted(shown) == sorted(review.title for review in made)
    # the nine with "gull" in their title first, then the others newest first after the two ranked exactly
    assert set(shown[:9]) == {f"Gull {n:02d}" for n in range(0, 45, 5)}
    assert shown[9:] == [f"Review {n:02d}" for n in reversed(range(45)) if n % 5]


def test_a_sentence_puts_reviews_with_more_of_its_words_first_even_when_older(board_a, bounded):
    older = ReviewFactory(board=board_a, title="Child P", summary="Bruising on a baby under one.", published_on=day(0))
    for n in range(1, 6):
        ReviewFactory(board=board_a, title=f"Bruising {n}", summary="Bruising was seen.", published_on=day(n))
    result = search(q="bruising baby nursery")  # no review has all three words
    assert result.match == "any"
    assert titles(result)[0] == older.title


def test_title_words_follow_a_renamed_review(board_a, bounded):
    review = ReviewFactory(board=board_a, title="Child R", summary="Drowning in a bath.", published_on=day(0))
    for n in range(1, 5):
        ReviewFactory(board=board_a, title=f"Child {n}", summary="Drowning risk was raised.", published_on=day(n))
    assert titles(search(q="drowning"))[0] != review.title
    review.title = "Child R: drowning in a bath"
    review.save()
    reviews_changed.send(sender=Review, review_ids=[review.id])  # as the admin's save does
    assert titles(search(q="drowning"))[0] == review.title


def test_imported_reviews_are_ranked_by_their_titles_at_once(tmp_path, bounded):
    lines = [
        {
            "title": "Ruby: self-neglect" if n == 0 else f"Adult {n}",
            "reference": f"SAR-{n}",
            "review_type": "SAR",
            "board": "Tyneside Safeguarding Adults Board",
            "region": "North East",
            "published": f"{2012 + n}-03-14",
            "summary": "Self-neglect was recorded.",
        }
        for n in range(6)
    ]
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    call_command("import_reviews", str(path), stdout=StringIO())
    assert titles(search(q="self-neglect"))[0] == "Ruby: self-neglect"


def test_the_search_statements_read_exactly_the_published_reviews(board_a):
    published = ReviewFactory(board=board_a, title="Shown")
    ReviewFactory(board=board_a, title="Draft", status="draft", published_on=None)
    ReviewFactory(board=board_a, title="Withdrawn", status="withdrawn")
    sql, params = published_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM ({sql}) AS r", params)
        ids = sorted(row[0] for row in cursor.fetchall())
    assert ids == sorted(Review.objects.published().values_list("id", flat=True)) == [published.id]
