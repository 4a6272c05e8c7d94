"""The frab XML export (sessions.frab): the schedule as served, valid against
frab-schedule.xsd, and the builder called directly, with no request."""

import uuid
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import pytest
from django.utils import translation
from lxml import etree

from sessions.frab import GUID_NAMESPACE, frab_schedule, frab_xml
from tests.factories import RIYADH, make_city, make_full_session, make_session, make_summit
from tests.sessions.schedule_fixtures import (
    export_url,
    frab_schema,
    make_schedule_session,
    make_schedule_summit,
)

pytestmark = pytest.mark.django_db

SCHEMA = frab_schema()


@pytest.fixture
def summit():
    return make_schedule_summit()


@pytest.fixture
def session(summit):
    return make_schedule_session(summit)


def _xml(response):
    return etree.fromstring(response.content)


def _absolute(path):
    return "https://x.test" + path


# Served


def test_schedule_xml_validates_against_frab_schema(client, summit, session):
    make_full_session(summit=summit, speakers=2, hosts=2, status="cancelled")
    make_session(
        summit=summit,
        title_en="Pipes & <tags> \x0b and a vertical tab",
        description_en="",
        starts_at=datetime(2020, 10, 2, 23, 30, tzinfo=RIYADH),
    )

    response = client.get(export_url(summit, "schedule.xml"))

    document = _xml(response)
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert len(document.findall("day/room/event")) == 3


def test_schedule_xml_session_longer_than_99_hours_still_validates(client, summit):
    make_session(
        summit=summit,
        starts_at=datetime(2020, 9, 30, 9, 0, tzinfo=RIYADH),
        ends_at=datetime(2020, 10, 5, 9, 0, tzinfo=RIYADH),
    )

    response = client.get(export_url(summit, "schedule.xml"))

    document = _xml(response)
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert document.findtext("day/room/event/duration") == "99:59"


def test_schedule_xml_without_sessions_validates_with_every_summit_day(client, summit):
    response = client.get(export_url(summit, "schedule.xml"))

    document = _xml(response)
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert [day.get("date") for day in document.findall("day")] == [
        "2020-09-30",
        "2020-10-01",
        "2020-10-02",
    ]


def test_schedule_xml_in_arabic_validates(client, summit, session):
    response = client.get(export_url(summit, "schedule.xml", "ar"))

    document = _xml(response)
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert document.findtext("day/room/event/title") == "مدن المستقبل: ما بعد كوفيد-19"


def test_schedule_xml_describes_conference_and_days(client, summit, session):
    response = client.get(export_url(summit, "schedule.xml"))

    document = _xml(response)
    conference = document.find("conference")
    assert [(child.tag, child.text) for child in conference] == [
        ("title", "U20 Mayors Summit 2020"),
        ("acronym", "u20-2020"),
        ("start", "2020-09-30"),
        ("end", "2020-10-02"),
        ("days", "3"),
    ]
    assert dict(document.find("day").attrib) == {
        "index": "1",
        "date": "2020-09-30",
        "start": "2020-09-30T00:00:00+03:00",
        "end": "2020-10-01T00:00:00+03:00",
    }


def test_schedule_xml_event_has_local_times_and_session_details(client, summit, session):
    response = client.get(export_url(summit, "schedule.xml"))

    event = _xml(response).find("day/room/event")
    assert dict(event.attrib) == {
        "id": str(session.pk),
        "guid": str(uuid.uuid5(GUID_NAMESPACE, str(session.pk))),
    }
    assert {child.tag: (child.text or "") for child in event if len(child) == 0} == {
        "date": "2020-09-30T10:00:00+03:00",
        "start": "10:00",
        "duration": "01:30",
        "room": "Online",
        "slug": "cities-of-the-future",
        "title": "Cities of the Future: Post COVID-19",
        "subtitle": "",
        "track": "Inclusive Prosperous Communities",
        "type": "side_event",
        "language": "en",
        "abstract": "How ready cities are for crises.",
        "description": "How ready cities are for crises.\n\nHosted by: Riyadh, UN-Habitat",
    }
    assert [p.text for p in event.findall("persons/person")] == ["Maimunah Mohd Sharif"]
    assert [(link.get("href"), link.text) for link in event.findall("links/link")] == [
        (
            "https://summit.example.org/en/summits/u20-2020/sessions/cities-of-the-future/",
            "Session page",
        )
    ]


def test_schedule_xml_puts_session_on_the_day_it_starts_in_summit_zone(client, summit):
    # 23:30 UTC on 30 September is 02:30 on 1 October in Riyadh.
    session = make_session(
        summit=summit,
        starts_at=datetime(2020, 9, 30, 23, 30, tzinfo=UTC),
        ends_at=datetime(2020, 10, 1, 1, 0, tzinfo=UTC),
    )

    response = client.get(export_url(summit, "schedule.xml"))

    document = _xml(response)
    assert [
        (day.get("index"), [event.get("id") for event in day.iter("event")])
        for day in document.findall("day")
    ] == [("1", []), ("2", [str(session.pk)]), ("3", [])]
    assert document.findtext("day/room/event/start") == "02:30"


def test_schedule_xml_in_person_session_is_in_host_city_room(client):
    summit = make_summit(is_virtual=False, host_city=make_city(name_en="Tokyo", name_ar="طوكيو"))
    make_session(summit=summit)

    response = client.get(export_url(summit, "schedule.xml"))

    document = _xml(response)
    assert [room.get("name") for room in document.findall("day/room")] == ["Tokyo"] * 3


def test_schedule_xml_titles_cancelled_session_as_cancelled(client, summit):
    make_session(summit=summit, title_en="Urban Air Mobility", status="cancelled")

    response = client.get(export_url(summit, "schedule.xml"))

    assert _xml(response).findtext("day/room/event/title") == "Cancelled: Urban Air Mobility"


def test_schedule_xml_guid_is_the_same_between_requests_and_languages(client, summit, session):
    guids = [
        _xml(client.get(export_url(summit, "schedule.xml", lang)))
        .find("day/room/event")
        .get("guid")
        for lang in ("en", "en", "ar")
    ]

    assert guids == [str(uuid.uuid5(GUID_NAMESPACE, str(session.pk)))] * 3


# The builder alone


def test_frab_schedule_without_request_validates_and_links_with_url_for(summit, session):
    with translation.override("en"):
        schedule = frab_schedule(summit, [session], url_for=_absolute)

    document = etree.fromstring(ET.tostring(schedule))
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert [link.get("href") for link in document.iter("link")] == [
        "https://x.test/en/summits/u20-2020/sessions/cities-of-the-future/"
    ]


def test_frab_xml_without_request_is_a_utf8_document_with_declaration(summit, session):
    with translation.override("en"):
        content = frab_xml(summit, [session], url_for=_absolute)

    assert content.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<schedule>")
    assert etree.fromstring(content).findtext("day/room/event/slug") == "cities-of-the-future"
