"""Children's stories for babies and children under five."""

from .scenario import CHILD_TYPES, DIED, HARMED, Scenario
from .scenario import ThemeText as T

BABIES = ("under-1",)
UNDER_FIVES = ("1-4",)

SAFE_SLEEP = Scenario(
    key="safe-sleep",
    age_bands=BABIES,
    review_types=CHILD_TYPES,
    openings={
        DIED: (
            "This review concerns {name}, who died at {age} old after being found unresponsive in a parent's bed.",
            "{name} died suddenly at {age} old; {he} was found unresponsive after sleeping on a sofa with {his} "
            "father.",
        )
    },
    background=(
        "The family had moved house twice during the pregnancy.",
        "Both parents were young and had little support from their own families.",
        "On the evening before, the parents had been drinking at home.",
        "The health visitor had completed the new birth visit and given safe sleep advice.",
    ),
    core={
        "safe-sleep": T(
            (
                "Safe sleep advice was given but was not tailored to the family's circumstances on the night.",
                "The risks of co-sleeping after drinking alcohol had not been discussed with the father.",
            ),
            ("Safe sleep advice was given once, early, and was not repeated when the family's circumstances changed.",),
            (
                "{board} should ensure that safe sleep advice is tailored to each family and repeated at every contact "
                "in a baby's first year.",
            ),
        )
    },
    optional=(
        "parental-substance-misuse",
        "information-sharing",
        "early-help",
        "professional-curiosity-and-challenge",
        "hidden-men",
        "parental-mental-health",
        "race-culture-and-identity",
        "disguised-compliance",
    ),
    agencies=("Health", "Police", "Children's social care", "Voluntary sector", "Housing"),
    weight=1.4,
)

BABY_INJURY = Scenario(
    key="baby-injury",
    age_bands=BABIES,
    review_types=CHILD_TYPES,
    openings={
        DIED: ("This review concerns {name}, who died at {age} old from a head injury.",),
        HARMED: (
            "{name} was seriously harmed at {age} old and was admitted to hospital with a head injury and fractures.",
        ),
    },
    background=(
        "{name} was born prematurely and spent {his} first weeks in neonatal care.",
        "The parents separated and got back together several times during the year.",
        "A health visitor saw a small bruise on {name}'s face at a routine contact.",
    ),
    core={
        "physical-abuse": T(
            (
                "Bruising to a non-mobile baby was not referred in line with the bruising protocol.",
                "Fractures of different ages were found, showing earlier injuries that had not been recognised.",
            ),
            ("The bruising protocol for non-mobile babies was not followed.",),
            ("{board} should audit whether every agency follows the bruising protocol for non-mobile babies.",),
        )
    },
    optional=(
        "hidden-men",
        "domestic-abuse",
        "professional-curiosity-and-challenge",
        "information-sharing",
        "thresholds-and-escalation",
        "risk-assessment",
        "parental-mental-health",
        "training-and-workforce",
    ),
    agencies=("Health", "Police", "Children's social care", "Voluntary sector"),
    weight=1.2,
)

BABY_NEGLECT = Scenario(
    key="baby-neglect",
    age_bands=BABIES,
    review_types=CHILD_TYPES,
    openings={
        HARMED: (
            "{name} was seriously harmed by neglect and was admitted to hospital at {age} old, severely underweight.",
        )
    },
    background=(
        "{name} lived with {his} mother and two older brothers.",
        "The family lived in temporary accommodation for most of the year.",
    ),
    core={
        "neglect": T(
            ("{name}'s weight fell across the centiles and the health visitor was worried about failure to thrive.",),
            ("Faltering growth was seen as a feeding problem rather than as a possible sign of neglect.",),
            (
                "Health partners should ensure that faltering growth in a baby prompts an assessment of the care at "
                "home.",
            ),
        )
    },
    optional=(
        "disguised-compliance",
        "parental-mental-health",
        "parental-substance-misuse",
        "record-keeping",
        "supervision-and-management-oversight",
        "voice-of-the-child",
        "early-help",
    ),
    agencies=("Health", "Children's social care", "Housing", "Voluntary sector"),
    weight=0.6,
)

TODDLER_NEGLECT = Scenario(
    key="toddler-neglect",
    age_bands=UNDER_FIVES,
    review_types=CHILD_TYPES,
    openings={
        DIED: ("This review concerns {name}, who died at the age of {age} after a long period of neglect.",),
        HARMED: (
            "{name} was seriously harmed by neglect at the age of {age}; {he} was found alone at home, "
            "dehydrated and malnourished.",
        ),
    },
    background=(
        "{name} had not been seen by a health professional since {his} one-year review.",
        "The family were known to children's social care because of concerns about the older children.",
        "{name}'s place at nursery was given up after a few weeks.",
    ),
    core={
        "neglect": T(
            (
                "The children lived in poor home conditions over a long period and neglect was not recognised.",
                "Professionals saw the state of the home on visits but judged the care to be good enough.",
            ),
            ("Chronic neglect was normalised because change was slow and the family was well known to services.",),
            ("{board} should ensure that the neglect toolkit is used to track change over time.",),
        )
    },
    optional=(
        "disguised-compliance",
        "parental-substance-misuse",
        "parental-mental-health",
        "early-help",
        "thresholds-and-escalation",
        "supervision-and-management-oversight",
        "voice-of-the-child",
        "record-keeping",
        "hidden-men",
    ),
    agencies=("Children's social care", "Health", "Housing", "Police", "Voluntary sector"),
)

TODDLER_INJURY = Scenario(
    key="toddler-injury",
    age_bands=UNDER_FIVES,
    review_types=CHILD_TYPES,
    openings={
        DIED: (
            "This review concerns {name}, who died at the age of {age} from injuries inflicted by {his} mother's "
            "partner.",
        ),
        HARMED: (
            "{name} was seriously harmed at the age of {age} by {his} mother's partner and needed surgery for "
            "internal injuries.",
        ),
    },
    background=(
        "The mother's partner had moved into the home a few months earlier.",
        "Nursery staff noticed bruises on {name}'s arms on two occasions.",
        "{name}'s grandmother told the police that she was worried.",
    ),
    core={
        "physical-abuse": T(
            (
                "Explanations for {name}'s injuries were inconsistent and were not challenged.",
                "A child protection medical was not arranged after the second set of bruises.",
            ),
            ("Injuries to a young child were explained away rather than investigated.",),
            (
                "{board} should ensure that injuries to young children are assessed by a paediatrician when the "
                "explanation is unclear.",
            ),
        ),
        "hidden-men": T(
            (
                "The partner's history of violence towards a former partner was known to the police but not to "
                "children's social care.",
            ),
            ("The mother's partner was not seen as part of the household and his history was not checked.",),
            (
                "Police and children's social care should check the history of every adult who joins a child's "
                "household.",
            ),
        ),
    },
    optional=(
        "domestic-abuse",
        "information-sharing",
        "professional-curiosity-and-challenge",
        "risk-assessment",
        "thresholds-and-escalation",
        "multi-agency-working",
    ),
    agencies=("Police", "Children's social care", "Health", "Voluntary sector"),
)

TODDLER_METHADONE = Scenario(
    key="toddler-methadone",
    age_bands=UNDER_FIVES,
    review_types=CHILD_TYPES,
    openings={
        DIED: (
            "This review concerns {name}, who died at the age of {age} after swallowing methadone prescribed to "
            "a parent.",
        ),
        HARMED: (
            "{name} was seriously harmed at the age of {age} after swallowing methadone prescribed to a parent "
            "and spent a week in intensive care.",
        ),
    },
    background=(
        "{name}'s father was on a methadone programme and collected a week's supply at a time.",
        "The parents had told the drug service that there were no children living at the address.",
    ),
    core={
        "parental-substance-misuse": T(
            (
                "The drug treatment service did not check that methadone was stored safely in a home with a young "
                "child.",
            ),
            ("Safe storage of medicines was not discussed with parents who had a young child at home.",),
            (
                "Substance misuse services should check the safe storage of prescribed medicines at every home visit "
                "where children live.",
            ),
        )
    },
    optional=(
        "information-sharing",
        "risk-assessment",
        "professional-curiosity-and-challenge",
        "multi-agency-working",
        "record-keeping",
        "neglect",
    ),
    agencies=("Health", "Children's social care", "Police", "Voluntary sector"),
    weight=0.5,
)
