"""National content (the glossary, theme learning pages, the theme taxonomy) is changed only by national editors;
board editors change only their own boards' content."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from learning.models import GlossaryTerm, ThemeLearning
from themes.models import Theme

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(national_editor_client, editor_client, other_editor_client, superuser_client):
    return {
        "national editor": national_editor_client,
        "board editor": editor_client,
        "other board's editor": other_editor_client,
        "superuser": superuser_client,
        "anonymous": Client(),
    }


def national_pages() -> dict[str, tuple[str, dict]]:
    """{what: (admin URL, a valid change posted to it)}"""
    term = GlossaryTerm.objects.get(term="MASH")
    neglect = Theme.objects.get(slug="neglect")
    return {
        "glossary: add": (
            reverse("admin:learning_glossaryterm_add"),
            {"term": "PPN", "expansion": "Public protection notice", "meaning": "", "kind": "acronym"},
        ),
        "glossary: change": (
            reverse("admin:learning_glossaryterm_change", args=[term.pk]),
            {"term": "MASH", "expansion": "Changed", "meaning": term.meaning, "kind": term.kind},
        ),
        "taxonomy: change": (
            reverse("admin:themes_theme_change", args=[neglect.pk]),
            {"name": "Neglect (changed)", "slug": "neglect", "group": neglect.group, "synonyms": ""},
        ),
        "theme learning: add": (
            reverse("admin:learning_themelearning_add"),
            {
                "theme": neglect.pk,
                "meaning": "Changed meaning.",
                "why_it_matters": "",
                **{
                    f"{inline}-{key}": "0"
                    for inline in ("good_practice", "questions")
                    for key in ("TOTAL_FORMS", "INITIAL_FORMS")
                },
            },
        ),
    }


@pytest.mark.parametrize("persona", ["national editor", "superuser"])
def test_national_editors_and_superusers_change_national_content(clients, persona):
    for what, (url, data) in national_pages().items():
        response = clients[persona].post(url, data)
        assert response.status_code == 302, (what, response.content.decode()[:2000])
    assert GlossaryTerm.objects.get(term="MASH").expansion == "Changed"
    assert Theme.objects.get(slug="neglect").name == "Neglect (changed)"
    assert GlossaryTerm.objects.filter(term="PPN").exists()
    assert ThemeLearning.objects.get(theme__slug="neglect").meaning == "Changed meaning."


@pytest.mark.parametrize("persona", ["board editor", "other board's editor", "anonymous"])
def test_others_cannot_change_national_content(clients, persona):
    client = clients[persona]
    for what, (url, data) in national_pages().items():
        response = client.post(url, data)
        if persona == "anonymous":
            assert response.status_code == 302 and "/admin/login/" in response["Location"], what
        else:
            assert response.status_code == 403, what
    assert not GlossaryTerm.objects.filter(term="PPN").exists()
    assert GlossaryTerm.objects.get(term="MASH").expansion != "Changed"
    assert Theme.objects.get(slug="neglect").name == "Neglect"
    assert not ThemeLearning.objects.filter(meaning="Changed meaning.").exists()


def test_board_editors_still_read_national_content(editor_client):
    term = GlossaryTerm.objects.get(term="MASH")
    response = editor_client.get(reverse("admin:learning_glossaryterm_change", args=[term.pk]))
    assert response.status_code == 200 and 'name="expansion"' not in response.content.decode()


def test_a_board_editor_given_a_permission_by_mistake_still_cannot_change_it(editor, editor_client):
    editor.user_permissions.add(Permission.objects.get(codename="change_glossaryterm"))
    url, data = national_pages()["glossary: change"]
    assert editor_client.post(url, data).status_code == 403
    assert GlossaryTerm.objects.get(term="MASH").expansion != "Changed"


def test_board_editors_change_their_own_boards_reviews_only(editor_client, other_editor_client, board_a):
    review = ReviewFactory(board=board_a)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    assert editor_client.get(url).status_code == 200
    assert other_editor_client.get(url).status_code in {302, 403, 404}
