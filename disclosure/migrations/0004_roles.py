"""The three editorial roles as groups, with the model permissions each needs in the admin.

What a role may *do* to a report (submit, approve, publish …) is decided in workflow.py by group
membership; these permissions only let the admin show the right pages.
"""

from django.db import migrations

VIEW_ALL = ["view_report", "view_section", "view_rectificationitem", "view_planitem", "view_body", "view_revision"]
EDIT_CONTENT = [
    f"{verb}_{model}"
    for model in ("section", "rectificationitem", "planitem")
    for verb in ("add", "change", "delete")
]
ROLES = {
    "撰稿人": VIEW_ALL + ["add_report", "change_report"] + EDIT_CONTENT,
    "审核人": VIEW_ALL + ["change_report"],
    "发布人": VIEW_ALL + ["change_report"],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="disclosure", codename__in=codenames))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0003_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
