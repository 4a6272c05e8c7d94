"""Delete audit trail entries older than the retention period.

Run it daily from cron (or any scheduler):

    python manage.py prune_audit_log             # older than AUDIT_RETENTION_DAYS
    python manage.py prune_audit_log --days 365
    python manage.py prune_audit_log --enqueue   # let the task worker do it
"""

from u20 import audit
from u20.retention import RetentionCommand
from u20.tasks import prune_audit_log


class Command(RetentionCommand):
    help = "Delete audit trail entries older than N days."
    days_setting = "AUDIT_RETENTION_DAYS"
    task = prune_audit_log

    def run(self, days):
        return audit.prune(days=days)

    def report(self, count):
        return f"{count} audit log entr{'y' if count == 1 else 'ies'} deleted."
