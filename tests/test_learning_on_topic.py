"""Learning pages stay on topic: findings about the theme, each said once; readable synonyms; no repeated lines."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from learning.models import ThemeLearning
from learning.theme_words import distinct, readable_synonyms
from themes.models import Theme

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_only_findings_about_the_theme_are_quoted_and_none_twice(client, board_a):
    for day, findings in enumerate(
        [
            ["Concerns were not escalated when the health visitor disagreed.", "The interpreter was not used."],
            ["Safe sleep advice was given but not tailored to the family."],
            ["The review found that safe sleep advice was given but not tailored to the family."],
            ["Safe sleep advice was given but not tailored to the family."],
            ["The baby died while co-sleeping with a parent who had drunk alcohol."],
            ["Bed sharing on a sofa was not discussed."],
        ],
        start=1,
    ):
        ReviewFactory(board=board_a, themes=["safe-sleep"], findings=findings, published_on=datetime.date(2024, 1, day))
    page = client.get(reverse("themes:detail", args=["safe-sleep"])).content.decode()
    assert "escalated" not in page and "interpreter" not in page.lower()
    assert page.count("advice was given but not tailored to the family") == 1
    assert "co-sleeping with a parent" in page  # a synonym, as a whole word
    assert "Bed sharing on a sofa" in page


def test_the_briefings_why_it_matters_does_not_repeat_the_description(client, board_a):
    theme = Theme.objects.get(slug="safe-sleep")
    page = client.get(reverse("learning:theme-briefing", args=["safe-sleep"])).content.decode()
    assert page.count(theme.description) == 1  # under the title, not again as "Why it matters"
    assert "Why it matters" not in page
    ThemeLearning.objects.create(theme=theme, why_it_matters="Babies die in unsafe sleep places every year.")
    page = client.get(reverse("learning:theme-briefing", args=["safe-sleep"])).content.decode()
    why = page[page.index("Why it matters") :]
    assert "Babies die in unsafe sleep places every year." in why
    assert theme.description not in why


def test_synonyms_are_shown_as_readable_names(client):
    page = client.get(reverse("themes:detail", args=["safe-sleep"])).content.decode()
    assert "Also known as: bed-sharing, co-sleeping, cot death, SIDS, sudden unexpected death in infancy, SUDI." in page


def test_spelling_variants_collapse_and_acronyms_are_capitals():
    synonyms = [
        "co sleeping",
        "co-sleeping",
        "cosleeping",
        "safe-sleep",
        "sids",
        "cot",
        "sudden unexpected death in infancy",
        "sudi",
    ]
    theme = Theme(name="Safe sleep", synonyms=synonyms)
    assert readable_synonyms(theme, acronyms={"SIDS"}) == [
        "co-sleeping",
        "cot",
        "SIDS",
        "sudden unexpected death in infancy",
        "SUDI",
    ]
    theme = Theme(name="Domestic abuse", synonyms=["marac", "coercive control"])
    assert readable_synonyms(theme, acronyms={"MARAC"}) == ["coercive control", "MARAC"]


def test_findings_that_differ_only_by_their_framing_are_one():
    texts = ["Advice was not tailored.", "The review found that advice was not tailored.", "Something else."]
    assert distinct(texts) == ["Advice was not tailored.", "Something else."]
