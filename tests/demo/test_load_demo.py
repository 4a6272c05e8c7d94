"""Loading the demo: the counts and files a second load keeps, the command,
what a change to the data does, and the practice edition timed from the
moment of loading. Each test here loads the demo in its own transaction; the
tests that only read what one load made share a load, in test_demo_data.py.
"""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from demo.loader import load_demo
from sessions import selectors, services
from sessions.models import Registration, Session, SessionHost, SessionSpeaker, Speaker
from tests.demo.shared_load import PRACTICE_SLUGS, RIYADH
from tests.demo.shared_load import practice_sessions_by_slug as _practice
from tests.factories import make_participant, make_summit
from u20.models import City, Organisation, Summit, SummitPartner, Theme

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "summits": Summit.objects.count(),
        "sessions": Session.objects.count(),
        "cities": City.objects.count(),
        "themes": Theme.objects.count(),
        "organisations": Organisation.objects.count(),
        "partners": SummitPartner.objects.count(),
        "speakers": Speaker.objects.count(),
        "hosts": SessionHost.objects.count(),
        "appearances": SessionSpeaker.objects.count(),
    }


def _media_files() -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


EXPECTED_COUNTS = {
    "summits": 4,
    "sessions": 15,
    "cities": 33,
    "themes": 3,
    "organisations": 13,
    "partners": 17,
    "speakers": 4,
    "hosts": 27,
    "appearances": 8,
}


def test_load_demo_twice_keeps_counts():
    load_demo()
    first = _counts()
    load_demo()

    assert first == EXPECTED_COUNTS
    assert _counts() == EXPECTED_COUNTS


def test_load_demo_twice_adds_no_files():
    load_demo()
    first = _media_files()
    load_demo()

    # Logos, photos, their thumbnails, and the practice recordings' two
    # transcripts (28); the 2020 press kit's SVG logo, PNG logo with its
    # preview and three smaller widths, two photos with their previews, and
    # its fact sheet (11).
    assert len(first) == 39
    assert _media_files() == first


def test_command_run_twice_prints_the_same_summary():
    outputs = []
    for _ in range(2):
        out = StringIO()
        call_command("load_demo", stdout=out)
        outputs.append(out.getvalue().strip())

    expected = (
        "Demo data loaded: 4 summits, 15 sessions, 33 cities, 3 themes, "
        "13 organisations, 17 partners, 4 speakers."
    )
    assert outputs == [expected, expected]


def test_load_demo_with_another_current_summit_moves_the_flag():
    make_summit(slug="practice", is_current=True)

    load_demo()

    assert list(Summit.objects.filter(is_current=True).values_list("slug", flat=True)) == [
        "riyadh-2020"
    ]


def test_every_logo_has_a_thumbnail():
    load_demo()

    for organisation in Organisation.objects.all():
        with Image.open(organisation.logo.path) as logo:
            assert (logo.format, logo.size[0] == logo.size[1]) == ("PNG", True)
        with Image.open(organisation.logo_thumbnail.path) as thumbnail:
            assert thumbnail.format == "WEBP"


def test_load_demo_without_thumbnail_derives_it_again():
    load_demo()
    organisation = Organisation.objects.get(slug="c40")
    logo_name = organisation.logo.name
    organisation.logo_thumbnail.delete(save=True)

    load_demo()
    organisation.refresh_from_db()

    assert organisation.logo.name == logo_name
    assert organisation.logo_thumbnail.storage.exists(organisation.logo_thumbnail.name) is True


# The practice edition: sample sessions timed from the moment of loading.


def _load_between() -> tuple[datetime, datetime]:
    """Load the demo; return the moments just before and just after."""
    before = timezone.now()
    load_demo()
    return before, timezone.now()


def test_practice_edition_runs_from_yesterday_or_before_to_three_days_ahead():
    before, after = _load_between()
    summit = Summit.objects.get(slug="practice")
    today = {before.astimezone(RIYADH).date(), after.astimezone(RIYADH).date()}
    session_days = {s.starts_at.astimezone(RIYADH).date() for s in _practice().values()}

    assert summit.end_date in {day + timedelta(days=3) for day in today}
    assert summit.start_date == min(session_days)
    assert summit.start_date < min(today)
    assert summit.year in {day.year for day in today}
    assert max(session_days) <= summit.end_date


def test_practice_sessions_are_timed_from_now():
    before, after = _load_between()
    sessions = _practice()
    quarter = timedelta(minutes=15)

    assert sorted(sessions) == sorted(PRACTICE_SLUGS)
    open_now = sessions["practice-open-now"]
    assert before - timedelta(minutes=6) <= open_now.starts_at <= after - timedelta(minutes=5)
    assert open_now.ends_at - open_now.starts_at == timedelta(hours=2)
    small = sessions["practice-small-room"]
    assert before + timedelta(hours=3) <= small.starts_at <= after + timedelta(hours=3) + quarter
    tomorrow = sessions["practice-tomorrow"]
    assert before + timedelta(days=1) <= tomorrow.starts_at <= after + timedelta(days=1) + quarter
    later = sessions["practice-no-limit"]
    assert before + timedelta(days=2) <= later.starts_at <= after + timedelta(days=2) + quarter
    ended = sessions["practice-ended"]
    assert before - timedelta(days=1) - quarter <= ended.ends_at <= after - timedelta(days=1)
    yesterday = {
        (moment - timedelta(days=1)).astimezone(RIYADH).date() for moment in (before, after)
    }
    assert ended.ends_at.astimezone(RIYADH).date() in yesterday


def test_practice_small_room_fills_and_puts_the_third_person_on_the_waitlist():
    load_demo()
    small = _practice()["practice-small-room"]

    statuses = [
        services.register(session=small, participant=make_participant()).status for _ in range(3)
    ]

    assert statuses == ["confirmed", "confirmed", "waitlisted"]


def test_reloading_moves_practice_sessions_and_keeps_registrations():
    load_demo()
    sessions = _practice()
    participant = make_participant()
    registration = Registration.objects.create(
        session=sessions["practice-small-room"],
        participant=participant,
        status=Registration.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    week = timedelta(days=7)
    for session in sessions.values():
        Session.objects.filter(pk=session.pk).update(
            starts_at=session.starts_at - week, ends_at=session.ends_at - week
        )

    before, after = _load_between()
    reloaded = _practice()

    assert {slug: s.pk for slug, s in reloaded.items()} == {
        slug: s.pk for slug, s in sessions.items()
    }
    open_now = reloaded["practice-open-now"]
    assert before - timedelta(minutes=6) <= open_now.starts_at <= after - timedelta(minutes=5)
    assert selectors.can_join_now(open_now) is True
    registration.refresh_from_db()
    assert (registration.session_id, registration.participant_id, registration.status) == (
        sessions["practice-small-room"].pk,
        participant.pk,
        "confirmed",
    )
    assert Registration.objects.count() == 1


def test_load_demo_places_practice_sessions_from_the_moment_given():
    start = datetime(2031, 3, 4, 9, 0, tzinfo=RIYADH)

    load_demo(now=start)
    first = {slug: (s.starts_at, s.ends_at) for slug, s in _practice().items()}
    load_demo(now=start + timedelta(hours=5))
    second = {slug: (s.starts_at, s.ends_at) for slug, s in _practice().items()}

    assert first["practice-open-now"] == (
        datetime(2031, 3, 4, 8, 55, tzinfo=RIYADH),
        datetime(2031, 3, 4, 10, 55, tzinfo=RIYADH),
    )
    assert first["practice-ended"] == (
        datetime(2031, 3, 3, 8, 0, tzinfo=RIYADH),
        datetime(2031, 3, 3, 9, 0, tzinfo=RIYADH),
    )
    assert {
        slug: (starts - first[slug][0], ends - first[slug][1])
        for slug, (starts, ends) in second.items()
    } == {slug: (timedelta(hours=5), timedelta(hours=5)) for slug in PRACTICE_SLUGS}
    summit = Summit.objects.get(slug="practice")
    assert (summit.start_date, summit.end_date, summit.year) == (
        date(2031, 3, 3),
        date(2031, 3, 7),
        2031,
    )


def test_home_page_without_practice_edition_has_no_link(client):
    make_summit(is_current=True)

    response = client.get("/en/")

    assert response.context["practice"] is None
    assert b"practice edition" not in response.content


def test_confirmed_registrant_sees_the_join_link_of_the_open_practice_session(client):
    load_demo()
    session = _practice()["practice-open-now"]
    participant = make_participant()
    services.register(session=session, participant=participant)
    client.force_login(participant.user)

    response = client.get("/en/summits/practice/sessions/practice-open-now/")

    assert response.status_code == 200
    assert b"Join the session now" in response.content
