"""The agenda's work for the task worker: reminders before a session starts.
Services schedule them; the task only fetches by id and delegates."""

import logging
from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from sessions import notifications
from sessions.models import Registration

logger = logging.getLogger(__name__)


@task()
def send_reminder(*, registration_id: int, starts_at: str) -> str:
    return notifications.send_reminder(registration_id=registration_id, starts_at=starts_at)


@task()
def announce_recordings(*, session_id: int) -> int:
    return notifications.announce_recordings(session_id=session_id)


def schedule_recording_announcement(*, session) -> None:
    """Ask the worker to tell registrants of the recording when session
    ends (it is told only once, however often this is asked)."""
    try:
        announce_recordings.using(run_after=session.ends_at).enqueue(session_id=session.pk)
    except Exception:  # a lost announcement must not undo the organiser's save
        logger.exception("Could not schedule the recording announcement of session %s", session.pk)


def schedule_reminder(*, registration_id: int) -> None:
    """Ask the worker to remind a registrant before the start."""
    registration = Registration.objects.select_related("session").filter(pk=registration_id).first()
    if registration is None:
        return
    starts_at = registration.session.starts_at
    remind_at = starts_at - timedelta(minutes=settings.REMINDER_MINUTES)
    if remind_at <= timezone.now():
        return
    try:
        send_reminder.using(run_after=remind_at).enqueue(
            registration_id=registration_id, starts_at=starts_at.isoformat()
        )
    except Exception:  # a lost reminder must not undo a registration
        logger.exception("Could not schedule the reminder of registration %s", registration_id)
