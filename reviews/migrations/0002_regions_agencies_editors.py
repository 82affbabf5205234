from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils.text import slugify

REGIONS = [
    ("North East", "england"),
    ("North West", "england"),
    ("Yorkshire and the Humber", "england"),
    ("East Midlands", "england"),
    ("West Midlands", "england"),
    ("East of England", "england"),
    ("London", "england"),
    ("South East", "england"),
    ("South West", "england"),
    ("England (national)", "england"),
    ("Wales", "wales"),
    ("Scotland", "scotland"),
    ("Northern Ireland", "northern-ireland"),
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
EDITORS_GROUP = "Board editors"
# What board editors may do in the admin; which rows they may touch is limited to their boards in reviews/admin.py.
EDITOR_PERMISSIONS = [
    ("reviews", "review", ["add", "change", "view", "delete", "publish"]),
    ("reviews", "finding", ["add", "change", "view", "delete"]),
    ("reviews", "recommendation", ["add", "change", "view", "delete"]),
    ("reviews", "board", ["view"]),
    ("reviews", "agency", ["view"]),
    ("themes", "theme", ["view"]),
]


def add_reference_data(apps, schema_editor):
    Region = apps.get_model("reviews", "Region")
    Agency = apps.get_model("reviews", "Agency")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, nation in REGIONS:
        Region.objects.update_or_create(slug=slugify(name), defaults={"name": name, "nation": nation})
    for name in AGENCIES:
        Agency.objects.update_or_create(slug=slugify(name), defaults={"name": name})

    # Permissions are normally made after all migrations; make them now so the group can have them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    for app_label, model, actions in EDITOR_PERMISSIONS:
        codenames = [f"{action}_{model}" for action in actions]
        group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def remove_reference_data(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).delete()
    apps.get_model("reviews", "Agency").objects.filter(slug__in=[slugify(n) for n in AGENCIES]).delete()
    apps.get_model("reviews", "Region").objects.filter(slug__in=[slugify(n) for n, _ in REGIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("themes", "0002_taxonomy_v1"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(add_reference_data, remove_reference_data)]
