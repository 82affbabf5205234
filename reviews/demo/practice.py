"""Practice themes as they show in any child's or any adult's review.

The children's words fit every age from birth to 17: they name the child ({name}) and never say baby, school or
online (those belong to the stories that fit them). The adults' words never say child, baby or mother.
"""

from .scenario import ThemeText as T

CHILD = {
    "information-sharing": T(
        (
            "Information held by the GP about the family's history was not shared with children's social care.",
            "Each agency held part of the picture of {name}'s life and no single agency saw the whole history.",
        ),
        ("Agencies did not share what they knew in time, so nobody saw the pattern of concerns about {name}.",),
        (
            "{board} should seek assurance that information about risk to a child is shared promptly with the lead "
            "professional.",
        ),
    ),
    "multi-agency-working": T(
        (
            "Professionals met separately rather than together and there was no shared multi-agency plan for {name}.",
            "The core group rarely met and partner agencies were unclear about their roles.",
        ),
        ("Without a shared plan, each agency assumed that another was leading the work with the family.",),
        ("{board} should ensure that every multi-agency plan names a lead professional and is reviewed together.",),
    ),
    "risk-assessment": T(
        (
            "The risk assessment was not revisited when the family's circumstances changed.",
            "Assessments focused on each incident rather than on the cumulative risk to {name}.",
        ),
        ("Risk was judged incident by incident and the cumulative picture was lost.",),
        (
            "Children's social care should ensure that assessments are updated whenever a family's circumstances "
            "change.",
        ),
    ),
    "voice-of-the-child": T(
        ("Practitioners focused on the adults, and what daily life was like for {name} was not considered.",),
        ("The adults' needs took up the professionals' attention and {name}'s lived experience was not understood.",),
        ("{board} should seek assurance that assessments describe each child's daily lived experience.",),
    ),
    "professional-curiosity-and-challenge": T(
        (
            "Explanations given by the parents were accepted at face value.",
            "Nobody asked who else was living in the house.",
        ),
        ("Practitioners were not professionally curious and did not test what they were told.",),
        ("{board} should support practitioners to show professional curiosity and respectful uncertainty.",),
    ),
    "thresholds-and-escalation": T(
        (
            "Referrals were assessed as below the threshold for a statutory assessment on several occasions.",
            "Concerns were not escalated when a professional disagreed with the decision to close the case.",
        ),
        ("Professionals who remained worried did not use the escalation policy.",),
        ("{board} should relaunch its escalation policy and check that practitioners know how to use it.",),
    ),
    "record-keeping": T(
        ("Records were incomplete and the chronology did not show the pattern of missed appointments.",),
        ("Poor recording meant that later workers did not know why earlier decisions had been made.",),
        ("All agencies should keep an up-to-date chronology for every child subject to a plan.",),
    ),
    "supervision-and-management-oversight": T(
        (
            "Supervision was infrequent and did not challenge the worker's optimistic view of the family.",
            "There was little management oversight of the decision to step the case down to early help.",
        ),
        ("Supervision did not provide the challenge needed to test an optimistic view of the family.",),
        ("Children's social care should ensure that supervision reflects on cases, not only on tasks.",),
    ),
    "training-and-workforce": T(
        (
            "The social worker carried a high caseload and the team had several vacancies.",
            "Staff turnover meant that the family had four different social workers in a year.",
        ),
        ("High caseloads and staff turnover left little time for direct work with the family.",),
        ("{board} should review workforce pressures in children's services and report on caseloads.",),
    ),
    "disguised-compliance": T(
        (
            "The family kept cancelling visits and {name} was not brought to health appointments.",
            "The parents appeared to co-operate with the plan while little changed for {name}.",
        ),
        ("Apparent co-operation by the parents was mistaken for progress.",),
        ("Health partners should treat a child who was not brought to appointments as a possible sign of neglect.",),
    ),
    "hidden-men": T(
        (
            "The mother's new partner was not known to agencies and was never assessed.",
            "A man was seen at the house on several visits but nobody asked who he was.",
        ),
        ("The men in {name}'s life were not identified, assessed or involved.",),
        ("{board} should ensure that fathers and men in the household are identified and assessed.",),
    ),
    "race-culture-and-identity": T(
        (
            "An interpreter was not used and the mother's understanding of the concerns was not checked.",
            "The family's culture and faith were not explored and assumptions were made about their community.",
        ),
        ("The family's language, culture and identity were not considered in the help offered.",),
        ("All agencies should use professional interpreters and explore culture and identity in assessments.",),
    ),
    "early-help": T(
        (
            "Early help was offered but the family declined it and the case was closed without review.",
            "Earlier family support might have stopped the situation from escalating.",
        ),
        ("The offer of early help ended when the family declined it, without a review of the concerns.",),
        ("{board} should ensure that early help cases are reviewed before they are closed.",),
    ),
    "parental-mental-health": T(
        (
            "The mother's depression was known to her GP but not to the other professionals involved.",
            "Adult mental health services did not consider the impact of the father's illness on {name}.",
        ),
        ("Adult services treated the parent as a patient and did not think about the child at home.",),
        ("Adult mental health services should ask every patient about the children in their care.",),
    ),
    "parental-substance-misuse": T(
        (
            "Both parents misused alcohol and drugs, and their ability to care for {name} fluctuated.",
            "Drug treatment services did not ask whether their client had children at home.",
        ),
        ("The effect of the parents' substance misuse on their care of {name} was not assessed.",),
        (
            "Substance misuse services should ask about children at home and share concerns with children's social "
            "care.",
        ),
    ),
    "domestic-abuse": T(
        (
            "There were repeated police call-outs for domestic abuse but {name} was not considered.",
            "Coercive control by the mother's partner was not recognised by the professionals involved.",
        ),
        ("Domestic abuse in the household was not seen as a risk to {name}.",),
        (
            "Police should share every domestic abuse incident in a household with children with children's social "
            "care.",
        ),
    ),
    "neglect": T(
        ("{name} lived in poor home conditions over a long period and neglect was not recognised.",),
        ("Neglect was normalised because change was slow and the family was well known to services.",),
        ("{board} should ensure that the neglect toolkit is used to track change over time.",),
    ),
}

ADULT = {
    "information-sharing": T(
        (
            "Information held by the GP was not shared with adult social care.",
            "Each agency held part of the picture and no single agency saw {name}'s whole history.",
        ),
        ("Agencies did not share what they knew in time, so the risk to {name} was not seen.",),
        ("{board} should seek assurance that agencies share information about risk to adults promptly.",),
    ),
    "multi-agency-working": T(
        ("No multi-agency meeting was held although several agencies were worried about {name}.",),
        ("There was no shared plan and no lead agency, so each agency acted alone.",),
        ("{board} should ensure that multi-agency risk management meetings are used for adults at high risk.",),
    ),
    "risk-assessment": T(
        ("Risk assessments were not updated when {name}'s circumstances changed.",),
        ("Risk was assessed incident by incident and the escalating pattern was missed.",),
        ("All agencies should review risk assessments whenever an adult's circumstances change.",),
    ),
    "professional-curiosity-and-challenge": T(
        ("Explanations were accepted at face value and nobody spoke to {name} alone about {his} situation.",),
        ("Practitioners were not professionally curious about what lay behind {name}'s presentation.",),
        ("{board} should promote professional curiosity through briefings and case discussion.",),
    ),
    "thresholds-and-escalation": T(
        ("Safeguarding concerns about {name} were closed several times without a safeguarding enquiry.",),
        ("Each concern was judged below the threshold on its own, so the pattern was never assessed.",),
        ("Adult social care should review how repeated safeguarding concerns about the same person are screened.",),
    ),
    "record-keeping": T(
        ("Records were incomplete and did not show how often {name} had declined help.",),
        ("Records did not bring together the pattern of contacts with {name} over time.",),
        ("All agencies should keep records that show the pattern of contacts and refusals over time.",),
    ),
    "supervision-and-management-oversight": T(
        ("Decisions to close the case were not reviewed by a manager.",),
        ("Managers did not oversee decisions about {name}'s care and support.",),
        ("Adult social care should ensure that managers review every decision to close the case of an adult at risk.",),
    ),
    "training-and-workforce": T(
        (
            "Staff had not received training on the Mental Capacity Act and coercive control.",
            "Staff turnover meant that {name} saw a different worker at almost every visit.",
        ),
        ("Practitioners lacked the training and the time to build a relationship with {name}.",),
        ("{board} should commission training on mental capacity and executive functioning.",),
    ),
    "race-culture-and-identity": T(
        ("An interpreter was not used and {name}'s understanding of the help offered was not checked.",),
        ("{name}'s language, culture and identity were not considered in the help offered.",),
        ("All agencies should use professional interpreters rather than relatives or friends.",),
    ),
    "disability": T(
        (
            "{name}'s learning disability was not taken into account when {he} was expected to attend appointments "
            "alone.",
        ),
        ("Reasonable adjustments were not made for {name}'s learning disability.",),
        ("Health partners should make reasonable adjustments for people with a learning disability.",),
    ),
}
