"""What the frab tests share: the published JSON schema's validator, and a
reader of frab XML that takes a schedule in as a frab importer does."""

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema

JSON_SCHEMA_PATH = Path(__file__).with_name("frab-schedule.schema.json")


def frab_json_validator() -> jsonschema.protocols.Validator:
    """A validator of the draft the schema declares, checking formats too."""
    schema = json.loads(JSON_SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def json_errors(validator, document) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def hours_minutes(text: str) -> timedelta:
    """A frab duration, "HH:MM", as importers read it; anything else fails."""
    hours, minutes = text.split(":")
    assert (len(hours), len(minutes)) == (2, 2), text
    return timedelta(hours=int(hours), minutes=int(minutes))


def import_frab_xml(content: bytes) -> dict:
    """A schedule.xml read as an importer does: ElementTree, the fields by
    name, dates and durations parsed, and every event kept by its guid."""
    root = ET.fromstring(content)  # noqa: S314 (our own export, read as an importer would)
    conference = root.find("conference")
    schedule = {
        "version": root.findtext("version"),
        "generator": dict(root.find("generator").attrib),
        "url": root.findtext("url"),
        "title": conference.findtext("title"),
        "acronym": conference.findtext("acronym"),
        "start": date.fromisoformat(conference.findtext("start")),
        "end": date.fromisoformat(conference.findtext("end")),
        "days": int(conference.findtext("days")),
        "time_zone": conference.findtext("time_zone_name"),
        "base_url": conference.findtext("base_url"),
        "tracks": [dict(track.attrib) for track in conference.findall("track")],
        "day_list": [],
        "events": {},
    }
    for day in root.findall("day"):
        start = datetime.fromisoformat(day.get("start"))
        end = datetime.fromisoformat(day.get("end"))
        schedule["day_list"].append(
            {
                "index": int(day.get("index")),
                "date": date.fromisoformat(day.get("date")),
                "start": start,
                "end": end,
                "rooms": [(room.get("name"), room.get("guid")) for room in day.findall("room")],
            }
        )
        for room in day.findall("room"):
            for event in room.findall("event"):
                begins = datetime.fromisoformat(event.findtext("date"))
                assert begins.strftime("%H:%M") == event.findtext("start")
                assert start <= begins < end
                schedule["events"][event.get("guid")] = {
                    "id": int(event.get("id")),
                    "day": int(day.get("index")),
                    "room": room.get("name"),
                    "room_field": event.findtext("room"),
                    "starts_at": begins,
                    "duration": hours_minutes(event.findtext("duration")),
                    "slug": event.findtext("slug"),
                    "title": event.findtext("title"),
                    "track": event.findtext("track"),
                    "type": event.findtext("type"),
                    "language": event.findtext("language"),
                    "abstract": event.findtext("abstract"),
                    "persons": [
                        (person.get("guid"), person.text) for person in event.iter("person")
                    ],
                    "links": [(link.get("href"), link.text) for link in event.iter("link")],
                }
    return schedule
