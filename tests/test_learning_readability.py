import pytest
from django.urls import reverse

from learning.readability import LONG_SENTENCE_WORDS, describe_score, long_sentences, measure, split_sentences
from tests.factories import ReviewFactory
from tests.test_admin_uploads import review_form


def flesch(words: int, sentences: int, syllables: int) -> float:
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def test_short_plain_words_score_as_very_easy():
    text = "The cat sat on the mat. The dog ran to the park."
    result = measure(text)
    # 12 words of one syllable each, in 2 sentences.
    assert result.score == pytest.approx(flesch(12, 2, 12), abs=0.01)
    assert (result.words, result.sentences) == (12, 2)
    assert result.shown_score == 100  # shown on a 0 to 100 scale
    assert result.in_words == "Very easy: like a children's story"


def test_long_latinate_sentences_score_as_very_difficult():
    text = (
        "Notwithstanding the multiplicity of organisational responsibilities, interagency communication "
        "demonstrated considerable inconsistency throughout the intervention."
    )
    # Syllables counted by hand: not-with-stand-ing (4), the, mul-ti-plic-i-ty (5), of, or-gan-i-sa-tion-al (6),
    # re-spon-si-bil-i-ties (6), in-ter-a-gen-cy (5), com-mu-ni-ca-tion (5), dem-on-strat-ed (4),
    # con-sid-er-a-ble (5), in-con-sis-ten-cy (5), through-out (2), the, in-ter-ven-tion (4): 54 in 14 words.
    result = measure(text)
    assert result.score == pytest.approx(flesch(14, 1, 54), abs=0.01)
    assert result.shown_score == 0
    assert result.in_words == "Very difficult: like a legal document"


@pytest.mark.parametrize(
    ("score", "words"),
    [
        (95, ("very easy", "like a children's story")),
        (65, ("plain English", "like a tabloid newspaper")),
        (55, ("fairly difficult", "like a broadsheet newspaper")),
        (50, ("fairly difficult", "like a broadsheet newspaper")),
        (49.9, ("difficult", "like an academic paper")),
        (-20, ("very difficult", "like a legal document")),
    ],
)
def test_scores_are_described_in_plain_words(score, words):
    assert describe_score(score) == words


def test_too_little_text_is_not_measured():
    assert measure("Summary to follow.") is None


def test_sentences_split_at_full_stops_blank_lines_and_list_items():
    text = "First one. Second one!\n\nA heading without a stop\n- a list item\n- another"
    assert split_sentences(text) == [
        "First one.",
        "Second one!",
        "A heading without a stop",
        "- a list item",
        "- another",
    ]


def test_very_long_sentences_are_found():
    long = "Words " + " ".join(["word"] * LONG_SENTENCE_WORDS) + "."
    short = "This one is short."
    assert long_sentences(f"{short} {long} {short}") == [long]


@pytest.mark.django_db
def test_review_page_shows_reading_ease_in_plain_words(client, board_a):
    review = ReviewFactory(board=board_a, summary="The cat sat on the mat. The dog ran to the park.")
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Reading ease of this summary: 100 out of 100, very easy" in page
    assert "Very easy: like a children&#x27;s story." in page


@pytest.mark.django_db
def test_plain_english_summary_is_shown_first(client, board_a):
    review = ReviewFactory(
        board=board_a, summary="The formal executive summary.", plain_summary="What happened, in everyday words."
    )
    page = client.get(review.get_absolute_url()).content.decode()
    page = page[page.index("<main") :]
    assert page.index("In plain English") < page.index("What happened, in everyday words.")
    assert page.index("What happened, in everyday words.") < page.index("Executive summary")
    assert page.index("Executive summary") < page.index("The formal executive summary.")


@pytest.mark.django_db
def test_without_a_plain_summary_the_executive_summary_comes_first(client, board_a):
    review = ReviewFactory(board=board_a, summary="The formal executive summary.")
    assert "In plain English" not in client.get(review.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_editors_see_reading_ease_and_long_sentence_warnings_when_they_save(editor_client, board_a):
    long = "The review found that " + " ".join(["agencies did not share what they knew"] * 6) + "."
    response = editor_client.post(
        reverse("admin:reviews_review_add"),
        review_form(
            board_a,
            summary=f"The baby was seen at home. {long}",
            plain_summary="The baby was hurt at home. Nobody saw the signs in time.",
        ),
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert any(m.startswith("Reading ease of the summary: ") and "out of 100" in m for m in shown), shown
    assert any("1 very long sentence (over 35 words)" in m and "“The review found that agencies" in m for m in shown)
    assert any(m.startswith("Reading ease of the plain English summary: ") for m in shown)
