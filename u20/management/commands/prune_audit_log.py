"""Delete audit trail entries older than the retention period.

Run it daily from cron (or any scheduler):

    python manage.py prune_audit_log             # older than AUDIT_RETENTION_DAYS
    python manage.py prune_audit_log --days 365
    python manage.py prune_audit_log --enqueue   # let the task worker do it
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from u20 import audit
from u20.tasks import prune_audit_log


class Command(BaseCommand):
    help = "Delete audit trail entries older than N days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Days to keep entries (default: AUDIT_RETENTION_DAYS, "
            f"now {settings.AUDIT_RETENTION_DAYS}).",
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
            result = prune_audit_log.enqueue(days)
            self.stdout.write(f"Handed to the task worker ({result.id}).")
            return
        count = audit.prune(days=days)
        self.stdout.write(f"{count} audit log entr{'y' if count == 1 else 'ies'} deleted.")
