"""Search result snippets: whole words and short sentences, "…" wherever the summary was cut."""

import pytest

from reviews.search import SearchParams, search_reviews
from reviews.signals import reviews_changed
from reviews.snippets import highlighted_snippet, plain_snippet

from .factories import ReviewFactory

LONG_SUMMARY = (
    "The family moved house four times in two years and were known to several agencies in each area. "
    "Health visitors changed often and records did not follow the family between the areas they lived in. "
    "Over a long period the home conditions were poor and neglect was not recognised by anyone who visited. "
    "Schools raised concerns about attendance and hunger but these were not shared with children's social care. "
    "The review found that professionals accepted the parents' explanations without checking them properly."
)


def make_searchable(*reviews):
    reviews_changed.send(sender=type(reviews[0]), review_ids=[review.id for review in reviews])


@pytest.mark.django_db
def test_a_snippet_from_the_middle_starts_at_its_sentence_and_says_where_text_was_cut(board_a):
    make_searchable(ReviewFactory(board=board_a, summary=LONG_SUMMARY))
    snippet = str(search_reviews(SearchParams(q="neglect")).results[0].snippet)
    assert snippet.startswith("… Over a long period the home conditions were poor and <mark>neglect</mark>")
    assert "recognised by anyone who visited." in snippet
    assert snippet.endswith("…")
    assert snippet.count("<mark>") == 1


@pytest.mark.django_db
def test_a_short_summary_is_shown_whole_without_ellipses(board_a):
    make_searchable(ReviewFactory(board=board_a, summary="Neglect was not recognised."))
    snippet = str(search_reviews(SearchParams(q="neglect")).results[0].snippet)
    assert snippet == "<mark>Neglect</mark> was not recognised."


def test_a_fragment_far_from_its_sentence_start_begins_at_a_whole_word():
    summary = "One two three four five six seven eight nine ten eleven twelve thirteen father's illness mattered."
    headline = "s illness \ue000mattered\ue001."
    assert str(highlighted_snippet(summary, headline, "|")) == "… father&#x27;s illness <mark>mattered</mark>."


def test_two_fragments_are_joined_by_an_ellipsis_and_marks_are_escaped():
    summary = "A <b> start. " + "Filler words go here. " * 6 + "The end & finish."
    headline = "A <b> \ue000start\ue001.|The end & \ue000finish\ue001."
    assert str(highlighted_snippet(summary, headline, "|")) == (
        "A &lt;b&gt; <mark>start</mark>. … The end &amp; <mark>finish</mark>."
    )


def test_a_headline_that_cannot_be_found_in_the_summary_is_shown_as_it_is():
    assert str(highlighted_snippet("Something else.", "\ue000Other\ue001 <text>", "|")) == (
        "<mark>Other</mark> &lt;text&gt;"
    )


def test_without_search_words_the_snippet_is_the_first_whole_sentences():
    snippet = str(plain_snippet(LONG_SUMMARY, 40))
    assert snippet == (
        "The family moved house four times in two years and were known to several agencies in each area. "
        "Health visitors changed often and records did not follow the family between the areas they lived in. …"
    )
    assert str(plain_snippet("Short and whole.", 40)) == "Short and whole."
