"""The facts a review document states about itself, and the shapes of its headings and lists (no subprocess)."""

import pytest

from reviews.documents import fields
from reviews.documents.cleaning import join_hyphenated
from reviews.documents.lists import labelled_as, without_marker
from reviews.documents.sections import BOTH, CONTENTS, FINDINGS, RECOMMENDATIONS, SUMMARY, heading_kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serious Case Review: Child D", "SCR"),
        ("Local Child Safeguarding Practice Review concerning Baby T", "CSPR"),
        ("This national review by the Child Safeguarding Practice Review Panel looked at ten children", "National"),
        ("Safeguarding Adults Review: Mr A", "SAR"),
        ("Safeguarding Adult Review into the death of Ms K", "SAR"),
        ("Domestic Homicide Review into the death of Anne", "DHR"),
        ("Extended Child Practice Review CYSUR 2/2019", "CPR"),
        ("Concise Adult Practice Review", "APR"),
        ("A report about a family", ""),
    ],
)
def test_review_type_from_the_wording(text, expected):
    assert fields.review_type(text, text, text) == expected


def test_review_type_prefers_the_title_to_history_in_the_text():
    text = "Serious case reviews were replaced in 2018. " * 3
    assert fields.review_type("Child Safeguarding Practice Review: Child P", "", text) == "CSPR"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This review was commissioned by Tyneside Safeguarding Children Board.", "Tyneside Safeguarding Children Board"),  # noqa: E501
        ("The Riverside Safeguarding Partnership agreed.", "Riverside Safeguarding Partnership"),
        ("Brighton & Hove Safeguarding Adults Board", "Brighton & Hove Safeguarding Adults Board"),
        ("Bath and North East Somerset Community Safety Partnership", "Bath and North East Somerset Community Safety Partnership"),  # noqa: E501
        ("commissioned by the Mid and West Wales Safeguarding Board (CYSUR).", "Mid and West Wales Safeguarding Board"),
        ("Cwm Taf Morgannwg Safeguarding Board", "Cwm Taf Morgannwg Safeguarding Board"),
        ("the Safeguarding Adults Board met", ""),
        ("Safer Leeds: Leeds Safer Communities Partnership", "Leeds Safer Communities Partnership"),
        ("Birmingham Safeguarding Adults Partnership Board", "Birmingham Safeguarding Adults Partnership Board"),
    ],
)  # fmt: skip
def test_board_or_partnership_as_written(text, expected):
    assert fields.board(text) == expected


@pytest.mark.parametrize(
    ("cover", "text", "expected"),
    [
        ("Published: 14 March 2019", "", "2019-03-14"),
        ("Serious Case Review\nDate of publication: 3rd June 2021", "", "2021-06-03"),
        ("Child W\nMarch 2019", "", "2019"),
        ("Final report\n2017", "", "2017"),
        ("Child W", "This report was published on 07/09/2020 by the board.", "2020-09-07"),
        ("Child W", "Child W died in May 2016.", ""),
        ("Child W\nMarch 2020", "Working Together to Safeguard Children, published in July 2018, says", "2020"),
        ("Child W", "The guidance was published in 2018.", ""),
    ],
)
def test_publication_date_full_month_or_year(cover, text, expected):
    assert fields.published(cover, cover + "\n" + text) == expected


@pytest.mark.parametrize(
    ("text", "review_type", "expected"),
    [
        ("Baby K died aged 7 weeks.", "CSPR", "under-1"),
        ("Child D was 3 years old when she died.", "SCR", "1-4"),
        ("A 15-year-old boy was stabbed.", "CSPR", "11-15"),
        ("Sam was sixteen years old.", "CSPR", "16-17"),
        ("Child R, aged 18 months, was taken to hospital.", "SCR", "1-4"),
        ("Ms K was aged 47 when she died.", "DHR", "adult"),
        ("Mr A lived alone.", "SAR", "adult"),
        ("The baby was found unresponsive.", "SCR", "under-1"),
        ("The family moved often.", "CSPR", ""),
        ("He was 67 years of age.", "SAR", "adult"),
        ("The toddler was found alone.", "CSPR", "1-4"),
    ],
)
def test_age_band_from_a_stated_age(text, review_type, expected):
    assert fields.age_band(text, review_type=review_type) == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Executive Summary", SUMMARY),
        ("2. Executive summary", SUMMARY),
        ("Key findings", FINDINGS),
        ("Lessons learned", FINDINGS),
        ("Learning", FINDINGS),
        ("3.0 Recommendations for the partnership:", RECOMMENDATIONS),
        ("Findings and recommendations", BOTH),
        ("Table of contents", CONTENTS),
        ("The findings of this review are set out below.", None),
    ],
)
def test_report_headings_are_recognised_in_their_usual_wordings(line, kind):
    assert heading_kind(line) == kind


@pytest.mark.parametrize(
    ("line", "label", "text"),
    [
        ("Finding 1: Agencies did not share", "finding", "Agencies did not share"),
        ("Recommendation 3 The board should", "recommendation", "The board should"),
        ("R3. The board should", "recommendation", "The board should"),
        ("1) The board should", None, "The board should"),
        ("(a) The board should", None, "The board should"),
        ("• The board should", None, "The board should"),
        ("▪ The board should", None, "The board should"),
        ("3.2 The board should", None, "The board should"),
    ],
)
def test_list_markers_and_labels(line, label, text):
    assert labelled_as(line) == label
    assert without_marker(line) == text


def test_words_broken_at_a_line_end_are_made_whole_but_real_hyphens_stay():
    vocabulary = {"safeguarding", "co-sleeping"}
    assert join_hyphenated("the safe-", "guarding partners", vocabulary) == "the safeguarding partners"
    assert join_hyphenated("discussed co-", "sleeping with", vocabulary) == "discussed co-sleeping with"
    assert join_hyphenated("a multi-", "agency meeting", set()) == "a multi-agency meeting"
    assert join_hyphenated("pro-", "fessionals met", set()) == "professionals met"
    assert join_hyphenated("the safe\xad", "guarding partners", set()) == "the safeguarding partners"


def test_a_contents_list_with_or_without_dot_leaders_is_dropped():
    from reviews.documents.blocks import Line
    from reviews.documents.cleaning import remove_contents

    lines = [
        Line("Contents"),
        Line("1. Executive summary 3"),
        Line("2. Findings 5"),
        Line("Recommendations ........ 9"),
        Line("Appendix 1: Terms of reference 12"),
        Line("Executive summary"),
        Line("The review began in 2019 and ended in 2020."),
    ]
    assert [line.text for line in remove_contents(lines)] == [
        "Executive summary",
        "The review began in 2019 and ended in 2020.",
    ]
