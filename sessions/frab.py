"""The schedule in frab's XML format, the one schedule apps read; valid
against frab-schedule.xsd.

Nothing here knows about HTTP: callers pass url_for, which turns a path into
an absolute URL. The public schedule never carries a join link.
"""

import uuid
from datetime import timedelta
from xml.etree import ElementTree as ET

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sessions.models import Session
from sessions.schedule_text import clean, describe, room_name
from u20.models import Summit
from u20.times import day_bounds, group_by_day

# Fixed for good: frab guids are derived from it, and schedule apps use them to
# recognise an event they already know (a favourite, a reminder).
GUID_NAMESPACE = uuid.UUID("52ca37f9-f4d6-4a13-9489-4806ed8161a6")


def session_guid(session: Session) -> uuid.UUID:
    """The frab guid: the same for a session in every request and language."""
    return uuid.uuid5(GUID_NAMESPACE, str(session.pk))


def _element(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {name: clean(value) for name, value in attributes.items()})
    element.text = clean(text)
    return element


def _hours_minutes(length: timedelta) -> str:
    hours, minutes = divmod(int(length.total_seconds()) // 60, 60)
    # The schema allows two digits of hours; no session lasts four days.
    if hours > 99:
        hours, minutes = 99, 59
    return f"{hours:02d}:{minutes:02d}"


def _frab_event(room: ET.Element, session: Session, *, url_for) -> None:
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
    _element(links, "link", _("Session page"), href=url_for(session.get_absolute_url()))


def frab_schedule(summit: Summit, sessions: list[Session], *, url_for) -> ET.Element:
    """The schedule in frab's format: days in the summit's zone, each with
    every room, each room with the events that start there that day. url_for
    turns a path into an absolute URL."""
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
                    _frab_event(room, session, url_for=url_for)
    return schedule


def frab_xml(summit: Summit, sessions: list[Session], *, url_for) -> bytes:
    """frab_schedule as an indented UTF-8 document with its XML declaration."""
    schedule = frab_schedule(summit, sessions, url_for=url_for)
    ET.indent(schedule)
    return ET.tostring(schedule, encoding="utf-8", xml_declaration=True)
