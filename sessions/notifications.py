"""What registrants are told, and when. Each message is rendered in the
registrant's language with times in their zone, and queued with the change
that caused it (see u20.mail)."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from sessions.exports import build_calendar
from sessions.models import Registration
from u20.mail import absolute_url, queue_email, render_email
from u20.times import utc_offset, zone_label

logger = logging.getLogger(__name__)

# Subject and opening paragraph of each message.
MESSAGES = {
    "confirmed": (
        _("Your place is confirmed: %(title)s"),
        _(
            "Your place at this session is confirmed. The calendar file attached to this "
            "email adds it to your calendar; the join link appears on the session page "
            "shortly before the start."
        ),
    ),
    "waitlisted": (
        _("You are on the waitlist: %(title)s"),
        _(
            "This session is full, so you are on its waitlist. If a place becomes free, "
            "it goes to the first person in the queue and we will write to you."
        ),
    ),
    "promoted": (
        _("A place is yours: %(title)s"),
        _(
            "A place became free and it is now yours: your registration is confirmed. "
            "The calendar file attached to this email adds the session to your calendar."
        ),
    ),
    "session_changed": (
        _("Session updated: %(title)s"),
        _(
            "The organisers have changed the time, the joining details or the status of a "
            "session you registered for. Here are the details as they stand now."
        ),
    ),
    "session_cancelled": (
        _("Session cancelled: %(title)s"),
        _(
            "We are sorry: the organisers have cancelled a session you registered for. "
            "There is nothing you need to do; if the session is brought back, we will "
            "write to you again."
        ),
    ),
    "cancelled_by_organiser": (
        _("Your registration was cancelled: %(title)s"),
        _(
            "The organisers have cancelled your registration for this session. If you "
            "think this is a mistake, reply to this email."
        ),
    ),
    "reminder": (
        _("Starting soon: %(title)s"),
        _(
            "A session you registered for starts soon. The join link is on the session "
            "page from a few minutes before the start."
        ),
    ),
}
WITH_CALENDAR = {"confirmed", "promoted", "session_changed", "reminder"}


def _when(moment: datetime, zone) -> str:
    local = moment.astimezone(zone)
    return f"{formats.date_format(local, 'l j F Y')}, {formats.time_format(local, 'H:i')}"


def notify(registration: Registration, kind: str, *, dedupe_key: str | None = None) -> None:
    """Queue the message of kind for registration's participant."""
    participant = registration.participant
    session = registration.session
    summit = session.summit
    language = participant.language
    subject, intro = MESSAGES[kind]
    with translation.override(language):
        zone = participant.zone
        context = {
            "subject": subject % {"title": session.title},
            "intro": intro,
            "participant": participant,
            "session": session,
            "summit": summit,
            "position": registration.waitlist_position(),
            "local_time": _when(session.starts_at, zone),
            "local_end": formats.time_format(session.ends_at.astimezone(zone), "H:i"),
            "local_zone": f"{zone.key}, {utc_offset(session.starts_at, zone)}",
            "summit_time": _when(session.starts_at, summit.zone),
            "summit_zone": zone_label(summit, session.starts_at),
            "session_url": absolute_url(session.get_absolute_url()),
            "me_url": absolute_url(reverse("me:index")),
        }
        message = render_email("registration", context, language=language)
        attachments = []
        if kind in WITH_CALENDAR and registration.is_confirmed and not session.is_cancelled:
            # Made when the email is sent, so it carries the session as it is then.
            attachments.append(
                {
                    "filename": f"{session.slug}.ics",
                    "mimetype": "text/calendar",
                    "build": "sessions.notifications.registration_calendar",
                    "kwargs": {"registration_id": registration.pk},
                }
            )
    queue_email(
        to=participant.user.email,
        language=language,
        kind=f"registration.{kind}",
        attachments=attachments,
        dedupe_key=dedupe_key,
        **message,
    )


def registration_calendar(*, registration_id: int) -> str:
    """The calendar file of one registration: the session, with its join link
    while the place is confirmed."""
    registration = Registration.objects.select_related("session__summit__host_city").get(
        pk=registration_id
    )
    session = registration.session
    join_urls = (
        {session.pk: session.join_url} if registration.is_confirmed and session.join_url else {}
    )
    return build_calendar(
        session.summit.name, [session], url_for=absolute_url, join_urls=join_urls
    ).decode()


def schedule_reminder(registration_id: int) -> None:
    """Ask the worker to remind a registrant before the start."""
    from sessions.tasks import send_reminder

    registration = Registration.objects.select_related("session").filter(pk=registration_id).first()
    if registration is None:
        return
    starts_at = registration.session.starts_at
    remind_at = starts_at - timedelta(minutes=settings.REMINDER_MINUTES)
    if remind_at <= timezone.now():
        return
    try:
        send_reminder.using(run_after=remind_at).enqueue(registration_id, starts_at.isoformat())
    except Exception:  # a lost reminder must not undo a registration
        logger.exception("Could not schedule the reminder of registration %s", registration_id)


def send_reminder(registration_id: int, starts_at: str) -> str:
    """Remind a registrant, unless things changed since the reminder was set:
    the registration is no longer confirmed, the session was cancelled, or it
    moved (then another reminder was set for the new time)."""
    registration = (
        Registration.objects.select_related("session__summit", "participant__user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.is_confirmed:
        return "not confirmed"
    session = registration.session
    if session.is_cancelled or session.starts_at.isoformat() != starts_at:
        return "out of date"
    notify(registration, "reminder", dedupe_key=f"reminder:{registration_id}:{starts_at}")
    return "queued"
