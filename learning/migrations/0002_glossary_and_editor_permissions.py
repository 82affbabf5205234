"""A starting glossary of safeguarding acronyms and terms (editors keep it in the admin), and board editors' rights
to keep the glossary and theme learning pages and to moderate feedback on their boards' reviews."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# (term, what it stands for, what it means in plain words)
ACRONYMS = [
    ("A&E", "Accident and emergency department", "The hospital department for urgent injuries and illness."),
    (
        "ACE",
        "Adverse childhood experience",
        "A stressful or traumatic event in childhood, such as abuse, neglect or living with domestic abuse.",
    ),
    (
        "AMHP",
        "Approved mental health professional",
        "A professional who decides, with doctors, whether a person should be detained under the Mental Health Act.",
    ),
    ("ASC", "Adult social care", "The council service that assesses and arranges care and support for adults."),
    (
        "CAF",
        "Common Assessment Framework",
        "A shared assessment once used for early help; most areas now have their own early help assessment.",
    ),
    (
        "CAMHS",
        "Child and adolescent mental health services",
        "NHS services for children and young people with mental health difficulties.",
    ),
    (
        "CCE",
        "Child criminal exploitation",
        "When a child is used or forced to commit crime, for example to carry drugs (county lines).",
    ),
    (
        "CCG",
        "Clinical commissioning group",
        "The local NHS body that planned and paid for health services until integrated care boards replaced them in 2022.",
    ),
    (
        "CIN",
        "Child in need",
        "A child who needs services to reach or keep a reasonable standard of health or development (section 17 of the Children Act 1989).",
    ),
    ("CLA", "Child looked after", "A child in the care of the local authority."),
    ("CP", "Child protection", "Work to protect a child who is suffering, or likely to suffer, significant harm."),
    (
        "CPP",
        "Child protection plan",
        "A plan agreed at a child protection conference to keep a child safe from significant harm.",
    ),
    (
        "CPR",
        "Child practice review",
        "A review in Wales of a case where a child has died or been seriously harmed and abuse or neglect is known or suspected.",
    ),
    (
        "CSC",
        "Children's social care",
        "The council service that works with children in need, children needing protection and children in care.",
    ),
    (
        "CSE",
        "Child sexual exploitation",
        "Sexual abuse in which a child is manipulated or coerced into sexual activity, often in exchange for something.",
    ),
    (
        "CSPR",
        "Child safeguarding practice review",
        "A local review in England, since 2019, of a serious incident where abuse or neglect of a child is known or suspected.",
    ),
    (
        "DA",
        "Domestic abuse",
        "Abusive behaviour between people aged 16 or over who are personally connected, including coercive control.",
    ),
    (
        "DASH",
        "Domestic abuse, stalking, harassment and honour-based violence risk checklist",
        "Questions that help practitioners judge the risk to a victim of domestic abuse.",
    ),
    (
        "DBS",
        "Disclosure and Barring Service",
        "Checks criminal records and keeps the lists of people barred from working with children or adults at risk.",
    ),
    (
        "DHR",
        "Domestic homicide review",
        "A review of a death where domestic abuse is thought to be involved, to learn how agencies could respond better.",
    ),
    (
        "DoLS",
        "Deprivation of Liberty Safeguards",
        "Legal protections for adults in hospitals and care homes who lack capacity to agree to their care.",
    ),
    (
        "DSL",
        "Designated safeguarding lead",
        "The senior person in a school, college or early years setting who leads on safeguarding.",
    ),
    ("ED", "Emergency department", "The hospital department for urgent injuries and illness (A&E)."),
    (
        "EHA",
        "Early help assessment",
        "An assessment, with the family's agreement, of what help a family needs before problems grow.",
    ),
    (
        "EHCP",
        "Education, health and care plan",
        "A legal plan for a child or young person up to 25 with special educational needs who needs more support than a school can usually give.",
    ),
    (
        "EPO",
        "Emergency protection order",
        "A court order that lets a child be removed to, or kept in, a safe place in an emergency.",
    ),
    (
        "FGM",
        "Female genital mutilation",
        "Cutting or harming girls' or women's genitals for non-medical reasons. It is illegal in the UK.",
    ),
    ("GP", "General practitioner", "A family doctor."),
    ("HV", "Health visitor", "A nurse or midwife who supports families with children under five."),
    (
        "ICB",
        "Integrated care board",
        "The NHS body that plans and pays for health services in an area, and one of the three safeguarding partners.",
    ),
    (
        "ICPC",
        "Initial child protection conference",
        "A meeting of the family and professionals that decides whether a child needs a child protection plan.",
    ),
    (
        "IDVA",
        "Independent domestic violence adviser",
        "A specialist who supports victims of domestic abuse who are at high risk of harm.",
    ),
    (
        "IRO",
        "Independent reviewing officer",
        "Checks the care plans of children looked after and chairs their reviews.",
    ),
    ("LA", "Local authority", "The council."),
    ("LAC", "Looked after child", "A child in the care of the local authority."),
    (
        "LADO",
        "Local authority designated officer",
        "Manages allegations that an adult who works with children may have harmed a child.",
    ),
    (
        "LSCB",
        "Local safeguarding children board",
        "The body that led on safeguarding children in each area of England until 2019, when safeguarding partnerships replaced them.",
    ),
    (
        "LSCP",
        "Local safeguarding children partnership",
        "The local authority, police and integrated care board working together to safeguard children (since 2019).",
    ),
    (
        "MAPPA",
        "Multi-agency public protection arrangements",
        "How police, probation and prisons manage sexual and violent offenders living in the community.",
    ),
    (
        "MARAC",
        "Multi-agency risk assessment conference",
        "A meeting where agencies share information about people at high risk of domestic abuse and plan how to keep them safe.",
    ),
    (
        "MASH",
        "Multi-agency safeguarding hub",
        "Where agencies work side by side to share information and decide quickly what help a child or adult needs.",
    ),
    (
        "MCA",
        "Mental Capacity Act 2005",
        "The law on making decisions for, or with, people who cannot make a particular decision themselves.",
    ),
    ("NFA", "No further action", "A decision that no more will be done, for now, about a referral or a crime."),
    ("NHS", "National Health Service", ""),
    (
        "NRM",
        "National referral mechanism",
        "How people who may be victims of modern slavery or trafficking are identified and supported.",
    ),
    ("PLO", "Public Law Outline", "The steps a local authority follows before and during care proceedings."),
    (
        "RCPC",
        "Review child protection conference",
        "A meeting that reviews a child protection plan: first within three months, then at least every six months.",
    ),
    (
        "SAB",
        "Safeguarding adults board",
        "The body in each area that leads on safeguarding adults with care and support needs.",
    ),
    (
        "SAR",
        "Safeguarding adult review",
        "A review by a safeguarding adults board when an adult with care and support needs dies or is seriously harmed and abuse or neglect is suspected.",
    ),
    (
        "SCR",
        "Serious case review",
        "The review of a serious child safeguarding case in England before 2019, now replaced by child safeguarding practice reviews.",
    ),
    ("SEND", "Special educational needs and disabilities", ""),
    (
        "SENCO",
        "Special educational needs co-ordinator",
        "The teacher who organises support for pupils with special educational needs.",
    ),
    ("SUDC", "Sudden unexpected death in childhood", "The sudden and unexpected death of a child aged one or over."),
    ("SUDI", "Sudden unexpected death in infancy", "The sudden and unexpected death of a baby under one year old."),
    (
        "TAC",
        "Team around the child",
        "The practitioners working with a child and family who meet to plan help together.",
    ),
    ("TAF", "Team around the family", "The practitioners working with a family who meet to plan help together."),
    (
        "YOT",
        "Youth offending team",
        "The multi-agency team that works with children in trouble with the law (now often a youth justice service).",
    ),
    ("s17", "Section 17 of the Children Act 1989", "The council's duty to provide services for children in need."),
    (
        "s20",
        "Section 20 of the Children Act 1989",
        "When a child is looked after by the council with the parents' agreement, without a court order.",
    ),
    (
        "s42",
        "Section 42 of the Care Act 2014",
        "An enquiry when an adult with care and support needs may be experiencing abuse or neglect.",
    ),
    (
        "s47",
        "Section 47 of the Children Act 1989",
        "An enquiry by children's social care, with police and health, when a child may be suffering significant harm.",
    ),
]

TERMS = [
    (
        "Disguised compliance",
        "Appearing to co-operate while avoiding change",
        "When parents or carers seem to engage with professionals but do not make the changes needed, which can hide risk.",
    ),
    (
        "Early help",
        "Support as soon as problems emerge",
        "Help for a child and family at any age, before problems get worse, often led by schools, health or family services.",
    ),
    (
        "Professional curiosity",
        "Looking beyond what you are told",
        "Asking questions, checking what you see and hear, and not taking explanations at face value.",
    ),
    (
        "Safeguarding partners",
        "The three agencies that lead safeguarding children in an area",
        "The local authority, the chief officer of police and the integrated care board.",
    ),
    (
        "Significant harm",
        "The threshold for compulsory action in the Children Act 1989",
        "Harm serious enough that the council must make enquiries and may go to court to protect the child.",
    ),
    (
        "Strategy discussion",
        "A discussion to decide whether to start a child protection enquiry",
        "Children's social care, police, health and others share what they know and agree what happens next.",
    ),
    (
        "Think family",
        "Seeing the whole family",
        "Looking at how adults' needs, such as mental health or substance use, affect the children, and the other way round.",
    ),
    (
        "Working Together",
        "Working Together to Safeguard Children",
        "The government's statutory guidance on how agencies in England work together to safeguard children.",
    ),
]

EDITORS_GROUP = "Board editors"
EDITOR_PERMISSIONS = [
    ("glossaryterm", ["add", "change", "view", "delete"]),
    ("themelearning", ["add", "change", "view", "delete"]),
    ("reflectivequestion", ["add", "change", "view", "delete"]),
    ("goodpracticepoint", ["add", "change", "view", "delete"]),
    ("feedback", ["change", "view"]),
]


def add_glossary_and_permissions(apps, schema_editor):
    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    for term, expansion, meaning in ACRONYMS:
        GlossaryTerm.objects.update_or_create(
            term=term, defaults={"expansion": expansion, "meaning": meaning, "kind": "acronym", "mark_up": True}
        )
    for term, expansion, meaning in TERMS:
        GlossaryTerm.objects.update_or_create(
            term=term, defaults={"expansion": expansion, "meaning": meaning, "kind": "term", "mark_up": False}
        )

    # Permissions are normally made after all migrations; make them now so the group can have them.
    app_config = apps.get_app_config("learning")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    for model, actions in EDITOR_PERMISSIONS:
        codenames = [f"{action}_{model}" for action in actions]
        group.permissions.add(*Permission.objects.filter(content_type__app_label="learning", codename__in=codenames))


def remove_glossary_and_permissions(apps, schema_editor):
    apps.get_model("learning", "GlossaryTerm").objects.filter(term__in=[t for t, _, _ in ACRONYMS + TERMS]).delete()
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITORS_GROUP).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="learning"))


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("reviews", "0002_regions_agencies_editors"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(add_glossary_and_permissions, remove_glossary_and_permissions)]
