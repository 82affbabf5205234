"""Unseen reports about children in England: serious case reviews and local child safeguarding practice
reviews. Invented places and people; the shapes are those of published reports."""

from .children_m_and_j import child_j_inline_cover, child_m_docx_table
from .writers import Item, Layout

P = "Page {page} of {pages}"


def child_k() -> dict:
    return {
        "name": "child-k-lcspr.pdf",
        "title": "Local Child Safeguarding Practice Review: Child K",
        "review_type": "CSPR",
        "published": "2021",
        "board": "Northbrook Safeguarding Children Partnership",
        "age_band": "under-1",
        "themes": ["safe-sleep", "parental-substance-misuse", "information-sharing", "hidden-men"],
        "layout": Layout(
            kind="pdf",
            cover=[
                ("Northbrook Safeguarding Children Partnership", 12, True),
                ("", 12, False),
                ("Local Child Safeguarding Practice Review", 22, True),
                ("Child K", 22, True),
                ("Independent reviewer: Dr Helen Marsh", 11, False),
                ("Published: March 2021", 11, False),
            ],
            contents=True,
            header="Child K – Local Child Safeguarding Practice Review",
            footer=P,
        ),
        "blocks": [
            ("h1", "1. Introduction"),
            (
                "p",
                "1.1 This review was carried out under Working Together to Safeguard Children 2018. The "
                "partnership's case review group agreed on 4 June 2020 that the criteria were met.",
            ),
            ("h1", "2. Executive summary"),
            (
                "sum",
                "Child K died suddenly at the age of eleven weeks while sharing a sofa with his father, "
                "who had been drinking heavily that evening. The post-mortem found no injuries.",
            ),
            ("h2", "Background"),
            (
                "sum",
                "Child K lived with his mother and her two older children. His father did not live with "
                "the family, but he stayed most weekends and looked after the baby when the mother worked "
                "night shifts at a care home.",
            ),
            (
                "sum",
                "Midwives and the health visitor gave the mother safer sleep advice on three occasions. "
                "None of the professionals spoke to the father, and his history of alcohol misuse, which "
                "was known to the probation service, was never shared with health staff.",
            ),
            (
                "sum",
                "The review found that the advice given to families about safer sleep does not reach the "
                "adults who actually care for a baby when plans change, such as at weekends or when a "
                "parent has been drinking.",
            ),
            ("h1", "3. Key findings"),
            ("p", "3.1 The review identified four findings for the partnership."),
            (
                "find",
                Item(
                    "Finding 1:",
                    "Safer sleep advice was given to the mother alone. Fathers and other "
                    "carers who look after a baby overnight were not included in the conversation, so "
                    "the advice did not reach the person caring for Child K on the night he died.",
                ),
            ),
            (
                "find",
                Item(
                    "Finding 2:",
                    "Probation knew that the father had a conviction for drink driving and "
                    "was drinking daily, but there was no route by which this reached the midwife or the "
                    "health visitor working with the baby.",
                ),
            ),
            (
                "find",
                Item(
                    "Finding 3:",
                    "Practitioners recorded the household as the mother and three children. "
                    "The father's regular presence was mentioned in passing but was never explored or "
                    "written into the assessment.",
                ),
            ),
            (
                "find",
                Item(
                    "Finding 4:",
                    "Safer sleep conversations focused on the cot and bedding at home and "
                    "did not consider unplanned situations such as falling asleep on a sofa after drinking "
                    "alcohol.",
                ),
            ),
            ("h1", "4. Recommendations"),
            (
                "rec",
                Item(
                    "Recommendation 1:",
                    "The partnership should ensure that safer sleep guidance requires "
                    "practitioners to speak directly to every adult who regularly cares for the baby, "
                    "including fathers who do not live in the household.",
                ),
            ),
            (
                "rec",
                Item(
                    "Recommendation 2:",
                    "The probation service and the health trust should agree how "
                    "information about a parent's alcohol misuse is shared with midwifery and health "
                    "visiting when there is a baby in the family.",
                ),
            ),
            (
                "rec",
                Item(
                    "Recommendation 3:",
                    "The partnership should commission training for health and "
                    "social care staff on assessing the risks of unplanned sleeping arrangements.",
                ),
            ),
            ("h1", "5. Conclusion"),
            (
                "p",
                "5.1 Child K's death was not predictable, but the review found that the system relied on the "
                "mother to pass on advice to the other adults caring for him.",
            ),
        ],
    }


def family_r() -> dict:
    return {
        "name": "family-r-scr.pdf",
        "title": "Serious Case Review: Family R",
        "review_type": "SCR",
        "published": "2016-03-21",
        "board": "Ashworth Local Safeguarding Children Board",
        "age_band": "5-10",
        "themes": ["neglect", "voice-of-the-child", "thresholds-and-escalation", "disguised-compliance"],
        "layout": Layout(
            kind="pdf",
            cover=[
                ("SERIOUS CASE REVIEW", 20, True),
                ("Family R", 20, True),
                ("", 12, False),
                ("Ashworth Local Safeguarding Children Board", 12, False),
                ("Lead reviewer: Martin Gale", 10, False),
                ("21st March 2016", 10, False),
            ],
            contents=True,
            leaders=False,
            header="OFFICIAL",
            footer="{page}",
            hyphenate=True,
        ),
        "blocks": [
            ("h1", "Executive Summary"),
            (
                "sum",
                "This serious case review concerns four children of Family R, the eldest of whom, R1, was "
                "eight years old when the children were removed from the family home in February 2014. "
                "The children had lived with chronic neglect for at least five years.",
            ),
            (
                "sum",
                "Over that time the family was referred to children's social care eleven times, by "
                "schools, the police and a neighbour. Each referral was assessed on its own and closed "
                "with advice or a referral to early help services, which the parents then did not attend.",
            ),
            (
                "sum",
                "The parents were often friendly and welcoming to visiting professionals, and promised "
                "changes that did not happen. The children were rarely spoken to alone, and what they said "
                "at school about being hungry was not linked to what was seen at home.",
            ),
            ("h1", "Findings"),
            (
                "find",
                Item(
                    "Finding 1",
                    "Each referral was judged against the threshold on its own, without "
                    "looking at the family's history. The cumulative effect of neglect on the children was "
                    "not recognised.",
                    title="Referrals were treated as single events",
                ),
            ),
            (
                "find",
                Item(
                    "Finding 2",
                    "Professionals accepted the parents' account and their promises of "
                    "change. There was no check on whether things had actually improved for the children.",
                    title="Optimism about the parents' engagement",
                ),
            ),
            (
                "find",
                Item(
                    "Finding 3",
                    "Teachers knew the children were often hungry and wore the same clothes "
                    "for days, but school staff did not feel able to challenge the decision to close the "
                    "case and no escalation was made.",
                    title="Schools did not escalate their concerns",
                ),
            ),
            (
                "find",
                Item(
                    "Finding 4",
                    "The children were seldom seen alone and their own accounts of daily "
                    "life were not recorded in assessments.",
                    title="The children's experience was missed",
                ),
            ),
            ("h1", "Recommendations"),
            ("p", "The Board makes the following recommendations."),
            (
                "rec",
                Item(
                    "1.",
                    "The LSCB should introduce a neglect screening tool that all agencies use when "
                    "a child is referred more than once in a twelve month period.",
                ),
            ),
            (
                "rec",
                Item(
                    "2.",
                    "Children's social care should ensure that the history of previous referrals is "
                    "considered in every assessment and recorded in the decision to close a case.",
                ),
            ),
            (
                "rec",
                Item(
                    "3.",
                    "The LSCB should relaunch its escalation policy with schools and check through "
                    "audit that it is being used.",
                ),
            ),
            (
                "rec",
                Item(
                    "4.",
                    "All agencies should make sure that children are seen and spoken to on their own "
                    "and that what they say is recorded.",
                ),
            ),
            ("h1", "Appendix A: Terms of reference"),
            ("p", "The review covered the period from January 2009 to February 2014."),
        ],
    }


def baby_t_two_columns() -> dict:
    return {
        "name": "baby-t-cspr-two-column.pdf",
        "title": "Child Safeguarding Practice Review: Baby T",
        "review_type": "CSPR",
        "published": "2022-07-14",
        "board": "Castlemere Safeguarding Children Partnership",
        "age_band": "under-1",
        "themes": ["physical-abuse", "domestic-abuse", "professional-curiosity-and-challenge", "hidden-men"],
        "layout": Layout(
            kind="pdf",
            cover=[
                ("Child Safeguarding Practice Review: Baby T", 20, True),
                ("Castlemere Safeguarding Children Partnership", 12, False),
                ("Published 14 July 2022", 11, False),
            ],
            cover_page=True,
            header="Baby T | CSPR",
            footer=P,
            columns=2,
        ),
        "blocks": [
            ("h1", "Summary"),
            (
                "sum",
                "Baby T was admitted to hospital aged nine weeks with a skull fracture and bleeding on the "
                "brain. Doctors found older rib fractures. Both parents denied causing the injuries; the "
                "mother's new partner was later convicted.",
            ),
            (
                "sum",
                "Before the admission, the health visitor had seen a small bruise on Baby T's ear and was "
                "told that an older sibling had hit him with a toy. The bruise was recorded but not "
                "referred, although the baby was not yet crawling.",
            ),
            (
                "sum",
                "The police had attended two incidents of domestic abuse involving the mother's partner in "
                "the previous year. Neither was known to the health visitor or the GP.",
            ),
            ("h1", "Learning"),
            (
                "find",
                Item(
                    "•",
                    "Bruising in a baby who is not independently mobile was not treated as a "
                    "possible sign of abuse, contrary to the partnership's own protocol.",
                ),
            ),
            (
                "find",
                Item(
                    "•", "The explanation given by the family was accepted without curiosity or professional challenge."
                ),
            ),
            (
                "find",
                Item(
                    "•",
                    "The mother's partner was not known to health professionals; domestic abuse "
                    "notifications from the police did not reach them.",
                ),
            ),
            ("h1", "Recommendations"),
            (
                "rec",
                Item(
                    "R1.",
                    "The partnership should relaunch the bruising in non-mobile babies protocol "
                    "and audit its use in primary care.",
                ),
            ),
            (
                "rec",
                Item(
                    "R2.",
                    "The police and health partners should agree how domestic abuse notifications "
                    "are shared with health visitors when there is a child under one.",
                ),
            ),
            (
                "rec",
                Item(
                    "R3.",
                    "Agencies should make sure that practitioners ask about, and record, every "
                    "adult living in or regularly visiting a household with a new baby.",
                ),
            ),
        ],
    }


REPORTS = [child_k, family_r, baby_t_two_columns, child_m_docx_table, child_j_inline_cover]
