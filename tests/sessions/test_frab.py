"""The frab XML export (sessions.frab): the schedule as served, valid against
the published frab-schedule.xsd, the same identities (version, guids, tracks,
rooms) in both languages, and the builders called directly, with no request.
frab JSON has test_frab_json; the demo summits test_frab_demo."""

import uuid
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import pytest
from django.utils import translation
from lxml import etree

from sessions.frab import GUID_NAMESPACE, frab_json, frab_schedule, frab_xml, xml_document
from sessions.selectors import schedule_sessions
from tests.factories import (
    RIYADH,
    add_speaker,
    make_city,
    make_full_session,
    make_session,
    make_speaker,
    make_summit,
    make_theme,
)
from tests.sessions.schedule_fixtures import (
    export_url,
    frab_schema,
    make_schedule_session,
    make_schedule_summit,
)
from u20 import pagecache
from u20.links import absolute_url

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


def _version(summit, lang="en"):
    with translation.override(lang):
        document = frab_json(summit, schedule_sessions(summit), url_for=absolute_url)
    return document["schedule"]["version"]


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
    # The language the session is held in, whatever the schedule's own.
    assert document.findtext("day/room/event/language") == session.floor_language == "en"


def test_schedule_xml_names_generator_address_and_version_first(client, summit, session):
    response = client.get(export_url(summit, "schedule.xml"))

    document = _xml(response)
    assert [child.tag for child in document][:4] == ["generator", "url", "version", "conference"]
    assert dict(document.find("generator").attrib) == {"name": "u20-summit", "version": "0.1.0"}
    assert document.findtext("url") == (
        "https://summit.example.org/en/summits/u20-2020/agenda/schedule.xml"
    )
    assert len(document.findtext("version")) == 12


def test_schedule_xml_describes_conference_and_days(client, summit, session):
    response = client.get(export_url(summit, "schedule.xml"))

    document = _xml(response)
    conference = document.find("conference")
    assert [(child.tag, child.text, dict(child.attrib)) for child in conference] == [
        ("title", "U20 Mayors Summit 2020", {}),
        ("acronym", "u20_2020", {}),
        ("start", "2020-09-30", {}),
        ("end", "2020-10-02", {}),
        ("days", "3", {}),
        ("timeslot_duration", "00:05", {}),
        ("base_url", "https://summit.example.org/en/summits/u20-2020/", {}),
        ("url", "https://summit.example.org/en/summits/u20-2020/agenda/", {}),
        ("time_zone_name", "Asia/Riyadh", {}),
        (
            "track",
            None,
            {"name": "Inclusive Prosperous Communities", "slug": "inclusive-communities"},
        ),
    ]
    assert dict(document.find("day").attrib) == {
        "index": "1",
        "date": "2020-09-30",
        "start": "2020-09-30T00:00:00+03:00",
        "end": "2020-10-01T00:00:00+03:00",
    }


def test_schedule_xml_event_has_local_times_and_session_details(client, summit, session):
    speaker = session.session_speakers.get().speaker

    response = client.get(export_url(summit, "schedule.xml"))

    event = _xml(response).find("day/room/event")
    page = "https://summit.example.org/en/summits/u20-2020/sessions/cities-of-the-future/"
    assert dict(event.attrib) == {
        "id": str(session.pk),
        "guid": str(uuid.uuid5(GUID_NAMESPACE, str(session.pk))),
    }
    assert {child.tag: (child.text or "") for child in event if len(child) == 0} == {
        "date": "2020-09-30T10:00:00+03:00",
        "start": "10:00",
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
    }
    assert [(p.text, p.get("id")) for p in event.findall("persons/person")] == [
        ("Maimunah Mohd Sharif", str(speaker.pk))
    ]
    assert [(link.get("href"), link.text) for link in event.findall("links/link")] == [
        (page, "Session page")
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


# The same identities in every language


def test_schedule_xml_guid_is_the_same_between_requests_and_languages(client, summit, session):
    guids = [
        _xml(client.get(export_url(summit, "schedule.xml", lang)))
        .find("day/room/event")
        .get("guid")
        for lang in ("en", "en", "ar")
    ]

    assert guids == [str(uuid.uuid5(GUID_NAMESPACE, str(session.pk)))] * 3


def test_schedule_xml_track_is_the_same_theme_in_both_languages(client, summit):
    # Sorted by name, English puts "Air quality" first and Arabic "المياه" (water).
    water = make_theme(name_en="Water", name_ar="المياه", slug="water")
    air = make_theme(name_en="Air quality", name_ar="جودة الهواء", slug="air-quality")
    session = make_session(summit=summit)
    session.themes.add(air, water)

    tracks = {}
    for lang in ("en", "ar"):
        document = _xml(client.get(export_url(summit, "schedule.xml", lang)))
        slugs = {t.get("name"): t.get("slug") for t in document.iterfind("conference/track")}
        tracks[lang] = slugs[document.findtext("day/room/event/track")]

    assert tracks == {"en": "water", "ar": "water"}


def test_schedule_xml_rooms_are_the_same_in_both_languages(client):
    summit = make_summit(is_virtual=False, host_city=make_city(name_en="Tokyo", name_ar="طوكيو"))
    make_session(summit=summit)
    make_session(summit=summit, join_url="https://meet.example.org/room")

    rooms = {
        lang: [
            (room.get("name"), room.get("guid"))
            for room in _xml(client.get(export_url(summit, "schedule.xml", lang))).iterfind(
                "day[@index='1']/room"
            )
        ]
        for lang in ("en", "ar")
    }

    assert [name for name, _guid in rooms["en"]] == ["Tokyo", "Online"]
    assert [name for name, _guid in rooms["ar"]] == ["طوكيو", "عبر الإنترنت"]
    assert [guid for _name, guid in rooms["en"]] == [guid for _name, guid in rooms["ar"]]
    assert len({guid for _name, guid in rooms["en"]}) == 2


def test_schedule_xml_version_is_the_same_in_both_languages_and_between_requests(
    client, summit, session
):
    versions = [
        _xml(client.get(export_url(summit, "schedule.xml", lang))).findtext("version")
        for lang in ("en", "ar")
    ]
    pagecache.content_changed()
    versions.append(_xml(client.get(export_url(summit, "schedule.xml"))).findtext("version"))

    assert versions == [_version(summit)] * 3


def test_version_moves_on_when_the_arabic_title_changes(summit, session):
    before = (_version(summit, "en"), _version(summit, "ar"))
    session.title_ar = "مدن الغد"
    session.save()

    after = (_version(summit, "en"), _version(summit, "ar"))

    assert after[0] == after[1]
    assert after[0] not in before


def test_version_moves_on_when_a_speaker_is_renamed(summit, session):
    before = _version(summit)
    speaker = session.session_speakers.get().speaker
    speaker.name_ar = "د. ميمونة محمد شريف"
    speaker.save()

    assert _version(summit) != before


def test_version_moves_on_when_a_session_is_added_or_unpublished(summit, session):
    first = _version(summit)
    other = make_session(summit=summit)
    added = _version(summit)
    other.is_published = False
    other.save()

    assert (added != first, _version(summit)) == (True, first)


def test_version_stays_when_a_session_is_saved_unchanged(summit, session):
    before = _version(summit)
    session.save()

    assert _version(summit) == before


# The builders alone


def test_frab_schedule_without_request_validates_and_links_with_url_for(summit, session):
    with translation.override("en"):
        document = frab_schedule(summit, [session], url_for=_absolute, url="https://x.test/s.xml")

    xml = etree.fromstring(ET.tostring(xml_document(document)))
    assert SCHEMA.validate(xml), SCHEMA.error_log
    assert [link.get("href") for link in xml.iter("link")] == [
        "https://x.test/en/summits/u20-2020/sessions/cities-of-the-future/"
    ]
    assert xml.findtext("url") == "https://x.test/s.xml"


def test_frab_xml_without_request_is_a_utf8_document_with_declaration(summit, session):
    with translation.override("en"):
        content = frab_xml(summit, [session], url_for=_absolute)

    assert content.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<schedule>")
    assert etree.fromstring(content).findtext("url") == (
        "https://x.test/en/summits/u20-2020/agenda/schedule.xml"
    )


def test_frab_xml_of_short_slugs_and_arabic_session_slug_validates(client):
    summit = make_summit(slug="u20", year=2021)
    session = make_session(summit=summit, slug="مدن-الغد")
    add_speaker(session, make_speaker(name_en="Ana", name_ar="آنا"))

    document = _xml(client.get(export_url(summit, "schedule.xml", "ar")))

    assert SCHEMA.validate(document), SCHEMA.error_log
    assert (document.findtext("conference/acronym"), document.findtext(".//event/slug")) == (
        "u20_2021",
        f"u20_2021-session-{session.pk}" if session.pk < 1000 else f"u20_2021-{session.pk}",
    )
