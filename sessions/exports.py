"""The agenda as files other programs read: iCalendar, JSON and frab XML.

Every export is public, so it holds published sessions only and never a
session's join link, which goes to confirmed registrants alone. Each runs a
fixed number of queries however many sessions the summit has, and its text
follows the active language (/en/ or /ar/).
"""

import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

import icalendar
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from sessions.models import Session
from sessions.selectors import published_session, published_summit
from u20.models import Summit
from u20.times import day_bounds, group_by_day

PRODID = "-//U20 Mayors Summit//Agenda//EN"

# Fixed for good: frab guids are derived from it, and schedule apps use them to
# recognise an event they already know (a favourite, a reminder).
GUID_NAMESPACE = uuid.UUID("52ca37f9-f4d6-4a13-9489-4806ed8161a6")

# Characters XML 1.0 and iCalendar text cannot carry; an organiser may paste
# one from a word processor, and it must not break the file for every reader.
_UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _clean(text: str | None) -> str:
    return _UNSAFE_CHARACTERS.sub("", text or "")


# Looking things up -------------------------------------------------------------


def _schedule(summit: Summit) -> list[Session]:
    return list(Session.objects.published().filter(summit=summit).for_listing())


# What every format says about a session ---------------------------------------


def session_uid(session: Session) -> str:
    """The iCalendar UID: the same for a session in every request and language."""
    return f"session-{session.pk}@u20"


def session_guid(session: Session) -> uuid.UUID:
    """The frab guid: the same for a session in every request and language."""
    return uuid.uuid5(GUID_NAMESPACE, str(session.pk))


def room_name(session: Session) -> str:
    """Where a session takes place. Sessions have no room of their own, so a
    virtual one is "Online" and any other is in the summit's host city."""
    summit = session.summit
    # Whether a join link exists is public (the page offers to join); the
    # link itself is never read here.
    if summit.is_virtual or session.join_url:
        # Translators: the room of a session held on the internet, in calendar files.
        return _("Online")
    if summit.host_city_id:
        return summit.host_city.name
    # Translators: the room of a session when nothing more precise is known.
    return _("Venue")


def _host_names(session: Session) -> list[str]:
    return [link.host.name for link in session.hosts.all()]


def describe(session: Session) -> str:
    """The session's description followed by who hosts it."""
    parts = [session.description.strip()] if session.description else []
    hosts = _host_names(session)
    if hosts:
        # Translators: separates names in a list, such as "Riyadh, UN-Habitat".
        separator = pgettext("list separator", ", ")
        parts.append(_("Hosted by: %(hosts)s") % {"hosts": separator.join(hosts)})
    return _clean("\n\n".join(parts))


def _calendar_name(summit: Summit) -> str:
    return _("%(summit)s agenda") % {"summit": summit.name}


def _iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _iso_local(moment: datetime, summit: Summit) -> str:
    return moment.astimezone(summit.zone).isoformat(timespec="seconds")


# iCalendar ----------------------------------------------------------------------


def session_event(
    session: Session, *, url_for, stamp: datetime, join_url: str = ""
) -> icalendar.Event:
    """One VEVENT for a session, in UTC. url_for turns a path into an absolute
    URL. join_url is given only for a confirmed registrant's own calendar.

    stamp is when the file is made: with METHOD:PUBLISH that is what DTSTAMP
    means. Sessions record no modification time, so there is no LAST-MODIFIED.
    """
    event = icalendar.Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", stamp)
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", _clean(session.title))
    description = describe(session)
    if join_url:
        # Translators: in a registrant's calendar entry, before the session's join link.
        joining = _("Join the session: %(url)s") % {"url": join_url}
        description = f"{joining}\n\n{description}" if description else joining
    if description:
        event.add("description", description)
    event.add("location", room_name(session))
    event.add("url", url_for(session.get_absolute_url()))
    themes = [_clean(theme.name) for theme in session.themes.all()]
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
    calendar.add("x-wr-calname", _clean(name))
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    join_urls = join_urls or {}
    for session in sessions:
        calendar.add_component(
            session_event(
                session, url_for=url_for, stamp=stamp, join_url=join_urls.get(session.pk, "")
            )
        )
    return calendar.to_ical()


def _ics_response(summit: Summit, sessions: list[Session], *, request, filename: str):
    content = build_calendar(_calendar_name(summit), sessions, url_for=request.build_absolute_uri)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_safe
def schedule_ics(request, summit):
    summit = published_summit(summit)
    return _ics_response(
        summit, _schedule(summit), request=request, filename=f"{summit.slug}-agenda.ics"
    )


@require_safe
def session_ics(request, summit, session):
    session = published_session(summit, session)
    return _ics_response(session.summit, [session], request=request, filename=f"{session.slug}.ics")


# JSON ---------------------------------------------------------------------------


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


def _session_json(session: Session, *, request) -> dict:
    summit = session.summit
    ics_path = reverse(
        "agenda:session_ics", kwargs={"summit": summit.slug, "session": session.slug}
    )
    return {
        "id": session.pk,
        "slug": session.slug,
        "url": request.build_absolute_uri(session.get_absolute_url()),
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
        "ics_url": request.build_absolute_uri(ics_path),
    }


@require_safe
def schedule_json(request, summit):
    summit = published_summit(summit)
    data = {
        "summit": {
            "slug": summit.slug,
            "name": summit.name,
            "year": summit.year,
            "start_date": summit.start_date.isoformat(),
            "end_date": summit.end_date.isoformat(),
            "time_zone": summit.time_zone,
            "url": request.build_absolute_uri(summit.get_absolute_url()),
        },
        "language": get_language(),
        "sessions": [_session_json(session, request=request) for session in _schedule(summit)],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )


# frab XML -----------------------------------------------------------------------


def _element(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {name: _clean(value) for name, value in attributes.items()}
    )
    element.text = _clean(text)
    return element


def _hours_minutes(length: timedelta) -> str:
    hours, minutes = divmod(int(length.total_seconds()) // 60, 60)
    # The schema allows two digits of hours; no session lasts four days.
    if hours > 99:
        hours, minutes = 99, 59
    return f"{hours:02d}:{minutes:02d}"


def _frab_event(room: ET.Element, session: Session, *, request) -> None:
    local_start = session.starts_at.astimezone(session.summit.zone)
    themes = list(session.themes.all())
    title = session.title
    if session.is_cancelled:
        # frab has no status; schedule apps show the title, so it says so.
        title = _("Cancelled: %(title)s") % {"title": title}
    event = _element(room, "event", id=str(session.pk), guid=str(session_guid(session)))
    _element(event, "date", local_start.isoformat(timespec="seconds"))
    _element(event, "start", local_start.strftime("%H:%M"))
    _element(event, "duration", _hours_minutes(session.ends_at - session.starts_at))
    _element(event, "room", room.get("name"))
    _element(event, "slug", session.slug)
    _element(event, "title", title)
    _element(event, "subtitle")
    _element(event, "track", themes[0].name if themes else "")
    _element(event, "type", session.kind)
    _element(event, "language", get_language())
    _element(event, "abstract", session.description)
    _element(event, "description", describe(session))
    persons = _element(event, "persons")
    for link in session.session_speakers.all():
        _element(persons, "person", link.speaker.name, id=str(link.speaker_id))
    links = _element(event, "links")
    # Translators: the text of a link to a session's page, in schedule apps.
    _element(
        links,
        "link",
        _("Session page"),
        href=request.build_absolute_uri(session.get_absolute_url()),
    )


def frab_schedule(summit: Summit, sessions: list[Session], *, request) -> ET.Element:
    """The schedule in frab's format: days in the summit's zone, each with
    every room, each room with the events that start there that day."""
    by_day = dict(group_by_day(sessions, summit.zone))
    days = sorted(set(summit.days()) | set(by_day))
    rooms = list(dict.fromkeys(room_name(session) for session in sessions))

    schedule = ET.Element("schedule")
    conference = _element(schedule, "conference")
    _element(conference, "title", summit.name)
    _element(conference, "acronym", summit.slug)
    _element(conference, "start", days[0].isoformat())
    _element(conference, "end", days[-1].isoformat())
    _element(conference, "days", str(len(days)))
    for index, day in enumerate(days, start=1):
        start, end = day_bounds(day, summit.zone)
        day_element = _element(
            schedule,
            "day",
            index=str(index),
            date=day.isoformat(),
            start=start.isoformat(),
            end=end.isoformat(),
        )
        for name in rooms:
            room = _element(day_element, "room", name=name)
            for session in by_day.get(day, []):
                if room_name(session) == name:
                    _frab_event(room, session, request=request)
    return schedule


@require_safe
def schedule_xml(request, summit):
    summit = published_summit(summit)
    schedule = frab_schedule(summit, _schedule(summit), request=request)
    ET.indent(schedule)
    return HttpResponse(
        ET.tostring(schedule, encoding="utf-8", xml_declaration=True),
        content_type="application/xml; charset=utf-8",
    )
