"""The staff roles again, now that the channels, recordings, joins and
certificates they name exist (see u20/roles.py)."""

from django.db import migrations

from u20.roles import sync_roles_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("agenda", "0006_languages_recordings_joins"),
        ("u20", "0013_summit_attendance_rule"),
    ]

    operations = [migrations.RunPython(sync_roles_in_migration, migrations.RunPython.noop)]
