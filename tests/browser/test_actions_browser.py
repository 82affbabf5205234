"""A board editor records progress on an action and completes a local audit, in a real browser, accessibly."""

import datetime

import pytest
from django.utils import timezone

from actions.models import Action, Audit
from tests.action_fixtures import make_action
from tests.factories import ReviewFactory

# serialized_rollback keeps the regions, agencies, themes and audit questions that data migrations made.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def action(board_a, editor):
    review = ReviewFactory(
        board=board_a,
        title="Baby K: serious case review",
        themes=["safe-sleep"],
        recommendations=["Health visitors should repeat safe sleep advice at every contact."],
    )
    return make_action(
        review,
        user=editor,
        description="Add safe sleep to every health visiting contact checklist.",
        agreed_on=timezone.localdate() - datetime.timedelta(days=60),
    )


def sign_in(page, next_url: str, assert_accessible=None) -> None:
    """Password, then the second step with one of the editor's recovery codes."""
    from django.contrib.auth.models import User
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.two_factor import new_recovery_codes

    editor = User.objects.get(username="owner")
    TOTPDevice.objects.get_or_create(user=editor, confirmed=True, defaults={"name": "Phone"})
    code = new_recovery_codes(user=editor)[0]
    page.goto(f"/admin/login/?next={next_url}")
    page.get_by_label("Username").fill("owner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/two-factor/**")
    if assert_accessible:
        assert_accessible(page)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"**{next_url}")


def test_board_editor_adds_an_action_update_and_completes_an_audit(page, action, board_a, assert_accessible):
    sign_in(page, f"/boards/{board_a.slug}/actions/", assert_accessible)
    assert_accessible(page)

    page.get_by_role("link", name="Add safe sleep to every health visiting contact checklist.").click()
    assert page.get_by_role("heading", name="Action", exact=True).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add a progress update").click()
    # Submitting with nothing written shows GOV.UK errors, linked from the summary.
    page.get_by_role("button", name="Add update").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible() and "Enter what has happened" in summary.inner_text()
    assert_accessible(page)
    page.get_by_label("What has happened").fill("The checklist now includes safe sleep; all teams briefed.")
    page.get_by_label("Evidence of impact (optional)").fill("Spot check: advice recorded at 19 of 20 visits.")
    page.get_by_label("Completed", exact=True).check()
    page.get_by_role("button", name="Add update").click()
    page.wait_for_url(f"**/actions/{action.pk}/")
    assert "Update added." in page.locator(".govuk-notification-banner").inner_text()
    assert "Spot check: advice recorded at 19 of 20 visits." in page.content()
    assert_accessible(page)
    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETED and action.completed_on == timezone.localdate()

    page.goto(f"/boards/{board_a.slug}/actions/")
    page.get_by_role("link", name="Audits", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Neglect", exact=True).check()
    page.get_by_role("button", name="Start audit").click()
    page.wait_for_url("**/audits/*/")
    assert page.get_by_role("heading", name="Neglect audit").is_visible()
    assert_accessible(page)

    questions = page.locator(".app-audit-question")
    assert questions.count() == 3
    answers = ["Met", "Not met", "Partly met"]
    for i, answer in enumerate(answers):
        question = questions.nth(i)
        question.get_by_label(answer, exact=True).check()
        if i < 2:  # leave the last evidence empty for now
            question.get_by_label(f"Evidence for question {i + 1}").fill(f"Case file audit, question {i + 1}.")
    page.get_by_role("button", name="Save as draft").click()
    assert "Draft saved." in page.locator(".govuk-notification-banner").inner_text()

    page.get_by_role("button", name="Complete audit").click()
    summary = page.locator(".govuk-error-summary")
    assert "Question 2: enter the action you will take, as this is not met" in summary.inner_text()
    assert "Question 3: enter the evidence for your answer" in summary.inner_text()
    assert_accessible(page)
    questions.nth(1).get_by_label("Action if not met for question 2").fill("Re-train staff on the neglect tool.")
    questions.nth(2).get_by_label("Evidence for question 3").fill("Supervision records.")
    page.get_by_role("button", name="Complete audit").click()
    assert "Audit completed." in page.locator(".govuk-notification-banner").inner_text()
    assert "It can no longer be changed" in page.content()
    assert page.get_by_role("button", name="Complete audit").count() == 0
    assert_accessible(page)
    audit = Audit.objects.get(board=board_a)
    assert audit.status == Audit.Status.COMPLETED
    assert list(audit.answers.order_by("question__position").values_list("answer", flat=True)) == [
        "met",
        "not-met",
        "partly-met",
    ]


def test_public_tracker_and_national_audit_pages_are_accessible_and_fit_a_phone(
    page, phone_page, action, board_a, assert_accessible
):
    for url in ["/tracker/", f"/boards/{board_a.slug}/tracker/", "/audits/national/"]:
        page.goto(url)
        assert_accessible(page)
        phone_page.goto(url)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{url} scrolls sideways on a phone ({width}px wide)"
    page.goto(action.recommendation.review.get_absolute_url())
    assert "Progress:" in page.locator("main").inner_text()
    assert_accessible(page)
