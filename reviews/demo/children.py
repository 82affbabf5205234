"""Children's stories, each for the ages it fits: babies and children under five (children_under_five.py), children at
primary school and teenagers (children_school_age.py)."""

from .children_school_age import (
    COUNTY_LINES,
    DISABLED_CHILD,
    FATHER_KILLING,
    ONLINE_ABUSE,
    SCHOOL_NEGLECT,
    SEXUAL_EXPLOITATION,
)
from .children_under_five import (
    BABY_INJURY,
    BABY_NEGLECT,
    SAFE_SLEEP,
    TODDLER_INJURY,
    TODDLER_METHADONE,
    TODDLER_NEGLECT,
)

# The order matters: the generator draws among the stories that fit a review in this order, so another order would
# give another demo library for the same seed.
CHILD_SCENARIOS = (
    SAFE_SLEEP,
    BABY_INJURY,
    BABY_NEGLECT,
    TODDLER_NEGLECT,
    TODDLER_INJURY,
    TODDLER_METHADONE,
    SCHOOL_NEGLECT,
    FATHER_KILLING,
    DISABLED_CHILD,
    SEXUAL_EXPLOITATION,
    COUNTY_LINES,
    ONLINE_ABUSE,
)
