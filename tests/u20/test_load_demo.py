import itertools
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from sessions import services
from sessions.models import Registration, Session, SessionHost, SessionSpeaker, Speaker
from tests.factories import make_participant, make_summit
from u20.demo import load_demo
from u20.models import City, Organisation, Summit, SummitPartner, Theme

pytestmark = pytest.mark.django_db

RIYADH = ZoneInfo("Asia/Riyadh")
_BA = "America/Argentina/Buenos_Aires"


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


def _day_one_side_events() -> list[Session]:
    sessions = Session.objects.filter(summit__slug="riyadh-2020", kind="side_event")
    return [s for s in sessions if s.starts_at.astimezone(RIYADH).date() == date(2020, 9, 30)]


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

PRACTICE_SLUGS = [
    "practice-open-now",
    "practice-small-room",
    "practice-tomorrow",
    "practice-no-limit",
    "practice-ended",
]


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

    assert len(first) == 26
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


def test_day_one_has_eight_side_events_in_riyadh_time():
    load_demo()

    side_events = _day_one_side_events()

    assert len(side_events) == 8
    day_start = datetime(2020, 9, 30, 9, 0, tzinfo=RIYADH)
    day_end = datetime(2020, 9, 30, 20, 0, tzinfo=RIYADH)
    outside = [s.slug for s in side_events if s.starts_at < day_start or s.ends_at > day_end]
    lengths = {s.ends_at - s.starts_at for s in side_events}
    assert outside == []
    assert lengths <= {timedelta(minutes=60), timedelta(minutes=75), timedelta(minutes=90)}


def test_day_one_side_events_do_not_overlap():
    load_demo()

    side_events = sorted(_day_one_side_events(), key=lambda s: s.starts_at)

    overlaps = [
        (a.slug, b.slug) for a, b in itertools.pairwise(side_events) if b.starts_at < a.ends_at
    ]
    assert overlaps == []


def test_agenda_spans_three_days():
    load_demo()

    days = {
        s.starts_at.astimezone(RIYADH).date()
        for s in Session.objects.filter(summit__slug="riyadh-2020")
    }

    assert days == {date(2020, 9, 30), date(2020, 10, 1), date(2020, 10, 2)}


def test_every_session_has_titles_in_both_languages():
    load_demo()

    missing = [
        s.slug for s in Session.objects.all() if not (s.title_en or "") or not (s.title_ar or "")
    ]

    assert missing == []
    assert Session.objects.count() == 15


def test_every_session_starts_during_its_summit():
    load_demo()

    for session in Session.objects.select_related("summit"):
        session.full_clean()


def test_riyadh_2020_is_the_only_current_summit():
    load_demo()

    assert list(Summit.objects.filter(is_current=True).values_list("slug", flat=True)) == [
        "riyadh-2020"
    ]
    assert list(Summit.objects.current().values_list("slug", flat=True)) == ["riyadh-2020"]


def test_load_demo_with_another_current_summit_moves_the_flag():
    make_summit(slug="practice", is_current=True)

    load_demo()

    assert list(Summit.objects.filter(is_current=True).values_list("slug", flat=True)) == [
        "riyadh-2020"
    ]


def test_summits_are_published_with_their_dates():
    load_demo()
    today = timezone.now().astimezone(RIYADH).date()
    practice_start = min(
        s.starts_at.astimezone(RIYADH).date()
        for s in Session.objects.filter(summit__slug="practice")
    )

    rows = list(
        Summit.objects.order_by("start_date").values_list(
            "slug", "start_date", "end_date", "time_zone", "is_published"
        )
    )

    assert rows == [
        ("buenos-aires-2018", date(2018, 10, 29), date(2018, 10, 30), _BA, True),
        ("tokyo-2019", date(2019, 5, 21), date(2019, 5, 22), "Asia/Tokyo", True),
        ("riyadh-2020", date(2020, 9, 30), date(2020, 10, 2), "Asia/Riyadh", True),
        ("practice", practice_start, today + timedelta(days=3), "Asia/Riyadh", True),
    ]


def test_riyadh_2020_has_three_themes_and_its_partners_by_role():
    load_demo()
    summit = Summit.objects.get(slug="riyadh-2020")

    roles = {}
    for partner in summit.partnerships.select_related("organisation"):
        roles.setdefault(partner.role, []).append(partner.organisation.slug)

    assert sorted(summit.themes.values_list("slug", flat=True)) == [
        "circular-carbon-neutral-economies",
        "inclusive-prosperous-communities",
        "nature-based-urban-solutions",
    ]
    assert roles["convener"] == ["c40", "uclg"]
    assert roles["host"] == ["rcrc"]
    assert len(roles["knowledge"]) == 10


def test_only_upcoming_practice_sessions_have_a_join_url():
    load_demo()

    with_link = Session.objects.exclude(join_url="").order_by("starts_at")

    assert [s.slug for s in with_link] == PRACTICE_SLUGS[:4]
    assert {s.summit.slug for s in with_link} == {"practice"}


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


def test_living_together_session_hosts_are_in_order():
    load_demo()
    session = Session.objects.get(summit__slug="riyadh-2020", slug="living-together-in-a-pandemic")

    assert [host.slug for host in session.hosts.all()] == ["montreal", "izmir", "metropolis"]


def test_plenaries_open_with_the_chair_as_keynote():
    load_demo()

    plenaries = Session.objects.filter(summit__slug="riyadh-2020", kind="plenary")
    first_speakers = [
        (s.slug, s.session_speakers.first().speaker.slug, s.session_speakers.first().role)
        for s in plenaries
    ]

    assert first_speakers == [
        ("opening-plenary", "fahd-al-rasheed", "keynote"),
        ("closing-plenary", "fahd-al-rasheed", "keynote"),
    ]


def test_city_membership_follows_g20_countries():
    load_demo()

    observers = sorted(City.objects.filter(membership="observer").values_list("slug", flat=True))

    assert observers == [
        "amsterdam",
        "barcelona",
        "brussels",
        "christchurch",
        "helsinki",
        "madrid",
        "port-vila",
        "rotterdam",
    ]
    assert City.objects.get(slug="izmir").membership == "g20"


def test_demo_rows_have_arabic_names():
    load_demo()

    missing = [
        obj.slug
        for model in (City, Theme, Organisation, Summit, Speaker)
        for obj in model.objects.all()
        if not (obj.name_ar or "") or obj.name_ar == obj.name_en
    ]

    assert missing == []


# The practice edition: sample sessions timed from the moment of loading.


def _practice() -> dict[str, Session]:
    return {s.slug: s for s in Session.objects.filter(summit__slug="practice")}


def _load_between() -> tuple[datetime, datetime]:
    """Load the demo; return the moments just before and just after."""
    before = timezone.now()
    load_demo()
    return before, timezone.now()


def test_practice_edition_is_published_sample_data_and_not_current():
    load_demo()
    summit = Summit.objects.get(slug="practice")

    assert (summit.name_en, summit.name_ar) == (
        "Practice edition (sample data)",
        "دورة تجريبية (بيانات نموذجية)",
    )
    assert "sample data" in summit.summary_en
    assert "not real" in summit.summary_en
    assert "بيانات نموذجية" in summit.summary_ar
    assert "ليست حقيقية" in summit.summary_ar
    assert (summit.is_published, summit.is_current, summit.is_virtual) == (True, False, True)
    assert (summit.time_zone, summit.host_city.slug) == ("Asia/Riyadh", "riyadh")
    assert sorted(summit.themes.values_list("slug", flat=True)) == sorted(
        Summit.objects.get(slug="riyadh-2020").themes.values_list("slug", flat=True)
    )
    assert list(Summit.objects.current().values_list("slug", flat=True)) == ["riyadh-2020"]


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


def test_practice_sessions_offer_each_registration_case():
    load_demo()
    sessions = _practice()

    capacities = {slug: s.capacity for slug, s in sessions.items()}
    assert capacities == {
        "practice-open-now": None,
        "practice-small-room": 2,
        "practice-tomorrow": 100,
        "practice-no-limit": None,
        "practice-ended": None,
    }
    assert sessions["practice-open-now"].join_url == "https://meet.example.org/u20-practice-open"
    assert services.can_join_now(sessions["practice-open-now"]) is True
    assert services.can_join_now(sessions["practice-small-room"]) is False
    ended = sessions["practice-ended"]
    assert ended.recording_url == "https://video.example.org/u20-practice-recording"
    assert ended.ends_at < timezone.now()
    assert services.can_join_now(ended) is False
    assert {s.status for s in sessions.values()} == {"scheduled"}
    assert all(s.is_published for s in sessions.values())


def test_practice_sessions_have_hosts_a_theme_and_say_they_are_practice():
    load_demo()

    for session in _practice().values():
        assert session.title_en.startswith("Practice session")
        assert session.title_ar.startswith("جلسة تجريبية")
        assert "practice session" in session.description_en
        assert "جلسة تجريبية" in session.description_ar
        assert session.themes.exists()
        assert {host.slug for host in session.hosts.all()} <= {"rcrc", "riyadh"}
        assert session.hosts.exists()
        assert session.session_speakers.exists() is False
        assert session.slug.isascii()


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
    assert services.can_join_now(open_now) is True
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


def test_home_page_offers_the_practice_edition(client):
    load_demo()

    response = client.get("/en/")

    html = response.content.decode()
    assert response.context["practice"].slug == "practice"
    assert 'href="/en/summits/practice/agenda/"' in html
    assert "Try registering in the practice edition" in html


def test_home_page_without_practice_edition_has_no_link(client):
    make_summit(is_current=True)

    response = client.get("/en/")

    assert response.context["practice"] is None
    assert b"practice edition" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/en/summits/practice/agenda/",
        "/en/summits/practice/sessions/practice-ended/",
        "/ar/summits/practice/sessions/practice-open-now/",
    ],
)
def test_practice_pages_show_the_sample_data_badge(client, path):
    load_demo()

    response = client.get(path)

    badge = "Sample data" if path.startswith("/en/") else "بيانات نموذجية"
    assert response.status_code == 200
    assert f'<span class="badge badge-alert">{badge}</span>' in response.content.decode()


def test_real_edition_pages_have_no_sample_data_badge(client):
    load_demo()

    for path in [
        "/en/summits/riyadh-2020/agenda/",
        "/en/summits/riyadh-2020/sessions/opening-plenary/",
    ]:
        response = client.get(path)
        assert response.status_code == 200
        assert b"Sample data" not in response.content


def test_ended_practice_session_page_shows_its_recording(client):
    load_demo()

    response = client.get("/en/summits/practice/sessions/practice-ended/")

    assert b'href="https://video.example.org/u20-practice-recording"' in response.content


def test_confirmed_registrant_sees_the_join_link_of_the_open_practice_session(client):
    load_demo()
    session = _practice()["practice-open-now"]
    participant = make_participant()
    services.register(session=session, participant=participant)
    client.force_login(participant.user)

    response = client.get("/en/summits/practice/sessions/practice-open-now/")

    assert response.status_code == 200
    assert b"Join the session now" in response.content
