"""Permissions for board editors, the Inspectors group, and starter audit questions for every theme.

The questions are version 1 of each theme's audit template; the national team edits them in the admin (each change
makes a new version). The data lives here, not in app code, so this migration never changes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS_GROUP = "Board editors"
INSPECTORS_GROUP = "Inspectors"
# Which rows editors may touch is limited to their own boards in actions/permissions.py and actions/admin.py.
EDITOR_PERMISSIONS = {
    "action": ["add", "change", "view"],
    "actionevent": ["view"],
    "progressupdate": ["add", "view"],
    "audit": ["add", "change", "view"],
    "auditanswer": ["change", "view"],
}
# Inspectors read every board's actions, audits and evidence packs and change nothing. They sign in through the
# admin sign-in page, so their accounts need "staff status".
INSPECTOR_PERMISSIONS = {
    "action": ["view", "inspect_all_boards"],
    "actionevent": ["view"],
    "progressupdate": ["view"],
    "audit": ["view"],
    "auditanswer": ["view"],
}

QUESTIONS = {
    "information-sharing": [
        (
            "Practitioners know when and how to share information without consent to keep a child or adult safe.",
            "Staff can say what the law allows and where to get advice; recent cases show information shared in time.",
        ),
        (
            "Agencies receiving information confirm they have it and say what they will do with it.",
            "Look for acknowledgements and agreed next steps in case records, not just referrals sent.",
        ),
        (
            "Information sharing agreements between partner agencies are current and known to staff.",
            "",
        ),
    ],
    "multi-agency-working": [
        (
            "Each family with several agencies involved has one agreed plan and a named lead professional.",
            "",
        ),
        (
            "Practitioners understand the roles, thresholds and limits of partner agencies.",
            "Evidence might be joint training, shadowing, or staff survey results.",
        ),
        (
            "Strategy discussions include every agency that holds relevant information.",
            "",
        ),
    ],
    "risk-assessment": [
        (
            "Risk assessments are reviewed when circumstances change, not only at set intervals.",
            "Check a sample of cases where a new partner, a move or a new baby was recorded.",
        ),
        (
            "Assessments draw on the family's history, including information held by other agencies.",
            "",
        ),
        (
            "Practitioners use recognised tools and professional judgement together, and record why.",
            "",
        ),
    ],
    "voice-of-the-child": [
        (
            "Children are seen, and where possible spoken with alone, at every statutory visit.",
            "",
        ),
        (
            "Records describe the child's daily lived experience in their own words where possible.",
            "",
        ),
        (
            "Plans show how the child's wishes and feelings changed what agencies did.",
            "",
        ),
    ],
    "professional-curiosity-and-challenge": [
        (
            "Practitioners test what they are told against what they observe and what others know.",
            "",
        ),
        (
            "Staff feel able to challenge colleagues in other agencies, and know how to.",
            "Staff survey results or supervision records can show this.",
        ),
        (
            "Supervision prompts practitioners to consider alternative explanations.",
            "",
        ),
    ],
    "thresholds-and-escalation": [
        (
            "The partnership's threshold document is current and used consistently by all agencies.",
            "",
        ),
        (
            "Practitioners know and use the escalation policy when they disagree with a decision.",
            "Count escalations in the last year and how they were resolved.",
        ),
        (
            "Decisions not to accept a referral are explained to the referrer, with the reasons recorded.",
            "",
        ),
    ],
    "record-keeping": [
        (
            "Records are written up promptly and record the reasons for decisions.",
            "",
        ),
        (
            "Chronologies are kept up to date for children and adults with long histories of concern.",
            "",
        ),
        (
            "Significant events are easy to find in the record, for example flagged or summarised.",
            "",
        ),
    ],
    "supervision-and-management-oversight": [
        (
            "Practitioners receive regular reflective supervision in line with policy.",
            "",
        ),
        (
            "Managers' oversight of decisions is recorded on the case file.",
            "",
        ),
        (
            "Supervision challenges drift and delay in plans.",
            "",
        ),
    ],
    "training-and-workforce": [
        (
            "Staff have completed safeguarding training at the level their role needs.",
            "",
        ),
        (
            "Caseloads are monitored and action is taken when they exceed agreed levels.",
            "",
        ),
        (
            "Learning from reviews is included in induction and refresher training.",
            "",
        ),
    ],
    "disguised-compliance": [
        (
            "Practitioners look for evidence of change, not only for agreement to change.",
            "",
        ),
        (
            "Missed appointments ('was not brought') trigger follow-up and are shared between agencies.",
            "",
        ),
        (
            "Plans set out what will happen if parents or carers do not engage.",
            "",
        ),
    ],
    "hidden-men": [
        (
            "Assessments identify every adult in the household, including new and part-time partners.",
            "",
        ),
        (
            "Fathers and male carers are invited to, and involved in, assessments and plans.",
            "",
        ),
        (
            "Checks are made on the history of men who become part of the household.",
            "",
        ),
    ],
    "race-culture-and-identity": [
        (
            "Assessments consider how race, culture, faith and identity shape the family's experience.",
            "",
        ),
        (
            "Professional interpreters are used, never family members or children.",
            "",
        ),
        (
            "Practitioners are supported to talk about race and culture with families.",
            "",
        ),
    ],
    "early-help": [
        (
            "Families who need early help are offered it promptly.",
            "",
        ),
        (
            "Early help plans are reviewed and stepped up when needs increase.",
            "",
        ),
        (
            "Agencies know how to request early help and what is available locally.",
            "",
        ),
    ],
    "disability": [
        (
            "Assessments consider how a disability affects the child's or adult's ability to tell someone about harm.",
            "",
        ),
        (
            "Signs of abuse are not explained away as part of a disability without being checked.",
            "",
        ),
        (
            "Practitioners use the communication methods the person uses.",
            "",
        ),
    ],
    "domestic-abuse": [
        (
            "Practitioners routinely and safely ask about domestic abuse.",
            "",
        ),
        (
            "High-risk cases are referred to the MARAC and its actions are followed through.",
            "",
        ),
        (
            "The impact of domestic abuse on children in the household is assessed.",
            "",
        ),
    ],
    "neglect": [
        (
            "Practitioners use a recognised neglect assessment tool.",
            "",
        ),
        (
            "Cumulative harm is recognised, not only single incidents.",
            "",
        ),
        (
            "Plans for neglect have clear timescales for improvement.",
            "",
        ),
    ],
    "online-harm": [
        (
            "Assessments ask about the child's online life and contacts.",
            "",
        ),
        (
            "Staff know how to respond to and report online abuse and exploitation.",
            "",
        ),
        (
            "Parents and carers are given advice on keeping children safe online.",
            "",
        ),
    ],
    "parental-mental-health": [
        (
            "Adult mental health services ask about and record children in the household.",
            "",
        ),
        (
            "Children's and adults' services share information when a parent's mental health deteriorates.",
            "",
        ),
        (
            "The impact of a parent's mental health on the child is assessed.",
            "",
        ),
    ],
    "parental-substance-misuse": [
        (
            "Substance misuse services ask about and record children in the household.",
            "",
        ),
        (
            "Safe storage of medicines and drugs in the home is checked and advised on.",
            "",
        ),
        (
            "Plans include how the child will be kept safe if a parent relapses.",
            "",
        ),
    ],
    "physical-abuse": [
        (
            "Bruising in non-mobile babies is always referred and assessed, following the partnership's protocol.",
            "",
        ),
        (
            "Explanations for injuries are checked against the child's development.",
            "",
        ),
        (
            "Child protection medicals are arranged promptly when needed.",
            "",
        ),
    ],
    "safe-sleep": [
        (
            "Safe sleep advice is given at every contact, to every carer, not only at birth.",
            "",
        ),
        (
            "Advice is tailored to the family's circumstances, such as alcohol or drug use or overcrowding.",
            "",
        ),
        (
            "Practitioners look at where the baby sleeps during home visits.",
            "",
        ),
    ],
    "self-neglect": [
        (
            "Practitioners consider mental capacity, including executive capacity, when someone declines help.",
            "",
        ),
        (
            "Self-neglect concerns are discussed at a multi-agency meeting when risk is high.",
            "",
        ),
        (
            "Agencies stay in contact with people who decline help, rather than closing the case.",
            "",
        ),
    ],
    "sexual-abuse-and-exploitation": [
        (
            "Practitioners recognise signs of child sexual abuse and exploitation, including in the family.",
            "",
        ),
        (
            "Children going missing are offered a return home interview and the information is shared.",
            "",
        ),
        (
            "Exploitation risk assessments are reviewed at multi-agency meetings.",
            "",
        ),
    ],
}


def _permissions(apps, wanted: dict[str, list[str]]):
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        f"{action}_{model}" if action != "inspect_all_boards" else action
        for model, actions in wanted.items()
        for action in actions
    ]
    return Permission.objects.filter(content_type__app_label="actions", codename__in=codenames)


def forwards(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the groups can have them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(*_permissions(apps, EDITOR_PERMISSIONS))
    inspectors, _ = Group.objects.get_or_create(name=INSPECTORS_GROUP)
    inspectors.permissions.add(*_permissions(apps, INSPECTOR_PERMISSIONS))

    Theme = apps.get_model("themes", "Theme")
    AuditTemplate = apps.get_model("actions", "AuditTemplate")
    AuditQuestion = apps.get_model("actions", "AuditQuestion")
    AuditTemplateVersion = apps.get_model("actions", "AuditTemplateVersion")
    AuditVersionQuestion = apps.get_model("actions", "AuditVersionQuestion")
    for theme in Theme.objects.filter(slug__in=list(QUESTIONS)):
        template, created = AuditTemplate.objects.get_or_create(theme=theme)
        if not created:
            continue
        version = AuditTemplateVersion.objects.create(template=template, number=1)
        for position, (text, guidance) in enumerate(QUESTIONS[theme.slug], start=1):
            question = AuditQuestion.objects.create(template=template, position=position, text=text, guidance=guidance)
            AuditVersionQuestion.objects.create(
                version=version, key=question.id, position=position, text=text, guidance=guidance
            )


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=INSPECTORS_GROUP).delete()
    editors = Group.objects.filter(name=EDITORS_GROUP).first()
    if editors is not None:
        editors.permissions.remove(*_permissions(apps, EDITOR_PERMISSIONS))
    # Starter templates go only if no board has audited against them; boards' audits are never thrown away.
    AuditTemplate = apps.get_model("actions", "AuditTemplate")
    for template in AuditTemplate.objects.filter(theme__slug__in=list(QUESTIONS), audits__isnull=True):
        for version in template.versions.all():
            version.questions.all().delete()
            version.delete()
        template.questions.all().delete()
        template.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_initial"),
        ("reviews", "0002_regions_agencies_editors"),
        ("themes", "0002_taxonomy_v1"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
