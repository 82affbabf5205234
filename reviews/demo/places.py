"""Invented areas, and who in each area publishes which kind of review, in which years."""

ENGLAND = {
    "North East": ["Tyneside", "Wearside", "Teesdale", "Northumberland Coast"],
    "North West": ["Merseyside", "Lancashire Moors", "Cheshire Plain", "Greater Irwell", "Cumbria Fells"],
    "Yorkshire and the Humber": ["Humberside", "Dales", "Calderdale Valley", "Sheaf Valley"],
    "East Midlands": ["Trent Valley", "Peak Fringe", "Soar Valley", "Lincoln Wolds"],
    "West Midlands": ["Black Country", "Severn Valley", "Arden", "Staffordshire Moorlands"],
    "East of England": ["Fenland", "Broads", "Chiltern Edge", "Essex Estuary"],
    "London": ["Thames Riverside", "Lea Valley", "North Circular", "South Bank Boroughs", "Wandle"],
    "South East": ["Weald", "Solent", "Downs", "Thames Valley West", "Medway Towns"],
    "South West": ["Exmoor", "Severnside", "Cotswold Edge", "Tamar Valley"],
}
WALES_REGION = "Wales"
WALES = ["Gwent Valleys", "Cardiff Bay and Vale", "Snowdonia", "Dyfed Coast"]
NATIONAL_REGION = "England (national)"
NATIONAL_PANEL = "Child Safeguarding Practice Review Panel"

# Local safeguarding children boards gave way to safeguarding partnerships in 2019; serious case reviews started
# before then were still being published by the partnerships until 2021.
LAST_SCR_YEAR = 2021
FIRST_CSPR_YEAR = 2019
FIRST_NATIONAL_YEAR = 2020
FIRST_SAR_YEAR = 2015  # the Care Act 2014 made safeguarding adult reviews statutory from April 2015
FIRST_WELSH_PRACTICE_REVIEW_YEAR = 2013


def board_for(review_type: str, area: str, year: int) -> tuple[str, str]:
    """The board that publishes this kind of review in this area and year, and how its recommendations name it."""
    if review_type == "National":
        return NATIONAL_PANEL, "The panel"
    if review_type in {"CPR", "APR"}:
        return f"{area} Regional Safeguarding Board", "The regional safeguarding board"
    if review_type == "SAR":
        return f"{area} Safeguarding Adults Board", "The safeguarding adults board"
    if review_type == "DHR":
        return f"{area} Community Safety Partnership", "The community safety partnership"
    if year < FIRST_CSPR_YEAR:
        return f"{area} Safeguarding Children Board", "The board"
    return f"{area} Safeguarding Children Partnership", "The partnership"


TITLES = {
    "SCR": ("{name}: serious case review", "Serious case review: {name}"),
    "CSPR": ("{name}: child safeguarding practice review", "Local child safeguarding practice review: {name}"),
    "National": ("{name}: national child safeguarding practice review",),
    "SAR": ("Safeguarding adult review: {name}", "{name}: safeguarding adult review"),
    "DHR": ("Domestic homicide review: {name}", "{name}: domestic homicide review"),
    "CPR": (
        "Child practice review: {name}",
        "{name}: concise child practice review",
        "{name}: extended child practice review",
    ),
    "APR": ("Adult practice review: {name}", "{name}: concise adult practice review"),
}
LETTERS = "ABCDEFGHJKLMNPQRSTVWXY"
CLOSINGS_CHILD = (
    "The review found learning for the whole safeguarding system rather than for any one agency.",
    "Many professionals worked hard to support the family; the learning is about how the system worked together.",
    "The family contributed to the review and their views are reflected in its findings.",
)
CLOSINGS_ADULT = (
    "The review found learning for the whole system rather than for any one agency.",
    "{name}'s family contributed to the review and their views are reflected in its findings.",
    "The review looked at agencies' contact with {name} over the three years before the events it describes.",
)
