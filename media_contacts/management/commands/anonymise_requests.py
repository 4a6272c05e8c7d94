"""Erase journalists' details from interview requests closed long ago.

Run it daily from cron (or any scheduler):

    python manage.py anonymise_requests            # closed more than INTERVIEW_RETENTION_DAYS ago
    python manage.py anonymise_requests --days 90
    python manage.py anonymise_requests --enqueue  # let the task worker do it
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from media_contacts import services
from media_contacts.tasks import anonymise_requests


class Command(BaseCommand):
    help = (
        "Anonymise interview requests closed (done or declined) more than N days ago: "
        "the journalist's name, contact details and message, their notes and emails."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Days after closing (default: INTERVIEW_RETENTION_DAYS, "
            f"now {settings.INTERVIEW_RETENTION_DAYS}).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the run to the task worker instead of running it here.",
        )

    def handle(self, *args, days=None, enqueue=False, **options):
        if days is not None and days < 0:
            raise CommandError("--days cannot be negative.")
        if enqueue:
            result = anonymise_requests.enqueue(days)
            self.stdout.write(f"Handed to the task worker ({result.id}).")
            return
        count = services.anonymise_closed(days=days)
        self.stdout.write(f"{count} closed interview request(s) anonymised.")
