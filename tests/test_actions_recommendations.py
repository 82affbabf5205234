"""A recommendation with actions is kept: it cannot be deleted, in the database or the review admin, and a
re-import updates it in place or is refused."""

import pytest
from django.urls import reverse

from reviews.models import Recommendation

from . import action_fixtures
from .action_fixtures import make_action

pytestmark = pytest.mark.django_db

# Shared fixtures (tests/action_fixtures.py).
review_a = action_fixtures.review_a
action_a = action_fixtures.action_a
private_documents = action_fixtures.private_documents


def test_a_recommendation_with_actions_cannot_be_deleted(action_a):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        action_a.recommendation.delete()


def test_deleting_a_recommendation_with_actions_in_the_review_admin_is_refused_clearly(action_a, editor_client):
    from .test_admin_uploads import review_form

    review = action_a.recommendation.review
    recommendations = list(review.recommendations.order_by("position"))
    data = review_form(
        review.board,
        title=review.title,
        slug=review.slug,
        summary=review.summary,
        published_on=review.published_on.isoformat(),
        **{"recommendations-TOTAL_FORMS": "2", "recommendations-INITIAL_FORMS": "2"},
    )
    for i, recommendation in enumerate(recommendations):
        data |= {
            f"recommendations-{i}-id": str(recommendation.pk),
            f"recommendations-{i}-review": str(review.pk),
            f"recommendations-{i}-position": str(recommendation.position),
            f"recommendations-{i}-text": recommendation.text,
            f"recommendations-{i}-agency": "",
        }
    data["recommendations-0-DELETE"] = "on"
    response = editor_client.post(reverse("admin:reviews_review_change", args=[review.pk]), data)
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in response.content.decode()
    assert Recommendation.objects.filter(pk=action_a.recommendation_id).exists()


def test_reimporting_a_review_whose_recommendations_have_actions_keeps_the_actions(action_a):
    # The import updates a review's recommendations in place by position, so actions stay attached to them.
    from reviews.importing import review_import_rows, validate_review_lines

    review = action_a.recommendation.review
    review.reference = "RS-2024-01"
    review.save()
    line = (
        '{"title": "Baby L: practice review", "reference": "RS-2024-01", "review_type": "CSPR", '
        '"board": "Riverside Safeguarding Partnership", "region": "London", "published": "2021-06-01", '
        '"summary": "New text.", "recommendations": ["A different recommendation."]}'
    )
    review_import_rows(rows=validate_review_lines([line]))
    action_a.refresh_from_db()
    assert action_a.events.exists() and action_a.recommendation.review_id == review.pk
    assert action_a.recommendation.text == "A different recommendation."


def test_reimport_that_would_remove_a_recommendation_with_actions_is_refused_by_line(review_a, editor, tmp_path):
    from django.core.management import CommandError, call_command

    make_action(review_a, position=2, user=editor)
    review_a.reference = "RS-2024-02"
    review_a.save()
    path = tmp_path / "reviews.jsonl"
    path.write_text(
        '{"title": "Baby L: practice review", "reference": "RS-2024-02", "review_type": "CSPR", '
        '"board": "Riverside Safeguarding Partnership", "region": "London", "published": "2021-06-01", '
        '"summary": "Changed text.", "recommendations": ["Only one now."]}\n'
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_reviews", str(path))
    review_a.refresh_from_db()
    assert review_a.summary != "Changed text."
    assert list(review_a.recommendations.values_list("text", flat=True)) == [
        "Repeat safe sleep advice at every contact.",
        "Audit health visiting records.",
    ]
