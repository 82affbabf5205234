"""Unseen reports (see __init__): Child M's, a Word file with its findings in a table, and Child J's, a PDF whose
title is inline on the first page."""

from .writers import Item, Layout

P = "Page {page} of {pages}"


def child_m_docx_table() -> dict:
    return {
        "name": "child-m-cspr-table.docx",
        "title": "Child M: a child safeguarding practice review",
        "review_type": "CSPR",
        "published": "2023",
        "board": "Fenwick and Oldmoor Safeguarding Children Partnership",
        "age_band": "1-4",
        "themes": ["neglect", "parental-mental-health", "early-help", "supervision-and-management-oversight"],
        "layout": Layout(kind="docx", header="Child M CSPR – FINAL"),
        "blocks": [
            ("title", "Child M: a child safeguarding practice review"),
            ("p", "Fenwick and Oldmoor Safeguarding Children Partnership"),
            ("p", "November 2023"),
            ("h1", "Contents"),
            ("p", "1. Executive summary\t3"),
            ("p", "2. Summary of learning\t5"),
            ("p", "3. Recommendations for the partnership\t9"),
            ("h1", "1. Executive summary"),
            (
                "sum",
                "1.1 Child M was three years old when she was found alone in the family home by a "
                "neighbour. She was severely underweight and had untreated tooth decay.",
            ),
            (
                "sum",
                "1.2 Her mother had a long history of depression and had stopped taking her medication. "
                "The family had been offered early help when Child M was a baby, but the support ended "
                "when the mother did not return calls.",
            ),
            (
                "sum",
                "1.3 Health visiting contacts were missed at the two-year review and there was no follow "
                "up. Supervision records show that the case was never discussed with a manager.",
            ),
            ("h1", "2. Summary of learning"),
            (
                "find",
                Item(
                    "2.1",
                    "When families stop engaging with early help, the case is closed without "
                    "anyone asking why, or what it means for the child.",
                ),
            ),
            (
                "find",
                Item(
                    "2.2",
                    "The impact of the mother's depression on her ability to care for a young "
                    "child was not assessed by adult mental health services.",
                ),
            ),
            (
                "find",
                Item(
                    "2.3", "Missed health reviews were not followed up and were not seen as a possible sign of neglect."
                ),
            ),
            ("find", Item("2.4", "Managers did not have oversight of cases where contact had been lost.")),
            ("h1", "3. Recommendations for the partnership"),
            ("row", "No. | Recommendation | Lead"),
            (
                "row",
                "1 | The partnership should ensure that early help cases are only closed after a review of "
                "the child's circumstances when a family stops engaging. | Early help service",
                "rec",
            ),
            (
                "row",
                "2 | Adult mental health services should ask about children in the household and consider "
                "the impact of a parent's illness on their care. | Mental health trust",
                "rec",
            ),
            (
                "row",
                "3 | Health visiting should introduce a process for following up missed developmental "
                "reviews. | Community health provider",
                "rec",
            ),
            (
                "row",
                "4 | All agencies should check that supervision covers cases where contact with a family "
                "has been lost. | All agencies",
                "rec",
            ),
        ],
    }


def child_j_inline_cover() -> dict:
    return {
        "name": "child-j-scr-inline.pdf",
        "title": "Serious Case Review: Child J",
        "review_type": "SCR",
        "published": "2018",
        "board": "Eastmoor Safeguarding Children Board",
        "age_band": "11-15",
        "themes": ["disability", "voice-of-the-child", "record-keeping", "information-sharing"],
        "layout": Layout(
            kind="pdf",
            cover=[
                ("Eastmoor Safeguarding Children Board", 10, False),
                ("Serious Case Review: Child J", 18, True),
                ("2018", 10, False),
            ],
            cover_page=False,
            header="Eastmoor SCB – Child J",
            footer="- {page} -",
        ),
        "blocks": [
            ("h1", "Overview of the case"),
            (
                "sum",
                "Child J was a twelve year old boy with autism and a severe learning disability who "
                "attended a special school. He communicated mainly through gestures and a few signs.",
            ),
            (
                "sum",
                "He was admitted to hospital with burns to his hands. His stepfather said that Child J had "
                "touched a hot iron. Staff at the school had recorded several unexplained marks over the "
                "previous year but had not told anyone outside the school.",
            ),
            (
                "sum",
                "Professionals found it difficult to know what Child J wanted to say, and no one used his "
                "communication aids to ask him about his injuries.",
            ),
            ("h1", "Lessons learned"),
            (
                "find",
                Item(
                    "1)",
                    "Disabled children who cannot easily tell adults what has happened to them "
                    "need professionals to make extra effort to understand their experience.",
                ),
            ),
            (
                "find",
                Item(
                    "2)", "Injuries to Child J were explained by his disability and not considered as possible abuse."
                ),
            ),
            (
                "find",
                Item(
                    "3)",
                    "Records of marks and injuries at school were kept in different places and no pattern was seen.",
                ),
            ),
            ("find", Item("4)", "Information held by the school was not shared with children's social care.")),
            ("h1", "Recommendations"),
            (
                "rec",
                Item(
                    "•",
                    "The Board should publish guidance for schools on recording and sharing "
                    "information about injuries to disabled children.",
                ),
            ),
            (
                "rec",
                Item(
                    "•",
                    "Agencies should make sure practitioners working with children who do not use "
                    "speech have the skills and tools to communicate with them.",
                ),
            ),
            ("rec", Item("•", "The special school should keep a single body map and injury log for each pupil.")),
        ],
    }
