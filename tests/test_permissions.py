"""Owner, colleague on another board, anonymous: on every admin and public URL for a review."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from reviews.models import Review, ReviewEvent

from .documents import make_pdf
from .factories import ReviewFactory, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_documents(tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def draft_with_document(board_a):
    review = ReviewFactory(board=board_a, title="Child Q: draft review", status="draft", published_on=None)
    review.source_document.save("summary.pdf", ContentFile(make_pdf("Draft text")))
    return review


def test_editor_sees_only_their_own_boards_reviews_in_the_admin(editor_client, board_a, board_b):
    mine = ReviewFactory(board=board_a, title="Mine", status="draft", published_on=None)
    theirs = ReviewFactory(board=board_b, title="Theirs draft", status="draft", published_on=None)
    ReviewFactory(board=board_b, title="Theirs published")
    page = editor_client.get(reverse("admin:reviews_review_changelist")).content.decode()
    assert "Mine" in page and "Theirs" not in page
    assert editor_client.get(reverse("admin:reviews_review_change", args=[mine.pk])).status_code == 200
    # Another board's review is as if it did not exist: no form, no data.
    response = editor_client.get(reverse("admin:reviews_review_change", args=[theirs.pk]), follow=True)
    assert "Theirs draft" not in response.content.decode()
    assert "doesn’t exist" in response.content.decode()


def test_editor_cannot_choose_or_post_another_board(editor_client, board_a, board_b):
    form_page = editor_client.get(reverse("admin:reviews_review_add")).content.decode()
    assert board_a.name in form_page and board_b.name not in form_page
    from tests.test_admin_uploads import review_form

    response = editor_client.post(reverse("admin:reviews_review_add"), review_form(board_b, summary="Text."))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Review.objects.exists()


def test_editor_cannot_change_another_boards_review_by_posting(editor_client, board_b):
    theirs = ReviewFactory(board=board_b, title="Theirs", status="draft", published_on=None)
    from tests.test_admin_uploads import review_form

    editor_client.post(
        reverse("admin:reviews_review_change", args=[theirs.pk]), review_form(board_b, title="Hacked", summary="x")
    )
    theirs.refresh_from_db()
    assert theirs.title == "Theirs"


def test_editor_can_move_a_review_only_between_their_own_boards(editor, editor_client, board_a, london):
    from tests.factories import BoardFactory
    from tests.test_admin_uploads import review_form

    second = BoardFactory(name="Second Board", region=london)
    second.editors.add(editor)
    review = ReviewFactory(board=board_a, status="draft", published_on=None)
    response = editor_client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        review_form(second, title=review.title, slug=review.slug, summary="Text"),
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.board == second


def test_publishing_is_explicit_and_only_for_own_board(editor, editor_client, other_editor_client, board_a):
    draft = ReviewFactory(board=board_a, status="draft", published_on=None)
    changelist = reverse("admin:reviews_review_changelist")
    action = {"action": "publish_selected", "_selected_action": [draft.pk]}

    other_editor_client.post(changelist, action)
    draft.refresh_from_db()
    assert draft.status == "draft"

    editor_client.post(changelist, action)
    draft.refresh_from_db()
    assert draft.status == "published" and draft.first_published_at is not None
    event = draft.events.get(action=ReviewEvent.Action.PUBLISHED)
    assert event.user == editor

    editor_client.post(changelist, {"action": "withdraw_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == "withdrawn"
    assert list(draft.events.values_list("action", flat=True)) == ["withdrawn", "published"]


def test_published_reviews_cannot_be_deleted_only_withdrawn(editor_client, published_a):
    response = editor_client.post(reverse("admin:reviews_review_delete", args=[published_a.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Review.objects.filter(pk=published_a.pk).exists()


def test_anonymous_visitors_are_sent_to_sign_in_for_every_admin_page(published_a):
    client = Client()
    for url in [
        reverse("admin:index"),
        reverse("admin:reviews_review_changelist"),
        reverse("admin:reviews_review_add"),
        reverse("admin:reviews_review_change", args=[published_a.pk]),
        reverse("admin:reviews_board_changelist"),
        reverse("admin:themes_theme_changelist"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url


@pytest.mark.parametrize(
    ("persona", "can_see"), [("anonymous", False), ("colleague", False), ("owner", True), ("superuser", True)]
)
def test_drafts_and_their_documents_are_seen_only_by_their_board(
    persona, can_see, draft_with_document, editor_client, other_editor_client, superuser_client
):
    client = {
        "anonymous": Client(),
        "colleague": other_editor_client,
        "owner": editor_client,
        "superuser": superuser_client,
    }[persona]
    detail = client.get(draft_with_document.get_absolute_url())
    document = client.get(reverse("reviews:document", args=[draft_with_document.slug]))
    assert detail.status_code == (200 if can_see else 404)
    assert document.status_code == (200 if can_see else 404)
    if can_see:
        assert "is draft and is not public" in detail.content.decode()
        assert document["Content-Type"] == "application/pdf"
        assert b"".join(document.streaming_content).startswith(b"%PDF-")


def test_published_documents_are_public_and_withdrawn_ones_are_not(draft_with_document, editor):
    from reviews.services import review_publish, review_withdraw

    client = Client()
    url = reverse("reviews:document", args=[draft_with_document.slug])
    review_publish(review=draft_with_document, user=editor)
    assert client.get(url).status_code == 200
    review_withdraw(review=draft_with_document, user=editor)
    assert client.get(url).status_code == 404
    assert client.get(draft_with_document.get_absolute_url()).status_code == 404


def test_drafts_never_leak_into_public_lists_or_counts(board_a, editor_client):
    ReviewFactory(board=board_a, title="Secret draft", status="draft", published_on=None, themes=["neglect"])
    ReviewFactory(board=board_a, title="Withdrawn one", status="withdrawn", themes=["neglect"])
    ReviewFactory(board=board_a, title="Public one", themes=["neglect"])
    for client in (Client(), editor_client):  # even the board's own editor sees public pages as the public does
        for url in ["/", "/reviews/", "/themes/", "/themes/neglect/", board_a.get_absolute_url()]:
            page = client.get(url).content.decode()
            assert "Secret draft" not in page and "Withdrawn one" not in page, url
        assert "1 published review" in client.get(board_a.get_absolute_url()).content.decode()
        assert "1 published review" in client.get("/themes/neglect/").content.decode()


def test_missing_pages_are_friendly_404s():
    client = Client()
    for url in ["/reviews/no-such-review/", "/themes/no-such-theme/", "/boards/no-such-board/", "/nowhere/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


def test_staff_sessions_end_after_idle_time(editor_client, settings):
    import time

    settings.STAFF_SESSION_IDLE_SECONDS = 60
    assert editor_client.get(reverse("admin:index")).status_code == 200
    session = editor_client.session
    session["staff_last_seen"] = int(time.time()) - 61
    session.save()
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_a_published_review_of_a_board_with_several_editors_opens_for_each(board_a, editor, published_a):
    from tests.factories import make_editor

    second = make_editor(board_a, username="second-owner")
    client = signed_in(second)
    assert client.get(published_a.get_absolute_url()).status_code == 200
