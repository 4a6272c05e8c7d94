"""The iCalendar exports (sessions.calendar): the schedule and one session as
served, and the builder called directly, with no request."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.utils import translation

from sessions.calendar import build_calendar
from tests.factories import RIYADH, make_session
from tests.sessions.schedule_fixtures import (
    SECRET,
    export_url,
    make_schedule_session,
    make_schedule_summit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def summit():
    return make_schedule_summit()


@pytest.fixture
def session(summit):
    return make_schedule_session(summit)


def _calendar(response):
    return icalendar.Calendar.from_ical(response.content)


def _absolute(path):
    return "https://x.test" + path


# Served


def test_schedule_ics_describes_calendar_and_download(client, summit, session):
    response = client.get(export_url(summit, "schedule.ics"))

    calendar = _calendar(response)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="u20-2020-agenda.ics"'
    assert (str(calendar["prodid"]), str(calendar["version"]), str(calendar["x-wr-calname"])) == (
        "-//U20 Mayors Summit//Agenda//EN",
        "2.0",
        "U20 Mayors Summit 2020 agenda",
    )


def test_schedule_ics_event_has_utc_times_and_session_details(client, summit, session):
    response = client.get(export_url(summit, "schedule.ics"))

    [event] = _calendar(response).walk("VEVENT")
    assert event["dtstart"].dt == datetime(2020, 9, 30, 7, 0, tzinfo=UTC)
    assert event["dtend"].dt == datetime(2020, 9, 30, 8, 30, tzinfo=UTC)
    assert b"DTSTART:20200930T070000Z" in response.content
    assert str(event["uid"]) == f"session-{session.pk}@summit.example.org"
    assert str(event["summary"]) == "Cities of the Future: Post COVID-19"
    # The description says when first, as the session page does, in the summit's zone.
    assert str(event["description"]) == (
        "Wednesday 30 September 2020, 10:00–11:30, Riyadh time, UTC+3\n\n"
        "How ready cities are for crises.\n\nHosted by: Riyadh, UN-Habitat\n\nLanguages: English"
    )
    assert (
        str(event["url"])
        == "https://summit.example.org/en/summits/u20-2020/sessions/cities-of-the-future/"
    )
    assert event["categories"].cats == ["Inclusive Prosperous Communities"]
    assert str(event["location"]) == "Online"
    assert str(event["status"]) == "CONFIRMED"
    assert event["dtstamp"].dt.utcoffset() == timedelta(0)


def test_schedule_ics_event_marks_cancelled_session_cancelled(client, summit):
    make_session(summit=summit, status="cancelled")

    response = client.get(export_url(summit, "schedule.ics"))

    [event] = _calendar(response).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"


def test_schedule_ics_uid_is_the_same_between_requests_and_languages(client, summit, session):
    uids = [
        str(event["uid"])
        for lang in ("en", "en", "ar")
        for event in _calendar(client.get(export_url(summit, "schedule.ics", lang))).walk("VEVENT")
    ]

    assert uids == [f"session-{session.pk}@summit.example.org"] * 3


def test_schedule_ics_lists_sessions_in_start_order(client, summit):
    late = make_session(summit=summit, starts_at=datetime(2020, 9, 30, 15, 0, tzinfo=RIYADH))
    early = make_session(summit=summit, starts_at=datetime(2020, 9, 30, 9, 0, tzinfo=RIYADH))

    response = client.get(export_url(summit, "schedule.ics"))

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
        (f"session-{session.pk}@summit.example.org", "Cities of the Future: Post COVID-19")
    ]


def test_session_ics_with_arabic_slug_has_encoded_filename(client, summit):
    session = make_session(summit=summit, slug="مدن-المستقبل")

    response = client.get(f"/ar/summits/{summit.slug}/sessions/{session.slug}/session.ics")

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D9%85%D8%AF%D9%86-%D8%A7%D9%84%D9%85%D8%B3%D8%AA%D9%82"
        "%D8%A8%D9%84.ics"
    )


# The builder alone


def test_build_calendar_without_request_has_one_event_per_session_and_no_join_link(summit, session):
    session.join_url = SECRET
    session.save()
    other = make_session(summit=summit, slug="urban-air-mobility")

    with translation.override("en"):
        content = build_calendar("U20 agenda", [session, other], url_for=_absolute)

    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["x-wr-calname"]) == "U20 agenda"
    assert [(str(e["uid"]), str(e["url"])) for e in calendar.walk("VEVENT")] == [
        (
            f"session-{session.pk}@summit.example.org",
            "https://x.test/en/summits/u20-2020/sessions/cities-of-the-future/",
        ),
        (
            f"session-{other.pk}@summit.example.org",
            "https://x.test/en/summits/u20-2020/sessions/urban-air-mobility/",
        ),
    ]
    assert SECRET.encode() not in content


def test_build_calendar_gives_join_link_only_to_sessions_in_join_urls(summit, session):
    other = make_session(summit=summit)
    other.join_url = SECRET
    other.save()

    with translation.override("en"):
        content = build_calendar(
            "My U20 sessions", [session, other], url_for=_absolute, join_urls={session.pk: SECRET}
        )

    [first, second] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(first["description"]) == (
        f"Join the session: {SECRET}\n\n"
        "Wednesday 30 September 2020, 10:00–11:30, Riyadh time, UTC+3\n\n"
        "How ready cities are for crises.\n\nHosted by: Riyadh, UN-Habitat\n\nLanguages: English"
    )
    assert SECRET not in str(second.get("description", ""))
