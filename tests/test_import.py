import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from reviews.models import Board, Finding, Recommendation, Review, ReviewEvent
from reviews.search import SearchParams, search_reviews

pytestmark = pytest.mark.django_db


def review_line(**overrides) -> dict:
    line = {
        "title": "Child A: serious case review",
        "reference": "NE-2019-01",
        "review_type": "SCR",
        "board": "Tyneside Safeguarding Children Board",
        "region": "North East",
        "published": "2019-03-14",
        "age_band": "under-1",
        "summary": "Child A died aged four months. Agencies did not share information about the father.",
        "findings": ["Information was not shared.", "The father was not assessed."],
        "recommendations": ["Share information with health visitors.", "Assess all men in the household."],
        "themes": ["Information sharing", "hidden-men", "co-sleeping"],
        "agencies": ["Police", "health"],
        "source_url": "https://example.org/child-a",
    }
    line.update(overrides)
    return line


def write_lines(tmp_path, *lines) -> str:
    path = tmp_path / "reviews.jsonl"
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n")
    return str(path)


def run_import(path):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import_reviews", path, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_file_imports_published_reviews_with_everything(tmp_path):
    path = write_lines(
        tmp_path, review_line(), review_line(reference="", title="Adult B", review_type="SAR", published="2021")
    )
    out, _ = run_import(path)
    assert "Imported 2 new and updated 0 existing reviews (1 new boards)" in out

    child = Review.objects.get(reference="NE-2019-01")
    assert child.status == "published" and child.slug == "child-a-serious-case-review"
    assert child.board.region.name == "North East"
    assert child.published_on == datetime.date(2019, 3, 14) and not child.published_year_only
    assert sorted(child.themes.values_list("slug", flat=True)) == ["hidden-men", "information-sharing", "safe-sleep"]
    assert sorted(child.agencies.values_list("slug", flat=True)) == ["health", "police"]
    assert list(child.findings.values_list("text", flat=True)) == [
        "Information was not shared.",
        "The father was not assessed.",
    ]
    assert child.recommendations.count() == 2
    assert sorted(child.events.values_list("action", "note")) == [("imported", ""), ("published", "by import")]

    adult = Review.objects.get(title="Adult B")
    assert adult.published_on == datetime.date(2021, 1, 1) and adult.published_year_only
    assert Board.objects.count() == 1


def test_reimporting_a_reference_updates_instead_of_duplicating(tmp_path):
    run_import(write_lines(tmp_path, review_line()))
    slug = Review.objects.get().slug
    out, _ = run_import(
        write_lines(tmp_path, review_line(title="Child A: revised", findings=["Only one finding."], themes=["neglect"]))
    )
    assert "Imported 0 new and updated 1 existing reviews" in out
    review = Review.objects.get()
    assert review.title == "Child A: revised" and review.slug == slug  # links keep working
    assert list(review.findings.values_list("text", flat=True)) == ["Only one finding."]
    assert list(review.themes.values_list("slug", flat=True)) == ["neglect"]
    assert Finding.objects.count() == 1 and Recommendation.objects.count() == 2


def test_reimporting_a_file_without_references_does_not_duplicate(tmp_path):
    path = write_lines(tmp_path, review_line(reference=""), review_line(reference="", title="Child C"))
    run_import(path)
    run_import(path)
    assert Review.objects.count() == 2


def test_same_title_gets_a_distinct_slug(tmp_path):
    run_import(write_lines(tmp_path, review_line(reference="A"), review_line(reference="B")))
    assert sorted(Review.objects.values_list("slug", flat=True)) == [
        "child-a-serious-case-review",
        "child-a-serious-case-review-2",
    ]


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ("[1, 2]", "line 2: each line must be a JSON object"),
        (review_line(title=""), "line 2: 'title' is required"),
        (review_line(summary=None), "line 2: 'summary' is required"),
        (review_line(review_type="XYZ"), "line 2: unknown review_type 'XYZ'"),
        (review_line(region="Atlantis"), "line 2: unknown region 'Atlantis'"),
        (review_line(themes=["weather"]), "line 2: unknown theme 'weather'"),
        (review_line(agencies=["Fire brigade"]), "line 2: unknown agency 'Fire brigade'"),
        (review_line(published="14/03/2019"), "line 2: 'published' must be a date"),
        (review_line(published=None), "line 2: 'published' is required"),
        (review_line(age_band="teenager"), "line 2: unknown age_band 'teenager'"),
        (review_line(findings="one finding"), "line 2: 'findings' must be a list of text"),
        (review_line(source_url="javascript:alert(1)"), "line 2: 'source_url' must start with http"),
        (review_line(colour="red"), "line 2: unknown field(s): colour"),
        (review_line(region="North West"), "line 2: board 'Tyneside Safeguarding Children Board' is in North East"),
    ],
)
def test_any_bad_line_is_reported_with_its_line_number_and_nothing_is_imported(tmp_path, capsys, bad_line, message):
    if isinstance(bad_line, dict) and bad_line.get("region") == "North West":
        run_import(write_lines(tmp_path, review_line(reference="EXISTING")))
    before = Review.objects.count()
    path = write_lines(tmp_path, review_line(reference="GOOD-1"), bad_line, review_line(reference="GOOD-3"))
    with pytest.raises(CommandError, match="nothing was imported") as error:
        call_command("import_reviews", path)
    problems = capsys.readouterr().err
    assert message in problems, problems
    assert Review.objects.count() == before, str(error.value)


def test_every_problem_in_the_file_is_listed(tmp_path, capsys):
    path = write_lines(tmp_path, review_line(title=""), review_line(reference="X", themes=["weather"]), "oops")
    with pytest.raises(CommandError, match="3 problem"):
        call_command("import_reviews", path)
    err = capsys.readouterr().err
    assert "line 1:" in err and "line 2:" in err and "line 3:" in err


def test_duplicate_reference_in_one_file_is_reported(tmp_path, capsys):
    path = write_lines(tmp_path, review_line(), review_line())
    with pytest.raises(CommandError):
        call_command("import_reviews", path)
    assert "line 2: reference 'NE-2019-01' is also on line 1" in capsys.readouterr().err
    assert not Review.objects.exists()


def test_empty_missing_and_non_utf8_files_are_refused(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_reviews", str(empty))
    with pytest.raises(CommandError, match="There is no file"):
        call_command("import_reviews", str(tmp_path / "missing.jsonl"))
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(json.dumps(review_line()).encode().replace(b"Child", b"Ch\xe9ld"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_reviews", str(latin))
    assert not Review.objects.exists()


def test_seed_demo_is_deterministic_and_uses_the_import_path():
    from reviews.demo import demo_reviews

    assert list(demo_reviews(20, seed=7)) == list(demo_reviews(20, seed=7))
    assert list(demo_reviews(5, seed=7)) != list(demo_reviews(5, seed=8))
    call_command("seed_demo", reviews=40, seed=7)
    assert Review.objects.published().count() == 40
    assert ReviewEvent.objects.filter(action="imported").count() == 40
    call_command("seed_demo", reviews=40, seed=7, if_empty=True)
    assert Review.objects.count() == 40
    first = Review.objects.order_by("reference").first()
    assert first.summary.count(".") >= 3 and "lorem" not in first.summary.lower()


def search_count(**params) -> int:
    return search_reviews(SearchParams(**params)).count


def test_imported_reviews_are_found_by_search_at_once(tmp_path):
    path = write_lines(
        tmp_path,
        review_line(findings=["The grandfather's caravan was never visited."]),
        review_line(reference="NE-2019-02", title="Child B", themes=["neglect"], agencies=["police"]),
    )
    run_import(path)

    # Words from the title, a finding, a recommendation and a theme's synonym each find the review.
    assert search_count(q="caravan") == 1
    assert search_count(q="household") == 2
    assert search_count(q='"Child B"') == 1
    assert search_count(q="co-sleeping") == 1
    # Facet counts and filters see the imported themes and agencies.
    result = search_reviews(SearchParams())
    themes = {value.value: value.count for value in result.facets["theme"]}
    agencies = {value.value: value.count for value in result.facets["agency"]}
    assert themes["hidden-men"] == 1 and themes["neglect"] == 1
    assert agencies == {"police": 2, "health": 1}
    assert search_count(theme=("neglect",)) == 1
    assert search_count(agency=("health",), q="caravan") == 1


def test_reimport_updates_what_search_finds(tmp_path):
    run_import(write_lines(tmp_path, review_line(findings=["The grandfather's caravan was never visited."])))
    assert search_count(q="caravan") == 1

    changed = review_line(findings=["The allotment shed was never visited."], themes=["neglect"], agencies=["police"])
    new = review_line(reference="NE-2019-03", title="Child C", findings=["A caravan was found."])
    out, _ = run_import(write_lines(tmp_path, changed, new))
    assert "Imported 1 new and updated 1 existing reviews" in out

    assert search_count(q="allotment") == 1
    assert search_count(q="caravan") == 1  # only the new review now
    assert search_count(q="co-sleeping") == 1  # the new review keeps the theme; the updated one lost it
    assert search_count(theme=("neglect",)) == 1
    assert search_count(agency=("health",)) == 1


def test_imported_search_data_is_exactly_what_a_refresh_computes(tmp_path):
    from django.db import connection

    from reviews.search import refresh_search_vectors

    no_links = review_line(reference="BARE", title="Bare", themes=[], agencies=[], findings=[], recommendations=[])
    run_import(write_lines(tmp_path, review_line(), review_line(reference="X2", title="Other"), no_links))

    def derived() -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT r.id, d.vector::text, r.theme_ids, r.agency_ids FROM reviews_review AS r"
                " JOIN reviews_searchdocument AS d ON d.review_id = r.id ORDER BY r.id"
            )
            return cursor.fetchall()

    imported = derived()
    assert all(row[1] for row in imported)
    assert [row[2] for row in imported][2] == [] and len(imported[0][2]) == 3
    refresh_search_vectors([row[0] for row in imported])
    assert derived() == imported
