"""The staff roles of u20/roles.py, as groups with exactly their permissions.
`manage.py sync_roles` keeps them so when the list changes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from u20.roles import sync_roles


def create_roles(apps, schema_editor):
    using = schema_editor.connection.alias
    # Django creates permissions after the last migration (post_migrate); on a
    # fresh database the roles need them now. A historical app config has no
    # models module, which create_permissions takes for "nothing to do".
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        app_config.models_module = None
    sync_roles(apps=apps, using=using, skip_missing_models=True)


class Migration(migrations.Migration):
    dependencies = [
        ("u20", "0004_outbox_attachment_keys"),
        ("agenda", "0003_reminder_task_keywords"),
        ("recommendations", "0001_initial"),
        ("media_contacts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Unapplying keeps the groups: people may belong to them.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
