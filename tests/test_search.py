"""Search on a small known corpus: matching, ranking, the any-word fallback, facet counts, sorting and paging.

Expected facet counts are recounted here in plain Python from the corpus's own description, never from SQL.
"""

import datetime
from collections import Counter

import pytest
from django.db import connection

from reviews.filters import ReviewSearchFilter
from reviews.models import Board, Region, Review
from reviews.search import FACETS, SearchParams, clear_result_cache, iter_matches, search_reviews
from reviews.services import review_withdraw
from reviews.signals import reviews_changed

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db


def make_searchable(*reviews: Review) -> None:
    # Reviews made by the factory skip the services, so send what every real write sends.
    reviews_changed.send(sender=Review, review_ids=[review.id for review in reviews])


def search(**params) -> "SearchResult":  # noqa: F821 - the name is only for readers
    filterset = ReviewSearchFilter(params)
    search_params, _ = filterset.search_params()
    return search_reviews(search_params, filterset.vocabulary)


def titles(result) -> list[str]:
    return [row.title for row in result.results]


# ---------------------------------------------------------------------------------------------------------------
# Matching and ranking


@pytest.fixture
def texts(board_a):
    """Reviews whose words are chosen so that each search below has one clear answer."""
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


def test_title_matches_rank_above_theme_above_summary_above_recommendations(texts):
    result = search(q="hoarding")
    assert titles(result) == [texts[k].title for k in ("title", "theme", "summary", "recommendation")]
    assert result.match == "all"


def test_words_match_whatever_their_ending(texts):
    for word in ("bruised", "bruises", "bruising"):
        assert titles(search(q=word)) == ["Child S"], word


def test_a_quoted_phrase_matches_only_those_words_in_that_order(texts):
    assert titles(search(q='"safe sleep advice"')) == ["Child T"]
    # Without quotes the words may come in any order; so few reviews have all three that those with some of
    # them follow, after the two with all of them.
    loose = search(q="safe sleep advice")
    assert set(titles(loose)[:2]) == {"Child T", "Child W"} and titles(loose)[2:] == ["Baby N"]


def test_a_minus_leaves_out_reviews_with_that_word(texts):
    assert titles(search(q="advice -birth")) == ["Child W"]


def test_or_finds_either_word(texts):
    assert set(titles(search(q="bruised or drinking"))) == {"Child S", "Baby N"}


def test_a_synonym_finds_reviews_tagged_with_its_theme(texts):
    for synonym in ("co-sleeping", "cot death", "SUDI"):
        assert "Baby N" in titles(search(q=synonym)), synonym
    assert "Ms F" in titles(search(q="self neglect"))


def test_a_sentence_finds_the_closest_reviews_when_none_match_every_word(texts):
    result = search(q="health visitor worried about the baby's weight but the family kept cancelling visits")
    assert result.match == "any"
    found = titles(result)
    assert found[:2] == ["Child H", "Child L"]  # 8 of its 9 searchable words, then 2
    assert "Child M" not in found
    assert str(result.results[0].snippet).count("<mark>") >= 5


def test_reviews_with_every_word_come_before_partial_matches(texts):
    result = search(q="baby's weight recorded at the clinic")
    assert result.match == "any"  # only one review has every word
    assert titles(result)[:2] == ["Child L", "Child H"]


def test_snippets_highlight_the_words_and_escape_the_text(board_a):
    review = ReviewFactory(board=board_a, title="Child X", summary='The <script>alert("x")</script> bruising & more.')
    make_searchable(review)
    snippet = str(search(q="bruising").results[0].snippet)
    assert "<mark>bruising</mark>" in snippet
    assert "<script>" not in snippet and "&amp;" in snippet


def test_private_use_characters_in_a_summary_cannot_forge_highlights(board_a):
    review = ReviewFactory(board=board_a, title="Child Y", summary="Odd \ue000text\ue001 and a bruise.")
    make_searchable(review)
    snippet = str(search(q="bruise").results[0].snippet)
    assert snippet.count("<mark>") == 1 and "<mark>bruise</mark>" in snippet


def test_withdrawn_and_draft_reviews_are_never_found(texts, editor):
    ReviewFactory(board=texts["title"].board, title="Draft hoarding", status="draft", published_on=None)
    review_withdraw(review=texts["summary"], user=editor)
    assert "Mr G" not in titles(search(q="hoarding"))
    assert "Draft hoarding" not in titles(search(q="hoarding"))
    assert search(q="hoarding").count == 3


def test_drafts_and_withdrawn_reviews_are_in_no_facet_count(texts, editor):
    before = search()
    themed = {value.value: value.count for value in before.facets["theme"]}
    # The newest reviews of all: a draft with a theme and an agency, written after the last search, and a
    # withdrawn review that had a theme.
    draft = ReviewFactory(
        board=texts["title"].board, status="draft", published_on=None, themes=["safe-sleep"], agencies=["police"]
    )
    make_searchable(draft)
    review_withdraw(review=texts["synonym"], user=editor)  # tagged safe sleep
    after = search()
    assert after.count == before.count - 1
    assert {value.value: value.count for value in after.facets["theme"]}.get("safe-sleep", 0) == (
        themed["safe-sleep"] - 1
    )
    assert "police" not in {value.value for value in after.facets["agency"]}
    assert search(agency=["police"]).count == 0


def test_changing_a_review_through_the_services_updates_search(texts, editor):
    assert search(q="hoarding").count == 4  # cached now
    review_withdraw(review=texts["title"], user=editor)
    assert search(q="hoarding").count == 3


# ---------------------------------------------------------------------------------------------------------------
# Facets


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


def expected_counts(rows: list[dict], active: dict[str, set], *, kestrel: bool = False) -> dict[str, dict]:
    """Facet counts by the faceting rule: each facet's counts apply every other active filter but not its own."""

    def passes(row, facet, values):
        return bool(row[facet] & values) if isinstance(row[facet], set) else row[facet] in values

    counts = {}
    for facet in FACETS:
        counter = Counter()
        for row in rows:
            if kestrel and not row["kestrel"]:
                continue
            if all(passes(row, other, values) for other, values in active.items() if other != facet):
                counter.update(row[facet] if isinstance(row[facet], set) else [row[facet]])
        counter.pop("", None)  # no age band recorded: not a value to filter by
        counts[facet] = dict(counter)
    return counts


@pytest.mark.parametrize(
    "active",
    [
        {},
        {"region": {"london"}},
        {"region": {"london", "wales"}},
        {"region": {"london"}, "theme": {"neglect"}},
        {"review_type": {"SAR", "CSPR"}, "agency": {"police"}},
        {"year": {"2019", "2021"}, "age_band": {"adult"}},
        {"theme": {"neglect", "domestic-abuse"}, "agency": {"health", "education"}, "region": {"north-west"}},
    ],
)
@pytest.mark.parametrize("kestrel", [False, True])
def test_every_facet_count_follows_the_faceting_rule(corpus, active, kestrel):
    params = {facet: sorted(values) for facet, values in active.items()}
    if kestrel:
        params["q"] = "kestrel"
    result = search(**params)
    expected = expected_counts(corpus, active, kestrel=kestrel)
    for facet in FACETS:
        got = {value.value: value.count for value in result.facets[facet] if value.count}
        assert got == expected[facet], facet
    matching = [
        row
        for row in corpus
        if (row["kestrel"] or not kestrel)
        and all(
            (row[f] & v) if isinstance(row[f], set) else row[f] in v  # noqa: SIM118
            for f, v in active.items()
        )
    ]
    assert result.count == len(matching)
    assert {row.title for row in result.results} == {row["review"].title for row in matching}


def test_choosing_one_region_still_shows_the_other_regions_counts(corpus):
    result = search(region=["london"])
    regions = {value.value: (value.count, value.selected) for value in result.facets["region"]}
    assert regions == {"london": (5, True), "north-west": (4, False), "wales": (3, False)}
    assert result.count == 5


def test_values_with_no_matches_are_left_out_unless_chosen(corpus):
    result = search(q="kestrel", theme=["sexual-abuse-and-exploitation"])
    assert result.count == 0
    themes = {value.value: value.count for value in result.facets["theme"]}
    assert themes["sexual-abuse-and-exploitation"] == 0  # chosen, so still shown (to be unticked)
    assert all(count > 0 for value, count in themes.items() if value != "sexual-abuse-and-exploitation")
    assert "online-harm" in themes  # its count ignores the theme filter


def test_a_year_range_filters_and_counts_as_the_year_facet(corpus):
    result = search(year_from="2019", year_to="2021")
    assert result.count == sum(1 for row in corpus if 2019 <= int(row["year"]) <= 2021)
    years = {value.value: value.count for value in result.facets["year"]}
    assert years == dict(Counter(row["year"] for row in corpus))  # its own filter is not applied to it


def test_years_chosen_and_a_year_range_must_both_hold(corpus):
    result = search(year=["2019", "2021"], year_from="2020")
    assert result.count == sum(1 for row in corpus if row["year"] == "2021")
    only_before = search(year_to="2019")
    assert only_before.count == sum(1 for row in corpus if int(row["year"]) <= 2019)


def test_with_no_published_reviews_a_search_finds_nothing_and_lists_no_values():
    for params in ({}, {"q": "neglect"}, {"q": "health visitor worried"}, {"theme": "neglect"}):
        result = search(**params)
        assert result.count == 0 and result.results == [], params
        assert all(value.selected for values in result.facets.values() for value in values), params


def test_facet_labels_are_names_in_users_words(corpus):
    result = search()
    labels = {facet: {value.value: value.label for value in result.facets[facet]} for facet in FACETS}
    assert labels["review_type"]["CSPR"] == "Child safeguarding practice review"
    assert labels["region"]["north-west"] == "North West"
    assert labels["age_band"]["under-1"] == "Under 1"
    assert labels["theme"]["safe-sleep"] == "Safe sleep"
    assert labels["agency"]["adult-social-care"] == "Adult social care"


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
