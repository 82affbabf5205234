"""The order of search results and their pages: newest first or best match first, and best match when very
many reviews match."""

import datetime

import pytest
from django.db import connection

from reviews.filters import ReviewSearchFilter
from reviews.search import SearchParams, clear_result_cache, iter_matches, search_reviews

from . import search_corpus
from .factories import ReviewFactory
from .search_corpus import make_searchable, search, titles

pytestmark = pytest.mark.django_db

# Shared fixtures: the libraries searched (tests/search_corpus.py).
texts = search_corpus.texts
corpus = search_corpus.corpus
wales_board = search_corpus.wales_board

# ---------------------------------------------------------------------------------------------------------------
# Order and pages


def test_without_text_the_newest_come_first_and_sort_can_reverse_it(corpus):
    newest = [row["review"] for row in sorted(corpus, key=lambda row: row["review"].published_on, reverse=True)]
    assert titles(search()) == [review.title for review in newest]
    assert titles(search(sort="oldest")) == [review.title for review in reversed(newest)]
    assert titles(search(sort="relevance")) == [review.title for review in newest]  # no text: nothing to rank


def test_with_text_best_match_is_the_default_and_newest_can_be_chosen(texts):
    assert titles(search(q="hoarding"))[0] == "Mr D: hoarding and fire risk"
    by_date = sorted([texts[k] for k in ("title", "theme", "summary", "recommendation")], key=lambda r: -r.id)
    assert titles(search(q="hoarding", sort="newest")) == [review.title for review in by_date]


def test_results_come_twenty_to_a_page(board_a):
    reviews = [
        ReviewFactory(
            board=board_a, title=f"Paged {n:02d}", summary="A grey heron.", published_on=datetime.date(2020, 1, n)
        )
        for n in range(1, 29)
    ] + [
        ReviewFactory(board=board_a, title=f"Unpaged {n:02d}", published_on=datetime.date(2020, 2, n))
        for n in range(1, 18)
    ]
    make_searchable(*reviews)
    first = search()
    assert (first.count, first.pages, len(first.results)) == (45, 3, 20)
    last = search(page="3")
    assert len(last.results) == 5 and titles(last)[-1] == "Paged 01"
    herons = search(q="grey heron", sort="oldest", page="2")
    assert (herons.count, herons.page, titles(herons)) == (28, 2, [f"Paged {n:02d}" for n in range(21, 29)])
    assert herons.match == "all"  # plenty of reviews have both words: no need for partial matches


def test_a_page_past_the_end_shows_the_last_page_and_says_so(corpus):
    result = search(page="99")
    assert result.page == 1 and len(result.results) == 12
    assert any("only 1 page" in message for message in result.messages)


def test_results_say_where_and_when(corpus):
    row = search(q="kestrel", board=["gwent"], sort="oldest").results[0]
    assert (row.title, row.board, row.region, row.review_type_label, row.year) == (
        "Facet review 10",
        "Gwent Safeguarding Board",
        "Wales",
        "Child practice review (Wales)",
        "2018",
    )
    assert row.themes == [("neglect", "Neglect")]


def test_the_same_parameters_give_the_same_answer_from_the_filterset_and_directly(corpus):
    via_filterset = search(q="kestrel", region=["london"], sort="oldest")
    direct = search_reviews(SearchParams(q="kestrel", region=("london",), sort="oldest"))
    assert titles(via_filterset) == titles(direct) and via_filterset.count == direct.count == 3


# ---------------------------------------------------------------------------------------------------------------
# Best match first when very many reviews match: exact ranks for the newest RANK_AT_MOST, then the rest newest first


HERON_WORDS = [3, 9, 1, 11, 5, 0, 7, 10, 2, 8, 4, 6]  # how often each review, oldest first, repeats the word


@pytest.fixture
def many_herons(board_a):
    """Twelve reviews about herons, one a day, each repeating the word a different number of times."""
    made = [
        ReviewFactory(
            board=board_a,
            title=f"Heron {n:02d}",
            summary="A grey heron." + " heron" * HERON_WORDS[n],
            published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
        )
        for n in range(12)
    ]
    make_searchable(*made)
    return made


def by_words(numbers) -> list[str]:
    return [f"Heron {n:02d}" for n in sorted(numbers, key=lambda n: HERON_WORDS[n], reverse=True)]


def test_best_match_ranks_every_review_while_few_match(many_herons):
    assert titles(search(q="heron")) == by_words(range(12))
    assert titles(search(q="heron", sort="oldest")) == [f"Heron {n:02d}" for n in range(12)]


def test_with_very_many_matches_the_newest_are_ranked_and_the_rest_follow_newest_first(many_herons, monkeypatch):
    monkeypatch.setattr("reviews.search.ordering.RANK_AT_MOST", 5)
    clear_result_cache()
    # The five newest (days 7 to 11) best first, then the seven older ones newest first, whatever their words.
    assert titles(search(q="heron")) == by_words(range(7, 12)) + [f"Heron {n:02d}" for n in reversed(range(7))]
    # Without text, or sorted by date, nothing changes.
    assert titles(search(q="heron", sort="newest")) == [f"Heron {n:02d}" for n in reversed(range(12))]


def test_a_sentence_ranks_within_each_number_of_words_matched(board_a, monkeypatch):
    made = [
        ReviewFactory(
            board=board_a,
            title=f"Owl {n}",
            summary=["barn owl", "barn owl barn owl", "tawny owl", "snowy owl owl owl", "owl"][n],
            published_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=n),
        )
        for n in range(5)
    ]
    make_searchable(*made)
    result = search(q="barn owl pellets")  # no review has "pellets": reviews with two words, then one
    assert result.match == "any"
    assert titles(result)[:2] == ["Owl 1", "Owl 0"]  # both words; "barn owl" twice ranks first
    assert titles(result)[2] == "Owl 3"  # one word, most often
    monkeypatch.setattr("reviews.search.ordering.RANK_AT_MOST", 1)
    clear_result_cache()
    # One ranked per group, then the rest of the group newest first: the groups themselves stay in order.
    assert titles(search(q="barn owl pellets")) == ["Owl 1", "Owl 0", "Owl 4", "Owl 3", "Owl 2"]


def test_pages_of_a_bounded_ranking_neither_repeat_nor_skip_and_the_export_agrees(board_a, monkeypatch):
    made = [
        ReviewFactory(
            board=board_a,
            title=f"Kite {n:02d}",
            summary="A red kite." + " kite" * ((n * 7) % 11),
            published_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=n),
        )
        for n in range(45)
    ]
    make_searchable(*made)
    monkeypatch.setattr("reviews.search.ordering.RANK_AT_MOST", 25)
    clear_result_cache()
    pages = [titles(search(q="kite", page=str(page))) for page in (1, 2, 3)]
    shown = [title for page in pages for title in page]
    assert sorted(shown) == sorted(review.title for review in made) and len(shown) == 45
    # The first 25 shown are the 25 newest, best first; the last 20 the older ones, newest first.
    newest = sorted(made, key=lambda review: review.published_on, reverse=True)
    assert set(shown[:25]) == {review.title for review in newest[:25]}
    assert shown[25:] == [review.title for review in newest[25:]]
    repeats = [made[int(title[-2:])].summary.count("kite") for title in shown[:25]]
    assert repeats == sorted(repeats, reverse=True)
    filterset = ReviewSearchFilter({"q": "kite"})
    params, _ = filterset.search_params()
    assert [row["title"] for row in iter_matches(params)] == shown


def test_search_words_are_kept_out_of_the_rows_the_search_reads(board_a):
    # A search reads the id of every review its words match, so those rows must stay narrow (migration 0008).
    words = ["agency", "assessment", "bruising", "carer", "child", "concern", "court", "doctor", "family", "home"]
    made = [
        ReviewFactory(board=board_a, title=f"R{n}", summary=" ".join(f"{w}{n}x{i}" for i in range(10) for w in words))
        for n in range(40)
    ]
    make_searchable(*made)
    with connection.cursor() as cursor:
        # the table pages that hold these rows (a ctid is (page, item))
        cursor.execute(
            "SELECT count(DISTINCT (ctid::text::point)[0]), min(pg_column_size(vector)) FROM reviews_searchdocument"
        )
        pages, smallest_words = cursor.fetchone()
    assert smallest_words > 1000  # 40 rows this long would need at least five pages if the words were kept in them
    assert pages <= 2
