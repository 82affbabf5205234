"""The demo library: every invented review agrees with itself, and every page says the data is invented."""

import datetime
import re
from collections import Counter

import pytest
from django.core.management import call_command

from actions.models import Action, Audit, ProgressUpdate
from reviews.demo import demo_library, demo_reviews, notice
from reviews.demo.adults import ADULT_SCENARIOS
from reviews.demo.children import CHILD_SCENARIOS
from reviews.demo.practice import ADULT, CHILD
from reviews.models import Board, Review

from .factories import ReviewFactory

TODAY = datetime.date(2026, 3, 15)
SCENARIOS = {scenario.key: scenario for scenario in CHILD_SCENARIOS + ADULT_SCENARIOS}
CHILD_TYPES = {"SCR", "CSPR", "National", "CPR"}
ADULT_TYPES = {"SAR", "DHR", "APR"}
TITLE_WORDS = {
    "SCR": "serious case review",
    "CSPR": "child safeguarding practice review",
    "National": "national child safeguarding practice review",
    "SAR": "safeguarding adult review",
    "DHR": "domestic homicide review",
    "CPR": "child practice review",
    "APR": "adult practice review",
}


def words(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


BABY = words(r"\b(bab(y|ies)|infants?|infancy|newborn|non-mobile)\b")
OLDER_CHILD = words(r"\b(school|online|social media|county lines|exploit\w*|groom\w*)")
CHILDHOOD = words(r"\b(child\w*|bab(y|ies)|infant\w*|mother\w*|school)")
DIED = words(r"\b(died|death|killed|suicide)\b")
HARMED = words(r"\bseriously harmed\b")
SLEEP = words(r"\b(co-sleeping|safe sleep|bed-sharing|sharing a bed|sofa)\b")


@pytest.fixture(scope="module")
def library() -> list[dict]:
    return list(demo_library(4000, seed=11, today=TODAY))


def text_of(review: dict) -> str:
    return " ".join([review["summary"], *review["findings"], *review["recommendations"]])


def test_the_same_seed_and_day_make_the_same_library():
    assert list(demo_reviews(30, seed=5, today=TODAY)) == list(demo_reviews(30, seed=5, today=TODAY))
    assert list(demo_reviews(30, seed=5, today=TODAY)) != list(demo_reviews(30, seed=6, today=TODAY))


def test_the_library_has_every_type_age_and_scenario(library):
    assert set(Counter(r["review_type"] for r in library)) == CHILD_TYPES | ADULT_TYPES
    assert set(Counter(r["age_band"] for r in library)) == {"under-1", "1-4", "5-10", "11-15", "16-17", "adult"}
    assert set(Counter(r["_scenario"] for r in library)) == set(SCENARIOS)
    national = sum(r["review_type"] == "National" for r in library)
    assert 0 < national < len(library) * 0.03  # a few national reviews
    assert any(r["published"] >= "2025-03-15" for r in library)  # recent reviews too


def test_babies_and_infants_are_only_under_fives(library):
    for review in library:
        if BABY.search(text_of(review)) or review["title"].startswith("Baby"):
            assert review["age_band"] in {"under-1", "1-4"}, review["summary"]


def test_school_online_and_exploitation_are_only_for_older_children(library):
    for review in library:
        if review["age_band"] in {"under-1", "1-4"}:
            assert not OLDER_CHILD.search(text_of(review)), review["summary"]
        if review["age_band"] == "5-10":
            assert not re.search(r"online|county lines|exploit", text_of(review), re.I), review["summary"]


def test_adult_reviews_speak_of_adults(library):
    for review in library:
        adult = review["review_type"] in ADULT_TYPES
        assert adult == (review["age_band"] == "adult"), review["title"]
        if adult:
            assert not CHILDHOOD.search(text_of(review) + review["title"]), text_of(review)
            assert review["_scenario"] in {s.key for s in ADULT_SCENARIOS}


def test_types_fit_their_era_and_nation(library):
    for review in library:
        year = int(review["published"][:4])
        kind, region, board = review["review_type"], review["region"], review["board"]
        wales = region == "Wales"
        assert kind != "SCR" or (year <= 2021 and not wales), review["title"]
        assert kind != "CSPR" or (year >= 2019 and not wales and region != "England (national)"), review["title"]
        assert kind != "National" or (
            year >= 2020 and region == "England (national)" and board == "Child Safeguarding Practice Review Panel"
        )
        assert kind != "SAR" or (year >= 2015 and not wales)
        assert kind not in {"CPR", "APR"} or wales, review["title"]
        assert (kind in {"CPR", "APR"}) == ("Regional Safeguarding Board" in board)
        assert "Safeguarding Children Board" not in board or year <= 2018
        assert kind != "DHR" or board.endswith("Community Safety Partnership")


def test_titles_are_worded_for_their_type_and_year(library):
    for review in library:
        title = review["title"].lower()
        assert TITLE_WORDS[review["review_type"]] in title, title
        for phrase in TITLE_WORDS.values():
            if phrase not in TITLE_WORDS[review["review_type"]]:
                assert phrase not in title, title
        year = review["published"][:4]
        assert title.endswith(f"{year})"), title
        assert re.fullmatch(rf"DEMO-{year}-\d{{6}}-11", review["reference"]), review["reference"]


def test_dates_are_never_in_the_future(library):
    assert max(r["published"] for r in library) <= TODAY.isoformat()


def test_each_subject_has_one_outcome(library):
    for review in library:
        text = text_of(review)
        if review["_outcome"] == "died":
            assert DIED.search(text) and not HARMED.search(text), text
        else:
            assert HARMED.search(text) and not DIED.search(text), text


def test_themes_findings_and_recommendations_come_from_the_story(library):
    for review in library:
        scenario = SCENARIOS[review["_scenario"]]
        assert review["age_band"] in scenario.age_bands
        assert review["review_type"] in scenario.review_types
        assert set(scenario.core) <= set(review["themes"]) <= scenario.themes
        assert len(review["findings"]) == len(review["recommendations"]) == len(review["themes"])
        shared = ADULT if review["age_band"] == "adult" else CHILD
        for slug, finding, recommendation in zip(
            review["themes"], review["findings"], review["recommendations"], strict=True
        ):
            texts = scenario.core.get(slug) or scenario.own.get(slug) or shared[slug]
            assert any(_matches(template, finding) for template in texts.findings), (slug, finding)
            assert any(_matches(template, recommendation) for template in texts.recommendations), recommendation
            assert any(_matches(template, review["summary"], whole=False) for template in texts.sentences), slug
        assert set(review["agencies"]) <= set(scenario.agencies)


def test_safe_sleep_is_only_for_babies(library):
    for review in library:
        slept = "safe-sleep" in review["themes"]
        assert not slept or review["age_band"] == "under-1"
        assert slept == bool(SLEEP.search(text_of(review))), review["summary"]


def test_harms_named_in_the_summary_are_tagged(library):
    tags = {
        "county lines": "sexual-abuse-and-exploitation",
        "online": "online-harm",
        "self-neglect": "self-neglect",
        "domestic abuse": "domestic-abuse",
        "methadone": "parental-substance-misuse",
    }
    for review in library:
        for phrase, slug in tags.items():
            if phrase in review["summary"].lower():
                assert slug in review["themes"], (phrase, review["summary"])


def _matches(template: str, text: str, *, whole: bool = True) -> bool:
    pattern = re.sub(r"\\\{\w+\\\}", ".+?", re.escape(template))
    return bool(re.fullmatch(pattern, text) if whole else re.search(pattern, text))


# ---------------------------------------------------------------------------------------------------------------
# In the database: seed_demo, the notice on every page, actions and audits, the demo editor's board


@pytest.fixture
def seeded(db):
    call_command("seed_demo", reviews=150, seed=3)
    call_command("seed_actions_demo", seed=3)
    return Review.objects.published()


def test_seed_demo_marks_every_review_as_demo(seeded):
    assert seeded.count() == 150
    assert not seeded.exclude(reference__startswith="DEMO-").exists()


@pytest.mark.parametrize("page", ["/", "/reviews/", "/themes/", "/themes/dashboard/", "/tracker/"])
def test_every_page_of_a_demo_library_says_the_data_is_invented(client, seeded, page):
    notice.forget()  # as in a web process started after seeding
    response = client.get(page)
    assert response.status_code == 200
    assert 'id="demo-notice"' in response.text
    assert "invented demonstration data" in response.text


def test_a_review_page_of_the_demo_says_so(client, seeded):
    response = client.get(seeded.first().get_absolute_url())
    assert "invented demonstration data" in response.text


def test_a_real_library_shows_no_demo_notice(client, published_a):
    notice.forget()
    ReviewFactory(board=published_a.board, reference="NE-2019-01")
    for page in ["/", "/reviews/", published_a.get_absolute_url()]:
        assert "demo-notice" not in client.get(page).text


def test_demo_actions_have_progress_updates_and_boards_have_audits(seeded):
    assert Action.objects.count() > 50
    assert set(Action.objects.values_list("status", flat=True)) >= {"completed", "in-progress", "not-started"}
    for action in Action.objects.filter(status="completed").prefetch_related("updates")[:20]:
        statuses = [update.status for update in action.updates.all()]
        assert statuses[0] == "completed" and "in-progress" in statuses
        assert max(update.written_on for update in action.updates.all()) == action.completed_on
    assert not ProgressUpdate.objects.filter(action__status="not-started").exists()
    audited = Audit.objects.completed().values_list("board_id", flat=True)
    assert (
        Board.objects.filter(id__in=audited).count() == Board.objects.filter(reviews__isnull=False).distinct().count()
    )


def test_demo_actions_and_audits_leave_real_reviews_alone(db, published_a):
    ReviewFactory(board=published_a.board, reference="NE-2019-01").recommendations.create(text="Do better.")
    published_a.recommendations.create(text="Share information.")
    call_command("seed_actions_demo", seed=3)
    assert not Action.objects.exists()
    assert not Audit.objects.exists()


def test_the_demo_editor_edits_the_board_with_the_most_recent_reviews(seeded, tmp_path, settings):
    settings.BASE_DIR = tmp_path
    settings.DEBUG = True  # demo logins are for local demos only
    (tmp_path / "var").mkdir()
    call_command("demo_logins")
    board = Board.objects.get(editors__username="editor")
    since = datetime.date.today() - datetime.timedelta(days=3 * 365)
    recent = Counter(seeded.filter(published_on__gte=since).values_list("board_id", flat=True))
    assert recent[board.id] == max(recent.values()) > 0


def test_the_admin_of_a_demo_library_says_the_data_is_invented(superuser_client, seeded):
    notice.forget()
    response = superuser_client.get("/admin/reviews/review/")
    assert response.status_code == 200
    assert 'id="demo-notice"' in response.text and "invented demonstration data" in response.text
