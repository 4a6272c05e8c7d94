"""Erase journalists' details from interview requests closed long ago.

Run it daily from cron (or any scheduler):

    python manage.py anonymise_requests            # closed more than INTERVIEW_RETENTION_DAYS ago
    python manage.py anonymise_requests --days 90
    python manage.py anonymise_requests --enqueue  # let the task worker do it
"""

from media_contacts import services
from media_contacts.tasks import anonymise_requests
from u20.retention import RetentionCommand


class Command(RetentionCommand):
    help = (
        "Anonymise interview requests closed (done or declined) more than N days ago: "
        "the journalist's name, contact details and message, their notes and emails."
    )
    days_setting = "INTERVIEW_RETENTION_DAYS"
    task = anonymise_requests

    def run(self, days):
        return services.anonymise_closed(days=days)

    def report(self, count):
        return f"{count} closed interview request(s) anonymised."
