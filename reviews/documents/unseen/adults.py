"""Unseen reports about adults in England: safeguarding adults reviews and domestic homicide reviews. Invented
places and people; the shapes are those of published reports."""

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


def mrs_h_sar_docx_bold() -> dict:
    return {
        "name": "mrs-h-sar-bold.docx",
        "title": "Safeguarding Adult Review - Mrs H",
        "review_type": "SAR",
        "published": "2019",
        "board": "Kelsey Vale Safeguarding Adults Board",
        "age_band": "adult",
        "themes": ["training-and-workforce", "supervision-and-management-oversight", "physical-abuse"],
        "layout": Layout(kind="docx", headings_bold_only=True),
        "blocks": [
            ("p", "Kelsey Vale Safeguarding Adults Board"),
            ("p", "Safeguarding Adult Review - Mrs H"),
            ("p", "July 2019"),
            ("h1", "1. Executive summary"),
            (
                "sum",
                "Mrs H was 88 years old and had dementia. She lived in a nursing home for four years. In "
                "March 2018 she was found to have a fractured hip and bruising to both arms, which staff "
                "could not explain. She died in hospital three weeks later.",
            ),
            (
                "sum",
                "The home had a high turnover of staff and relied on agency workers at night. Care staff "
                "had not been trained in moving and handling people with dementia, and there had been no "
                "manager in post for six months.",
            ),
            ("h1", "2. Findings"),
            (
                "find",
                Item(
                    "Finding 1:",
                    "Unexplained injuries were recorded in the daily notes but were not "
                    "reported as safeguarding concerns.",
                ),
            ),
            (
                "find",
                Item(
                    "Finding 2:",
                    "Commissioners had monitored the home's staffing levels but not the "
                    "skills and training of the staff on shift.",
                ),
            ),
            (
                "find",
                Item(
                    "Finding 3:",
                    "Without a registered manager there was no oversight of incidents or "
                    "of the quality of care at night.",
                ),
            ),
            ("h1", "3. Recommendations"),
            (
                "rec",
                Item(
                    "R1.",
                    "The Board should seek assurance from commissioners that care homes report "
                    "unexplained injuries as safeguarding concerns.",
                ),
            ),
            (
                "rec",
                Item(
                    "R2.",
                    "Commissioners should include staff training and the use of agency workers in "
                    "their quality monitoring of nursing homes.",
                ),
            ),
            (
                "rec",
                Item(
                    "R3.",
                    "The Care Quality Commission and commissioners should agree how they share "
                    "information when a home has no registered manager.",
                ),
            ),
        ],
    }


def mr_e_dhr_docx() -> dict:
    return {
        "name": "mr-e-dhr.docx",
        "title": "Domestic Homicide Review: Mr E",
        "review_type": "DHR",
        "published": "2022-05-09",
        "board": "Hartfield Safer Communities Partnership",
        "age_band": "adult",
        "themes": ["domestic-abuse", "parental-mental-health", "parental-substance-misuse", "information-sharing"],
        "layout": Layout(kind="docx"),
        "blocks": [
            ("p", "Hartfield Safer Communities Partnership"),
            ("title", "Domestic Homicide Review: Mr E"),
            ("p", "Date of publication: 9 May 2022"),
            ("h1", "Table of contents"),
            ("p", "Executive summary\t2"),
            ("p", "Key issues arising from the review\t4"),
            ("p", "Recommendations\t6"),
            ("h1", "Executive summary"),
            (
                "sum",
                "Mr E, a 52 year old man, was killed by his son, Mr F, in the home they shared. Mr F had a "
                "diagnosis of paranoid schizophrenia and had stopped taking his medication. He was also "
                "using cannabis and alcohol every day.",
            ),
            (
                "sum",
                "Mr E had told the mental health team that he was frightened of his son, but he was seen "
                "only as a carer, and his own safety was not assessed. The review considered this to be a "
                "case of adult family violence, which falls within the definition of domestic abuse.",
            ),
            ("h1", "Key issues arising from the review"),
            (
                "find",
                Item(
                    "Learning point 1 –",
                    "Abuse of a parent by an adult child was not recognised as "
                    "domestic abuse by the agencies involved.",
                ),
            ),
            (
                "find",
                Item(
                    "Learning point 2 –",
                    "The mental health team did not share with the police or the "
                    "GP that Mr F had made threats towards his father.",
                ),
            ),
            (
                "find",
                Item(
                    "Learning point 3 –",
                    "Mr F's drug and alcohol use was not considered when his mental health relapse was assessed.",
                ),
            ),
            ("h1", "Recommendations"),
            (
                "rec",
                Item(
                    "1.",
                    "The Partnership should raise awareness that violence by adult children towards "
                    "their parents is domestic abuse.",
                ),
            ),
            (
                "rec",
                Item(
                    "2.",
                    "The mental health trust should include carers' own safety in carer "
                    "assessments and share threats of violence with the police.",
                ),
            ),
            (
                "rec",
                Item(
                    "3.",
                    "Mental health and substance misuse services should develop a joint pathway for "
                    "people with both needs.",
                ),
            ),
        ],
    }


def adult_k_sar_two_level() -> dict:
    return {
        "name": "adult-k-sar.pdf",
        "title": "Adult K: Safeguarding Adults Review",
        "review_type": "SAR",
        "published": "2020",
        "board": "Southmoor Safeguarding Adults Partnership Board",
        "age_band": "adult",
        "themes": ["sexual-abuse-and-exploitation", "disability", "professional-curiosity-and-challenge"],
        "layout": Layout(
            kind="pdf",
            cover=[
                ("Adult K", 24, True),
                ("Safeguarding Adults Review", 16, False),
                ("Southmoor Safeguarding Adults Partnership Board", 11, False),
                ("2020", 11, False),
            ],
            contents=True,
            footer=P,
        ),
        "blocks": [
            ("h1", "Summary of the review"),
            (
                "sum",
                "Adult K is a 23 year old woman with a learning disability who lives in supported "
                "accommodation. Between 2017 and 2019 she was sexually exploited by a group of men who "
                "befriended her at a bus station and later took her to flats in the town.",
            ),
            (
                "sum",
                "Support workers noticed that she had new clothes and a phone she could not pay for, and "
                "that she was often out late. They reported this to her social worker, who concluded that "
                "Adult K had the capacity to choose her relationships.",
            ),
            (
                "sum",
                "The police investigated one allegation of rape in 2018, but Adult K withdrew her account "
                "and no further action was taken.",
            ),
            ("h1", "What we learned"),
            (
                "find",
                Item(
                    "1.",
                    "The signs of exploitation were seen by several people, but were not "
                    "recognised as exploitation because Adult K was an adult.",
                ),
            ),
            (
                "find",
                Item(
                    "2.",
                    "A general assumption of capacity was used to close down concerns, instead of "
                    "a specific assessment of her capacity to understand the risks she faced.",
                ),
            ),
            (
                "find",
                Item(
                    "3.",
                    "Practitioners did not show professional curiosity about the men she spent "
                    "time with, or challenge the decision to close the safeguarding enquiry.",
                ),
            ),
            ("h1", "What needs to change"),
            (
                "rec",
                Item(
                    "1.",
                    "The Board should develop guidance on the sexual exploitation of adults with "
                    "care and support needs, for all partner agencies.",
                ),
            ),
            (
                "rec",
                Item(
                    "2.",
                    "Adult social care should audit how mental capacity is assessed in safeguarding "
                    "enquiries involving exploitation.",
                ),
            ),
            (
                "rec",
                Item(
                    "3.",
                    "The police and adult social care should agree a joint approach to supporting "
                    "victims with a learning disability through investigations.",
                ),
            ),
        ],
    }


REPORTS = [mr_d_sar, ms_a_dhr, mrs_h_sar_docx_bold, mr_e_dhr_docx, adult_k_sar_two_level]
