"""The agenda as data other programs read, and the organisers' attendee list.

Public schedule exports hold published sessions only and never a session's
join link, which goes to confirmed registrants alone; each runs a fixed
number of queries however many sessions the summit has, and its text follows
the active language (/en/ or /ar/). The iCalendar and frab builders are in
sessions.calendar and sessions.frab.

Nothing here knows about HTTP: url_for turns a path into an absolute URL, and
a CSV builder returns a header and rows, which the caller turns into a
download with u20.spreadsheets.csv_response.
"""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.urls import reverse
from django.utils.translation import get_language, gettext

from sessions.languages import offered
from sessions.models import Registration, Session, SessionLanguage
from u20.models import Summit

# JSON ---------------------------------------------------------------------------


def _iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _iso_local(moment: datetime, summit: Summit) -> str:
    return moment.astimezone(summit.zone).isoformat(timespec="seconds")


def _host_json(link) -> dict:
    return {
        "type": "city" if link.city_id else "organisation",
        "slug": link.host.slug,
        "name": link.host.name,
    }


def _speaker_json(link) -> dict:
    speaker = link.speaker
    return {
        "slug": speaker.slug,
        "name": speaker.name,
        "role": link.role,
        "title": speaker.title,
        "organisation": speaker.organisation.name if speaker.organisation_id else None,
    }


def _session_json(session: Session, *, url_for) -> dict:
    summit = session.summit
    ics_path = reverse(
        "agenda:session_ics", kwargs={"summit": summit.slug, "session": session.slug}
    )
    return {
        "id": session.pk,
        "slug": session.slug,
        "url": url_for(session.get_absolute_url()),
        "title": session.title,
        "description": session.description,
        "kind": session.kind,
        "status": session.status,
        "starts_at": _iso_utc(session.starts_at),
        "ends_at": _iso_utc(session.ends_at),
        "start_local": _iso_local(session.starts_at, summit),
        "themes": [{"slug": theme.slug, "name": theme.name} for theme in session.themes.all()],
        "hosts": [_host_json(link) for link in session.hosts.all()],
        "speakers": [_speaker_json(link) for link in session.session_speakers.all()],
        "languages": {
            "floor": session.floor_language,
            "interpretation": session.offered_in(SessionLanguage.Kind.INTERPRETATION),
            "captions": session.offered_in(SessionLanguage.Kind.CAPTIONS),
            "text": offered(session),
        },
        "ics_url": url_for(ics_path),
    }


def schedule_data(summit: Summit, sessions: Iterable[Session], *, url_for) -> dict:
    """The schedule as JSON-ready data in the active language; url_for turns
    a path into an absolute URL."""
    return {
        "summit": {
            "slug": summit.slug,
            "name": summit.name,
            "year": summit.year,
            "start_date": summit.start_date.isoformat(),
            "end_date": summit.end_date.isoformat(),
            "time_zone": summit.time_zone,
            "url": url_for(summit.get_absolute_url()),
        },
        "language": get_language(),
        "sessions": [_session_json(session, url_for=url_for) for session in sessions],
    }


# CSV ----------------------------------------------------------------------------


def attendees_table(session: Session) -> tuple[list[str], Iterable[tuple]]:
    """Confirmed registrants, then the waitlist in its order: a header in the
    active language and one row per person, times in the summit's zone."""
    registrations = Registration.objects.filter(session=session).select_related("participant__user")
    confirmed = registrations.confirmed().order_by("created_at", "pk")
    queue = registrations.queue().with_waitlist_place()
    zone = session.summit.zone
    header = [
        gettext("Full name"),
        gettext("Email"),
        gettext("Organisation"),
        gettext("Role"),
        gettext("Country"),
        gettext("Preferred language"),
        gettext("Status"),
        gettext("Waitlist position"),
        gettext("Registered at"),
    ]
    places = [(registration, None) for registration in confirmed]
    places += [(registration, registration.waitlist_position()) for registration in queue]
    rows = (
        (
            registration.participant.full_name,
            registration.participant.user.email,
            registration.participant.organisation,
            registration.participant.get_role_display(),
            registration.participant.country,
            registration.participant.get_language_display(),
            registration.get_status_display(),
            position,
            registration.created_at.astimezone(zone).isoformat(timespec="seconds"),
        )
        for registration, position in places
    )
    return header, rows
