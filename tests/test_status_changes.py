"""A review's status changes only by publishing or withdrawing it, each recorded with who and when; a re-import
never brings back a withdrawn review nor publishes a draft."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from reviews.models import Review
from reviews.services import review_publish, review_withdraw
from tests.factories import ReviewFactory, UserFactory

pytestmark = pytest.mark.django_db


def line(**overrides) -> dict:
    values = {
        "title": "Child A: serious case review",
        "reference": "NE-2019-01",
        "review_type": "SCR",
        "board": "Riverside Safeguarding Partnership",
        "region": "London",
        "published": "2019-03-14",
        "summary": "The text as the file has it, with the family's street named.",
        "findings": ["A finding from the file."],
        "themes": ["neglect"],
    }
    values.update(overrides)
    return values


def run_import(tmp_path, *lines, user: str | None = None) -> str:
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(json.dumps(one) for one in lines) + "\n")
    out = StringIO()
    call_command("import_reviews", str(path), *(["--user", user] if user else []), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_reimport_leaves_a_withdrawn_review_withdrawn_and_unchanged(tmp_path, board_a, editor):
    review = ReviewFactory(board=board_a, reference="NE-2019-01", summary="Redacted.", findings=["Redacted."])
    review_withdraw(review=review, user=editor, reason="The family was identified")

    out = run_import(tmp_path, line())

    review.refresh_from_db()
    assert review.status == "withdrawn"
    assert review.summary == "Redacted." and list(review.findings.values_list("text", flat=True)) == ["Redacted."]
    assert not Review.objects.published().exists()
    assert "line 1 matches withdrawn review" in out and "not updated, still withdrawn" in out
    assert "Imported 0 new and updated 0 existing reviews" in out
    assert review.events.first().action == "withdrawn"  # the import added nothing to its history
    assert not review.events.filter(action="imported").exists()


def test_reimport_never_publishes_a_draft(tmp_path, board_a):
    ReviewFactory(board=board_a, reference="NE-2019-02", title="Another", status="draft", published_on=None)
    by_board_title_and_date = ReviewFactory(
        board=board_a, reference="", title="Child A: serious case review", status="draft", published_on="2019-03-14"
    )

    out = run_import(tmp_path, line(reference="NE-2019-02", title="Another"), line(reference=""))

    assert Review.objects.count() == 2 and not Review.objects.published().exists()
    assert "line 1 matches draft review 'Another'" in out
    assert f"line 2 matches draft review 'Child A: serious case review' ({by_board_title_and_date.slug})" in out
    assert out.count("not updated, still draft") == 2


def test_reimport_updates_a_published_review_and_keeps_it_published(tmp_path, board_a):
    review = ReviewFactory(board=board_a, reference="NE-2019-01", summary="Old text.")
    out = run_import(tmp_path, line(summary="New text."))
    review.refresh_from_db()
    assert review.status == "published" and review.summary == "New text."
    assert "updated 1 existing" in out and "matches" not in out


def test_a_new_imported_review_records_its_publishing_and_who_imported_it(tmp_path, board_a):
    importer = UserFactory(username="national-team", is_staff=True)
    run_import(tmp_path, line(), user="national-team")
    review = Review.objects.get(reference="NE-2019-01")
    published = review.events.get(action="published")
    assert published.user == importer and published.at is not None
    assert review.events.get(action="imported").user == importer


def test_importing_as_someone_who_is_not_staff_is_refused(tmp_path, board_a):
    from django.core.management import CommandError

    UserFactory(username="visitor")
    with pytest.raises(CommandError, match="no active staff member"):
        run_import(tmp_path, line(), user="visitor")
    assert not Review.objects.exists()


def test_publishing_and_withdrawing_record_who_and_when(board_a, editor):
    draft = ReviewFactory(board=board_a, status="draft", published_on=None)
    review_publish(review=draft, user=editor)
    review_withdraw(review=draft, user=editor, reason="Court order")
    events = list(draft.events.order_by("at", "id").values_list("action", "user__username", "note"))
    assert events == [("published", "owner", ""), ("withdrawn", "owner", "Court order")]
    assert all(event.at for event in draft.events.all())


@pytest.mark.parametrize("status", ["published", "draft"])
def test_the_database_refuses_a_status_change_outside_the_services(board_a, status):
    review = ReviewFactory(board=board_a, status="withdrawn" if status == "published" else "published")
    with pytest.raises(IntegrityError, match="only through reviews.services"), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(status=status)
    review.refresh_from_db()
    assert review.status != status


def test_other_changes_to_a_review_still_save(board_a):
    review = ReviewFactory(board=board_a, status="withdrawn")
    Review.objects.filter(pk=review.pk).update(title="A corrected title")
    review.refresh_from_db()
    assert review.title == "A corrected title" and review.status == "withdrawn"


def test_the_admin_form_cannot_change_a_status(editor_client, board_a):
    withdrawn = ReviewFactory(board=board_a, status="withdrawn", title="Child W")
    url = reverse("admin:reviews_review_change", args=[withdrawn.pk])
    page = editor_client.get(url).content.decode()
    assert 'name="status"' not in page
    data = {
        "title": "Child W",
        "slug": withdrawn.slug,
        "review_type": "CSPR",
        "board": board_a.pk,
        "published_on": "2021-06-01",
        "summary": "Changed text.",
        "status": "published",
        **{
            f"{prefix}-{key}": value
            for prefix in ("findings", "recommendations", "events")
            for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()
        },
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302
    withdrawn.refresh_from_db()
    assert withdrawn.summary == "Changed text." and withdrawn.status == "withdrawn"
    changed = withdrawn.events.first()
    assert changed.action == "changed" and changed.user.username == "owner"
