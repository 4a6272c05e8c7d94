"""The schedule in frab's formats, the ones conference schedule apps and
importers read: frab JSON (valid against frab-schedule.schema.json) and frab
XML (valid against frab-schedule.xsd).

frab_schedule builds the document once, as frab JSON has it; frab_json and
frab_xml are its two serialisations, so both say the same thing with the same
version and guids.

What identifies a thing (the version, guids, the acronym, slugs, which theme
is a session's track and which room it is in) is the same in every language;
only the words follow the active language (/en/ or /ar/).

Nothing here knows about HTTP: callers pass url_for, which turns a path into
an absolute URL. The public schedule never carries a join link.
"""

import hashlib
import json
import re
import tomllib
import uuid
from datetime import timedelta
from functools import cache
from xml.etree import ElementTree as ET

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sessions.models import Session
from sessions.schedule_text import ONLINE, clean, describe, main_theme, room_key, room_name
from u20.models import Summit
from u20.times import day_bounds, group_by_day

# Fixed for good: frab guids are derived from it, and schedule apps use them to
# recognise an event they already know (a favourite, a reminder).
GUID_NAMESPACE = uuid.UUID("52ca37f9-f4d6-4a13-9489-4806ed8161a6")

JSON_SCHEMA_ID = "https://c3voc.de/schedule/schema.json"

# The grid schedule apps draw; sessions start on any minute, so a fine one.
TIMESLOT = "00:05"

# frab XML writes hours in two digits; no session lasts four days.
LONGEST = "99:59"

# Slugs both schemas accept: the XML's voc-slug-new and track slug, the JSON's
# slug patterns.
_SLUG_SAFE = re.compile(r"[^a-z0-9_-]+")
_TRACK_SLUG = re.compile(r"[a-z][a-z0-9-]*[a-z0-9]")
# The JSON schema's pattern for zone names, exactly as it writes it.
_JSON_ZONE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")

_PYPROJECT = settings.BASE_DIR / "pyproject.toml"


def session_guid(session: Session) -> uuid.UUID:
    """The frab guid: the same for a session in every request and language."""
    return uuid.uuid5(GUID_NAMESPACE, str(session.pk))


def speaker_guid(speaker_id: int) -> uuid.UUID:
    return uuid.uuid5(GUID_NAMESPACE, f"speaker-{speaker_id}")


def room_guid(summit: Summit, key: str) -> uuid.UUID:
    return uuid.uuid5(GUID_NAMESPACE, f"summit-{summit.pk}-room-{key}")


def acronym(summit: Summit) -> str:
    """The summit's frab acronym, made of its slug: lower case, digits and
    underscores, at least four characters, as both schemas want."""
    name = summit.slug.lower().replace("-", "_")
    return name if len(name) >= 4 else f"{name}_{summit.year:04d}"


def event_slug(session: Session) -> str:
    """The event's slug, which recording pipelines name files by: the
    acronym, the session's number and what of its slug is plain ASCII."""
    tail = re.sub("-{2,}", "-", _SLUG_SAFE.sub("-", session.slug.lower())).strip("-_")
    rest = f"{session.pk}-{tail}" if tail else str(session.pk)
    if len(rest) < 4:
        rest = f"session-{rest}"
    return f"{acronym(session.summit)}-{rest}"


@cache
def generator() -> dict:
    """This software, as the schedule names its generator."""
    try:
        project = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8"))["project"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        project = {}
    return {"name": project.get("name", "u20-summit"), "version": project.get("version", "")}


def _hours_minutes(length: timedelta) -> str:
    hours, minutes = divmod(int(length.total_seconds()) // 60, 60)
    return f"{hours:02d}:{minutes:02d}" if hours <= 99 else LONGEST


def _event(session: Session, *, url_for) -> dict:
    zone = session.summit.zone
    local_start = session.starts_at.astimezone(zone)
    theme = main_theme(session)
    title = session.title
    if session.is_cancelled:
        # frab has no status; schedule apps show the title, so it says so.
        title = _("Cancelled: %(title)s") % {"title": title}
    page = url_for(session.get_absolute_url())
    return {
        "guid": str(session_guid(session)),
        "id": session.pk,
        "date": local_start.isoformat(timespec="seconds"),
        "start": local_start.strftime("%H:%M"),
        "end": session.ends_at.astimezone(zone).isoformat(timespec="seconds"),
        "duration": _hours_minutes(session.ends_at - session.starts_at),
        "room": clean(room_name(session)),
        "slug": event_slug(session),
        "url": page,
        "title": clean(title),
        "subtitle": "",
        "track": clean(theme.name) if theme else None,
        "type": session.kind,
        # The language the session is held in; interpretation and captions
        # are named in the description.
        "language": session.floor_language,
        "abstract": clean(session.description),
        "description": describe(session),
        "persons": [
            {
                "id": link.speaker_id,
                "guid": str(speaker_guid(link.speaker_id)),
                "name": clean(link.speaker.name),
            }
            for link in session.session_speakers.all()
        ],
        # Translators: the text of a link to a session's page, in schedule apps.
        "links": [{"url": page, "title": _("Session page"), "type": "web"}],
    }


def _tracks(sessions: list[Session]) -> list[dict]:
    themes = {theme.pk: theme for session in sessions if (theme := main_theme(session))}
    tracks = []
    for theme in sorted(themes.values(), key=lambda theme: theme.pk):
        track = {"name": clean(theme.name)}
        if _TRACK_SLUG.fullmatch(theme.slug):
            track["slug"] = theme.slug
        tracks.append(track)
    return tracks


def _rooms(summit: Summit, sessions: list[Session]) -> list[dict]:
    """Every room in the order its first session starts; rooms are told
    apart by name, as frab's days list them."""
    rooms: dict[str, dict] = {}
    for session in sessions:
        name = clean(room_name(session))
        if name not in rooms:
            key = room_key(session)
            rooms[name] = {"name": name, "guid": str(room_guid(summit, key))}
            if key == ONLINE:
                rooms[name]["type"] = "online"
    return list(rooms.values())


def _schedule(summit: Summit, sessions: list[Session], *, url_for) -> dict:
    """The schedule without its version, in the active language."""
    by_day = dict(group_by_day(sessions, summit.zone))
    days = sorted(set(summit.days()) | set(by_day))
    rooms = _rooms(summit, sessions)
    day_list = []
    for index, day in enumerate(days, start=1):
        start, end = day_bounds(day, summit.zone)
        events = {room["name"]: [] for room in rooms}
        for session in by_day.get(day, []):
            events[clean(room_name(session))].append(_event(session, url_for=url_for))
        day_list.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": start.isoformat(),
                "day_end": end.isoformat(),
                "rooms": events,
            }
        )
    agenda = reverse("agenda:agenda", kwargs={"summit": summit.slug})
    return {
        "base_url": url_for(summit.get_absolute_url()),
        "conference": {
            "acronym": acronym(summit),
            "title": clean(summit.name),
            "start": days[0].isoformat(),
            "end": days[-1].isoformat(),
            "daysCount": len(days),
            "timeslot_duration": TIMESLOT,
            "time_zone_name": summit.time_zone,
            "url": url_for(agenda),
            "tracks": _tracks(sessions),
            "rooms": rooms,
            "days": day_list,
        },
    }


def _digest(schedule: dict) -> str:
    return json.dumps(schedule, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def frab_schedule(summit: Summit, sessions: list[Session], *, url_for, url: str) -> dict:
    """The schedule as a frab JSON document: days in the summit's zone, each
    with every room, each room with the events that start there that day.
    url_for turns a path into an absolute URL; url is where the document
    itself is served.

    Its version is a digest of the schedule built in every language (from
    the same rows, so at no cost in queries): it moves on whenever anything
    the schedule says changes, in either language, and is the same under
    /en/ and /ar/.
    """
    sessions = list(sessions)
    builds = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            builds[code] = _schedule(summit, sessions, url_for=url_for)
    version = hashlib.blake2b(digest_size=6)
    for code in sorted(builds):
        version.update(_digest(builds[code]).encode())
    schedule = builds.get(get_language()) or _schedule(summit, sessions, url_for=url_for)
    return {
        "$schema": JSON_SCHEMA_ID,
        "generator": dict(generator()),
        "schedule": {"url": url, "version": version.hexdigest(), **schedule},
    }


def _export_url(name: str, summit: Summit, url_for) -> str:
    return url_for(reverse(name, kwargs={"summit": summit.slug}))


# JSON ---------------------------------------------------------------------------


def frab_json(summit: Summit, sessions: list[Session], *, url_for) -> dict:
    """frab_schedule as served at schedule.frab.json."""
    url = _export_url("agenda:schedule_frab_json", summit, url_for)
    document = frab_schedule(summit, sessions, url_for=url_for, url=url)
    conference = document["schedule"]["conference"]
    # The JSON schema names fewer zones than the XML carries (none of Etc/).
    if not _JSON_ZONE.search(conference["time_zone_name"]):
        del conference["time_zone_name"]
    return document


# XML ----------------------------------------------------------------------------

# An event's fields in the order frab writes them; "end" has no place in XML.
_XML_EVENT_FIELDS = (
    "date",
    "start",
    "duration",
    "room",
    "slug",
    "url",
    "title",
    "subtitle",
    "track",
    "type",
    "language",
    "abstract",
    "description",
)


def _element(parent: ET.Element, tag: str, text=None, **attributes) -> ET.Element:
    """A child element; None leaves an attribute out and an element empty."""
    element = ET.SubElement(
        parent,
        tag,
        {name: clean(str(value)) for name, value in attributes.items() if value is not None},
    )
    element.text = "" if text is None else clean(str(text))
    return element


def _xml_event(room: ET.Element, event: dict) -> None:
    element = _element(room, "event", id=event["id"], guid=event["guid"])
    for field in _XML_EVENT_FIELDS:
        _element(element, field, event[field])
    persons = _element(element, "persons")
    for person in event["persons"]:
        _element(persons, "person", person["name"], id=person["id"], guid=person["guid"])
    links = _element(element, "links")
    for link in event["links"]:
        _element(links, "link", link["title"], href=link["url"], type=link.get("type"))


def xml_document(document: dict) -> ET.Element:
    """A frab_schedule document as frab XML, in the order the XSD sets."""
    schedule = document["schedule"]
    conference = schedule["conference"]
    root = ET.Element("schedule")
    _element(root, "generator", **document["generator"])
    _element(root, "url", schedule["url"])
    _element(root, "version", schedule["version"])
    head = _element(root, "conference")
    _element(head, "title", conference["title"])
    _element(head, "acronym", conference["acronym"])
    _element(head, "start", conference["start"])
    _element(head, "end", conference["end"])
    _element(head, "days", conference["daysCount"])
    _element(head, "timeslot_duration", conference["timeslot_duration"])
    _element(head, "base_url", schedule["base_url"])
    _element(head, "url", conference["url"])
    _element(head, "time_zone_name", conference["time_zone_name"])
    for track in conference["tracks"]:
        _element(head, "track", name=track["name"], slug=track.get("slug"))
    for day in conference["days"]:
        element = _element(
            root,
            "day",
            index=day["index"],
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for room in conference["rooms"]:
            room_element = _element(element, "room", name=room["name"], guid=room["guid"])
            for event in day["rooms"][room["name"]]:
                _xml_event(room_element, event)
    return root


def frab_xml(summit: Summit, sessions: list[Session], *, url_for) -> bytes:
    """frab_schedule as served at schedule.xml: an indented UTF-8 document
    with its XML declaration."""
    url = _export_url("agenda:schedule_xml", summit, url_for)
    root = xml_document(frab_schedule(summit, sessions, url_for=url_for, url=url))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
