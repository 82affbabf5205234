"""Acronyms that the themes' synonyms use (sids, marac, nai, csa, cse) in the glossary: explained where reviews use
them, and shown in capitals among a theme's other names ("Also known as: ... SIDS")."""

from django.db import migrations

ACRONYMS = [
    ("SIDS", "Sudden infant death syndrome", "The sudden and unexplained death of a baby, usually while asleep."),
    (
        "MARAC",
        "Multi-agency risk assessment conference",
        "A meeting where agencies share information on the highest-risk domestic abuse cases and plan to keep "
        "victims safe.",
    ),
    ("NAI", "Non-accidental injury", "An injury that was caused on purpose rather than by accident."),
    ("CSA", "Child sexual abuse", ""),
    ("CSE", "Child sexual exploitation", ""),
]


def add_acronyms(apps, schema_editor):
    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    for term, expansion, meaning in ACRONYMS:
        # Editors may have added one already: theirs is kept.
        if not GlossaryTerm.objects.filter(term__iexact=term).exists():
            GlossaryTerm.objects.create(term=term, expansion=expansion, meaning=meaning, kind="acronym", mark_up=True)


def remove_acronyms(apps, schema_editor):
    GlossaryTerm = apps.get_model("learning", "GlossaryTerm")
    for term, expansion, _ in ACRONYMS:
        GlossaryTerm.objects.filter(term=term, expansion=expansion).delete()


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_glossary_and_editor_permissions")]
    operations = [migrations.RunPython(add_acronyms, remove_acronyms)]
