"""The National editors group changes national content; board editors keep only seeing it.

National content is read by every board's practitioners: the glossary, theme learning pages (with their good
practice points and questions) and the theme taxonomy. Board editors could change the learning pages and glossary
until now; they keep "view". Reversing gives board editors their old permissions back and removes the group.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NATIONAL_EDITORS = "National editors"
BOARD_EDITORS = "Board editors"
NATIONAL_CONTENT = [
    ("learning", "glossaryterm"),
    ("learning", "themelearning"),
    ("learning", "goodpracticepoint"),
    ("learning", "reflectivequestion"),
    ("themes", "theme"),
]
WRITES = ["add", "change", "delete"]
# What board editors had on these before (learning 0002): every write on the learning models; view on themes.
BOARD_EDITORS_HAD = [(app, model) for app, model in NATIONAL_CONTENT if app == "learning"]


def _permissions(apps, models, actions):
    Permission = apps.get_model("auth", "Permission")
    wanted = [(app, f"{action}_{model}") for app, model in models for action in actions]
    found = []
    for app, codename in wanted:
        found.extend(Permission.objects.filter(content_type__app_label=app, codename=codename))
    return found


def forwards(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so the groups can have them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    national, _ = Group.objects.get_or_create(name=NATIONAL_EDITORS)
    national.permissions.add(*_permissions(apps, NATIONAL_CONTENT, [*WRITES, "view"]))
    board = Group.objects.filter(name=BOARD_EDITORS).first()
    if board is not None:
        board.permissions.remove(*_permissions(apps, NATIONAL_CONTENT, WRITES))
        board.permissions.add(*_permissions(apps, NATIONAL_CONTENT, ["view"]))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=NATIONAL_EDITORS).delete()
    board = Group.objects.filter(name=BOARD_EDITORS).first()
    if board is not None:
        board.permissions.add(*_permissions(apps, BOARD_EDITORS_HAD, WRITES))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reviews", "0002_regions_agencies_editors"),
        ("learning", "0002_glossary_and_editor_permissions"),
        ("themes", "0003_trend_counts"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
