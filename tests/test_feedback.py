import time

import pytest
from django.test import Client
from django.urls import reverse

from learning import services
from learning.forms import form_started_token
from learning.models import Feedback
from reviews.services import review_withdraw
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def answer(helpful: str = "yes", discipline: str = "health-visiting", comment: str = "", **extra) -> dict:
    # The form was shown ten seconds ago, as for a person who read the question.
    return {
        "helpful": helpful,
        "discipline": discipline,
        "comment": comment,
        "website": "",
        "started": form_started_token(time.time() - 10),
        **extra,
    }


def feedback_url(review) -> str:
    return reverse("learning:review-feedback", args=[review.slug])


def main(page: str) -> str:
    return page[page.index("<main") :]


@pytest.fixture
def review(board_a):
    return ReviewFactory(board=board_a, title="Child F", themes=["neglect"])


def test_practitioner_answers_without_an_account_and_the_comment_waits_for_moderation(client, review):
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Did this help your practice?" in page
    assert "Do not name or identify anyone" in page  # learning, not blame

    response = client.post(feedback_url(review), answer(comment="I will ask to see the baby's sleeping place."))
    assert response.status_code == 302
    assert response["Location"] == f"{review.get_absolute_url()}?feedback=sent#feedback"
    saved = Feedback.objects.get()
    assert (saved.helpful, saved.discipline, saved.comment_status) == (True, "health-visiting", "pending")
    assert "127.0.0.1" not in saved.sender_hash and len(saved.sender_hash) == 64

    page = main(client.get(response["Location"]).content.decode())
    assert "Thank you: your answer has been recorded." in page
    assert "1 practitioner answered; 1 said it helped." in page
    assert "sleeping place" not in page  # not until a moderator approves it


def test_answers_are_counted_by_discipline_on_the_review(review):
    senders = [("10.0.0.1", True, "police"), ("10.0.0.2", False, "police"), ("10.0.0.3", True, "gp")]
    for ip, helpful, discipline in senders:
        services.feedback_record(review=review, helpful=helpful, discipline=discipline, comment="", ip=ip)
    page = main(Client().get(review.get_absolute_url()).content.decode())
    assert "3 practitioners answered; 2 said it helped." in page
    police_row = page[page.index(">Police</th>") :]
    assert police_row.index(">1</td>") < police_row.index("</tr>")  # 1 helped, 1 did not
    gp_row = page[page.index(">GP or primary care</th>") :]
    cells = gp_row[: gp_row.index("</tr>")]
    assert cells.count(">1</td>") == 1 and cells.count(">0</td>") == 1


def test_moderators_approve_or_reject_comments_on_their_own_boards_reviews(
    client, editor_client, other_editor_client, review
):
    kept = services.feedback_record(
        review=review, helpful=True, discipline="police", comment="Seeing the child alone matters.", ip="10.0.0.1"
    )
    dropped = services.feedback_record(
        review=review, helpful=False, discipline="gp", comment="The social worker Jane was useless.", ip="10.0.0.2"
    )
    changelist = reverse("admin:learning_feedback_changelist")
    # The guidance is in front of the moderator.
    page = editor_client.get(changelist).content.decode()
    assert "2 comments waiting." in page and "Do not publish comments that name or could identify" in page

    # An editor on another board does not see, and cannot moderate, this review's feedback.
    assert "Seeing the child alone" not in other_editor_client.get(changelist).content.decode()
    other_editor_client.post(changelist, {"action": "approve_comments", "_selected_action": [kept.pk, dropped.pk]})
    assert Feedback.objects.filter(comment_status="approved").count() == 0

    editor_client.post(changelist, {"action": "approve_comments", "_selected_action": [kept.pk]})
    editor_client.post(changelist, {"action": "reject_comments", "_selected_action": [dropped.pk]})
    kept.refresh_from_db()
    assert kept.comment_status == "approved" and kept.moderated_by.username == "owner"

    page = main(client.get(review.get_absolute_url()).content.decode())
    assert "Seeing the child alone matters." in page and "Police" in page
    assert "Jane" not in page


def test_one_answer_per_review_per_day_from_each_sender(review, board_a):
    first = Client(REMOTE_ADDR="10.1.1.1")
    assert first.post(feedback_url(review), answer()).status_code == 302
    again = first.post(feedback_url(review), answer(helpful="no"))
    assert again.status_code == 429
    assert "You have already told us whether this review helped" in again.content.decode()
    assert Client(REMOTE_ADDR="10.1.1.2").post(feedback_url(review), answer()).status_code == 302
    assert Feedback.objects.count() == 2


def test_one_sender_cannot_flood_the_counts(board_a):
    reviews = [ReviewFactory(board=board_a) for _ in range(services.FEEDBACK_PER_DAY + 1)]
    for review in reviews[:-1]:
        services.feedback_record(review=review, helpful=True, discipline="other", comment="", ip="10.2.2.2")
    response = Client(REMOTE_ADDR="10.2.2.2").post(feedback_url(reviews[-1]), answer())
    assert response.status_code == 429
    assert Feedback.objects.filter(review=reviews[-1]).count() == 0


def test_spam_is_kept_out(client, review):
    trapped = client.post(feedback_url(review), answer(website="http://casino.example", comment="Buy now"))
    assert trapped.status_code == 302  # the robot is told nothing
    too_quick = client.post(feedback_url(review), answer(started=form_started_token()))
    assert too_quick.status_code == 400
    assert "That was sent very quickly" in too_quick.content.decode()
    stale = client.post(feedback_url(review), answer(started=form_started_token(time.time() - 2 * 86400)))
    assert "open for more than a day" in stale.content.decode()
    forged = client.post(feedback_url(review), answer(started="1"))
    assert forged.status_code == 400
    assert not Feedback.objects.exists()


def test_missing_answer_and_long_comments_get_clear_messages(client, review):
    response = client.post(feedback_url(review), answer(helpful="", comment="x" * 1001))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Select yes if this review helped your practice, or no if it did not" in page
    assert "Your comment must be 1000 characters or fewer" in page
    assert not Feedback.objects.exists()


def test_unpublished_reviews_take_no_feedback(client, draft_a):
    assert client.post(feedback_url(draft_a), answer()).status_code == 404
    assert "Did this help your practice?" not in client.get(draft_a.get_absolute_url()).content.decode()


def test_feedback_rolls_up_to_the_theme_page(client, board_a, editor):
    first = ReviewFactory(board=board_a, themes=["neglect"])
    second = ReviewFactory(board=board_a, themes=["neglect"])
    withdrawn = ReviewFactory(board=board_a, themes=["neglect"])
    other = ReviewFactory(board=board_a, themes=["safe-sleep"])
    services.feedback_record(review=first, helpful=True, discipline="education", comment="", ip="10.0.0.1")
    services.feedback_record(review=second, helpful=True, discipline="education", comment="", ip="10.0.0.1")
    services.feedback_record(review=second, helpful=False, discipline="police", comment="", ip="10.0.0.2")
    services.feedback_record(review=withdrawn, helpful=False, discipline="education", comment="", ip="10.0.0.3")
    services.feedback_record(review=other, helpful=False, discipline="education", comment="", ip="10.0.0.4")
    review_withdraw(review=withdrawn, user=editor)

    page = main(client.get(reverse("themes:detail", args=["neglect"])).content.decode())
    table = page[page.index("What practitioners told us") :]
    table = table[: table.index("</table>")]
    education = table[table.index(">Education or early years</th>") :]
    education = education[: education.index("</tr>")]
    assert education.count(">2</td>") == 1 and education.count(">0</td>") == 1  # 2 helped, 0 did not
    police = table[table.index(">Police</th>") :]
    police = police[: police.index("</tr>")]
    assert police.count(">0</td>") == 1 and police.count(">1</td>") == 1


def test_going_to_the_feedback_address_leads_back_to_the_review(client, review):
    response = client.get(feedback_url(review))
    assert response.status_code == 302 and response["Location"] == f"{review.get_absolute_url()}#feedback"
