"""The CSV export at /reviews/export.csv: every matching review, streamed, safe to open in a spreadsheet."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from reviews.api import CSV_COLUMNS
from reviews.models import Review
from reviews.signals import reviews_changed
from reviews.spreadsheets import safe_cell

from .factories import ReviewFactory

pytestmark = pytest.mark.django_db
EXPORT = reverse("reviews:export")


def export(client, **params) -> list[dict]:
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="reviews.csv"'
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    return rows


@pytest.fixture
def many(board_a, board_b):
    made = [
        ReviewFactory(
            board=board_a if n % 2 else board_b,
            title=f"Review {n:02d}",
            published_on=datetime.date(2010 + n % 12, 1 + n % 12, 1 + n),
            summary="Neglect was not recognised." if n % 3 else "Domestic abuse was not recognised.",
            themes=["neglect", "record-keeping"] if n % 3 else ["domestic-abuse"],
            agencies=["police", "health"] if n % 2 else [],
        )
        for n in range(1, 28)
    ]
    ReviewFactory(board=board_a, title="Draft neglect", status="draft", published_on=None, summary="Neglect.")
    reviews_changed.send(sender=Review, review_ids=[review.id for review in made])
    return made


def test_every_matching_review_is_exported_not_just_one_page(client, many):
    rows = export(client, q="neglect")
    expected = [review for review in many if "Neglect" in review.summary]
    assert len(rows) == len(expected) == 18
    assert {row["title"] for row in rows} == {review.title for review in expected}
    assert len(export(client)) == 27


def test_rows_carry_themes_agencies_and_where_and_when(client, many):
    row = next(row for row in export(client, q="neglect") if row["title"] == "Review 01")
    assert row == {
        "title": "Review 01",
        "url": "http://testserver/reviews/review-01/",
        "reference": "",
        "review_type": "CSPR",
        "board": "Riverside Safeguarding Partnership",
        "region": "London",
        "published": "2011-02-02",
        "age_band": "",
        "themes": "Neglect; Record keeping",
        "agencies": "Health; Police",
        "summary": "Neglect was not recognised.",
    }


def test_the_export_follows_the_filters_and_order_of_the_search(client, many):
    rows = export(client, theme=["domestic-abuse"], region=["north-west"], sort="oldest")
    expected = sorted(
        (r for r in many if "Domestic" in r.summary and r.board.region.slug == "north-west"),
        key=lambda r: (r.published_on, r.id),
    )
    assert [row["title"] for row in rows] == [review.title for review in expected]
    newest = export(client)
    assert [row["published"] for row in newest] == sorted((row["published"] for row in newest), reverse=True)


def test_drafts_are_never_exported(client, many):
    assert "Draft neglect" not in {row["title"] for row in export(client)}


def test_a_year_only_date_is_exported_as_the_year(client, board_a):
    review = ReviewFactory(board=board_a, published_on=datetime.date(2015, 1, 1), published_year_only=True)
    reviews_changed.send(sender=Review, review_ids=[review.id])
    assert export(client)[0]["published"] == "2015"


def test_spreadsheet_formulas_are_neutralised(client, board_a):
    review = ReviewFactory(
        board=board_a,
        title='=HYPERLINK("http://evil.example","click")',
        reference="@SUM(1+1)",
        summary="+cmd|' /C calc'!A0",
    )
    reviews_changed.send(sender=Review, review_ids=[review.id])
    row = export(client)[0]
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["reference"] == "'@SUM(1+1)"
    assert row["summary"].startswith("'+cmd")


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_cells_that_a_spreadsheet_would_run_get_a_leading_quote(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Neglect", "1 in 3", "", None, "e=mc2"])
def test_ordinary_cells_are_left_alone(value):
    assert safe_cell(value) == ("" if value is None else value)


def test_bad_parameters_still_export(client, many):
    assert len(export(client, region=["narnia"], year_from="abc", q='"unbalanced')) == 0
    assert len(export(client, q="\x00" * 20, page="-3")) == 27


def test_a_search_longer_than_a_download_may_hold_ends_with_a_line_saying_so(client, many, settings):
    everything = export(client, sort="newest", theme="neglect")
    settings.CSV_EXPORT_MAX_ROWS = 10
    rows = export(client, sort="newest", theme="neglect")
    assert len(everything) > 10 and len(rows) == 11
    assert [row["title"] for row in rows[:10]] == [row["title"] for row in everything[:10]]
    last = rows[-1]["title"]
    assert last.startswith("This file holds only the first 10 matching reviews")
    assert last.endswith("http://testserver/reviews/?sort=newest&theme=neglect")
    assert all(value in ("", None) for key, value in rows[-1].items() if key != "title")


def test_a_search_that_fits_has_no_such_line(client, many, settings):
    settings.CSV_EXPORT_MAX_ROWS = 27
    rows = export(client)
    assert len(rows) == 27
    assert not any(row["title"].startswith("This file holds only") for row in rows)


# serialized_rollback keeps the regions, agencies and themes that data migrations made, for this test and later ones.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_export_gives_its_database_connection_back_while_the_client_reads(client, board_a, monkeypatch):
    from django.db import connection

    from reviews.search import SearchParams, iter_matches
    from reviews.search import export as search_export

    for n in range(5):
        ReviewFactory(board=board_a, title=f"Review {n}")
    reviews_changed.send(sender=Review, review_ids=list(Review.objects.values_list("pk", flat=True)))
    monkeypatch.setattr(search_export, "CHUNK_ROWS", 2)
    rows = iter_matches(SearchParams(sort="newest"))
    for _ in range(5):
        next(rows)  # a row, read with its chunk of two
        assert connection.connection is None  # between reads the connection is back in the pool
    assert len(export(client)) == 5


def test_a_theme_named_like_a_formula_is_text_in_the_dashboard_csv(client, board_a):
    from themes.models import Theme

    theme = Theme.objects.get(slug="neglect")
    theme.name = "=HYPERLINK(1)"
    theme.slug = "=cmd"  # the dashboard CSV names themes by slug
    theme.save()
    ReviewFactory(board=board_a, themes=["=cmd"], published_on=datetime.date(2021, 5, 1))
    rows = list(csv.reader(io.StringIO(client.get("/themes/dashboard.csv").content.decode())))
    assert any(row[0] == "'=cmd" for row in rows[1:])
    assert not any(row[0].startswith("=") for row in rows)
