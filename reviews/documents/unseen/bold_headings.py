"""Two unseen reports written after the first measurement, for the weakness known before it: a sub-heading inside
the summary of a Word file whose headings are all bold paragraphs (numbered main headings; main headings in larger
type). Invented places and people."""

from .writers import Item, Layout

P = "Page {page} of {pages}"


def child_p_bold_numbered() -> dict:
    return {
        "name": "child-p-cspr-bold-numbered.docx",
        "title": "Child Safeguarding Practice Review: Child P",
        "review_type": "CSPR",
        "published": "2024-01-30",
        "board": "Marlow Heath Safeguarding Children Partnership",
        "age_band": "5-10",
        "themes": ["domestic-abuse", "voice-of-the-child", "multi-agency-working"],
        "layout": Layout(kind="docx", headings_bold_only=True, bold_heading_size=0),
        "blocks": [
            ("p", "Child Safeguarding Practice Review: Child P"),
            ("p", "Marlow Heath Safeguarding Children Partnership"),
            ("p", "Published 30 January 2024"),
            ("h1", "1. Executive summary"),
            (
                "sum",
                "Child P was seven when she told a teaching assistant that she was scared to go home "
                "because her mother's boyfriend hurt her mother and shouted at her at night.",
            ),
            ("h2", "Background"),
            (
                "sum",
                "The police had been called to the home six times in two years. Each notification was sent "
                "to the school the next morning under the local Encompass scheme, but the school had no "
                "agreed way of talking to Child P about what she had seen.",
            ),
            ("h2", "The review process"),
            (
                "sum",
                "The review spoke to practitioners from the school, the police, children's social care "
                "and the domestic abuse service, and to Child P's mother.",
            ),
            ("h1", "2. Findings"),
            (
                "find",
                Item(
                    "(i)",
                    "Notifications of domestic abuse reached the school, but staff did not know "
                    "how to use them to support the child.",
                ),
            ),
            (
                "find",
                Item(
                    "(ii)",
                    "Child P's own experience of the abuse at home was not explored by any "
                    "agency; plans focused on her mother's safety.",
                ),
            ),
            ("find", Item("(iii)", "Agencies met separately with the family and there was no joint plan.")),
            ("h1", "3. Recommendations"),
            (
                "rec",
                Item(
                    "R1",
                    "The partnership should provide schools with guidance on responding to domestic "
                    "abuse notifications, including speaking to the child.",
                ),
            ),
            (
                "rec",
                Item(
                    "R2",
                    "Children's social care should ensure that assessments in domestic abuse cases "
                    "record the child's own account of what happens at home.",
                ),
            ),
        ],
    }


def mr_l_sar_bold_sized() -> dict:
    return {
        "name": "mr-l-sar-bold-sized.docx",
        "title": "Safeguarding Adults Review: Mr L",
        "review_type": "SAR",
        "published": "2022",
        "board": "Thornbury Safeguarding Adults Board",
        "age_band": "adult",
        "themes": ["self-neglect", "parental-substance-misuse", "multi-agency-working"],
        "layout": Layout(kind="docx", headings_bold_only=True, bold_heading_size=14),
        "blocks": [
            ("p", "Thornbury Safeguarding Adults Board"),
            ("p", "Safeguarding Adults Review: Mr L"),
            ("p", "Published: October 2022"),
            ("h1", "Executive summary"),
            (
                "sum",
                "Mr L was a 58 year old man who was dependent on alcohol and lived alone in a housing "
                "association flat. He was found dead at home in the winter of 2021; the cause of death was "
                "hypothermia and alcohol poisoning.",
            ),
            ("h2", "Background"),
            (
                "sum",
                "In the final year of his life Mr L was seen by the ambulance service fourteen times and "
                "attended the emergency department eleven times. He was discharged each time without a "
                "referral to adult social care.",
            ),
            (
                "sum",
                "His landlord had reported that he was not using his heating and that the flat was "
                "filling with rubbish, but no agency brought together what each of them knew.",
            ),
            ("h1", "Key learning"),
            (
                "find",
                Item(
                    "•",
                    "Frequent attendance at the emergency department was not recognised as a sign "
                    "of escalating risk and self-neglect.",
                ),
            ),
            (
                "find",
                Item(
                    "•",
                    "Alcohol dependence was seen as a choice, and his care and support needs were not "
                    "assessed under the Care Act.",
                ),
            ),
            (
                "find",
                Item(
                    "•",
                    "No agency convened a multi-agency meeting, although the landlord, the GP and "
                    "the ambulance service were all concerned.",
                ),
            ),
            ("h1", "Recommendations to the Board"),
            (
                "rec",
                Item(
                    "1.",
                    "The Board should agree a protocol for people who frequently attend the "
                    "emergency department because of alcohol use.",
                ),
            ),
            (
                "rec",
                Item(
                    "2.",
                    "Adult social care should make sure that alcohol dependence does not prevent a "
                    "Care Act assessment.",
                ),
            ),
            (
                "rec",
                Item(
                    "3.",
                    "Housing providers should be able to call a multi-agency risk meeting when "
                    "they are worried about a tenant who is neglecting himself.",
                ),
            ),
        ],
    }


REPORTS = [child_p_bold_numbered, mr_l_sar_bold_sized]
