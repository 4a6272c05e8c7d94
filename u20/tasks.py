"""The core's work for the task worker; each task only delegates."""

from django.tasks import task

from u20 import audit


@task()
def prune_audit_log(days: int | None = None) -> int:
    """The audit trail's retention run: what `manage.py prune_audit_log` does."""
    return audit.prune(days=days)
