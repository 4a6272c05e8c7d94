"""The staff roles again, now that accreditations, corrections, the embargo
access log, press kits and alert subscriptions they name exist (see
u20/roles.py)."""

from django.db import migrations

from u20.roles import sync_roles_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("media_contacts", "0003_press_office"),
        ("certificates", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_roles_in_migration, migrations.RunPython.noop)]
