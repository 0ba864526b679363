"""The role 申请办理人 (issue 16) beside the three editorial roles of 0004_roles, and what those three see of the
register.

A handler registers and confirms applications, records their steps, reply letters and appeals, and sees the
applicants' personal data of their own bodies' cases (disclosure/applications/privacy.py decides that, not
these permissions). Editors, reviewers and publishers may look at the cases, whose figures fill table 3, without
the personal data. Nobody but a superuser deletes a case (its statistics are part of published reports) or
enters a year's holiday arrangement (it moves every body's deadlines).

tests/conftest.py's `_roles` restores the groups of every `*_roles` migration from their ROLES.
"""

from django.db import migrations

SEE_REGISTER = ["view_application", "view_applicationevent", "view_holidayarrangement"]
HANDLE = [
    "view_body",
    "view_application",
    "add_application",
    "change_application",
    "view_holidayarrangement",
    *(
        f"{verb}_{model}"
        for model in ("applicationevent", "applicationappeal", "replyletter")
        for verb in ("view", "add", "change", "delete")
    ),
]
# Permissions added to each group (the three of 0004_roles keep theirs).
ROLES = {
    "申请办理人": HANDLE,
    "撰稿人": SEE_REGISTER,
    "审核人": SEE_REGISTER,
    "发布人": SEE_REGISTER,
}
NEW_GROUP = "申请办理人"


def add_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="disclosure", codename__in=codenames))


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=NEW_GROUP).delete()
    added = Permission.objects.filter(content_type__app_label="disclosure", codename__in=SEE_REGISTER)
    for group in Group.objects.filter(name__in=[name for name in ROLES if name != NEW_GROUP]):
        group.permissions.remove(*added)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0014_application_handler"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_roles, remove_roles)]
