"""The staff roles of u20/roles.py, as groups with exactly their permissions.
`manage.py sync_roles` keeps them so when the list changes."""

from django.db import migrations

from u20.roles import sync_roles_in_migration


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
    operations = [migrations.RunPython(sync_roles_in_migration, migrations.RunPython.noop)]
