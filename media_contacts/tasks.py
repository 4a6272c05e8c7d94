from django.tasks import task

from media_contacts import alerts, services


@task()
def anonymise_requests(days: int | None = None) -> int:
    """The retention run, for the task worker: what
    `manage.py anonymise_requests` does."""
    return services.anonymise_closed(days=days)


@task()
def prune_alert_subscriptions(days: int | None = None) -> int:
    """What `manage.py prune_alert_subscriptions` does, for the task worker."""
    return alerts.prune_unconfirmed(days)
