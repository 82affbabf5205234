"""What the taxonomy says about each theme and agency, as text and phrases the Suggester can match.

A theme with few or no tagged reviews is still suggested from its name, synonyms and description: a new library
starts empty. Agencies have only names in the database, so the words practitioners use for each are listed here.
"""

import re
from dataclasses import dataclass

from reviews.models import Agency
from themes.models import Theme

# Words in reviews that point to an agency being involved, by agency slug (besides the agency's own name).
AGENCY_WORDS = {
    "childrens-social-care": ["social worker", "social care", "children's services", "child protection plan"],
    "adult-social-care": ["adult social care", "care act", "care home", "care package", "carer"],
    "police": ["police", "officer", "arrest", "call-out", "call-outs"],
    "health": ["gp", "health visitor", "hospital", "midwife", "nurse", "paediatric", "mental health services"],
    "education": ["school", "teacher", "college", "nursery", "excluded from school"],
    "housing": ["housing", "landlord", "tenancy", "homeless", "eviction"],
    "probation": ["probation", "prison", "offender", "release from custody"],
    "voluntary-sector": ["charity", "voluntary", "community group", "refuge"],
}


@dataclass
class Label:
    """One thing that can be suggested: a theme or an agency."""

    slug: str
    name: str
    text: str  # name, synonyms and description, for a TF-IDF likeness
    phrases: list[str]  # lower case; a whole-word match in a sentence is a strong sign

    def pattern(self) -> re.Pattern:
        words = sorted({phrase for phrase in self.phrases if phrase}, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE)


def theme_labels() -> list[Label]:
    labels = []
    for theme in Theme.objects.order_by("slug"):
        phrases = [theme.name.lower(), *theme.synonyms]
        text = " ".join([theme.name, *theme.synonyms, theme.description])
        labels.append(Label(theme.slug, theme.name, text, phrases))
    return labels


def agency_labels() -> list[Label]:
    labels = []
    for agency in Agency.objects.order_by("slug"):
        phrases = [agency.name.lower(), *AGENCY_WORDS.get(agency.slug, [])]
        labels.append(Label(agency.slug, agency.name, " ".join(phrases), phrases))
    return labels
