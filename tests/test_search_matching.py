"""Search on a small known library: which reviews match, in what order, the any-word fallback and snippets."""

import pytest
from django.db import connection

from reviews.services import review_withdraw

from . import search_corpus
from .factories import ReviewFactory
from .search_corpus import make_searchable, search, titles

pytestmark = pytest.mark.django_db

# Shared fixtures: the libraries searched (tests/search_corpus.py).
texts = search_corpus.texts

# ---------------------------------------------------------------------------------------------------------------
# Matching and ranking


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


def test_a_hyphenated_word_matches_only_that_word_hyphenated(board_a):
    # five, so that a search for the word is not widened to any of its parts (the fallback)
    hyphenated = {f"Hyphenated {n}" for n in range(5)}
    made = [ReviewFactory(board=board_a, title=t, summary="Self-neglect was not named as a risk.") for t in hyphenated]
    made += [
        ReviewFactory(board=board_a, title="Apart", summary="Neglect of the self was named by the GP."),
        ReviewFactory(board=board_a, title="Reversed", summary="Neglect-self was written on one form."),
        ReviewFactory(board=board_a, title="Numbers", summary="She was an 11-year-old girl; at 11 she was older."),
    ]
    make_searchable(*made)
    found = search(q="self-neglect")
    assert set(titles(found)) == hyphenated and found.match == "all"
    assert titles(search(q="self-neglect -named")) == []
    assert set(titles(search(q="self-neglect or neglect-self"))) == hyphenated | {"Reversed"}
    # inside a quoted phrase, still a phrase
    assert titles(search(q='"self-neglect named"')) == []
    assert set(titles(search(q='"self-neglect was not named"'))) == hyphenated
    assert titles(search(q="11-year-old"))[0] == "Numbers"
    highlighted = str(found.results[0].snippet)
    assert "<mark>Self-neglect</mark>" in highlighted or "<mark>Self</mark>-<mark>neglect</mark>" in highlighted


def test_a_search_leaves_the_databases_settings_as_they_were(texts):
    # The text statements turn off table scans and JIT (and, for phrases, make parallel workers cheap) for their
    # own transaction only; inside a caller's transaction, as here, they put the settings back.
    names = ["enable_seqscan", "jit", "parallel_setup_cost", "min_parallel_table_scan_size"]

    def settings():
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(f"current_setting('{name}')" for name in names))
            return cursor.fetchone()

    before = settings()
    assert before[0] == "on"
    for q in ("hoarding", '"safe sleep advice"', "health visitor worried about the baby's weight", "co-sleeping"):
        assert search(q=q).count
        assert settings() == before, q


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
