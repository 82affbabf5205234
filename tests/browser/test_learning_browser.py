import io
import time

import pytest
from pypdf import PdfReader

from learning.forms import form_started_token
from learning.models import GoodPracticePoint, ReflectiveQuestion, ThemeLearning
from tests.factories import ReviewFactory
from themes.models import Theme

# serialized_rollback keeps the regions, agencies, themes and glossary that data migrations made.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def a_review(board_a):
    review = ReviewFactory(
        board=board_a,
        title="Baby L: child safeguarding practice review",
        summary=(
            "Baby L was referred to the MASH twice. The GP and the health visitor each held part of the picture. "
            "A s47 enquiry was not started because the threshold was judged not to be met.\n\n"
            "The review found that agencies did not share what they knew in time."
        ),
        plain_summary="Baby L was hurt at home. The people helping the family did not put together what they knew.",
        themes=["neglect", "information-sharing"],
        findings=[
            "The MASH did not see the earlier referral.",
            "The health visitor's concerns about home conditions were not passed to the GP.",
            "Nobody checked who else lived in the home.",
        ],
        recommendations=["Partners should agree how the MASH records repeat referrals.", "Review the threshold guide."],
    )
    learning = ThemeLearning.objects.create(
        theme=Theme.objects.get(slug="neglect"),
        meaning="Neglect is the persistent failure to meet a child's basic needs.",
        why_it_matters="Neglect harms development in ways that can last a lifetime.",
    )
    for n, text in enumerate(["What is a day like for this child?", "When did we last see the child's bed?"]):
        ReflectiveQuestion.objects.create(learning=learning, position=n, text=text)
    GoodPracticePoint.objects.create(learning=learning, text="Use a neglect assessment tool, with the family.")
    return review


def test_learning_pages_are_accessible(page, a_review, assert_accessible):
    page.goto(a_review.get_absolute_url())
    assert page.get_by_role("heading", name="In plain English").is_visible()
    assert page.locator("abbr[title='Multi-agency safeguarding hub']").first.is_visible()
    page.get_by_text("Reading ease of this summary").click()  # the details open without JavaScript too
    assert page.get_by_text("words per sentence on average").is_visible()
    assert page.locator("#feedback-website").is_hidden()  # the spam trap is never shown to people
    assert_accessible(page)

    page.get_by_role("link", name="View and print the briefing").click()
    page.wait_for_url("**/briefings/reviews/**")
    assert page.get_by_role("heading", name="Questions for your team").is_visible()
    assert_accessible(page)

    page.goto("/themes/neglect/")
    assert page.get_by_role("heading", name="Learning on neglect").is_visible()
    assert page.get_by_role("heading", name="Questions to reflect on").is_visible()
    assert_accessible(page)

    for path in (
        "/briefings/themes/neglect/",
        "/glossary/",
        "/follow/",
        "/alerts/?theme=neglect",
        "/alerts/check-your-email/",
    ):
        page.goto(path)
        assert_accessible(page)


def test_feedback_in_the_browser_and_its_error_page(page, a_review, assert_accessible):
    page.goto(a_review.get_absolute_url())
    # Without choosing yes or no: the form comes back with a GOV.UK error summary.
    page.locator("input[name=started]").evaluate("(el, v) => el.value = v", form_started_token(time.time() - 10))
    page.get_by_role("button", name="Send your answer").click()
    assert page.get_by_text("There is a problem").is_visible()
    assert_accessible(page)

    page.get_by_label("Yes").check()
    page.get_by_label("Your discipline (optional)").select_option("police")
    page.locator("input[name=started]").evaluate("(el, v) => el.value = v", form_started_token(time.time() - 10))
    page.get_by_role("button", name="Send your answer").click()
    page.wait_for_url("**feedback=sent**")
    assert page.get_by_text("Thank you: your answer has been recorded.").is_visible()
    assert page.get_by_text("1 practitioner answered; 1 said it helped.").is_visible()
    assert_accessible(page)


def test_alert_sign_up_errors_are_accessible(page, assert_accessible):
    page.goto("/alerts/?theme=neglect")
    page.get_by_label("Email address").fill("not an email")
    page.locator("input[name=started]").evaluate("(el, v) => el.value = v", form_started_token(time.time() - 10))
    page.get_by_role("button", name="Get email alerts").click()
    assert page.get_by_text("Enter an email address in the correct format").first.is_visible()
    assert_accessible(page)


def test_a_briefing_prints_on_one_a4_page_without_the_site_furniture(page, a_review):
    page.goto(f"/briefings/reviews/{a_review.slug}/")
    page.emulate_media(media="print")
    assert page.locator("header.govuk-template__header").is_hidden()
    assert page.locator("footer.govuk-footer").is_hidden()
    assert page.locator(".govuk-breadcrumbs").is_hidden()
    assert page.locator(".app-print-only").first.is_visible()  # links written out for paper
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    assert len(pdf.pages) == 1
    assert "Questions for your team" in pdf.pages[0].extract_text()


def test_learning_pages_fit_a_phone_screen(phone_page, a_review, assert_accessible):
    for path in (a_review.get_absolute_url(), "/themes/neglect/", "/briefings/themes/neglect/", "/glossary/"):
        phone_page.goto(path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} scrolls sideways on a phone ({width}px wide)"
    assert_accessible(phone_page)
