import datetime
import math

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.urls import reverse

from learning.models import GoodPracticePoint, ReflectiveQuestion, ThemeLearning
from learning.theme_pages import related_themes, theme_frequency
from reviews.models import Review
from reviews.services import review_withdraw
from reviews.signals import reviews_changed
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


def test_frequency_and_trend_are_the_dashboards_figures_in_words(board_a):
    # Earlier three years: 2 of 10 each year (20%); latest three: 7 of 10 each year (70%).
    for year in (2017, 2018, 2019):
        make_reviews(board_a, year, with_theme=2, without=8)
    for year in (2020, 2021, 2022):
        make_reviews(board_a, year, with_theme=7, without=3)
    ReviewFactory(board=board_a, status="draft", published_on=None, themes=["neglect"])

    frequency = theme_frequency(theme("neglect"))
    assert (frequency.period.count, frequency.period.total) == (27, 60)
    assert frequency.summary_sentence == (
        "27 of the 60 reviews published in 2017 to 2022 (45.0%) found learning about this theme."
    )
    assert [(year, cell.count, cell.total) for year, cell in frequency.years] == [
        (2017, 2, 10),
        (2018, 2, 10),
        (2019, 2, 10),
        (2020, 7, 10),
        (2021, 7, 10),
        (2022, 7, 10),
    ]
    # 21 of 30 against 6 of 30: z = 0.5 / sqrt(0.45 * 0.55 * (2 / 30)) = 3.89, p = 0.0001, doubled by Holm's
    # adjustment for the two themes tested, still below 0.001.
    z = 0.5 / math.sqrt(0.45 * 0.55 * (2 / 30))
    assert 2 * math.erfc(z / math.sqrt(2)) < 0.001
    assert frequency.trend == "more often"
    assert frequency.trend_sentence == (
        "In 2020 to 2022, 70.0% of published reviews had this theme, compared with 20.0% in 2017 to 2019: "
        "very strong evidence that it is coming up more often."
    )
    safe_sleep = theme_frequency(theme("safe-sleep"))
    assert safe_sleep.trend == "less often"


def test_no_trend_is_claimed_from_too_few_reviews(board_a):
    make_reviews(board_a, 2022, with_theme=1, without=1)
    assert theme_frequency(theme("neglect")).trend_sentence == ""  # one year: nothing to compare
    added = make_reviews(board_a, 2021, with_theme=1, without=1)
    reviews_changed.send(sender=Review, review_ids=[review.pk for review in added])
    frequency = theme_frequency(theme("neglect"))
    assert frequency.trend == "too few to tell"
    assert frequency.trend_sentence == (
        "There are too few reviews to tell whether this theme is coming up more or less often."
    )


def test_figures_follow_publishing_and_withdrawing(board_a, editor):
    reviews = make_reviews(board_a, 2022, with_theme=2, without=0)
    assert theme_frequency(theme("neglect")).period.count == 2
    review_withdraw(review=reviews[0], user=editor)  # sends reviews_changed, which renews the cached figures
    assert theme_frequency(theme("neglect")).period.count == 1


def test_related_themes_are_the_editors_choice_or_those_most_often_tagged_together(board_a):
    for _ in range(3):
        ReviewFactory(board=board_a, themes=["neglect", "parental-substance-misuse"])
    ReviewFactory(board=board_a, themes=["neglect", "record-keeping"])
    ReviewFactory(board=board_a, status="draft", published_on=None, themes=["neglect", "online-harm"])
    neglect = theme("neglect")
    frequency = theme_frequency(neglect)
    assert [t.slug for t in related_themes(neglect, None, frequency)] == ["parental-substance-misuse", "record-keeping"]

    learning = ThemeLearning.objects.create(theme=neglect)
    learning.related_themes.add(theme("early-help"))
    assert [t.slug for t in related_themes(neglect, learning, frequency)] == ["early-help"]


def test_theme_page_shows_the_learning_section(client, board_a):
    neglect = theme("neglect")
    learning = ThemeLearning.objects.create(theme=neglect, meaning="Neglect is the persistent failure to meet needs.")
    ReflectiveQuestion.objects.create(learning=learning, text="What does a day look like for this child?")
    GoodPracticePoint.objects.create(learning=learning, text="See the child's bedroom.")
    review = ReviewFactory(
        board=board_a, title="Child N", themes=["neglect"], findings=["The GP saw the neglected child only once."]
    )
    response = client.get(neglect.get_absolute_url())
    page = response.content.decode()
    assert "Learning on neglect" in page
    assert "Neglect is the persistent failure to meet needs." in page
    assert "What does a day look like for this child?" in page
    assert "See the child&#x27;s bedroom." in page
    assert '<abbr title="General practitioner">GP</abbr> saw the neglected child only once.' in page
    assert f'href="{review.get_absolute_url()}">Child N</a>' in page
    assert "1 of the 1 review published in 2021 (100.0%) found learning about this theme." in page
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
        ReviewFactory(
            board=board_a,
            themes=["neglect", "record-keeping"],
            findings=[f"Neglect was missed at visit {n}.", "Another"],
        )
    template = Template("{% load learning %}{% theme_learning theme %}")
    theme_frequency(neglect)  # cached figures, as on every page after the first
    # learning + questions + good practice + related themes chosen + the dashboard's cached figures (generation,
    # meta, cube) + whether the suggestion model gave findings this theme + recent reviews + their findings +
    # related themes by co-occurrence + feedback counts + glossary
    with django_assert_num_queries(12):
        html = template.render(Context({"theme": neglect}))
    assert html.count('class="app-finding"') == 5


def test_the_quoted_finding_is_the_one_about_the_theme(client, board_a):
    ReviewFactory(
        board=board_a,
        themes=["neglect", "training-and-workforce"],
        findings=["Staff turnover was high.", "Poor home conditions were seen as normal for the family."],
    )
    page = client.get(theme("neglect").get_absolute_url()).content.decode()
    assert "Poor home conditions were seen as normal" in page  # "poor home conditions" is a synonym of neglect
    assert "Staff turnover was high." not in page
    page = client.get(theme("training-and-workforce").get_absolute_url()).content.decode()
    assert "Staff turnover was high." in page  # "staff turnover" is a synonym of training and workforce


def test_national_editors_keep_questions_and_good_practice_in_the_admin(national_editor_client, client):
    neglect = theme("neglect")
    data = {
        "theme": neglect.pk,
        "meaning": "What neglect looks like day to day.",
        "why_it_matters": "",
        "related_themes": [theme("early-help").pk],
        "good_practice-TOTAL_FORMS": "1",
        "good_practice-INITIAL_FORMS": "0",
        "good_practice-0-position": "1",
        "good_practice-0-text": "See where the child sleeps.",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-0-position": "1",
        "questions-0-text": "Who has seen the child this month?",
        "questions-1-position": "0",  # an empty extra row, left as it was shown
        "questions-1-text": "",
    }
    response = national_editor_client.post(reverse("admin:learning_themelearning_add"), data)
    errors = response.context and [
        response.context["adminform"].form.errors,
        [f.formset.errors for f in response.context["inline_admin_formsets"]],
    ]
    assert response.status_code == 302, errors
    page = client.get(neglect.get_absolute_url()).content.decode()
    assert "What neglect looks like day to day." in page
    assert "See where the child sleeps." in page and "Who has seen the child this month?" in page
    related = page[page.index("Related themes") :]
    assert related.index("Early help") < related.index("</ul>")
