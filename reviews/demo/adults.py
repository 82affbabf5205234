"""Adults' stories: safeguarding adult reviews and Welsh adult practice reviews, and domestic homicide reviews."""

from .scenario import DIED, HARMED, Scenario
from .scenario import ThemeText as T

ADULT = ("adult",)
CARE_AND_SUPPORT = ("SAR", "APR")

SELF_NEGLECT = Scenario(
    key="self-neglect",
    age_bands=ADULT,
    review_types=CARE_AND_SUPPORT,
    openings={
        DIED: ("This review concerns {name}, aged {age}, who died at home after a long period of self-neglect.",)
    },
    background=(
        "{name} lived alone and had stopped letting visitors into the house.",
        "{name} had diabetes and had stopped collecting {his} medication.",
        "Neighbours reported a smell from the property to the council several times.",
    ),
    core={
        "self-neglect": T(
            (
                "{name} lived in squalid conditions and refused care, and {his} self-neglect was not assessed.",
                "Hoarding had made the home unsafe and the fire service was not involved in planning.",
            ),
            (
                "Each refusal of help was accepted as a capacitous choice without exploring {name}'s executive "
                "functioning.",
            ),
            ("{board} should relaunch its self-neglect and hoarding procedure and check that agencies use it.",),
        )
    },
    optional=(
        "multi-agency-working",
        "risk-assessment",
        "professional-curiosity-and-challenge",
        "record-keeping",
        "thresholds-and-escalation",
        "supervision-and-management-oversight",
        "training-and-workforce",
        "information-sharing",
    ),
    agencies=("Adult social care", "Health", "Housing", "Voluntary sector", "Police"),
    adult_ages=(48, 88),
    female_share=0.4,
    weight=1.3,
)

CARE_HOME = Scenario(
    key="care-home-neglect",
    age_bands=ADULT,
    review_types=CARE_AND_SUPPORT,
    openings={
        DIED: (
            "This review concerns {name}, aged {age}, who died in hospital after developing severe pressure "
            "ulcers in a care home.",
        ),
        HARMED: (
            "{name}, aged {age}, was seriously harmed by neglect while living in a care home and developed "
            "severe pressure ulcers.",
        ),
    },
    background=(
        "{name} had dementia and needed help with eating and moving.",
        "The care home relied on agency staff and had no permanent manager.",
        "{name}'s son raised concerns about {his} weight loss with the home.",
    ),
    core={
        "record-keeping": T(
            ("Care records showed repositioning and fluids that staff had not in fact given.",),
            ("Care records could not be relied on, and commissioners did not test them.",),
            (
                "Adult social care should check care records against what residents and relatives say at every "
                "quality visit.",
            ),
        ),
        "supervision-and-management-oversight": T(
            ("Concerns raised by the family were handled as complaints rather than as safeguarding concerns.",),
            ("Without a registered manager, nobody oversaw the care given at night.",),
            (
                "{board} should seek assurance that commissioners act quickly when a care home has no registered "
                "manager.",
            ),
        ),
    },
    optional=(
        "training-and-workforce",
        "information-sharing",
        "professional-curiosity-and-challenge",
        "thresholds-and-escalation",
        "multi-agency-working",
        "race-culture-and-identity",
    ),
    agencies=("Adult social care", "Health", "Voluntary sector"),
    adult_ages=(72, 96),
    female_share=0.65,
)

CUCKOOING = Scenario(
    key="cuckooing",
    age_bands=ADULT,
    review_types=CARE_AND_SUPPORT,
    openings={
        DIED: (
            "This review concerns {name}, aged {age}, who died after being assaulted by people who had taken over "
            "{his} flat.",
        ),
        HARMED: ("{name}, aged {age}, was seriously harmed by people who had taken over {his} flat to sell drugs.",),
    },
    background=(
        "{name} had a learning disability and lived alone with support from a floating support worker.",
        "Neighbours reported people coming and going from the flat at all hours.",
    ),
    core={
        "sexual-abuse-and-exploitation": T(
            (
                "{name}'s flat was taken over by a drugs gang, which professionals recognised as cuckooing only late "
                "on.",
            ),
            (
                "The criminal exploitation of an adult with care and support needs was not treated as a safeguarding "
                "matter.",
            ),
            (
                "{board} should ensure that cuckooing is recognised as the abuse of an adult with care and support "
                "needs.",
            ),
        ),
        "disability": T(
            (
                "Professionals assumed that {name} understood the risks without checking how {his} learning disability "
                "affected {his} decisions.",
            ),
            ("{name}'s mental capacity to decide who came into the flat was never assessed.",),
            (
                "Adult social care should assess mental capacity whenever an adult with a learning disability seems to "
                "choose to stay at risk.",
            ),
        ),
    },
    optional=(
        "multi-agency-working",
        "information-sharing",
        "thresholds-and-escalation",
        "risk-assessment",
        "professional-curiosity-and-challenge",
    ),
    agencies=("Police", "Adult social care", "Housing", "Health", "Probation", "Voluntary sector"),
    adult_ages=(22, 55),
    female_share=0.3,
    weight=0.7,
)

PARTNER_HOMICIDE = Scenario(
    key="partner-homicide",
    age_bands=ADULT,
    review_types=("DHR",),
    openings={
        DIED: ("This review concerns {name}, aged {age}, who died after being assaulted by {his} former partner.",)
    },
    background=(
        "{name} had left the relationship twice and returned.",
        "{name}'s former partner had convictions for violence against previous partners.",
        "{name}'s friends knew of the abuse but did not know where to get help.",
    ),
    core={
        "domestic-abuse": T(
            (
                "Coercive control by {name}'s partner was not recognised by the professionals involved.",
                "The MARAC heard the case but its actions were not completed.",
            ),
            ("Agencies responded to each incident and did not see the pattern of coercive control.",),
            (
                "{board} should ensure that every agency uses the domestic abuse risk assessment and refers high-risk "
                "cases to MARAC.",
            ),
        )
    },
    optional=(
        "risk-assessment",
        "information-sharing",
        "multi-agency-working",
        "training-and-workforce",
        "professional-curiosity-and-challenge",
        "race-culture-and-identity",
    ),
    agencies=("Police", "Health", "Housing", "Probation", "Voluntary sector", "Adult social care"),
    adult_ages=(19, 68),
    female_share=0.85,
    weight=1.2,
)

FAMILY_HOMICIDE = Scenario(
    key="family-homicide",
    age_bands=ADULT,
    review_types=("DHR",),
    openings={
        DIED: ("This review concerns {name}, aged {age}, who died at home after being assaulted by {his} adult son.",)
    },
    background=(
        "{name}'s son had moved back home after losing his tenancy.",
        "{name}'s son drank heavily and had been in contact with mental health services.",
    ),
    core={
        "domestic-abuse": T(
            (
                "{name} had told {his} GP that {his} son was violent when he had been drinking, but this was not "
                "recognised as domestic abuse.",
            ),
            ("The abuse of an older person by an adult family member was not recognised as domestic abuse.",),
            ("{board} should raise awareness that domestic abuse includes abuse by adult family members.",),
        )
    },
    optional=(
        "information-sharing",
        "risk-assessment",
        "professional-curiosity-and-challenge",
        "multi-agency-working",
        "training-and-workforce",
    ),
    agencies=("Police", "Health", "Adult social care", "Housing"),
    adult_ages=(64, 90),
    female_share=0.7,
    weight=0.5,
)

ADULT_SCENARIOS = (SELF_NEGLECT, CARE_HOME, CUCKOOING, PARTNER_HOMICIDE, FAMILY_HOMICIDE)
