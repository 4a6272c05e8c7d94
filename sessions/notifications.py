"""What registrants are told, and when. Each message is rendered in the
registrant's language with times in their zone, and queued with the change
that caused it (see u20.outbox)."""

from enum import StrEnum

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from sessions.calendar import build_calendar
from sessions.models import Registration, Session
from u20 import outbox
from u20.links import absolute_url
from u20.times import moment_parts, reading_text


class Kind(StrEnum):
    """What a registrant can be told. The value is part of the outbox's kind
    (registration.<value>) and of reminders' dedupe keys: never rename one."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    PROMOTED = "promoted"
    SESSION_CHANGED = "session_changed"
    SESSION_CANCELLED = "session_cancelled"
    CANCELLED_BY_ORGANISER = "cancelled_by_organiser"
    REMINDER = "reminder"
    CANCELLED = "cancelled"
    LEFT_WAITLIST = "left_waitlist"
    RECORDING_AVAILABLE = "recording_available"


CALENDAR_ATTACHMENT = "agenda.registration_calendar"

# Subject and opening paragraph of each message.
MESSAGES = {
    Kind.CONFIRMED: (
        _("Your place is confirmed: %(title)s"),
        _(
            "Your place at this session is confirmed. The calendar file attached to this "
            "email adds it to your calendar; the join link appears on the session page "
            "shortly before the start."
        ),
    ),
    Kind.WAITLISTED: (
        _("You are on the waitlist: %(title)s"),
        _(
            "This session is full, so you are on its waitlist. If a place becomes free, "
            "it goes to the first person in the queue and we will write to you."
        ),
    ),
    Kind.PROMOTED: (
        _("A place is yours: %(title)s"),
        _(
            "A place became free and it is now yours: your registration is confirmed. "
            "The calendar file attached to this email adds the session to your calendar."
        ),
    ),
    Kind.SESSION_CHANGED: (
        _("Session updated: %(title)s"),
        _(
            "The organisers have changed the time, the joining details or the status of a "
            "session you registered for. Here are the details as they stand now."
        ),
    ),
    Kind.SESSION_CANCELLED: (
        _("Session cancelled: %(title)s"),
        _(
            "We are sorry: the organisers have cancelled a session you registered for. "
            "There is nothing you need to do; if the session is brought back, we will "
            "write to you again."
        ),
    ),
    Kind.CANCELLED_BY_ORGANISER: (
        _("Your registration was cancelled: %(title)s"),
        _(
            "The organisers have cancelled your registration for this session. If you "
            "think this is a mistake, reply to this email."
        ),
    ),
    Kind.REMINDER: (
        _("Starting soon: %(title)s"),
        _(
            "A session you registered for starts soon. The join link is on the session "
            "page from a few minutes before the start."
        ),
    ),
    Kind.CANCELLED: (
        _("Your place is cancelled: %(title)s"),
        _(
            "As you asked, your place at this session is cancelled, and it is free for "
            "someone else. If you change your mind, you can register again on the "
            "session page."
        ),
    ),
    Kind.LEFT_WAITLIST: (
        _("You have left the waitlist: %(title)s"),
        _(
            "As you asked, you have left the waitlist of this session and will not be "
            "offered a place. You can join the waitlist again on the session page."
        ),
    ),
    Kind.RECORDING_AVAILABLE: (
        _("The recording is out: %(title)s"),
        _(
            "The recording of a session you registered for is now on its page, in the "
            "language you read the site in first where there is one, with a transcript "
            "where the organisers published one."
        ),
    ),
}
WITH_CALENDAR = {Kind.CONFIRMED, Kind.PROMOTED, Kind.SESSION_CHANGED, Kind.REMINDER}


def when_for(session, zone) -> list[tuple[str, str]]:
    """When the session is, as lines for an email: in the reader's zone first,
    then the summit's; one line when the two are the same."""
    first, second = moment_parts(
        session.starts_at, session.summit, zone, end=session.ends_at, reader_first=True
    )
    if second is None:
        return [(_("When:"), reading_text(first))]
    return [
        (_("When (your time):"), reading_text(first)),
        (_("When (summit time):"), reading_text(second)),
    ]


def notify(registration: Registration, kind: Kind, *, dedupe_key: str | None = None) -> None:
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
            "when": when_for(session, zone),
            "session_url": absolute_url(session.get_absolute_url()),
            "me_url": absolute_url(reverse("me:index")),
        }
        message = outbox.render("registration", context, language=language)
        attachments = []
        if kind in WITH_CALENDAR and registration.is_confirmed and not session.is_cancelled:
            # Made when the email is sent, so it carries the session as it is then.
            attachments.append(
                outbox.attachment(
                    filename=f"{session.slug}.ics",
                    mimetype="text/calendar",
                    builder=CALENDAR_ATTACHMENT,
                    registration_id=registration.pk,
                )
            )
    outbox.queue(
        to=participant.user.email,
        language=language,
        kind=f"registration.{kind}",
        attachments=attachments,
        dedupe_key=dedupe_key,
        **message,
    )


@outbox.register_attachment(CALENDAR_ATTACHMENT)
def registration_calendar(*, registration_id: int) -> str:
    """The calendar file of one registration: the session, with its join link
    while the place is confirmed."""
    registration = (
        Registration.objects.select_related("session__summit__host_city")
        .prefetch_related("session__languages")
        .get(pk=registration_id)
    )
    session = registration.session
    join_url = session.join_url_for(registration.channel)
    join_urls = {session.pk: join_url} if registration.is_confirmed and join_url else {}
    return build_calendar(
        session.summit.name, [session], url_for=absolute_url, join_urls=join_urls
    ).decode()


def announce_recordings(*, session_id: int) -> int:
    """Tell the confirmed registrants of an ended session with a recording,
    once, that it is out. Returns how many are told."""
    with transaction.atomic():
        session = (
            Session.objects.select_for_update(of=("self",))
            .select_related("summit")
            .filter(pk=session_id)
            .first()
        )
        if (
            session is None
            or session.recording_announced_at is not None
            or session.ends_at > timezone.now()
            or not session.recordings.exists()
        ):
            return 0
        session.recording_announced_at = timezone.now()
        session.save(update_fields=["recording_announced_at"])
        told = 0
        for registration in (
            Registration.objects.confirmed()
            .filter(session=session)
            .select_related("participant__user")
        ):
            registration.session = session
            notify(
                registration, Kind.RECORDING_AVAILABLE, dedupe_key=f"recording:{registration.pk}"
            )
            told += 1
        return told


def send_reminder(*, registration_id: int, starts_at: str) -> str:
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
    notify(registration, Kind.REMINDER, dedupe_key=f"reminder:{registration_id}:{starts_at}")
    return "queued"
