"""Version 1 of the theme taxonomy. The data lives here, not in app code, so this migration never changes."""

from django.db import migrations
from django.utils.text import slugify

PRACTICE = [
    (
        "Information sharing",
        "Whether agencies passed on what they knew, in time, to the people who needed it.",
        ["sharing information", "information-sharing", "data sharing", "communication between agencies"],
    ),
    (
        "Multi-agency working",
        "How well agencies worked together, understood each other's roles and held a shared plan.",
        ["partnership working", "joint working", "inter-agency", "interagency", "multiagency", "working together"],
    ),
    (
        "Risk assessment",
        "How risk to the child or adult was identified, assessed and reviewed as circumstances changed.",
        ["assessment of risk", "risk assessments", "assessing risk"],
    ),
    (
        "Voice of the child",
        "Whether practitioners saw, heard and understood the child's daily lived experience.",
        ["child's voice", "lived experience", "wishes and feelings", "child's perspective", "seen and heard"],
    ),
    (
        "Professional curiosity and challenge",
        "Asking questions, not taking accounts at face value, and challenging other professionals when concerned.",
        [
            "professional curiosity",
            "curiosity",
            "respectful uncertainty",
            "healthy scepticism",
            "professional challenge",
        ],
    ),
    (
        "Thresholds and escalation",
        "How thresholds for help were applied and whether disagreements between agencies were escalated.",
        ["threshold", "thresholds", "escalation", "escalation policy", "referral threshold"],
    ),
    (
        "Record keeping",
        "Whether records were accurate, timely and brought together so history could be seen.",
        ["records", "recording", "case records", "documentation", "chronology"],
    ),
    (
        "Supervision and management oversight",
        "Whether practitioners had supervision that challenged thinking and managers who oversaw decisions.",
        ["supervision", "management oversight", "oversight", "line management"],
    ),
    (
        "Training and workforce",
        "Staff knowledge, training, caseloads, turnover and the capacity of services.",
        ["training", "workforce", "caseloads", "staff turnover", "workload"],
    ),
    (
        "Disguised compliance",
        "Parents or carers appearing to co-operate while avoiding change; missed appointments and non-engagement.",
        ["non-engagement", "missed appointments", "was not brought", "did not attend", "false compliance", "avoidant"],
    ),
    (
        "Hidden men",
        "Fathers, partners and other men in the household who were unknown to or unseen by agencies.",
        ["invisible men", "fathers", "male carers", "mother's partner", "new partner"],
    ),
    (
        "Race, culture and identity",
        "How race, culture, faith, language and identity shaped the family's experience and the help offered.",
        ["ethnicity", "culture", "race", "faith", "religion", "interpreter", "language barrier"],
    ),
    (
        "Early help",
        "Support offered early, before problems escalated to statutory intervention.",
        ["early intervention", "family support", "prevention"],
    ),
]
HARM = [
    (
        "Neglect",
        "Persistent failure to meet a child's basic physical or emotional needs.",
        ["chronic neglect", "neglected", "poor home conditions", "failure to thrive"],
    ),
    (
        "Domestic abuse",
        "Violence, threats or coercive control between partners or family members.",
        ["domestic violence", "coercive control", "intimate partner violence", "toxic trio", "marac"],
    ),
    (
        "Physical abuse",
        "Deliberate physical harm, including non-accidental injury to babies.",
        ["non-accidental injury", "nai", "bruising", "fractures", "head injury", "shaken baby", "abusive head trauma"],
    ),
    (
        "Sexual abuse and exploitation",
        "Sexual abuse within or outside the family, and sexual or criminal exploitation.",
        [
            "child sexual exploitation",
            "cse",
            "child sexual abuse",
            "csa",
            "grooming",
            "criminal exploitation",
            "county lines",
        ],
    ),
    (
        "Online harm",
        "Abuse, grooming or exploitation through the internet, social media and phones.",
        ["online abuse", "internet", "social media", "online grooming", "sexting", "cyberbullying"],
    ),
    (
        "Safe sleep",
        "Sudden unexpected deaths in infancy where the sleeping arrangements increased the risk.",
        [
            "co-sleeping",
            "cosleeping",
            "co sleeping",
            "bed sharing",
            "bed-sharing",
            "sudi",
            "sudden unexpected death in infancy",
            "cot death",
            "sids",
        ],
    ),
    (
        "Parental mental health",
        "A parent's or carer's mental ill health and its effect on their care of the child.",
        ["maternal mental health", "postnatal depression", "mental illness", "mental health"],
    ),
    (
        "Parental substance misuse",
        "A parent's or carer's use of alcohol or drugs and its effect on the child.",
        ["alcohol", "drug misuse", "substance misuse", "drugs", "addiction"],
    ),
    (
        "Disability",
        "Disabled children and adults, whose needs can mask or be mistaken for signs of abuse.",
        ["disabled child", "disabled children", "learning disability", "special educational needs", "send", "autism"],
    ),
    (
        "Self-neglect",
        "An adult not caring for their own health, hygiene or surroundings, often refusing help.",
        ["hoarding", "self neglect", "refusing care"],
    ),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("themes", "Theme")
    for group, rows in (("practice", PRACTICE), ("harm", HARM)):
        for name, description, synonyms in rows:
            Theme.objects.update_or_create(
                slug=slugify(name),
                defaults={"name": name, "group": group, "description": description, "synonyms": sorted(synonyms)},
            )


def remove_themes(apps, schema_editor):
    Theme = apps.get_model("themes", "Theme")
    Theme.objects.filter(slug__in=[slugify(name) for name, _, _ in PRACTICE + HARM]).delete()


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]
    operations = [migrations.RunPython(add_themes, remove_themes)]
