"""Suggested themes and agencies: trained on the library's tagged reviews, from the taxonomy when it is empty;
editors' decisions recorded; findings given themes."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from learning.theme_pages import recent_reviews_with_findings
from reviews.models import Finding, Review
from themes.models import FindingTheme, SuggestionDecision, Theme, ThemeModel
from themes.suggestions import store
from themes.suggestions.decisions import suggestions_for_review
from themes.suggestions.training import retraining_due, train_theme_model

from .factories import ReviewFactory
from .suggestion_corpus import make_tagged_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_model_cache():
    store.forget_loaded()
    yield
    store.forget_loaded()


@pytest.fixture
def trained(board_a):
    corpus = make_tagged_corpus(board_a, per_theme=12)  # 8 of each theme in each cross-validation training fold
    version = train_theme_model()
    return corpus, version


def test_suggestions_rank_the_theme_learnt_from_tagged_reviews_first(trained):
    themes, _ = store.current_suggester().suggest(
        "The baby slept in the adult bed. Later the infant was found unresponsive on the sofa."
    )
    assert themes[0].slug == "safe-sleep"
    assert themes[0].score > 0.5
    assert any("unresponsive on the sofa" in sentence for sentence in themes[0].sentences)
    text = "Police attended after shouting was heard. The partner controlled the money."
    assert store.current_suggester().suggest(text)[0][0].slug == "domestic-abuse"


def test_an_empty_library_still_gets_suggestions_from_the_taxonomy(db):
    assert not Review.objects.exists()
    themes, agencies = store.suggester_or_taxonomy().suggest(
        "There was coercive control by the mother's partner. The baby died while co-sleeping."
    )
    slugs = [suggestion.slug for suggestion in themes]
    assert {"domestic-abuse", "safe-sleep"} <= set(slugs[:3])
    assert any("coercive control" in sentence for sentence in themes[slugs.index("domestic-abuse")].sentences)


def test_a_theme_with_no_tagged_reviews_is_still_suggested_by_its_synonyms(trained):
    themes, _ = store.current_suggester().suggest("The young person was groomed online through social media.")
    assert "online-harm" in [suggestion.slug for suggestion in themes[:3]]


def test_training_stores_a_version_with_cross_validated_figures_per_theme(trained):
    _, version = trained
    stored = ThemeModel.objects.current()
    assert stored == version
    assert stored.review_count == 36
    figures = stored.theme_metrics["safe-sleep"]
    assert figures["support"] == 12
    assert figures["precision"] > 0.7 and figures["recall"] > 0.7 and figures["f1"] > 0.7


def test_train_and_evaluate_commands_print_each_themes_figures(board_a, capsys):
    make_tagged_corpus(board_a)
    call_command("train_theme_model")
    trained_output = capsys.readouterr().out
    call_command("evaluate_theme_model")
    evaluated = capsys.readouterr().out
    for output in (trained_output, evaluated):
        assert "24 reviews" in output
        assert "precision" in output and "recall" in output
        assert "safe-sleep" in output and "domestic-abuse" in output
    assert ThemeModel.objects.count() == 1


def test_training_again_is_due_only_after_enough_new_reviews(trained, board_a, settings):
    settings.SUGGESTIONS_RETRAIN_AFTER = 2
    from reviews.services import review_publish

    assert not retraining_due()
    for number in range(2):
        draft = ReviewFactory(board=board_a, status="draft", title=f"New review {number}")
        review_publish(review=draft, user=None)
    assert retraining_due()
    call_command("train_theme_model", "--if-due", "--no-evaluate")
    assert ThemeModel.objects.count() == 2
    assert not retraining_due()


def test_findings_get_themes_and_a_theme_page_quotes_a_finding_about_it(trained):
    corpus, _ = trained
    review = corpus["neglect"][0]
    first, about = list(review.findings.order_by("position"))
    neglect = Theme.objects.get(slug="neglect")
    assert FindingTheme.objects.filter(finding=about, theme=neglect).exists()
    assert not FindingTheme.objects.filter(finding=first, theme=neglect).exists()
    quoted = [r.theme_finding for r in recent_reviews_with_findings(neglect, limit=20)]
    assert quoted  # each finding said once, so fewer than the reviews
    assert all(FindingTheme.objects.filter(finding=finding, theme=neglect).exists() for finding in quoted)
    assert first.text not in {finding.text for finding in quoted}


def test_a_changed_review_gets_its_findings_themes(trained, board_a):
    from reviews.signals import reviews_changed

    review = ReviewFactory(board=board_a, findings=["The children were hungry and unwashed at school."])
    reviews_changed.send(sender=Review, review_ids=[review.pk])
    finding = Finding.objects.get(review=review)
    assert list(finding.finding_themes.values_list("theme__slug", flat=True)) == ["neglect"]


def _change_url(review) -> str:
    return reverse("admin:reviews_review_change", args=[review.pk])


def test_editor_sees_suggestions_with_confidence_and_sentences(trained, editor_client, board_a):
    review = ReviewFactory(
        board=board_a,
        status="draft",
        published_on=None,
        summary="The infant was found unresponsive on the sofa after the night feed.",
    )
    page = editor_client.get(_change_url(review)).content.decode()
    assert "Suggested themes" in page
    assert "Safe sleep" in page and "%" in page
    assert "<q>The infant was found unresponsive on the sofa after the night feed.</q>" in page


def test_accepting_adds_the_theme_and_rejecting_hides_it_both_recorded(trained, editor, editor_client, board_a):
    review = ReviewFactory(board=board_a, summary="The infant was found unresponsive on the sofa after the feed.")
    url = reverse("admin:reviews_review_suggestion", args=[review.pk])
    response = editor_client.post(
        url, {"kind": "theme", "slug": "safe-sleep", "decision": "accept", "confidence": "0.9"}
    )
    assert response.status_code == 302
    assert review.themes.filter(slug="safe-sleep").exists()
    editor_client.post(url, {"kind": "theme", "slug": "neglect", "decision": "reject", "confidence": "0.3"})
    assert not review.themes.filter(slug="neglect").exists()
    decisions = {(d.theme.slug, d.accepted, d.user) for d in SuggestionDecision.objects.select_related("theme")}
    assert decisions == {("safe-sleep", True, editor), ("neglect", False, editor)}
    themes, _ = suggestions_for_review(review)
    assert {"safe-sleep", "neglect"}.isdisjoint({suggestion.slug for suggestion in themes})


def test_an_editor_cannot_decide_for_another_boards_review(trained, other_editor_client, board_a):
    review = ReviewFactory(board=board_a)
    url = reverse("admin:reviews_review_suggestion", args=[review.pk])
    response = other_editor_client.post(url, {"kind": "theme", "slug": "neglect", "decision": "accept"})
    assert response.status_code in (302, 403, 404)
    assert not SuggestionDecision.objects.exists()
    assert not review.themes.filter(slug="neglect").exists()


def test_a_bad_decision_changes_nothing(trained, editor_client, board_a):
    review = ReviewFactory(board=board_a)
    url = reverse("admin:reviews_review_suggestion", args=[review.pk])
    editor_client.post(url, {"kind": "board", "slug": "neglect", "decision": "accept"})
    assert editor_client.post(url, {"kind": "theme", "slug": "no-such", "decision": "accept"}).status_code == 404
    assert editor_client.get(url).status_code == 405
    assert not SuggestionDecision.objects.exists()


def test_superusers_see_each_themes_acceptance_rate(trained, superuser_client, editor_client, board_a, superuser):
    review = ReviewFactory(board=board_a)
    theme = Theme.objects.get(slug="neglect")
    for accepted in (True, True, False):
        SuggestionDecision.objects.create(review=review, theme=theme, accepted=accepted, user=superuser)
    page = superuser_client.get(reverse("admin:themes_theme_changelist")).content.decode()
    assert "Suggestions accepted" in page
    assert "67% (2 of 3)" in page
    editor_page = editor_client.get(reverse("admin:themes_theme_changelist"))
    assert "Suggestions accepted" not in editor_page.content.decode()


def test_accepting_a_suggested_agency_adds_it(trained, editor, editor_client, board_a):
    review = ReviewFactory(board=board_a, summary="Police attended the flat after neighbours heard shouting.")
    _, agencies = suggestions_for_review(review)
    assert "police" in [suggestion.slug for suggestion in agencies]
    url = reverse("admin:reviews_review_suggestion", args=[review.pk])
    editor_client.post(url, {"kind": "agency", "slug": "police", "decision": "accept", "confidence": "0.7"})
    assert review.agencies.filter(slug="police").exists()
    decision = SuggestionDecision.objects.get()
    assert decision.agency.slug == "police" and decision.theme is None and decision.accepted
    assert review.events.filter(note__contains="Police").exists()
