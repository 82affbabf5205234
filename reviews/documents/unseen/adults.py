"""Unseen reports about adults in England: safeguarding adults reviews and domestic homicide reviews. Invented
places and people; the shapes are those of published reports."""

from .adults_h_e_and_k import adult_k_sar_two_level, mr_e_dhr_docx, mrs_h_sar_docx_bold
from .writers import Item, Layout

P = "Page {page} of {pages}"


def mr_d_sar() -> dict:
    return {
        "name": "mr-d-sar.docx",
        "title": "Safeguarding Adults Review: Mr D",
        "review_type": "SAR",
        "published": "2021-03-21",
        "board": "Leabridge Safeguarding Adults Board",
        "age_band": "adult",
        "themes": ["self-neglect", "multi-agency-working", "risk-assessment", "thresholds-and-escalation"],
        "layout": Layout(kind="docx", word_lists=True, header="Leabridge SAB"),
        "blocks": [
            ("title", "Safeguarding Adults Review: Mr D"),
            ("p", "Leabridge Safeguarding Adults Board"),
            ("p", "Author: Jane Whitfield, independent reviewer"),
            ("p", "21st March 2021"),
            ("h1", "Executive Summary"),
            (
                "sum",
                "Mr D was a 67 year old man who lived alone in a privately rented flat. He died in hospital "
                "in January 2020 from sepsis caused by infected leg ulcers, after his neighbours called an "
                "ambulance.",
            ),
            ("h2", "Background"),
            (
                "sum",
                "Mr D had been known to adult social care, his GP and the district nursing service for "
                "several years. He often declined help, and his flat had become severely cluttered, with no "
                "working heating for the last two winters of his life.",
            ),
            (
                "sum",
                "Agencies respected his right to make his own decisions but did not assess whether he had "
                "the capacity to make them, and no one agency took the lead in coordinating his care.",
            ),
            ("h1", "Learning"),
            (
                "find",
                Item(
                    "",
                    "Mr D's refusal of care was accepted at face value; his mental capacity to make "
                    "decisions about his health and home was never formally assessed.",
                ),
            ),
            (
                "find",
                Item(
                    "",
                    "Self-neglect was seen as a lifestyle choice rather than a safeguarding concern, "
                    "and the self-neglect procedures were not used.",
                ),
            ),
            (
                "find",
                Item(
                    "",
                    "No multi-agency meeting was held, although five agencies were involved and "
                    "each was worried about him.",
                ),
            ),
            (
                "find",
                Item(
                    "",
                    "Concerns raised by district nurses did not meet the threshold for a safeguarding "
                    "enquiry and were not escalated when the situation worsened.",
                ),
            ),
            ("h1", "Recommendations for the partnership"),
            (
                "rec",
                Item(
                    "",
                    "The Board should review its self-neglect and hoarding procedures and promote "
                    "their use across all partner agencies.",
                ),
            ),
            (
                "rec",
                Item(
                    "",
                    "Partner agencies should make sure that staff assess and record mental capacity "
                    "when a person repeatedly refuses care that they need.",
                ),
            ),
            (
                "rec",
                Item(
                    "",
                    "The Board should set up a multi-agency risk management meeting for adults at high "
                    "risk who decline services.",
                ),
            ),
        ],
    }


def ms_a_dhr() -> dict:
    return {
        "name": "ms-a-dhr.pdf",
        "title": "Domestic Homicide Review: Overview Report into the death of Ms A",
        "review_type": "DHR",
        "published": "2023-02-02",
        "board": "Riverton Community Safety Partnership",
        "age_band": "adult",
        "themes": ["domestic-abuse", "risk-assessment", "information-sharing", "training-and-workforce"],
        "layout": Layout(
            kind="pdf",
            cover=[
                ("Riverton Community Safety Partnership", 12, False),
                ("Domestic Homicide Review", 20, True),
                ("Overview Report into the death of Ms A", 16, True),
                ("", 10, False),
                ("Published: 2 February 2023", 10, False),
            ],
            contents=True,
            header="OFFICIAL – DHR Ms A",
            footer=P,
        ),
        "blocks": [
            ("h1", "1. Introduction"),
            (
                "p",
                "1.1 This review was commissioned under section 9 of the Domestic Violence, Crime and Victims "
                "Act 2004.",
            ),
            ("h1", "2. Executive Summary"),
            (
                "sum",
                "2.1 Ms A was 34 years old when she was killed by her former partner, Mr B, in her home in "
                "October 2021. Mr B was convicted of her murder.",
            ),
            (
                "sum",
                "2.2 Ms A had reported Mr B to the police four times in the eighteen months before her "
                "death, for harassment, threats and one assault. On each occasion a risk assessment was "
                "completed, and the risk was graded as standard or medium.",
            ),
            (
                "sum",
                "2.3 Ms A told her GP and a housing officer that she was frightened of Mr B, but neither "
                "knew about the police reports, and no referral to a domestic abuse service was made.",
            ),
            ("h1", "3. Lessons to be learned"),
            (
                "find",
                Item(
                    "(a)",
                    "Risk assessments were completed as single incidents; the escalation in Mr B's "
                    "behaviour, including stalking after the separation, was not recognised.",
                ),
            ),
            (
                "find",
                Item(
                    "(b)",
                    "Ms A's disclosures to her GP and to her housing officer were not recorded as "
                    "domestic abuse and were not shared with other agencies.",
                ),
            ),
            (
                "find",
                Item(
                    "(c)",
                    "Staff in primary care and housing had not been trained to ask about domestic "
                    "abuse or to make a referral to the MARAC.",
                ),
            ),
            ("h1", "4. Recommendations"),
            (
                "rec",
                Item(
                    "Recommendation 1",
                    "The police should review how repeat reports of stalking and "
                    "harassment are considered when grading risk after a relationship ends.",
                ),
            ),
            (
                "rec",
                Item(
                    "Recommendation 2",
                    "The Community Safety Partnership should commission domestic "
                    "abuse training for GP practices and housing staff, including how to refer to MARAC.",
                ),
            ),
            (
                "rec",
                Item(
                    "Recommendation 3",
                    "Housing providers should adopt a domestic abuse policy that "
                    "includes routine enquiry and information sharing with the police.",
                ),
            ),
            ("h1", "5. Conclusions"),
            ("p", "5.1 The Review Panel offers its sincere condolences to Ms A's family."),
        ],
    }


REPORTS = [mr_d_sar, ms_a_dhr, mrs_h_sar_docx_bold, mr_e_dhr_docx, adult_k_sar_two_level]
