"""Children's stories for children at primary school and teenagers."""

from .scenario import CHILD_TYPES, DIED, HARMED, Scenario
from .scenario import ThemeText as T

PRIMARY = ("5-10",)
TEENAGERS = ("11-15", "16-17")

SCHOOL_NEGLECT = Scenario(
    key="school-neglect",
    age_bands=PRIMARY,
    review_types=CHILD_TYPES,
    openings={
        HARMED: (
            "{name} was seriously harmed by long-term neglect; at the age of {age} {he} was found to have "
            "untreated dental decay and to be severely underweight.",
        )
    },
    background=(
        "{name} often arrived at school hungry and in dirty clothes.",
        "{name}'s attendance at school fell below 70 per cent.",
        "{name} was the oldest of four children and often looked after the younger ones.",
    ),
    core={
        "neglect": T(
            ("Teachers recorded concerns about {name}'s hunger and hygiene but these were not brought together.",),
            ("Neglect showed itself in many small concerns, each below the threshold on its own.",),
            (
                "{board} should ensure that schools and health services use the neglect toolkit to bring small "
                "concerns together.",
            ),
        )
    },
    optional=(
        "voice-of-the-child",
        "information-sharing",
        "thresholds-and-escalation",
        "early-help",
        "record-keeping",
        "parental-substance-misuse",
        "parental-mental-health",
        "training-and-workforce",
    ),
    agencies=("Education", "Children's social care", "Health", "Housing", "Voluntary sector"),
    own={
        "voice-of-the-child": T(
            ("{name} told a teacher that there was often no food at home, but this was not explored.",),
            ("What {name} said at school about life at home was not heard as a request for help.",),
            ("{board} should ensure that what children tell school staff is recorded and acted on.",),
        )
    },
)

FATHER_KILLING = Scenario(
    key="domestic-abuse-child",
    age_bands=PRIMARY,
    review_types=CHILD_TYPES,
    openings={
        DIED: ("This review concerns {name}, who died at the age of {age} after being attacked by {his} father.",)
    },
    background=(
        "{name}'s parents had separated after years of domestic abuse.",
        "Contact with the father had been arranged through the family court.",
        "{name} told {his} teacher that {he} did not want to see {his} father.",
    ),
    core={
        "domestic-abuse": T(
            (
                "There had been repeated police call-outs for domestic abuse but the risk to {name} was not "
                "considered.",
                "The MARAC heard the case but its actions did not include the children.",
            ),
            ("The risk that the father posed to the children after the separation was not assessed.",),
            (
                "Police should share every domestic abuse incident in a household with children with children's "
                "social care and the school.",
            ),
        )
    },
    optional=(
        "risk-assessment",
        "voice-of-the-child",
        "multi-agency-working",
        "information-sharing",
        "hidden-men",
        "training-and-workforce",
        "thresholds-and-escalation",
    ),
    agencies=("Police", "Education", "Children's social care", "Health", "Probation", "Voluntary sector"),
    weight=0.6,
)

DISABLED_CHILD = Scenario(
    key="disabled-child",
    age_bands=PRIMARY + TEENAGERS,
    review_types=CHILD_TYPES,
    openings={
        DIED: ("This review concerns {name}, a disabled child who died at the age of {age}.",),
        HARMED: (
            "{name}, a disabled child, was seriously harmed at the age of {age} when {his} care at home broke down.",
        ),
    },
    background=(
        "{name} had complex health needs and used a wheelchair.",
        "{name} did not use speech and communicated with signs and pictures.",
        "{name}'s special school was worried about {his} weight loss.",
    ),
    core={
        "disability": T(
            (
                "{name}'s communication needs meant that professionals relied on {his} parents' account.",
                "Signs of neglect were attributed to {name}'s disability rather than explored.",
            ),
            ("Professionals saw the disability rather than the child, and signs of harm were explained by it.",),
            ("All agencies should make sure that disabled children are seen and their communication needs are met.",),
        )
    },
    optional=(
        "neglect",
        "disguised-compliance",
        "multi-agency-working",
        "voice-of-the-child",
        "information-sharing",
        "professional-curiosity-and-challenge",
        "training-and-workforce",
    ),
    agencies=("Health", "Education", "Children's social care", "Voluntary sector"),
    weight=0.6,
)

SEXUAL_EXPLOITATION = Scenario(
    key="sexual-exploitation",
    age_bands=TEENAGERS,
    review_types=CHILD_TYPES,
    openings={HARMED: ("{name} was seriously harmed through sexual exploitation when {he} was {age}.",)},
    background=(
        "{name} began going missing from home and was found in cars with older men.",
        "{name} was excluded from school and spent most days away from home.",
        "{name}'s mother asked children's social care for help on several occasions.",
    ),
    core={
        "sexual-abuse-and-exploitation": T(
            (
                "Signs of child sexual exploitation were seen as lifestyle choices rather than abuse.",
                "{name} was going missing and was being groomed by older men.",
            ),
            ("{name} was seen as making choices rather than as a child who was being exploited.",),
            (
                "{board} should ensure that children at risk of exploitation are treated as victims in every agency's "
                "language and response.",
            ),
        )
    },
    optional=(
        "online-harm",
        "voice-of-the-child",
        "thresholds-and-escalation",
        "multi-agency-working",
        "information-sharing",
        "race-culture-and-identity",
        "early-help",
        "training-and-workforce",
    ),
    agencies=("Police", "Children's social care", "Education", "Health", "Voluntary sector"),
    own={
        "online-harm": T(
            ("Men contacted {name} through social media and groomed {him} online.",),
            ("Online contact was not explored when {name} went missing.",),
            ("{board} should make sure that return home interviews ask about contact online.",),
        )
    },
    female_share=0.8,
    weight=0.9,
)

COUNTY_LINES = Scenario(
    key="county-lines",
    age_bands=TEENAGERS,
    review_types=CHILD_TYPES,
    openings={
        DIED: (
            "This review concerns {name}, who died at the age of {age} after being stabbed in a town far from home.",
        ),
        HARMED: (
            "{name} was seriously harmed at the age of {age} when {he} was stabbed while selling drugs in "
            "another county.",
        ),
    },
    background=(
        "{name} was permanently excluded from school and moved to a pupil referral unit.",
        "{name} had been found in another county with drugs and cash on several occasions.",
        "{name}'s family moved house to get {him} away from the people exploiting {him}.",
    ),
    core={
        "sexual-abuse-and-exploitation": T(
            (
                "{name} was drawn into county lines and criminal exploitation after being excluded from school.",
                "When {name} was arrested with drugs, {he} was treated as an offender rather than as a child being "
                "exploited.",
            ),
            ("{name} was treated as an offender rather than as a victim of criminal exploitation.",),
            (
                "Police and youth justice services should use the National Referral Mechanism when children are found "
                "in county lines.",
            ),
        )
    },
    optional=(
        "early-help",
        "multi-agency-working",
        "information-sharing",
        "race-culture-and-identity",
        "thresholds-and-escalation",
        "voice-of-the-child",
        "training-and-workforce",
    ),
    agencies=("Police", "Education", "Children's social care", "Health", "Probation", "Voluntary sector"),
    own={
        "early-help": T(
            ("The school's request for early help was not followed up after {name} was excluded.",),
            ("Exclusion from school was not recognised as a moment of heightened risk.",),
            ("{board} should ensure that every permanent exclusion prompts a review of risk outside the home.",),
        )
    },
    female_share=0.1,
    weight=0.9,
)

ONLINE_ABUSE = Scenario(
    key="online-abuse",
    age_bands=TEENAGERS,
    review_types=CHILD_TYPES,
    openings={
        DIED: ("This review concerns {name}, who died by suicide at the age of {age}.",),
        HARMED: ("{name} was seriously harmed at the age of {age} after a serious attempt to take {his} own life.",),
    },
    background=(
        "{name} had been bullied at school and online for over a year.",
        "{name} had been referred to child and adolescent mental health services but was still on the waiting list.",
        "Images of {name} had been shared online without {his} consent.",
    ),
    core={
        "online-harm": T(
            (
                "Images were shared online and the school did not know how to respond to the online abuse.",
                "An adult contacted {name} through social media and groomed {him} online.",
            ),
            ("Professionals did not understand how much of {name}'s life was lived online.",),
            ("{board} should make sure that staff in every agency know how to respond to online abuse.",),
        )
    },
    optional=(
        "voice-of-the-child",
        "information-sharing",
        "thresholds-and-escalation",
        "multi-agency-working",
        "training-and-workforce",
        "race-culture-and-identity",
    ),
    agencies=("Education", "Health", "Police", "Children's social care", "Voluntary sector"),
    weight=0.7,
)
