"""An attendee's own schedule on /me/: places by the day they start in the
attendee's zone, how soon each starts, the join button inside its window
only, and past places with their recordings."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from sessions import selectors, services
from sessions.languages import language_name
from sessions.models import Recording, Session
from tests.factories import (
    RIYADH,
    make_participant,
    make_session,
    make_summit,
    make_upcoming_session,
)
from tests.translations import translated

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/u20-private-room"
NOW = datetime(2030, 9, 1, 12, 0, tzinfo=UTC)


def summit_2030():
    return make_summit(year=2030, start_date=date(2030, 10, 1), end_date=date(2030, 10, 3))


def riyadh_session(summit, hour, minute, **fields):
    return make_session(
        summit=summit, starts_at=datetime(2030, 10, 2, hour, minute, tzinfo=RIYADH), **fields
    )


def ended_place(participant, *, ended_ago: timedelta, recording_url: str = "", **fields) -> Session:
    """A session participant registered for while it was open, over by now,
    with a recording in English when recording_url is given."""
    session = make_upcoming_session(**fields)
    if recording_url:
        Recording.objects.create(session=session, language="en", url=recording_url)
    services.register(session=session, participant=participant)
    ends_at = datetime.now(UTC) - ended_ago
    Session.objects.filter(pk=session.pk).update(
        starts_at=ends_at - timedelta(hours=1), ends_at=ends_at
    )
    return session


def titles_by_day(schedule) -> list[tuple[date, list[str]]]:
    return [(day, [p.session.title for p in places]) for day, places in schedule.days]


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        # 00:30 and 23:30 in Riyadh are 06:30 on the 2nd and 05:30 on the 3rd in Tokyo,
        ("Asia/Tokyo", [(date(2030, 10, 2), ["Early"]), (date(2030, 10, 3), ["Late"])]),
        # and 14:30 on the 1st and 13:30 on the 2nd in Los Angeles.
        (
            "America/Los_Angeles",
            [(date(2030, 10, 1), ["Early"]), (date(2030, 10, 2), ["Late"])],
        ),
        ("Asia/Riyadh", [(date(2030, 10, 2), ["Early", "Late"])]),
    ],
)
def test_schedule_groups_places_by_their_start_day_in_the_attendee_zone(zone, expected):
    summit = summit_2030()
    participant = make_participant(time_zone=zone)
    for hour, minute, title in [(23, 30, "Late"), (0, 30, "Early")]:
        session = riyadh_session(summit, hour, minute, title_en=title)
        services.register(session=session, participant=participant)

    schedule = selectors.schedule_of(participant, now=NOW)

    assert titles_by_day(schedule) == expected
    assert schedule.past == []


def test_schedule_puts_ended_places_last_most_recent_first_and_keeps_a_live_one_upcoming():
    participant = make_participant()
    summit = summit_2030()
    sessions = {
        title: riyadh_session(summit, hour, 0, title_en=title)
        for title, hour in [("Morning", 9), ("Noon", 12), ("Afternoon", 15), ("Evening", 19)]
    }
    for session in sessions.values():
        services.register(session=session, participant=participant)
    # 15:30 in Riyadh: the morning and noon sessions are over, the afternoon one is on.
    now = datetime(2030, 10, 2, 15, 30, tzinfo=RIYADH)

    schedule = selectors.schedule_of(participant, now=now)

    assert titles_by_day(schedule) == [(date(2030, 10, 2), ["Afternoon", "Evening"])]
    assert [p.session.title for p in schedule.past] == ["Noon", "Morning"]
    assert [p.starts_in for p in schedule.days[0][1]] == ["Live now", "Starts in 3 hours"]


def test_schedule_leaves_out_cancelled_places():
    participant = make_participant()
    kept, dropped = make_upcoming_session(title_en="Kept"), make_upcoming_session()
    services.register(session=kept, participant=participant)
    services.cancel(registration=services.register(session=dropped, participant=participant))

    schedule = selectors.schedule_of(participant)

    assert [p.session.title for _, places in schedule.days for p in places] == ["Kept"]


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        (timedelta(seconds=20), timedelta(hours=1), "Starts in 1 minute"),
        (timedelta(minutes=45), timedelta(hours=1), "Starts in 45 minutes"),
        (timedelta(minutes=59, seconds=30), timedelta(hours=2), "Starts in 1 hour"),
        (timedelta(hours=3), timedelta(hours=4), "Starts in 3 hours"),
        (timedelta(hours=3, minutes=59), timedelta(hours=5), "Starts in 3 hours"),
        (timedelta(hours=25), timedelta(hours=26), "Starts in 1 day"),
        (timedelta(days=2), timedelta(days=2, hours=1), "Starts in 2 days"),
        (timedelta(minutes=-10), timedelta(minutes=50), "Live now"),
        (timedelta(hours=-2), timedelta(hours=-1), ""),
    ],
)
def test_starts_in_says_how_soon_in_words(starts, ends, expected):
    session = make_session(starts_at=NOW + starts, ends_at=NOW + ends)

    with translation.override("en"):
        assert selectors.starts_in(session, now=NOW) == expected


@pytest.mark.parametrize(
    ("starts", "expected"),
    [
        (timedelta(minutes=1), "تبدأ بعد دقيقة واحدة"),
        (timedelta(minutes=2), "تبدأ بعد دقيقتين"),
        (timedelta(minutes=5), "تبدأ بعد ٥ دقائق"),
        (timedelta(minutes=11), "تبدأ بعد ١١ دقيقة"),
        (timedelta(hours=1), "تبدأ بعد ساعة واحدة"),
        (timedelta(hours=2), "تبدأ بعد ساعتين"),
        (timedelta(hours=3), "تبدأ بعد ٣ ساعات"),
        (timedelta(hours=23), "تبدأ بعد ٢٣ ساعة"),
        (timedelta(days=1), "تبدأ بعد يوم واحد"),
        (timedelta(days=2), "تبدأ بعد يومين"),
        (timedelta(days=10), "تبدأ بعد ١٠ أيام"),
        (timedelta(days=11), "تبدأ بعد ١١ يومًا"),
        (timedelta(days=100), "تبدأ بعد ١٠٠ يوم"),
        (timedelta(days=102), "تبدأ بعد ١٠٢ يوم"),
        (timedelta(minutes=-1), "جارية الآن"),
    ],
)
def test_starts_in_uses_each_arabic_plural_form(starts, expected):
    session = make_session(starts_at=NOW + starts, ends_at=NOW + starts + timedelta(hours=1))

    with translation.override("ar"):
        assert selectors.starts_in(session, now=NOW) == expected


def test_schedule_offers_joining_only_to_a_confirmed_place_inside_the_window():
    participant = make_participant()
    summit = make_upcoming_session().summit
    open_now = make_upcoming_session(summit=summit, starts_in=timedelta(minutes=10), join_url=JOIN)
    full = make_upcoming_session(
        summit=summit, starts_in=timedelta(minutes=11), join_url=JOIN, capacity=1
    )
    later = make_upcoming_session(summit=summit, starts_in=timedelta(hours=3), join_url=JOIN)
    services.register(session=full, participant=make_participant())
    for session in (open_now, full, later):
        services.register(session=session, participant=participant)

    schedule = selectors.schedule_of(participant)

    places = [place for _, day in schedule.days for place in day]
    assert [(p.session.pk, p.registration.status, p.can_join) for p in places] == [
        (open_now.pk, "confirmed", True),
        (full.pk, "waitlisted", False),
        (later.pk, "confirmed", False),
    ]
    assert places[2].join_opens == later.starts_at - timedelta(minutes=15)


# The page


def login(client, participant):
    client.force_login(participant.user)
    return client


def day_headings(html: str) -> list[tuple[str, str]]:
    """(date, visible text) of each day heading on /me/."""
    return [
        (day, re.sub(r"<[^>]+>", "", text).strip())
        for day, text in re.findall(r'<h2 id="my-day-([\d-]+)">(.*?)</h2>', html, re.S)
    ]


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        (
            "en",
            [("2030-10-01", "Tuesday 1 October 2030"), ("2030-10-02", "Wednesday 2 October 2030")],
        ),
        ("ar", [("2030-10-01", "الثلاثاء"), ("2030-10-02", "الأربعاء")]),
    ],
)
def test_me_heads_each_day_in_the_attendee_zone(client, lang, headings):
    summit = summit_2030()
    participant = make_participant(time_zone="America/Los_Angeles")
    for hour in (0, 23):
        services.register(session=riyadh_session(summit, hour, 30), participant=participant)

    html = login(client, participant).get(f"/{lang}/me/").content.decode()

    found = day_headings(html)
    assert [day for day, _ in found] == [day for day, _ in headings]
    for (_, text), (_, expected) in zip(found, headings, strict=True):
        assert text.startswith(expected)
    assert '<time datetime="2030-10-01">' in html


@pytest.mark.parametrize(
    ("lang", "soon"), [("en", "Starts in 10 minutes"), ("ar", "تبدأ بعد ١٠ دقائق")]
)
def test_me_shows_join_inside_the_window_only_and_never_the_link_itself(client, lang, soon):
    join = translated(lang, "Join the session now")
    appears = translated(lang, "The join link appears here from %(opens)s.").split("%(opens)s")[0]
    participant = make_participant()
    open_now = make_upcoming_session(
        starts_in=timedelta(minutes=10), join_url=JOIN, title_en="Open now"
    )
    later = make_upcoming_session(starts_in=timedelta(hours=3), join_url=JOIN)
    services.register(session=open_now, participant=participant)
    services.register(session=later, participant=participant)

    response = login(client, participant).get(f"/{lang}/me/")

    html = response.content.decode()
    join_path = f"/{lang}/summits/{open_now.summit.slug}/sessions/{open_now.slug}/join/"
    assert re.findall(r'<a class="button" href="([^"]+/join/)"', html) == [join_path]
    assert html.count(join) == 1
    assert html.count(appears) == 1
    assert soon in html
    assert JOIN not in html
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_me_lists_past_places_with_their_recording(client, lang):
    past, watch, none_yet = (
        translated(lang, text)
        for text in ("Past sessions", "Watch the recording in %(language)s", "No recording yet")
    )
    with translation.override(lang):
        watch = watch % {"language": language_name("en")}
    participant = make_participant()
    recorded = ended_place(
        participant, ended_ago=timedelta(days=2), recording_url="https://video.example.org/rec"
    )
    unrecorded = ended_place(participant, ended_ago=timedelta(days=1))
    coming = make_upcoming_session(title_en="Still to come", title_ar="لم تبدأ بعد")
    services.register(session=coming, participant=participant)

    html = login(client, participant).get(f"/{lang}/me/").content.decode()

    upcoming, _, rest = html.partition(f'<h2 id="past-title">{past}</h2>')
    assert rest, "the past section is missing"
    assert coming.title_en in upcoming or coming.title_ar in upcoming
    assert rest.index(unrecorded.slug) < rest.index(recorded.slug)
    assert 'href="https://video.example.org/rec"' in rest
    assert watch in rest and none_yet in rest
    assert "/cancel/" not in rest


def test_me_cancel_buttons_lead_to_the_confirmation_page(client):
    participant = make_participant()
    session = make_upcoming_session()
    services.register(session=session, participant=participant)

    html = login(client, participant).get("/en/me/").content.decode()

    cancel = f"/en/summits/{session.summit.slug}/sessions/{session.slug}/cancel/"
    assert f'<form method="get" action="{cancel}">' in html
    assert '<input type="hidden" name="next" value="me">' in html


def test_me_says_when_nothing_is_upcoming(client):
    participant = make_participant()
    ended_place(participant, ended_ago=timedelta(hours=1))

    html = login(client, participant).get("/en/me/").content.decode()

    assert "You have no upcoming sessions." in html
    assert "Past sessions" in html


def test_me_makes_the_same_queries_with_2_and_20_places(client):
    counts = []
    for size in (2, 20):
        participant = make_participant(time_zone="Asia/Tokyo")
        summit = make_upcoming_session().summit
        for n in range(size):
            if n % 4 == 0:
                ended_place(
                    participant,
                    ended_ago=timedelta(days=n + 1),
                    summit=summit,
                    recording_url="https://video.example.org/rec",
                )
                continue
            session = make_upcoming_session(
                summit=summit,
                starts_in=timedelta(minutes=10 + 600 * n),
                join_url=JOIN,
                capacity=1 if n % 4 == 1 else None,
            )
            if n % 4 == 1:
                services.register(session=session, participant=make_participant())
            services.register(session=session, participant=participant)
        login(client, participant)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/me/")
        counts.append(len(queries))
        schedule = response.context["schedule"]
        assert sum(len(day) for _, day in schedule.days) + len(schedule.past) == size

    assert counts[0] == counts[1]
    assert counts[0] > 0
