"""Unseen reports (see __init__): Mrs H's and Mr E's, Word files (bold paragraphs as headings; real heading
styles), and Adult K's, a PDF with two levels of headings."""

from .writers import Item, Layout

P = "Page {page} of {pages}"


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
