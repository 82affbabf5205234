"""Word documents: real heading styles, bold paragraphs used as headings, list paragraphs, and refusals."""

import pytest

from reviews.documents import DocumentError, parse_document

from .documents import in_content_controls, make_report_docx, with_doctype


def test_heading_styles_and_word_lists():
    document = make_report_docx(
        [
            ("title", "Serious Case Review: Child M"),
            ("p", "Hilltop Safeguarding Children Board"),
            ("p", "Published: 1 July 2016"),
            ("h1", "Executive Summary"),
            ("p", "Child M, a 15-year-old, was seriously harmed after going missing from home many times."),
            ("h2", "Background"),  # a sub-heading inside the summary: the summary goes on
            ("p", "She had been known to children's social care since she was ten."),
            ("h1", "Findings"),
            ("number", "Going missing was treated as a police matter only."),
            ("number", "Nobody asked Child M where she went or who she was with."),
            ("h1", "Recommendations"),
            ("bullet", "The board should adopt a missing children protocol."),
            ("bullet", "Return home interviews should be offered after every missing episode."),
            ("h1", "Introduction"),
            ("p", "This report was written by an independent author."),
        ]
    )
    parsed = parse_document(document, filename="child-m.docx")
    assert parsed.kind == "docx"
    assert parsed.title == "Serious Case Review: Child M"
    assert parsed.review_type == "SCR"
    assert parsed.published == "2016-07-01"
    assert parsed.board == "Hilltop Safeguarding Children Board"
    assert parsed.age_band == "11-15"
    assert parsed.summary == (
        "Child M, a 15-year-old, was seriously harmed after going missing from home many times.\n\n"
        "She had been known to children's social care since she was ten."
    )
    assert parsed.findings == [
        "Going missing was treated as a police matter only.",
        "Nobody asked Child M where she went or who she was with.",
    ]
    assert parsed.recommendations == [
        "The board should adopt a missing children protocol.",
        "Return home interviews should be offered after every missing episode.",
    ]
    assert parsed.missing == []


def test_bold_paragraphs_used_as_headings_and_typed_numbers():
    document = make_report_docx(
        [
            ("p", "Safeguarding Adults Review"),
            ("p", "Ms K"),
            ("p", "East Tarrow Safeguarding Adults Board, 2018"),
            ("bold", "Summary"),
            ("p", "Ms K was aged 34 and had a learning disability. She died in hospital of pneumonia."),
            ("bold", "Lessons learnt"),
            ("p", "(a) Annual health checks were not offered."),
            ("p", "(b) Her mother's concerns were not listened to,"),
            ("p", "and her mother was not invited to meetings."),
            ("bold", "Recommendations"),
            ("p", "Recommendation 1: The board should ask GPs to offer annual health checks."),
            ("p", "Recommendation 2: Families should be invited to every review meeting."),
        ]
    )
    parsed = parse_document(document)
    assert parsed.title == "Safeguarding Adults Review: Ms K"
    assert parsed.review_type == "SAR"
    assert parsed.published == "2018"
    assert parsed.board == "East Tarrow Safeguarding Adults Board"
    assert parsed.age_band == "adult"
    assert parsed.summary == "Ms K was aged 34 and had a learning disability. She died in hospital of pneumonia."
    assert parsed.findings == [
        "Annual health checks were not offered.",
        "Her mother's concerns were not listened to, and her mother was not invited to meetings.",
    ]
    assert parsed.recommendations == [
        "The board should ask GPs to offer annual health checks.",
        "Families should be invited to every review meeting.",
    ]


def test_a_welsh_child_practice_review():
    document = make_report_docx(
        [
            ("title", "Extended Child Practice Review CYSUR 3/2019"),
            ("p", "Mid and West Wales Safeguarding Board"),
            ("p", "Date of publication: 22nd January 2020"),
            ("h1", "1. Executive summary"),
            ("p", "This extended child practice review was commissioned by the Mid and West Wales Safeguarding "
                  "Board after Child S, aged 4, was admitted to hospital with injuries."),
            ("h1", "2. Learning for the Board"),
            ("bullet", "Bruising in a child who is not yet mobile was not recognised as a concern."),
            ("bullet", "The Welsh language needs of the family were not met at meetings."),
            ("h1", "3. Recommendations"),
            ("number", "The Board should remind staff of the bruising protocol."),
        ]
    )  # fmt: skip
    parsed = parse_document(document)
    assert parsed.title == "Extended Child Practice Review CYSUR 3/2019"
    assert parsed.review_type == "CPR"
    assert parsed.published == "2020-01-22"
    assert parsed.board == "Mid and West Wales Safeguarding Board"
    assert parsed.age_band == "1-4"
    assert parsed.summary.startswith("This extended child practice review")
    assert parsed.findings == [
        "Bruising in a child who is not yet mobile was not recognised as a concern.",
        "The Welsh language needs of the family were not met at meetings.",
    ]
    assert parsed.recommendations == ["The Board should remind staff of the bruising protocol."]


def test_recommendations_in_a_table():
    document = make_report_docx(
        [("title", "Adult Practice Review"), ("h1", "Recommendations")],
        table=[
            ["No.", "Recommendation", "Lead"],
            ["1", "The Board should review how carers' assessments are offered.", "Social care"],
            ["2", "Health boards should share discharge plans with carers before discharge.", "Health"],
        ],
    )
    parsed = parse_document(document)
    assert parsed.review_type == "APR"
    assert parsed.recommendations == [
        "The Board should review how carers' assessments are offered.",
        "Health boards should share discharge plans with carers before discharge.",
    ]


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "[Content_Types].xml"])
def test_a_docx_declaring_a_dtd_or_entities_is_refused(part):
    document = with_doctype(make_report_docx([("p", "Harmless looking text.")]), part)
    with pytest.raises(DocumentError, match="declares a DTD or entities"):
        parse_document(document)


def test_a_cover_page_in_a_content_control_and_a_generated_contents_list():
    document = in_content_controls(
        make_report_docx(
            [
                ("title", "Child Safeguarding Practice Review: Baby N"),
                ("p", "Westmere Safeguarding Children Partnership"),
                ("p", "Published: 9 September 2023"),
                ("h1", "Executive summary"),
                ("p", "Baby N was 5 months old when she was admitted to hospital with a head injury."),
                ("h1", "Findings"),
                ("bullet", "Bruising to a non-mobile baby was not referred."),
            ]
        ),
        cover=3,
        contents=["Executive summary", "Findings"],
    )
    parsed = parse_document(document)
    assert parsed.title == "Child Safeguarding Practice Review: Baby N"
    assert parsed.board == "Westmere Safeguarding Children Partnership"
    assert parsed.published == "2023-09-09"
    assert parsed.summary == "Baby N was 5 months old when she was admitted to hospital with a head injury."
    assert parsed.findings == ["Bruising to a non-mobile baby was not referred."]
    assert "\t3" not in parsed.text and "Executive summary 3" not in parsed.text
