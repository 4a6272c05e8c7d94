from django.tasks import task

from sessions import notifications


@task()
def send_reminder(registration_id: int, starts_at: str) -> str:
    return notifications.send_reminder(registration_id, starts_at)
