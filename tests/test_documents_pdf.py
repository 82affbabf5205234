"""Published review reports as PDFs, in several layouts, read into their parts (through the sandbox)."""

from reviews.documents import parse_document

from .documents import make_report_pdf

LONG = (
    "The review looked at the work of every agency that knew the family in the two years before the incident, "
    "and at how they worked together."
)


def scr_with_cover_contents_and_running_header() -> bytes:
    blocks = [
        ("h1", "1. Executive summary"),
        ("p", "Child D was 3 years old when she was taken to hospital with serious injuries in March 2017. The\nsafe-\nguarding partners agreed that the case met the criteria for a serious case review."),  # noqa: E501
        ("p", LONG + " Co-sleeping was discussed at every visit, and the family moved house four times."),
        ("h1", "2. Findings"),
        ("p", "The review found that:"),
        ("li", "1. Agencies did not share information about the moves, so nobody knew where the child was living for months at a time."),  # noqa: E501
        ("li", "2. The GP was not told about the injuries seen in the emergency department."),
        ("li", "3. Neglect was not recognised."),
        ("h1", "3. Recommendations"),
        ("li", "• The board should audit how agencies share information when a family moves between areas."),
        ("li", "• Health services should train staff to ask about safe sleep at every contact with the family."),
        ("h1", "4. Introduction"),
        ("p", "This part of the report describes the review process in detail. " * 6),
    ]  # fmt: skip
    return make_report_pdf(
        blocks,
        cover=[
            ("Tyneside Safeguarding Children Board", 14, False),
            ("Serious Case Review", 26, True),
            ("Child D", 26, True),
            ("Published: 14 March 2019", 12, False),
        ],
        contents=["Executive summary", "Findings", "Recommendations", "Introduction"],
        header="Serious Case Review - Child D - Official",
        footer="Page {page} of {pages}",
        lines_per_page=14,
    )


def test_a_serious_case_review_with_cover_contents_header_and_footer():
    parsed = parse_document(scr_with_cover_contents_and_running_header(), filename="child-d.pdf")
    assert parsed.kind == "pdf"
    assert parsed.title == "Serious Case Review: Child D"
    assert parsed.review_type == "SCR"
    assert parsed.published == "2019-03-14"
    assert parsed.board == "Tyneside Safeguarding Children Board"
    assert parsed.age_band == "1-4"
    paragraphs = parsed.summary.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Child D was 3 years old")
    assert "The safeguarding partners agreed" in paragraphs[0]  # broken word made whole, lines joined
    assert "Co-sleeping was discussed" in paragraphs[1]  # a real hyphen kept
    # No cover, contents, running header, footer or page numbers in the summary.
    for furniture in ("Contents", "....", "Official", "Page ", "Published", "Findings"):
        assert furniture not in parsed.summary
    assert parsed.findings == [
        "Agencies did not share information about the moves, so nobody knew where the child was living for months "
        "at a time.",
        "The GP was not told about the injuries seen in the emergency department.",
        "Neglect was not recognised.",
    ]
    assert parsed.recommendations == [
        "The board should audit how agencies share information when a family moves between areas.",
        "Health services should train staff to ask about safe sleep at every contact with the family.",
    ]
    assert parsed.missing == []
    assert "Page 2 of" not in parsed.text and "Official" not in parsed.text


def test_labelled_findings_and_short_recommendation_labels():
    blocks = [
        ("title", "Child Safeguarding Practice Review: Baby T"),
        ("p", "Riverside Safeguarding Partnership"),
        ("p", "March 2022"),
        ("h1", "Executive Summary"),
        ("p", "Baby T died aged 7 weeks after being found unresponsive in an adult bed."),
        ("h1", "Key findings"),
        ("bold", "Finding 1: Safe sleep advice"),
        ("p", "Safe sleep advice was given once, on the maternity ward, and was not repeated when the family's circumstances changed."),  # noqa: E501
        ("bold", "Finding 2: Fathers"),
        ("p", "The father was not seen by health visitors and was not asked about his own needs."),
        ("h1", "Recommendations for the partnership"),
        ("li", "R1. The partnership should make sure safe sleep advice is repeated when circumstances change."),
        ("li", "R2. Health visitors should see fathers at least once."),
        ("li", "R3. The partnership should check in a year that these changes have been made."),
    ]  # fmt: skip
    parsed = parse_document(make_report_pdf(blocks, footer="{page}"))
    assert parsed.title == "Child Safeguarding Practice Review: Baby T"
    assert parsed.review_type == "CSPR"
    assert parsed.published == "2022"
    assert parsed.board == "Riverside Safeguarding Partnership"
    assert parsed.age_band == "under-1"
    assert parsed.summary == "Baby T died aged 7 weeks after being found unresponsive in an adult bed."
    assert parsed.findings == [
        "Safe sleep advice: Safe sleep advice was given once, on the maternity ward, and was not repeated when the "
        "family's circumstances changed.",
        "Fathers: The father was not seen by health visitors and was not asked about his own needs.",
    ]
    assert parsed.recommendations == [
        "The partnership should make sure safe sleep advice is repeated when circumstances change.",
        "Health visitors should see fathers at least once.",
        "The partnership should check in a year that these changes have been made.",
    ]


def test_a_domestic_homicide_review_with_lessons_learned():
    blocks = [
        ("title", "Domestic Homicide Review into the death of Anne"),
        ("p", "North Marsh Community Safety Partnership"),
        ("p", "Date of publication: 2nd November 2020"),
        ("h1", "Summary"),
        ("p", "Anne was aged 47 when she was killed by her former partner in her home."),
        ("p", "She had told her GP about the abuse twice, and the police had been called to the house three times."),
        ("h1", "Lessons learned"),
        ("li", "1) The risk assessment was not repeated after the third call to the police."),
        ("li", "2) The GP did not refer Anne to a domestic abuse service, because the practice did not know of one."),
        ("h2", "Recommendations"),
        ("li", "1) The Community Safety Partnership should publish a directory of local domestic abuse services."),
        ("li", "2) Police should repeat the risk assessment at every call."),
    ]
    parsed = parse_document(make_report_pdf(blocks, footer="- {page} -", header="OFFICIAL SENSITIVE"))
    assert parsed.title == "Domestic Homicide Review into the death of Anne"
    assert parsed.review_type == "DHR"
    assert parsed.published == "2020-11-02"
    assert parsed.board == "North Marsh Community Safety Partnership"
    assert parsed.age_band == "adult"
    assert parsed.summary.split("\n\n") == [
        "Anne was aged 47 when she was killed by her former partner in her home.",
        "She had told her GP about the abuse twice, and the police had been called to the house three times.",
    ]
    assert parsed.findings == [
        "The risk assessment was not repeated after the third call to the police.",
        "The GP did not refer Anne to a domestic abuse service, because the practice did not know of one.",
    ]
    assert parsed.recommendations == [
        "The Community Safety Partnership should publish a directory of local domestic abuse services.",
        "Police should repeat the risk assessment at every call.",
    ]


def test_a_safeguarding_adults_review_with_dashes_and_asterisks():
    blocks = [
        ("title", "Safeguarding Adults Review: Mr A"),
        ("p", "Vale Safeguarding Adults Board. Published: 5 May 2021."),
        ("h1", "Executive summary"),
        ("p", "Mr A was a 68-year-old man who lived alone and died of self-neglect in the winter of 2019."),
        ("h1", "Learning"),
        ("li", "- Mental capacity was assumed, not assessed, when Mr A refused help with his home and his health."),
        ("li", "- Nobody coordinated the six agencies involved."),
        ("h1", "Recommendations"),
        ("li", "* The board should publish a self-neglect protocol."),
        ("li", "* Agencies should name a lead professional for every adult who self-neglects."),
    ]
    parsed = parse_document(make_report_pdf(blocks))
    assert (parsed.title, parsed.review_type, parsed.published) == (
        "Safeguarding Adults Review: Mr A",
        "SAR",
        "2021-05-05",
    )
    assert (parsed.board, parsed.age_band) == ("Vale Safeguarding Adults Board", "adult")
    assert parsed.summary.startswith("Mr A was a 68-year-old man")
    assert parsed.findings == [
        "Mental capacity was assumed, not assessed, when Mr A refused help with his home and his health.",
        "Nobody coordinated the six agencies involved.",
    ]
    assert parsed.recommendations == [
        "The board should publish a self-neglect protocol.",
        "Agencies should name a lead professional for every adult who self-neglects.",
    ]


def test_a_national_review_by_the_panel():
    blocks = [
        ("title", "Safeguarding children with disabilities in residential settings"),
        ("p", "A national review by the Child Safeguarding Practice Review Panel, published October 2022."),
        ("h1", "Executive summary"),
        ("p", "This review looked at the experiences of children aged 11 to 17 in three residential settings."),
        ("h1", "Recommendations"),
        ("li", "1. The Department should review the regulation of residential special schools."),
    ]
    parsed = parse_document(make_report_pdf(blocks))
    assert parsed.review_type == "National"
    assert parsed.title == "Safeguarding children with disabilities in residential settings"
    assert parsed.published == "2022"
    assert parsed.age_band == "11-15"
    assert parsed.recommendations == ["The Department should review the regulation of residential special schools."]
    assert parsed.findings == []
    assert any("No findings were found" in message for message in parsed.missing)


def test_parts_that_cannot_be_found_are_left_empty_and_named():
    parsed = parse_document(make_report_pdf([("p", "Notes from a meeting about the family."), ("p", "Nothing more.")]))
    assert (parsed.summary, parsed.findings, parsed.recommendations) == ("", [], [])
    assert (parsed.review_type, parsed.board, parsed.published, parsed.age_band) == ("", "", "", "")
    assert "Notes from a meeting about the family." in parsed.text
    assert any("No executive summary was found" in message for message in parsed.missing)
    assert any("No recommendations were found" in message for message in parsed.missing)


def test_numbered_paragraphs_under_a_labelled_finding_belong_to_it():
    blocks = [
        ("title", "Serious Case Review: Family R"),
        ("h1", "5. Findings"),
        ("bold", "Finding 1: Information sharing"),
        ("p", "5.1 The school knew that the children were often absent."),
        ("p", "5.2 This was not shared with the health visitor."),
        ("bold", "Finding 2: Neglect"),
        ("p", "5.3 Neglect was seen as a housing problem."),
        ("h1", "6. Recommendations"),
        ("p", "Recommendation 1: The partnership should agree what schools share with health visitors, and:"),
        ("li", "a) publish it;"),
        ("li", "b) check in six months that it is used."),
        ("p", "Recommendation 2: Neglect training should cover housing."),
    ]
    parsed = parse_document(make_report_pdf(blocks))
    assert parsed.findings == [
        "Information sharing: The school knew that the children were often absent. This was not shared with the "
        "health visitor.",
        "Neglect: Neglect was seen as a housing problem.",
    ]
    assert parsed.recommendations == [
        "The partnership should agree what schools share with health visitors, and: publish it; check in six months "
        "that it is used.",
        "Neglect training should cover housing.",
    ]
