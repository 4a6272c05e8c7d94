"""The frab JSON export at schedule.frab.json: valid against the published
frab-schedule.schema.json, and the same schedule as frab XML (one builder,
two serialisations: the same version, guids, days, rooms and events)."""

import json
import uuid
from datetime import datetime

import pytest
from django.utils import translation

from sessions.frab import GUID_NAMESPACE, frab_json
from tests.factories import RIYADH, make_full_session, make_session, make_summit
from tests.sessions.frab_fixtures import (
    frab_json_validator,
    hours_minutes,
    import_frab_xml,
    json_errors,
)
from tests.sessions.schedule_fixtures import export_url, make_schedule_session, make_schedule_summit

pytestmark = pytest.mark.django_db

VALIDATOR = frab_json_validator()
FRAB_JSON = "schedule.frab.json"


@pytest.fixture
def summit():
    return make_schedule_summit()


@pytest.fixture
def session(summit):
    return make_schedule_session(summit)


def _json(response):
    return json.loads(response.content)


def test_validator_is_of_the_draft_the_schema_declares():
    assert type(VALIDATOR).__name__ == "Draft6Validator"


def test_validator_refuses_a_document_without_version():
    assert json_errors(VALIDATOR, {"schedule": {"conference": {}}}) != []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_schedule_frab_json_validates_against_frab_json_schema(client, summit, session, lang):
    make_full_session(summit=summit, speakers=2, hosts=2, status="cancelled")
    make_session(
        summit=summit,
        title_en="Pipes & <tags> \x0b and a vertical tab",
        description_en="",
        starts_at=datetime(2020, 10, 2, 23, 30, tzinfo=RIYADH),
        ends_at=datetime(2020, 10, 7, 9, 0, tzinfo=RIYADH),
    )

    response = client.get(export_url(summit, FRAB_JSON, lang))

    document = _json(response)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json_errors(VALIDATOR, document) == []
    events = [
        event
        for day in document["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for event in room
    ]
    assert len(events) == 3


def test_schedule_frab_json_without_sessions_validates_with_every_summit_day(client, summit):
    document = _json(client.get(export_url(summit, FRAB_JSON)))

    assert json_errors(VALIDATOR, document) == []
    assert [day["date"] for day in document["schedule"]["conference"]["days"]] == [
        "2020-09-30",
        "2020-10-01",
        "2020-10-02",
    ]


def test_schedule_frab_json_describes_schedule_and_event(client, summit, session):
    speaker = session.session_speakers.get().speaker

    document = _json(client.get(export_url(summit, FRAB_JSON)))

    schedule = document["schedule"]
    conference = schedule.pop("conference")
    [day, *_] = conference.pop("days")
    page = "https://summit.example.org/en/summits/u20-2020/sessions/cities-of-the-future/"
    assert (document["$schema"], document["generator"]) == (
        "https://c3voc.de/schedule/schema.json",
        {"name": "u20-summit", "version": "0.1.0"},
    )
    assert schedule == {
        "url": "https://summit.example.org/en/summits/u20-2020/agenda/schedule.frab.json",
        "version": schedule["version"],
        "base_url": "https://summit.example.org/en/summits/u20-2020/",
    }
    online = str(conference["rooms"][0]["guid"])
    assert conference == {
        "acronym": "u20_2020",
        "title": "U20 Mayors Summit 2020",
        "start": "2020-09-30",
        "end": "2020-10-02",
        "daysCount": 3,
        "timeslot_duration": "00:05",
        "time_zone_name": "Asia/Riyadh",
        "url": "https://summit.example.org/en/summits/u20-2020/agenda/",
        "tracks": [{"name": "Inclusive Prosperous Communities", "slug": "inclusive-communities"}],
        "rooms": [{"name": "Online", "guid": online, "type": "online"}],
    }
    assert day == {
        "index": 1,
        "date": "2020-09-30",
        "day_start": "2020-09-30T00:00:00+03:00",
        "day_end": "2020-10-01T00:00:00+03:00",
        "rooms": {
            "Online": [
                {
                    "guid": str(uuid.uuid5(GUID_NAMESPACE, str(session.pk))),
                    "id": session.pk,
                    "date": "2020-09-30T10:00:00+03:00",
                    "start": "10:00",
                    "end": "2020-09-30T11:30:00+03:00",
                    "duration": "01:30",
                    "room": "Online",
                    "slug": f"u20_2020-{session.pk}-cities-of-the-future",
                    "url": page,
                    "title": "Cities of the Future: Post COVID-19",
                    "subtitle": "",
                    "track": "Inclusive Prosperous Communities",
                    "type": "side_event",
                    "language": "en",
                    "abstract": "How ready cities are for crises.",
                    "description": (
                        "How ready cities are for crises.\n\nHosted by: Riyadh, UN-Habitat"
                        "\n\nLanguages: English"
                    ),
                    "persons": [
                        {
                            "id": speaker.pk,
                            "guid": str(uuid.uuid5(GUID_NAMESPACE, f"speaker-{speaker.pk}")),
                            "name": "Maimunah Mohd Sharif",
                        }
                    ],
                    "links": [{"url": page, "title": "Session page", "type": "web"}],
                }
            ]
        },
    }


def test_schedule_frab_json_event_without_theme_has_no_track(client, summit):
    make_session(summit=summit)

    document = _json(client.get(export_url(summit, FRAB_JSON)))

    [event] = document["schedule"]["conference"]["days"][0]["rooms"]["Online"]
    assert (event["track"], document["schedule"]["conference"]["tracks"]) == (None, [])


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_frab_json_and_xml_say_the_same_schedule(client, summit, session, lang):
    make_full_session(summit=summit, starts_at=datetime(2020, 10, 1, 23, 0, tzinfo=RIYADH))
    make_session(summit=summit, status="cancelled")

    document = _json(client.get(export_url(summit, FRAB_JSON, lang)))
    imported = import_frab_xml(client.get(export_url(summit, "schedule.xml", lang)).content)

    conference = document["schedule"]["conference"]
    events = {
        event["guid"]: event
        for day in conference["days"]
        for room in day["rooms"].values()
        for event in room
    }
    assert imported["version"] == document["schedule"]["version"]
    assert (imported["acronym"], imported["title"], imported["days"]) == (
        conference["acronym"],
        conference["title"],
        conference["daysCount"],
    )
    assert sorted(imported["events"]) == sorted(events)
    assert {
        guid: (e["id"], e["title"], e["track"] or None, e["room"], e["slug"], e["duration"])
        for guid, e in imported["events"].items()
    } == {
        guid: (
            e["id"],
            e["title"],
            e["track"],
            e["room"],
            e["slug"],
            hours_minutes(e["duration"]),
        )
        for guid, e in events.items()
    }


def test_frab_json_version_is_the_same_in_both_languages(client, summit, session):
    versions = [
        _json(client.get(export_url(summit, FRAB_JSON, lang)))["schedule"]["version"]
        for lang in ("en", "ar")
    ]

    assert versions[0] == versions[1]


def test_frab_json_leaves_out_a_zone_its_schema_cannot_name(summit, session):
    summit.time_zone = "Etc/GMT-3"
    summit.save()

    with translation.override("en"):
        document = frab_json(summit, [session], url_for=lambda path: "https://x.test" + path)

    assert "time_zone_name" not in document["schedule"]["conference"]
    assert json_errors(VALIDATOR, document) == []


def test_agenda_page_links_to_the_frab_json(client, summit):
    for lang in ("en", "ar"):
        html = client.get(f"/{lang}/summits/{summit.slug}/agenda/").content.decode()

        assert f'href="/{lang}/summits/u20-2020/agenda/schedule.frab.json"' in html


def test_schedule_frab_json_of_summit_with_short_slug_validates(client):
    summit = make_summit(slug="abc", year=2024, time_zone="UTC")
    make_session(summit=summit, slug="x")

    document = _json(client.get(export_url(summit, FRAB_JSON)))

    assert json_errors(VALIDATOR, document) == []
    assert document["schedule"]["conference"]["acronym"] == "abc_2024"
