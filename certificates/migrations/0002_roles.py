"""The staff roles again, now that the channels, recordings, joins and
certificates they name exist (see u20/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from u20.roles import sync_roles


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        app_config.models_module = None
    sync_roles(apps=apps, using=using, skip_missing_models=True)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("agenda", "0006_languages_recordings_joins"),
        ("u20", "0013_summit_attendance_rule"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
