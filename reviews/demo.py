"""Plausible demo reviews, built from the themes' vocabulary; deterministic for a seed.

They read like real executive summaries so that search, facets and dashboards can be tried out, but every
person, place and event in them is invented.
"""

import json
import random
from collections.abc import Iterator

REGION_BOARDS = {
    "North East": ["Tyneside", "Wearside", "Teesdale", "Northumberland Coast"],
    "North West": ["Merseyside", "Lancashire Moors", "Cheshire Plain", "Greater Irwell", "Cumbria Fells"],
    "Yorkshire and the Humber": ["Humberside", "Dales", "Calderdale Valley", "Sheaf Valley"],
    "East Midlands": ["Trent Valley", "Peak Fringe", "Soar Valley", "Lincoln Wolds"],
    "West Midlands": ["Black Country", "Severn Valley", "Arden", "Staffordshire Moorlands"],
    "East of England": ["Fenland", "Broads", "Chiltern Edge", "Essex Estuary"],
    "London": ["Thames Riverside", "Lea Valley", "North Circular", "South Bank Boroughs", "Wandle"],
    "South East": ["Weald", "Solent", "Downs", "Thames Valley West", "Medway Towns"],
    "South West": ["Exmoor", "Severnside", "Cotswold Edge", "Tamar Valley"],
    "Wales": ["Gwent Valleys", "Cardiff Bay and Vale", "Snowdonia", "Dyfed Coast"],
}
NATIONAL_REGION = "England (national)"
NATIONAL_BOARD = "Child Safeguarding Practice Review Panel"

CHILD_NAMES = [
    "Child A",
    "Child B",
    "Child C",
    "Child D",
    "Child H",
    "Child J",
    "Child L",
    "Child M",
    "Child P",
    "Child R",
    "Child S",
    "Child T",
    "Child W",
    "Baby E",
    "Baby F",
    "Baby K",
    "Baby N",
    "Baby Q",
]
ADULT_NAMES = ["Adult A", "Adult B", "Adult C", "Mr D", "Mrs E", "Ms F", "Mr G", "Ms H", "Mrs J", "Mr K"]

THEME_SENTENCES = {
    "information-sharing": [
        "Information held by the GP about the mother's history was not shared with children's social care.",
        "The school knew of bruising but did not pass this on to the health visitor or the police.",
        "Agencies each held part of the picture and no single agency saw the whole history.",
    ],
    "multi-agency-working": [
        "Professionals met separately rather than together, and there was no shared multi-agency plan.",
        "The core group rarely met and partner agencies were unclear about their roles.",
        "Joint working between police and social care broke down when the case transferred.",
    ],
    "risk-assessment": [
        "The risk assessment was not revisited when the family circumstances changed.",
        "Assessments focused on the immediate incident rather than the cumulative risk.",
        "Risk was judged as low because the family presented well at planned visits.",
    ],
    "voice-of-the-child": [
        "The child was rarely seen alone and their wishes and feelings were not recorded.",
        "Practitioners did not consider what daily life was like for the baby in the household.",
        "The young person told a teacher that she was frightened at home but this was not explored.",
    ],
    "professional-curiosity-and-challenge": [
        "Explanations for the injuries were accepted at face value without professional curiosity.",
        "Practitioners did not challenge each other when they disagreed with the plan.",
        "Nobody asked who else was living in the house.",
    ],
    "thresholds-and-escalation": [
        "Referrals were assessed as below the threshold for a statutory assessment on four occasions.",
        "Concerns were not escalated when the health visitor disagreed with the decision to close the case.",
        "The escalation policy was not used although several professionals remained worried.",
    ],
    "record-keeping": [
        "Records were incomplete and the chronology did not show the pattern of missed appointments.",
        "Important decisions were not recorded, so later workers did not know why they had been made.",
    ],
    "supervision-and-management-oversight": [
        "Supervision was infrequent and did not challenge the worker's optimistic view of the family.",
        "There was little management oversight of the decision to step the case down to early help.",
    ],
    "training-and-workforce": [
        "The social worker carried a high caseload and the team had several vacancies.",
        "Staff turnover meant the family had five different social workers in a year.",
        "Practitioners had not received training on recognising coercive control.",
    ],
    "disguised-compliance": [
        "The family kept cancelling visits and the baby was not brought to health appointments.",
        "The mother appeared to co-operate with the plan while little changed for the children.",
        "Missed appointments were seen as isolated events rather than a pattern of non-engagement.",
    ],
    "hidden-men": [
        "The mother's new partner was not known to agencies and was never assessed.",
        "The father was not invited to meetings and his history of violence was not considered.",
        "A man was seen at the house on several visits but nobody asked who he was.",
    ],
    "race-culture-and-identity": [
        "An interpreter was not used and the mother's understanding of the concerns was not checked.",
        "The family's culture and faith were not explored and assumptions were made about their community.",
        "The child's identity and experience of racism were not considered in the assessment.",
    ],
    "early-help": [
        "Early help was offered but the family declined and the case was closed without review.",
        "Earlier family support might have prevented the situation from escalating.",
    ],
    "neglect": [
        "The children lived in poor home conditions over a long period and neglect was not recognised.",
        "The baby's weight fell across centiles and the health visitor was worried about failure to thrive.",
        "Chronic neglect was normalised because change was slow and the family was well known to services.",
    ],
    "domestic-abuse": [
        "There were repeated police call-outs for domestic abuse but the children were not considered.",
        "The MARAC did not hear the case although the risk of domestic violence was high.",
        "Coercive control by the partner was not recognised by the professionals involved.",
    ],
    "physical-abuse": [
        "Bruising to a non-mobile baby was not referred in line with the bruising protocol.",
        "The baby was admitted to hospital with a head injury and fractures of different ages were found.",
        "Explanations for the child's injuries were inconsistent and were not challenged.",
    ],
    "sexual-abuse-and-exploitation": [
        "The young person was going missing and was being groomed by older men for sexual exploitation.",
        "Signs of child sexual exploitation were seen as lifestyle choices rather than abuse.",
        "The boy was drawn into county lines and criminal exploitation after being excluded from school.",
    ],
    "online-harm": [
        "The child was contacted through social media by an adult who groomed her online.",
        "Images were shared online and the school did not know how to respond to the online abuse.",
    ],
    "safe-sleep": [
        "The baby died while co-sleeping with a parent who had drunk alcohol.",
        "Safe sleep advice was given but not tailored to the family's circumstances on the night.",
        "The infant was found unresponsive after sharing a sofa with his father.",
    ],
    "parental-mental-health": [
        "The mother's postnatal depression was known to her GP but not to the health visitor.",
        "Adult mental health services did not consider the impact of the father's illness on the children.",
    ],
    "parental-substance-misuse": [
        "Both parents misused alcohol and drugs, and their ability to care for the children fluctuated.",
        "Drug treatment services did not ask whether the client had children at home.",
    ],
    "disability": [
        "The child's learning disability and communication needs made it harder to hear their voice.",
        "Signs of abuse were attributed to the child's disability rather than explored.",
    ],
    "self-neglect": [
        "The adult lived in squalid conditions, refused care and his self-neglect was not assessed.",
        "Hoarding had made the home unsafe and the fire service was not involved in planning.",
    ],
}
OPENINGS_CHILD = [
    "This review concerns {name}, who died at the age of {age}.",
    "{name} was seriously harmed at the age of {age} and was admitted to hospital.",
    "This review considers the circumstances of {name}, aged {age}, who suffered serious harm at home.",
]
OPENINGS_ADULT = [
    "This review concerns {name}, aged {age}, who died at home.",
    "{name}, aged {age}, was found to have been seriously harmed by neglect while receiving care.",
]
CLOSINGS = [
    "The review found learning for the whole safeguarding system rather than for any one agency.",
    "Many professionals worked hard to support the family; the learning is about how the system worked together.",
    "The family contributed to the review and their views are reflected in its findings.",
]
FINDING_PREFIX = ["", "The review found that ", "There is learning because ", "Agencies recognised that "]
RECOMMENDATION_TEMPLATES = [
    "The partnership should seek assurance that {what}.",
    "{agency} should review its guidance so that {what}.",
    "All agencies should ensure that {what}.",
    "The board should audit whether {what}.",
]
RECOMMENDATION_WHAT = {
    "information-sharing": "information about risk is shared promptly with the lead professional",
    "multi-agency-working": "multi-agency plans name a lead professional and are reviewed together",
    "risk-assessment": "risk assessments are updated when a family's circumstances change",
    "voice-of-the-child": "children are seen alone and their experience is recorded",
    "professional-curiosity-and-challenge": "practitioners are supported to be professionally curious",
    "thresholds-and-escalation": "the escalation policy is known and used",
    "record-keeping": "chronologies are kept and shared for children subject to plans",
    "supervision-and-management-oversight": "supervision challenges practitioners' view of a family",
    "training-and-workforce": "caseloads allow time for direct work with children",
    "disguised-compliance": "missed appointments are treated as a possible sign of neglect",
    "hidden-men": "men in a child's household are identified and assessed",
    "race-culture-and-identity": "interpreters are used and culture is explored in assessments",
    "early-help": "early help cases are reviewed before they are closed",
    "neglect": "the neglect toolkit is used to track change over time",
    "domestic-abuse": "children are considered at every domestic abuse incident",
    "physical-abuse": "the bruising protocol for non-mobile babies is followed",
    "sexual-abuse-and-exploitation": "children at risk of exploitation are treated as victims",
    "online-harm": "staff know how to respond to online abuse",
    "safe-sleep": "safe sleep advice is tailored to each family and repeated",
    "parental-mental-health": "adult services consider the children of their patients",
    "parental-substance-misuse": "substance misuse services ask about children at home",
    "disability": "disabled children's communication needs are met",
    "self-neglect": "the self-neglect procedure is used when an adult refuses care",
}
CHILD_THEMES = [slug for slug in THEME_SENTENCES if slug != "self-neglect"]
ADULT_THEMES = [
    "information-sharing",
    "multi-agency-working",
    "risk-assessment",
    "professional-curiosity-and-challenge",
    "record-keeping",
    "supervision-and-management-oversight",
    "training-and-workforce",
    "self-neglect",
    "domestic-abuse",
    "disability",
    "race-culture-and-identity",
    "parental-mental-health",
]
AGENCIES = [
    "Children's social care",
    "Adult social care",
    "Police",
    "Health",
    "Education",
    "Housing",
    "Probation",
    "Voluntary sector",
]


def demo_reviews(count: int, *, seed: int = 2014, first_year: int = 2012, last_year: int = 2025) -> Iterator[dict]:
    """`count` review dictionaries in the import format."""
    rng = random.Random(seed)
    regions = list(REGION_BOARDS)
    years = list(range(first_year, last_year + 1))
    # Themes drift over time so the dashboards have something to find.
    rising = {"online-harm", "sexual-abuse-and-exploitation", "race-culture-and-identity"}
    falling = {"record-keeping", "hidden-men"}
    for number in range(1, count + 1):
        year = rng.choice(years)
        if rng.random() < 0.02 and year >= 2019:
            region, board = NATIONAL_REGION, NATIONAL_BOARD
            review_type = "National"
        else:
            region = rng.choice(regions)
            board = f"{rng.choice(REGION_BOARDS[region])} Safeguarding {'Partnership' if year >= 2019 else 'Board'}"
            adult = rng.random() < 0.2
            if region == "Wales":
                review_type = "APR" if adult else "CPR"
            elif adult:
                review_type = rng.choice(["SAR", "SAR", "DHR"])
            else:
                review_type = "CSPR" if year >= 2019 else "SCR"
        adult = review_type in {"SAR", "DHR", "APR"}
        pool = ADULT_THEMES if adult else CHILD_THEMES
        weights = []
        for slug in pool:
            weight = 1.0
            if slug in rising:
                weight *= 0.5 + (year - first_year) / 6
            if slug in falling:
                weight *= 2.0 - (year - first_year) / 10
            weights.append(max(weight, 0.1))
        themes = []
        for _ in range(rng.randint(2, 5)):
            slug = rng.choices(pool, weights)[0]
            if slug not in themes:
                themes.append(slug)
        if adult:
            name, age, age_band = rng.choice(ADULT_NAMES), rng.randint(19, 90), "adult"
            opening = rng.choice(OPENINGS_ADULT)
        else:
            age_band = rng.choice(["under-1", "under-1", "1-4", "5-10", "11-15", "16-17"])
            low, high = {"under-1": (0, 0), "1-4": (1, 4), "5-10": (5, 10), "11-15": (11, 15), "16-17": (16, 17)}[
                age_band
            ]
            age_years = rng.randint(low, high)
            age = f"{rng.randint(2, 11)} months" if age_years == 0 else f"{age_years}"
            name = rng.choice([n for n in CHILD_NAMES if n.startswith("Baby") == (age_band == "under-1")])
            opening = rng.choice(OPENINGS_CHILD)
        sentences = [opening.format(name=name, age=age)]
        findings = []
        for slug in themes:
            picked = rng.sample(THEME_SENTENCES[slug], k=min(2, len(THEME_SENTENCES[slug])))
            sentences.extend(picked)
            findings.append(
                rng.choice(FINDING_PREFIX) + picked[0][0].lower() + picked[0][1:] if rng.random() < 0.5 else picked[0]
            )
        sentences.append(rng.choice(CLOSINGS))
        agencies = sorted(
            set(rng.sample(AGENCIES, k=rng.randint(2, 5)))
            | ({"Adult social care"} if adult else {"Children's social care"})
        )
        recommendations = [
            rng.choice(RECOMMENDATION_TEMPLATES).format(agency=rng.choice(agencies), what=RECOMMENDATION_WHAT[slug])
            for slug in themes
        ]
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        yield {
            "title": f"{name}: {rng.choice(['serious case review', 'review', 'learning review'])} "
            f"({board.split(' Safeguarding')[0]}, {year})"
            if review_type in {"SCR", "CSPR", "CPR", "National"}
            else f"{name}: safeguarding review ({board.split(' Safeguarding')[0]}, {year})",
            "reference": f"DEMO-{seed}-{number:06d}",
            "review_type": review_type,
            "board": board,
            "region": region,
            "published": f"{year}-{month:02d}-{day:02d}",
            "age_band": age_band,
            "summary": " ".join(sentences),
            "findings": findings,
            "recommendations": recommendations,
            "themes": themes,
            "agencies": agencies,
            "source_url": "",
        }


def demo_lines(count: int, *, seed: int = 2014) -> Iterator[str]:
    for review in demo_reviews(count, seed=seed):
        yield json.dumps(review)
