from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from u20.roles import sync_roles


class Command(BaseCommand):
    help = (
        "Give each staff role (group) exactly the permissions u20/roles.py lists: creates "
        "missing roles, adds what is missing, takes away what is not listed."
    )

    def handle(self, *args, **options):
        try:
            changes = sync_roles()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        for change in changes:
            self.stdout.write(str(change))
        if not changes:
            self.stdout.write("The roles are up to date.")
