"""Layouts and wordings of published reports that the reader once got wrong: a year alone on a cover, reference
numbers with a year in them, the Welsh practice review template, "Summary of learning", a cover title in two
sizes, sub-headings inside a summary of bold-paragraph headings, and a PDF set in two columns."""

import io

import docx
from docx.shared import Pt

from reviews.documents import parse_document
from reviews.documents.unseen.writers import Item, Layout, write_pdf

from .documents import make_report_docx, make_report_pdf


def _bold_docx(paragraphs: list[tuple[str, str, float]]) -> bytes:
    """A Word file without heading styles: (kind "bold" or "p", text, size in points or 0 for the default)."""
    document = docx.Document()
    for kind, text, size in paragraphs:
        run = document.add_paragraph().add_run(text)
        run.bold = kind == "bold"
        if size:
            run.font.size = Pt(size)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_year_alone_under_the_title_is_the_publication_year_not_a_page_number():
    pdf = make_report_pdf(
        [
            ("p", "Eastmoor Safeguarding Children Board"),
            ("title", "Serious Case Review: Child J"),
            ("p", "2018"),
            ("h1", "Overview of the case"),
            ("p", "Child J was a twelve year old boy with autism who attended a special school."),
            ("h1", "Recommendations"),
            ("li", "1. The board should publish guidance on injuries to disabled children."),
        ],
        footer="- {page} -",
    )
    parsed = parse_document(pdf, filename="child-j.pdf")
    assert parsed.published == "2018"
    assert parsed.title == "Serious Case Review: Child J"


def test_a_year_in_a_welsh_review_reference_is_not_the_publication_year():
    document = make_report_docx(
        [
            ("p", "Dyffryn Regional Safeguarding Board"),
            ("p", "Extended Child Practice Review: DRSB 2/2020"),
            ("p", "2021"),
            ("h1", "Summary"),
            ("p", "Child S was fourteen years old when she was found in a flat in another county."),
        ]
    )
    parsed = parse_document(document, filename="cpr.docx")
    assert parsed.published == "2021"
    assert parsed.review_type == "CPR"


def test_the_welsh_practice_review_template_gives_summary_learning_and_recommendations():
    document = make_report_docx(
        [
            ("p", "Bro Taf Regional Safeguarding Board"),
            ("title", "Concise Adult Practice Review: Ms G"),
            ("h1", "Brief outline of circumstances resulting in the Review"),
            ("p", "Ms G was a 45 year old woman who spoke little English and lived with her adult son."),
            ("p", "Agencies used her son to interpret for her."),
            ("h1", "Practice and organisational learning"),
            ("bullet", "Family members were used as interpreters, so Ms G could not speak freely."),
            ("bullet", "Her son's needs as a carer were not assessed."),
            ("h1", "Improving Systems and Practice"),
            ("number", "The Board should remind agencies not to use family members as interpreters."),
            ("number", "The local authority should offer carers' assessments to main carers."),
            ("h1", "Statement by Reviewer"),
            ("p", "I have had no involvement with Ms G or her family."),
        ]
    )
    parsed = parse_document(document, filename="apr.docx")
    assert parsed.review_type == "APR"
    assert parsed.summary == (
        "Ms G was a 45 year old woman who spoke little English and lived with her adult son.\n\n"
        "Agencies used her son to interpret for her."
    )
    assert parsed.findings == [
        "Family members were used as interpreters, so Ms G could not speak freely.",
        "Her son's needs as a carer were not assessed.",
    ]
    assert parsed.recommendations == [
        "The Board should remind agencies not to use family members as interpreters.",
        "The local authority should offer carers' assessments to main carers.",
    ]


def test_summary_of_learning_holds_the_findings_and_the_executive_summary_is_the_summary():
    document = make_report_docx(
        [
            ("title", "Child M: a child safeguarding practice review"),
            ("h1", "Overview"),
            ("p", "This overview explains how the review was carried out."),
            ("h1", "1. Executive summary"),
            ("p", "Child M was three years old when she was found alone in the family home."),
            ("h1", "2. Summary of learning"),
            ("p", "2.1 When families stop engaging with early help, the case is closed without asking why."),
            ("p", "2.2 Missed health reviews were not followed up."),
            ("h1", "3. Recommendations for the partnership"),
            ("number", "Early help cases should be reviewed before they are closed."),
        ]
    )
    parsed = parse_document(document, filename="child-m.docx")
    assert parsed.summary == "Child M was three years old when she was found alone in the family home."
    assert parsed.findings == [
        "When families stop engaging with early help, the case is closed without asking why.",
        "Missed health reviews were not followed up.",
    ]


def test_a_cover_title_naming_only_the_type_takes_the_line_under_it_and_the_other_way_round():
    dhr = make_report_pdf(
        [("h1", "Executive Summary"), ("p", "Ms A was 34 years old when she was killed by her former partner.")],
        cover=[
            ("Riverton Community Safety Partnership", 12, False),
            ("Domestic Homicide Review", 20, True),
            ("Overview Report into the death of Ms A", 16, True),
            ("Published: 2 February 2023", 10, False),
        ],
    )
    sar = make_report_pdf(
        [("h1", "Summary of the review"), ("p", "Adult K is a 23 year old woman with a learning disability.")],
        cover=[
            ("Adult K", 24, True),
            ("Safeguarding Adults Review", 16, False),
            ("Southmoor Safeguarding Adults Partnership Board", 11, False),
            ("2020", 11, False),
        ],
    )
    parsed_dhr = parse_document(dhr, filename="dhr.pdf")
    parsed_sar = parse_document(sar, filename="sar.pdf")
    assert parsed_dhr.title == "Domestic Homicide Review: Overview Report into the death of Ms A"
    assert parsed_sar.title == "Adult K: Safeguarding Adults Review"
    assert parsed_sar.published == "2020"


def test_an_unnumbered_bold_sub_heading_stays_inside_a_numbered_executive_summary():
    document = _bold_docx(
        [
            ("p", "Child Safeguarding Practice Review: Child P", 0),
            ("p", "Marlow Heath Safeguarding Children Partnership", 0),
            ("bold", "1. Executive summary", 0),
            ("p", "Child P was seven when she told a teaching assistant she was scared to go home.", 0),
            ("bold", "Background", 0),
            ("p", "The police had been called to the home six times in two years.", 0),
            ("bold", "2. Findings", 0),
            ("p", "(i) Notifications of domestic abuse reached the school but were not used.", 0),
            ("p", "(ii) Child P's own experience was not explored.", 0),
            ("bold", "3. Background to the partnership", 0),
            ("p", "The partnership was formed in 2019.", 0),
        ]
    )
    parsed = parse_document(document, filename="child-p.docx")
    assert parsed.summary == (
        "Child P was seven when she told a teaching assistant she was scared to go home.\n\n"
        "The police had been called to the home six times in two years."
    )
    assert parsed.age_band == "5-10"
    assert parsed.findings == [
        "Notifications of domestic abuse reached the school but were not used.",
        "Child P's own experience was not explored.",
    ]


def test_a_bold_sub_heading_in_smaller_type_stays_inside_the_summary_and_a_main_one_ends_it():
    document = _bold_docx(
        [
            ("p", "Safeguarding Adults Review: Mr L", 0),
            ("bold", "Executive summary", 14),
            ("p", "Mr L was a 58 year old man who was dependent on alcohol.", 0),
            ("bold", "Background", 0),
            ("p", "He attended the emergency department eleven times in his last year.", 0),
            ("bold", "Introduction", 14),
            ("p", "This review was commissioned under section 44 of the Care Act 2014.", 0),
            ("bold", "Key learning", 14),
            ("p", "• Frequent attendance was not recognised as a sign of risk.", 0),
        ]
    )
    parsed = parse_document(document, filename="mr-l.docx")
    assert parsed.summary == (
        "Mr L was a 58 year old man who was dependent on alcohol.\n\n"
        "He attended the emergency department eleven times in his last year."
    )
    assert parsed.findings == ["Frequent attendance was not recognised as a sign of risk."]


def test_a_pdf_set_in_two_columns_reads_column_by_column():
    summary = [
        "Baby T was admitted to hospital aged nine weeks with a skull fracture and bleeding on the brain. "
        "Doctors found older rib fractures.",
        "Before the admission, the health visitor had seen a small bruise on Baby T's ear and was told that an "
        "older sibling had hit him with a toy.",
    ]
    blocks = [
        ("h1", "Summary"),
        *[("sum", text) for text in summary * 6],
        ("h1", "Learning"),
        ("find", Item("•", "Bruising in a baby who is not mobile was not treated as a possible sign of abuse.")),
        ("find", Item("•", "The family's explanation was accepted without professional challenge.")),
        ("h1", "Recommendations"),
        ("rec", Item("R1.", "The partnership should relaunch its bruising protocol for babies.")),
    ]
    layout = Layout(
        kind="pdf",
        cover=[("Child Safeguarding Practice Review: Baby T", 20, True), ("Published 14 July 2022", 11, False)],
        header="Baby T | CSPR",
        columns=2,
    )
    parsed = parse_document(write_pdf(blocks, layout), filename="baby-t.pdf")
    assert parsed.title == "Child Safeguarding Practice Review: Baby T"
    assert parsed.summary == "\n\n".join(summary * 6)
    assert parsed.findings == [
        "Bruising in a baby who is not mobile was not treated as a possible sign of abuse.",
        "The family's explanation was accepted without professional challenge.",
    ]
    assert parsed.recommendations == ["The partnership should relaunch its bruising protocol for babies."]
