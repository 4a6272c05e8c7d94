from django.tasks import task

from media_contacts import services


@task()
def anonymise_requests(days: int | None = None) -> int:
    """The retention run, for the task worker: what
    `manage.py anonymise_requests` does."""
    return services.anonymise_closed(days=days)
