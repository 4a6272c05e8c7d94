"""Send the release alerts that are due and that no worker run has sent.

The task worker sends each release's alerts when it comes out; this catches
up a run that was lost (a worker stopped, a queue emptied). It is safe to
run at any time, from cron or by hand: nothing is ever sent twice.

    python manage.py send_release_alerts
"""

from django.core.management.base import BaseCommand

from media_contacts import alerts


class Command(BaseCommand):
    help = "Queue every release alert that is due and not yet queued."

    def handle(self, *args, **options):
        self.stdout.write(f"{alerts.catch_up()} release alert(s) queued.")
