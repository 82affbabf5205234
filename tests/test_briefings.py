import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from learning.briefings import GENERAL_QUESTIONS, shorten_to_words
from learning.models import GoodPracticePoint, ReflectiveQuestion, ThemeLearning
from reviews.models import Agency
from tests.factories import ReviewFactory
from themes.models import Theme

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_text(response) -> list[str]:
    """Every paragraph of a downloaded Word document, footer included, as python-docx reads it."""
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    paragraphs += [p.text for p in document.sections[0].footer.paragraphs]
    return paragraphs


def headings(response) -> list[str]:
    document = Document(io.BytesIO(response.content))
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


@pytest.fixture
def neglect():
    return Theme.objects.get(slug="neglect")


@pytest.fixture
def neglect_learning(neglect):
    learning = ThemeLearning.objects.create(
        theme=neglect, why_it_matters="Neglect harms development in ways that last into adult life."
    )
    ReflectiveQuestion.objects.create(learning=learning, position=1, text="How do we see the child's day?")
    ReflectiveQuestion.objects.create(learning=learning, position=2, text="When did we last visit unannounced?")
    GoodPracticePoint.objects.create(learning=learning, position=1, text="Use a neglect assessment tool.")
    return learning


@pytest.fixture
def neglect_reviews(board_a, board_b):
    old = ReviewFactory(
        board=board_a,
        title="Child A",
        published_on=datetime.date(2019, 3, 1),
        themes=["neglect"],
        findings=["Home conditions showing neglect were seen many times but never recorded together."],
    )
    new = ReviewFactory(
        board=board_b,
        title="Child B",
        published_on=datetime.date(2023, 5, 1),
        themes=["neglect"],
        findings=["The MASH did not see the pattern of neglect in missed appointments.", "Second finding."],
    )
    ReviewFactory(board=board_a, title="Unrelated", published_on=datetime.date(2023, 1, 1), themes=["safe-sleep"])
    ReviewFactory(
        board=board_a, title="Draft on neglect", status="draft", published_on=None, themes=["neglect"], findings=["X"]
    )
    return old, new


def test_theme_briefing_page_has_the_findings_questions_and_good_practice(
    client, neglect, neglect_learning, neglect_reviews
):
    old, new = neglect_reviews
    response = client.get(reverse("learning:theme-briefing", args=["neglect"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Seven-minute briefing on a theme" in page and "<h1" in page and "Neglect" in page
    # 2 of the 3 published reviews have the theme; the draft is not counted.
    assert "2 of the 3 reviews published in 2019 to 2023 (66.7%) found learning about neglect." in page
    # The newest finding first, quoted, with a link to its review.
    assert page.index("pattern of neglect in missed appointments") < page.index("Home conditions showing neglect")
    assert f'href="{new.get_absolute_url()}">Child B</a>' in page
    assert "Second finding." not in page  # one finding per review keeps it to a page
    assert "Draft on neglect" not in page
    assert "How do we see the child&#x27;s day?" in page
    assert "Use a neglect assessment tool." in page
    assert "Neglect harms development" in page
    # Acronyms are explained on the page and listed for the printout.
    assert '<abbr title="Multi-agency safeguarding hub">MASH</abbr>' in page
    assert "Acronyms in this briefing" in page


def test_theme_briefing_download_is_a_word_document_with_the_same_content(
    client, neglect, neglect_learning, neglect_reviews
):
    response = client.get(reverse("learning:theme-briefing-download", args=["neglect"]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="seven-minute-briefing-neglect.docx"'
    text = "\n".join(docx_text(response))
    assert headings(response) == [
        "Neglect",
        "How often reviews find this",
        "What recent reviews found",
        "Why it matters",
        "What to do",
        "Questions for your team",
        "Acronyms in this briefing",
        "Find out more",
    ]
    assert "2 of the 3 reviews published in 2019 to 2023 (66.7%) found learning about neglect." in text
    assert "“The MASH did not see the pattern of neglect in missed appointments.”" in text
    assert "From: Child B" in text
    assert "How do we see the child's day?" in text
    assert "Use a neglect assessment tool." in text
    assert "MASH: Multi-agency safeguarding hub" in text
    assert "http://testserver/reviews/child-b/" in text
    assert "Draft on neglect" not in text


def test_page_and_download_are_drawn_from_one_briefing(client, neglect, neglect_learning, neglect_reviews):
    from learning.briefings import theme_briefing

    briefing = theme_briefing(neglect)
    text = "\n".join(docx_text(client.get(briefing.download_path)))
    for paragraph in briefing.texts():
        assert paragraph in text


def test_theme_briefing_without_editors_content_uses_general_questions_and_the_reviews_recommendations(client, board_a):
    ReviewFactory(
        board=board_a,
        themes=["physical-abuse"],
        findings=["Bruising on a baby who could not crawl was not referred."],
        recommendations=["Every bruise on a non-mobile baby should be referred."],
    )
    page = client.get(reverse("learning:theme-briefing", args=["physical-abuse"])).content.decode()
    assert "Every bruise on a non-mobile baby should be referred." in page
    assert GENERAL_QUESTIONS[0] in page


def test_review_briefing_uses_the_plain_summary_findings_and_recommendations(client, board_a, neglect_learning):
    review = ReviewFactory(
        board=board_a,
        title="Child C",
        summary="Executive summary in formal language.",
        plain_summary="Child C was not fed properly for months. Nobody put the signs together.",
        themes=["neglect"],
        findings=["Health and school held separate pieces of the picture."],
    )
    review.recommendations.create(
        position=1, text="Share attendance concerns.", agency=Agency.objects.get(slug="education")
    )
    response = client.get(reverse("learning:review-briefing", args=[review.slug]))
    page = response.content.decode()
    assert "What happened" in page
    assert "Child C was not fed properly for months." in page
    assert "Executive summary in formal language." not in page
    assert "Health and school held separate pieces of the picture." in page
    assert "Share attendance concerns." in page and "for education" in page
    assert "How do we see the child&#x27;s day?" in page  # the theme's questions
    assert "Use a neglect assessment tool." in page

    download = client.get(reverse("learning:review-briefing-download", args=[review.slug]))
    text = "\n".join(docx_text(download))
    assert "Child C was not fed properly for months." in text
    assert "Share attendance concerns. (for education)" in text
    assert "How do we see the child's day?" in text


def test_review_briefing_is_only_for_published_reviews(client, editor_client, draft_a):
    for name in ("learning:review-briefing", "learning:review-briefing-download"):
        assert client.get(reverse(name, args=[draft_a.slug])).status_code == 404
        assert editor_client.get(reverse(name, args=[draft_a.slug])).status_code == 404


def test_unknown_theme_or_review_is_a_clear_404(client):
    assert client.get(reverse("learning:theme-briefing", args=["no-such-theme"])).status_code == 404
    assert client.get(reverse("learning:review-briefing-download", args=["no-such-review"])).status_code == 404


def test_long_summaries_are_cut_at_a_sentence_for_one_page():
    sentence = "This sentence has exactly eight words in it."
    assert shorten_to_words(" ".join([sentence] * 30), limit=20) == [" ".join([sentence] * 3) + " …"]
    assert shorten_to_words("Short.\n\nTwo paragraphs.", limit=20) == ["Short.", "Two paragraphs."]
