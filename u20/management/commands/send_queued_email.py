from django.core.management.base import BaseCommand

from u20 import outbox


class Command(BaseCommand):
    help = "Hand every unsent email older than ten minutes back to the task worker."

    def handle(self, *args, **options):
        count = outbox.requeue_unsent()
        self.stdout.write(f"{count} email(s) handed to the worker again.")
