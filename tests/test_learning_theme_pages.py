import datetime

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.urls import reverse

from learning.models import GoodPracticePoint, ReflectiveQuestion, ThemeLearning
from learning.theme_pages import related_themes, theme_frequency
from reviews.models import Review
from reviews.services import review_withdraw
from tests.factories import ReviewFactory
from themes.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug)


def make_reviews(board, year: int, with_theme: int, without: int) -> list[Review]:
    made = [
        ReviewFactory(board=board, published_on=datetime.date(year, 6, 1), themes=["neglect"])
        for _ in range(with_theme)
    ]
    made += [
        ReviewFactory(board=board, published_on=datetime.date(year, 6, 1), themes=["safe-sleep"])
        for _ in range(without)
    ]
    return made


def test_frequency_counts_published_reviews_per_year_with_a_trend(board_a):
    # Earlier three years: 1 of 4 each year (25%); latest three: 2 of 4 each year (50%): twice as often.
    for year in (2017, 2018, 2019):
        make_reviews(board_a, year, with_theme=1, without=3)
    for year in (2020, 2021, 2022):
        make_reviews(board_a, year, with_theme=2, without=2)
    ReviewFactory(board=board_a, status="draft", published_on=None, themes=["neglect"])

    frequency = theme_frequency(theme("neglect"))
    assert (frequency.reviews, frequency.all_reviews, frequency.share) == (9, 24, 38)
    assert [(y.year, y.reviews, y.all_reviews, y.share) for y in frequency.years] == [
        (2017, 1, 4, 25),
        (2018, 1, 4, 25),
        (2019, 1, 4, 25),
        (2020, 2, 4, 50),
        (2021, 2, 4, 50),
        (2022, 2, 4, 50),
    ]
    assert frequency.trend == "more often"
    assert frequency.trend_sentence == (
        "In 2020 to 2022, 50% of published reviews had this theme, compared with 25% in 2017 to 2019: "
        "it is coming up more often."
    )


def test_no_trend_is_claimed_without_six_years_of_reviews(board_a):
    make_reviews(board_a, 2022, with_theme=1, without=1)
    frequency = theme_frequency(theme("neglect"))
    assert frequency.trend == "" and frequency.trend_sentence == ""


def test_figures_follow_publishing_and_withdrawing(board_a, editor):
    reviews = make_reviews(board_a, 2022, with_theme=2, without=0)
    assert theme_frequency(theme("neglect")).reviews == 2
    review_withdraw(review=reviews[0], user=editor)  # sends reviews_changed, which forgets the cached figures
    assert theme_frequency(theme("neglect")).reviews == 1


def test_related_themes_are_the_editors_choice_or_those_most_often_tagged_together(board_a):
    for _ in range(3):
        ReviewFactory(board=board_a, themes=["neglect", "parental-substance-misuse"])
    ReviewFactory(board=board_a, themes=["neglect", "record-keeping"])
    ReviewFactory(board=board_a, status="draft", published_on=None, themes=["neglect", "online-harm"])
    neglect = theme("neglect")
    assert [t.slug for t in related_themes(neglect, None)] == ["parental-substance-misuse", "record-keeping"]

    learning = ThemeLearning.objects.create(theme=neglect)
    learning.related_themes.add(theme("early-help"))
    assert [t.slug for t in related_themes(neglect, learning)] == ["early-help"]


def test_theme_page_shows_the_learning_section(client, board_a):
    neglect = theme("neglect")
    learning = ThemeLearning.objects.create(theme=neglect, meaning="Neglect is the persistent failure to meet needs.")
    ReflectiveQuestion.objects.create(learning=learning, text="What does a day look like for this child?")
    GoodPracticePoint.objects.create(learning=learning, text="See the child's bedroom.")
    review = ReviewFactory(
        board=board_a, title="Child N", themes=["neglect"], findings=["The GP saw the child only once."]
    )
    response = client.get(neglect.get_absolute_url())
    page = response.content.decode()
    assert "Learning on neglect" in page
    assert "Neglect is the persistent failure to meet needs." in page
    assert "What does a day look like for this child?" in page
    assert "See the child&#x27;s bedroom." in page
    assert '<abbr title="General practitioner">GP</abbr> saw the child only once.' in page
    assert f'href="{review.get_absolute_url()}">Child N</a>' in page
    assert "1 of the 1 published review on this portal (100%) found learning about neglect." in page
    assert reverse("learning:theme-briefing", args=["neglect"]) in page
    assert reverse("learning:theme-briefing-download", args=["neglect"]) in page
    assert f"{reverse('learning:alert-subscribe')}?theme=neglect" in page
    # The feed is discoverable from the page's head.
    head = page[: page.index("</head>")]
    feed = reverse("learning:feed-theme", args=["neglect"])
    assert f'<link rel="alternate" type="application/atom+xml" title="New reviews on neglect" href="{feed}">' in head


def test_learning_section_queries_do_not_grow_with_reviews(board_a, django_assert_num_queries):
    neglect = theme("neglect")
    learning = ThemeLearning.objects.create(theme=neglect)
    ReflectiveQuestion.objects.create(learning=learning, text="Q")
    for n in range(8):
        ReviewFactory(board=board_a, themes=["neglect", "record-keeping"], findings=[f"Finding {n}", "Another"])
    template = Template("{% load learning %}{% theme_learning theme %}")
    theme_frequency(neglect)  # cached figures, as on every page after the first
    # learning + questions + good practice + related + frequency (cache) + recent reviews + findings
    # + related themes by co-occurrence + feedback counts + glossary
    with django_assert_num_queries(10):
        html = template.render(Context({"theme": neglect}))
    assert html.count('class="app-finding"') == 5
