"""Who counts as attended, by the summit's rule, at the threshold's edge,
and the numbers per session and channel the admin's report reads."""

from datetime import datetime

import pytest

from sessions.attendance import attendance_by_session, attended, record_join
from sessions.models import Registration, Session, SessionLanguage
from tests.factories import RIYADH, make_participant, make_session, make_summit
from u20.models import AttendanceRule

pytestmark = pytest.mark.django_db


def place(session, *, minutes=None, channel="", status="confirmed") -> Registration:
    return Registration.objects.create(
        session=session,
        participant=make_participant(),
        status=status,
        minutes_attended=minutes,
        channel=channel,
        waitlisted_at=datetime(2020, 9, 1, tzinfo=RIYADH) if status == "waitlisted" else None,
    )


@pytest.fixture
def session():
    summit = make_summit(attendance_minutes=30)
    session = make_session(summit=summit, floor_language="en")
    SessionLanguage.objects.create(
        session=session, kind="interpretation", language="ar", join_url="https://example.org/ar"
    )
    return session


def test_by_minutes_the_threshold_itself_counts_and_a_minute_less_does_not(session):
    summit = session.summit
    summit.attendance_rule = AttendanceRule.MINUTES
    summit.save()
    at, under, joined = place(session, minutes=30), place(session, minutes=29), place(session)
    record_join(joined, channel="en")

    assert set(attended(summit)) == {at}
    assert under not in attended(summit) and joined not in attended(summit)


def test_by_joining_a_click_or_any_minutes_count(session):
    summit = session.summit
    clicked, minute, nothing = place(session), place(session, minutes=1), place(session, minutes=0)
    record_join(clicked, channel="ar")

    assert set(attended(summit)) == {clicked, minute}
    assert nothing not in attended(summit)


def test_only_confirmed_places_count(session):
    waiting = place(session, status="waitlisted", minutes=90)
    record_join(waiting, channel="en")

    assert list(attended(session.summit)) == []


def test_report_counts_per_session_and_channel_the_floor_first(session):
    record_join(place(session, channel="ar"), channel="ar")
    place(session, channel="ar")
    place(session, minutes=45)
    empty = make_session(summit=session.summit, starts_at=session.starts_at.replace(hour=15))

    rows = attendance_by_session(session.summit, Session.objects.filter(summit=session.summit))

    assert [(row.session, row.registered, row.attended, row.no_show_rate) for row in rows] == [
        (session, 3, 2, 33),
        (empty, 0, 0, None),
    ]
    assert rows[0].channels == [("en", 1, 1), ("ar", 2, 1)]
