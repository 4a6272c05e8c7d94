from django.core.management.base import BaseCommand

from u20.mail import requeue_unsent


class Command(BaseCommand):
    help = "Hand every unsent email older than ten minutes back to the task worker."

    def handle(self, *args, **options):
        count = requeue_unsent()
        self.stdout.write(f"{count} email(s) handed to the worker again.")
