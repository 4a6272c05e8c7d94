"""Sessions as iCalendar: the public agenda, one session, a registrant's own
feed and the file attached to a confirmation email.

Nothing here knows about HTTP: callers pass url_for, which turns a path into
an absolute URL (request.build_absolute_uri in a view, absolute_url from u20
in an email). A join link appears only where the caller gives it.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from sessions.models import Session
from sessions.schedule_text import clean, describe, room_name
from u20.models import Summit
from u20.times import moment_parts, reading_text

PRODID = "-//U20 Mayors Summit//Agenda//EN"


def session_uid(session: Session) -> str:
    """The iCalendar UID: the same for a session in every request and
    language, and never another deployment's, whose SITE_URL differs."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"session-{session.pk}@{domain}"


def calendar_name(summit: Summit) -> str:
    """The name calendar apps show for a summit's whole agenda."""
    return _("%(summit)s agenda") % {"summit": summit.name}


def session_event(
    session: Session, *, url_for, stamp: datetime, join_url: str = ""
) -> icalendar.Event:
    """One VEVENT for a session, in UTC. url_for turns a path into an absolute
    URL. join_url is given only for a confirmed registrant's own calendar.

    stamp is when the file is made: with METHOD:PUBLISH that is what DTSTAMP
    means. There is no LAST-MODIFIED: a session's updated_at covers its own
    row, not the speakers, hosts and themes the event names.
    """
    event = icalendar.Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", stamp)
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", clean(session.title))
    # Calendar apps show the start in the reader's own zone; the description
    # says it as the summit's pages do, with the summit's zone named.
    when = reading_text(moment_parts(session.starts_at, session.summit, end=session.ends_at)[0])
    description = "\n\n".join(part for part in (when, describe(session)) if part)
    if join_url:
        # Translators: in a registrant's calendar entry, before the session's join link.
        joining = _("Join the session: %(url)s") % {"url": join_url}
        description = f"{joining}\n\n{description}"
    event.add("description", clean(description))
    event.add("location", room_name(session))
    event.add("url", url_for(session.get_absolute_url()))
    themes = [clean(theme.name) for theme in session.themes.all()]
    if themes:
        event.add("categories", themes)
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return event


def build_calendar(name: str, sessions, *, url_for, join_urls: dict | None = None) -> bytes:
    """An iCalendar file of sessions. join_urls maps a session's pk to the
    join link its reader may have; every other event has none."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", clean(name))
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    join_urls = join_urls or {}
    for session in sessions:
        calendar.add_component(
            session_event(
                session, url_for=url_for, stamp=stamp, join_url=join_urls.get(session.pk, "")
            )
        )
    return calendar.to_ical()
