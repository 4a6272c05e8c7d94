import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from sessions.exports import GUID_NAMESPACE
from tests.factories import (
    RIYADH,
    add_host,
    add_speaker,
    make_city,
    make_full_session,
    make_organisation,
    make_session,
    make_speaker,
    make_summit,
    make_theme,
)

pytestmark = pytest.mark.django_db

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).with_name("frab-schedule.xsd"))))
SECRET = "https://meet.example.org/secret-room"
SCHEDULE_EXPORTS = ["schedule.ics", "schedule.json", "schedule.xml"]


@pytest.fixture
def summit():
    return make_summit(
        slug="u20-2020",
        name_en="U20 Mayors Summit 2020",
        name_ar="قمة رؤساء بلديات مدن مجموعة العشرين 2020",
        year=2020,
        is_virtual=True,
    )


@pytest.fixture
def session(summit):
    session = make_session(
        summit=summit,
        slug="cities-of-the-future",
        title_en="Cities of the Future: Post COVID-19",
        title_ar="مدن المستقبل: ما بعد كوفيد-19",
        description_en="How ready cities are for crises.",
        description_ar="مدى جاهزية المدن للأزمات.",
        starts_at=datetime(2020, 9, 30, 10, 0, tzinfo=RIYADH),
        ends_at=datetime(2020, 9, 30, 11, 30, tzinfo=RIYADH),
        kind="side_event",
    )
    add_host(session, make_city(name_en="Riyadh", name_ar="الرياض", slug="riyadh"), order=0)
    add_host(
        session,
        make_organisation(name_en="UN-Habitat", name_ar="موئل الأمم المتحدة", slug="un-habitat"),
        order=1,
    )
    add_speaker(
        session,
        make_speaker(
            name_en="Maimunah Mohd Sharif",
            name_ar="ميمونة محمد شريف",
            slug="maimunah-mohd-sharif",
            title_en="Executive Director",
            title_ar="المديرة التنفيذية",
            organisation=make_organisation(
                name_en="UN-Habitat Secretariat", name_ar="أمانة موئل الأمم المتحدة"
            ),
        ),
        role="keynote",
    )
    session.themes.add(
        make_theme(
            name_en="Inclusive Prosperous Communities",
            name_ar="مجتمعات مزدهرة وشاملة",
            slug="inclusive-communities",
        )
    )
    return session


def _url(summit, name, lang="en"):
    return f"/{lang}/summits/{summit.slug}/agenda/{name}"


def _calendar(response):
    return icalendar.Calendar.from_ical(response.content)


def _xml(response):
    return etree.fromstring(response.content)


# iCalendar


def test_schedule_ics_describes_calendar_and_download(client, summit, session):
    response = client.get(_url(summit, "schedule.ics"))

    calendar = _calendar(response)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="u20-2020-agenda.ics"'
    assert (str(calendar["prodid"]), str(calendar["version"]), str(calendar["x-wr-calname"])) == (
        "-//U20 Mayors Summit//Agenda//EN",
        "2.0",
        "U20 Mayors Summit 2020 agenda",
    )


def test_schedule_ics_event_has_utc_times_and_session_details(client, summit, session):
    response = client.get(_url(summit, "schedule.ics"))

    [event] = _calendar(response).walk("VEVENT")
    assert event["dtstart"].dt == datetime(2020, 9, 30, 7, 0, tzinfo=UTC)
    assert event["dtend"].dt == datetime(2020, 9, 30, 8, 30, tzinfo=UTC)
    assert b"DTSTART:20200930T070000Z" in response.content
    assert str(event["uid"]) == f"session-{session.pk}@u20"
    assert str(event["summary"]) == "Cities of the Future: Post COVID-19"
    assert str(event["description"]) == (
        "How ready cities are for crises.\n\nHosted by: Riyadh, UN-Habitat"
    )
    assert (
        str(event["url"]) == "http://testserver/en/summits/u20-2020/sessions/cities-of-the-future/"
    )
    assert event["categories"].cats == ["Inclusive Prosperous Communities"]
    assert str(event["location"]) == "Online"
    assert str(event["status"]) == "CONFIRMED"
    assert event["dtstamp"].dt.utcoffset() == timedelta(0)


def test_schedule_ics_event_marks_cancelled_session_cancelled(client, summit):
    make_session(summit=summit, status="cancelled")

    response = client.get(_url(summit, "schedule.ics"))

    [event] = _calendar(response).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"


def test_schedule_ics_uid_is_the_same_between_requests_and_languages(client, summit, session):
    uids = [
        str(event["uid"])
        for lang in ("en", "en", "ar")
        for event in _calendar(client.get(_url(summit, "schedule.ics", lang))).walk("VEVENT")
    ]

    assert uids == [f"session-{session.pk}@u20"] * 3


def test_schedule_ics_lists_sessions_in_start_order(client, summit):
    late = make_session(summit=summit, starts_at=datetime(2020, 9, 30, 15, 0, tzinfo=RIYADH))
    early = make_session(summit=summit, starts_at=datetime(2020, 9, 30, 9, 0, tzinfo=RIYADH))

    response = client.get(_url(summit, "schedule.ics"))

    assert [str(e["summary"]) for e in _calendar(response).walk("VEVENT")] == [
        early.title_en,
        late.title_en,
    ]


def test_session_ics_holds_that_session_only(client, summit, session):
    make_session(summit=summit)

    response = client.get(f"/en/summits/{summit.slug}/sessions/{session.slug}/session.ics")

    events = _calendar(response).walk("VEVENT")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cities-of-the-future.ics"'
    assert [(str(e["uid"]), str(e["summary"])) for e in events] == [
        (f"session-{session.pk}@u20", "Cities of the Future: Post COVID-19")
    ]


def test_session_ics_with_arabic_slug_has_encoded_filename(client, summit):
    session = make_session(summit=summit, slug="مدن-المستقبل")

    response = client.get(f"/ar/summits/{summit.slug}/sessions/{session.slug}/session.ics")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D9%85%D8%AF%D9%86-%D8%A7%D9%84%D9%85%D8%B3%D8%AA%D9%82"
        "%D8%A8%D9%84.ics"
    )


# JSON


def test_schedule_json_describes_summit_and_sessions(client, summit, session):
    response = client.get(_url(summit, "schedule.json"))

    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert data == {
        "summit": {
            "slug": "u20-2020",
            "name": "U20 Mayors Summit 2020",
            "year": 2020,
            "start_date": "2020-09-30",
            "end_date": "2020-10-02",
            "time_zone": "Asia/Riyadh",
            "url": "http://testserver/en/summits/u20-2020/",
        },
        "language": "en",
        "sessions": [
            {
                "id": session.pk,
                "slug": "cities-of-the-future",
                "url": "http://testserver/en/summits/u20-2020/sessions/cities-of-the-future/",
                "title": "Cities of the Future: Post COVID-19",
                "description": "How ready cities are for crises.",
                "kind": "side_event",
                "status": "scheduled",
                "starts_at": "2020-09-30T07:00:00Z",
                "ends_at": "2020-09-30T08:30:00Z",
                "start_local": "2020-09-30T10:00:00+03:00",
                "themes": [
                    {"slug": "inclusive-communities", "name": "Inclusive Prosperous Communities"}
                ],
                "hosts": [
                    {"type": "city", "slug": "riyadh", "name": "Riyadh"},
                    {"type": "organisation", "slug": "un-habitat", "name": "UN-Habitat"},
                ],
                "speakers": [
                    {
                        "slug": "maimunah-mohd-sharif",
                        "name": "Maimunah Mohd Sharif",
                        "role": "keynote",
                        "title": "Executive Director",
                        "organisation": "UN-Habitat Secretariat",
                    }
                ],
                "ics_url": (
                    "http://testserver/en/summits/u20-2020/sessions/cities-of-the-future/session.ics"
                ),
            }
        ],
    }


def test_schedule_json_in_arabic_gives_arabic_text(client, summit, session):
    response = client.get(_url(summit, "schedule.json", "ar"))

    data = json.loads(response.content)
    [item] = data["sessions"]
    assert (data["language"], data["summit"]["name"]) == (
        "ar",
        "قمة رؤساء بلديات مدن مجموعة العشرين 2020",
    )
    assert (item["title"], item["hosts"][0]["name"], item["speakers"][0]["title"]) == (
        "مدن المستقبل: ما بعد كوفيد-19",
        "الرياض",
        "المديرة التنفيذية",
    )
    assert item["url"] == ("http://testserver/ar/summits/u20-2020/sessions/cities-of-the-future/")


def test_schedule_json_reports_cancelled_status(client, summit):
    make_session(summit=summit, status="cancelled")

    response = client.get(_url(summit, "schedule.json"))

    assert [item["status"] for item in json.loads(response.content)["sessions"]] == ["cancelled"]


def test_schedule_json_of_summit_without_sessions_is_empty_list(client, summit):
    response = client.get(_url(summit, "schedule.json"))

    assert json.loads(response.content)["sessions"] == []


# frab XML


def test_schedule_xml_validates_against_frab_schema(client, summit, session):
    make_full_session(summit=summit, speakers=2, hosts=2, status="cancelled")
    make_session(
        summit=summit,
        title_en="Pipes & <tags> \x0b and a vertical tab",
        description_en="",
        starts_at=datetime(2020, 10, 2, 23, 30, tzinfo=RIYADH),
    )

    response = client.get(_url(summit, "schedule.xml"))

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

    response = client.get(_url(summit, "schedule.xml"))

    document = _xml(response)
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert document.findtext("day/room/event/duration") == "99:59"


def test_schedule_xml_without_sessions_validates_with_every_summit_day(client, summit):
    response = client.get(_url(summit, "schedule.xml"))

    document = _xml(response)
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert [day.get("date") for day in document.findall("day")] == [
        "2020-09-30",
        "2020-10-01",
        "2020-10-02",
    ]


def test_schedule_xml_in_arabic_validates(client, summit, session):
    response = client.get(_url(summit, "schedule.xml", "ar"))

    document = _xml(response)
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert document.findtext("day/room/event/title") == "مدن المستقبل: ما بعد كوفيد-19"


def test_schedule_xml_describes_conference_and_days(client, summit, session):
    response = client.get(_url(summit, "schedule.xml"))

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
    response = client.get(_url(summit, "schedule.xml"))

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
        ("http://testserver/en/summits/u20-2020/sessions/cities-of-the-future/", "Session page")
    ]


def test_schedule_xml_puts_session_on_the_day_it_starts_in_summit_zone(client, summit):
    # 23:30 UTC on 30 September is 02:30 on 1 October in Riyadh.
    session = make_session(
        summit=summit,
        starts_at=datetime(2020, 9, 30, 23, 30, tzinfo=UTC),
        ends_at=datetime(2020, 10, 1, 1, 0, tzinfo=UTC),
    )

    response = client.get(_url(summit, "schedule.xml"))

    document = _xml(response)
    assert [
        (day.get("index"), [event.get("id") for event in day.iter("event")])
        for day in document.findall("day")
    ] == [("1", []), ("2", [str(session.pk)]), ("3", [])]
    assert document.findtext("day/room/event/start") == "02:30"


def test_schedule_xml_in_person_session_is_in_host_city_room(client):
    summit = make_summit(is_virtual=False, host_city=make_city(name_en="Tokyo", name_ar="طوكيو"))
    make_session(summit=summit)

    response = client.get(_url(summit, "schedule.xml"))

    document = _xml(response)
    assert [room.get("name") for room in document.findall("day/room")] == ["Tokyo"] * 3


def test_schedule_xml_titles_cancelled_session_as_cancelled(client, summit):
    make_session(summit=summit, title_en="Urban Air Mobility", status="cancelled")

    response = client.get(_url(summit, "schedule.xml"))

    assert _xml(response).findtext("day/room/event/title") == "Cancelled: Urban Air Mobility"


def test_schedule_xml_guid_is_the_same_between_requests_and_languages(client, summit, session):
    guids = [
        _xml(client.get(_url(summit, "schedule.xml", lang))).find("day/room/event").get("guid")
        for lang in ("en", "en", "ar")
    ]

    assert guids == [str(uuid.uuid5(GUID_NAMESPACE, str(session.pk)))] * 3


# Every export


def _all_export_urls(summit, session, lang="en"):
    return [_url(summit, name, lang) for name in SCHEDULE_EXPORTS] + [
        f"/{lang}/summits/{summit.slug}/sessions/{session.slug}/session.ics"
    ]


def test_exports_in_arabic_give_arabic_titles(client, summit, session):
    responses = [client.get(url) for url in _all_export_urls(summit, session, "ar")]

    assert [
        (
            "مدن المستقبل: ما بعد كوفيد-19" in r.content.decode(),
            "Cities of the" in r.content.decode(),
        )
        for r in responses
    ] == [(True, False)] * 4


def test_schedule_exports_leave_out_unpublished_sessions(client, summit, session):
    make_session(summit=summit, title_en="Draft session", is_published=False)

    responses = [client.get(_url(summit, name)) for name in SCHEDULE_EXPORTS]

    assert [(r.status_code, b"Draft session" in r.content) for r in responses] == [(200, False)] * 3


def test_exports_never_include_the_join_link(client, summit, session):
    session.join_url = SECRET
    session.save()

    responses = [client.get(url) for url in _all_export_urls(summit, session)]

    assert [(r.status_code, SECRET.encode() in r.content) for r in responses] == [(200, False)] * 4
    assert [b"secret-room" in r.content for r in responses] == [False] * 4


@pytest.mark.parametrize("name", SCHEDULE_EXPORTS)
def test_schedule_export_of_unknown_summit_is_404(client, name):
    response = client.get(f"/en/summits/no-such-summit/agenda/{name}")

    assert response.status_code == 404


@pytest.mark.parametrize("name", SCHEDULE_EXPORTS)
def test_schedule_export_of_unpublished_summit_is_404(client, name):
    summit = make_summit(is_published=False)
    make_session(summit=summit)

    response = client.get(_url(summit, name))

    assert response.status_code == 404


@pytest.mark.parametrize("name", SCHEDULE_EXPORTS)
def test_schedule_export_with_nul_in_summit_slug_is_404(client, name):
    response = client.get(f"/en/summits/x%00/agenda/{name}")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "slug",
    ["no-such-session", "x%00", "cities-of-the-future%00"],
)
def test_session_ics_of_unknown_session_is_404(client, summit, session, slug):
    response = client.get(f"/en/summits/{summit.slug}/sessions/{slug}/session.ics")

    assert response.status_code == 404


def test_session_ics_of_unpublished_session_is_404(client, summit):
    session = make_session(summit=summit, is_published=False)

    response = client.get(f"/en/summits/{summit.slug}/sessions/{session.slug}/session.ics")

    assert response.status_code == 404


def test_session_ics_of_session_in_unpublished_summit_is_404(client):
    summit = make_summit(is_published=False)
    session = make_session(summit=summit)

    response = client.get(f"/en/summits/{summit.slug}/sessions/{session.slug}/session.ics")

    assert response.status_code == 404


def test_session_ics_of_session_under_other_summit_is_404(client, summit, session):
    other = make_summit()

    response = client.get(f"/en/summits/{other.slug}/sessions/{session.slug}/session.ics")

    assert response.status_code == 404


def test_exports_refuse_post(client, summit, session):
    responses = [client.post(url) for url in _all_export_urls(summit, session)]

    assert [r.status_code for r in responses] == [405] * 4


def test_exports_answer_head(client, summit, session):
    responses = [client.head(url) for url in _all_export_urls(summit, session)]

    assert [(r.status_code, r.content) for r in responses] == [(200, b"")] * 4


# One summit lookup, the sessions, then one query each for themes, hosts and
# speakers: the same for any number of sessions.
SCHEDULE_QUERIES = 5


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("name", SCHEDULE_EXPORTS)
def test_schedule_export_runs_fixed_number_of_queries(client, summit, name, rows):
    for _ in range(rows):
        make_full_session(summit=summit, speakers=2, hosts=2)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(_url(summit, name))

    assert (response.status_code, len(queries)) == (200, SCHEDULE_QUERIES)
