"""What the demo holds, read from one load shared by this module's tests
(see tests/demo/shared_load.py): each test reads it inside its own
transaction, rolled back as usual, and the load itself is rolled back after
the last one. Tests that load, change data or open the logo files are in
test_load_demo.py.
"""

import itertools
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from sessions import selectors
from sessions.models import Session, Speaker
from tests.demo.shared_load import PRACTICE_SLUGS, RIYADH, demo_loaded_once
from tests.demo.shared_load import practice_sessions_by_slug as _practice
from u20.models import City, Organisation, Summit, Theme

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]

_BA = "America/Argentina/Buenos_Aires"


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    with demo_loaded_once(django_db_blocker, tmp_path_factory.mktemp("demo-media")):
        yield


def _day_one_side_events() -> list[Session]:
    sessions = Session.objects.filter(summit__slug="riyadh-2020", kind="side_event")
    return [s for s in sessions if s.starts_at.astimezone(RIYADH).date() == date(2020, 9, 30)]


def test_day_one_has_eight_side_events_in_riyadh_time():
    side_events = _day_one_side_events()

    assert len(side_events) == 8
    day_start = datetime(2020, 9, 30, 9, 0, tzinfo=RIYADH)
    day_end = datetime(2020, 9, 30, 20, 0, tzinfo=RIYADH)
    outside = [s.slug for s in side_events if s.starts_at < day_start or s.ends_at > day_end]
    lengths = {s.ends_at - s.starts_at for s in side_events}
    assert outside == []
    assert lengths <= {timedelta(minutes=60), timedelta(minutes=75), timedelta(minutes=90)}


def test_day_one_side_events_do_not_overlap():
    side_events = sorted(_day_one_side_events(), key=lambda s: s.starts_at)

    overlaps = [
        (a.slug, b.slug) for a, b in itertools.pairwise(side_events) if b.starts_at < a.ends_at
    ]
    assert overlaps == []


def test_agenda_spans_three_days():
    days = {
        s.starts_at.astimezone(RIYADH).date()
        for s in Session.objects.filter(summit__slug="riyadh-2020")
    }

    assert days == {date(2020, 9, 30), date(2020, 10, 1), date(2020, 10, 2)}


def test_every_session_has_titles_in_both_languages():
    missing = [
        s.slug for s in Session.objects.all() if not (s.title_en or "") or not (s.title_ar or "")
    ]

    assert missing == []
    assert Session.objects.count() == 15


def test_every_session_starts_during_its_summit():
    for session in Session.objects.select_related("summit"):
        session.full_clean()


def test_riyadh_2020_is_the_only_current_summit():
    assert list(Summit.objects.filter(is_current=True).values_list("slug", flat=True)) == [
        "riyadh-2020"
    ]
    assert list(Summit.objects.current().values_list("slug", flat=True)) == ["riyadh-2020"]


def test_summits_are_published_with_their_dates():
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
    with_link = Session.objects.exclude(join_url="").order_by("starts_at")

    assert [s.slug for s in with_link] == PRACTICE_SLUGS[:4]
    assert {s.summit.slug for s in with_link} == {"practice"}


def test_living_together_session_hosts_are_in_order():
    session = Session.objects.get(summit__slug="riyadh-2020", slug="living-together-in-a-pandemic")

    assert [host.slug for host in session.hosts.all()] == ["montreal", "izmir", "metropolis"]


def test_plenaries_open_with_the_chair_as_keynote():
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
    missing = [
        obj.slug
        for model in (City, Theme, Organisation, Summit, Speaker)
        for obj in model.objects.all()
        if not (obj.name_ar or "") or obj.name_ar == obj.name_en
    ]

    assert missing == []


def test_practice_edition_is_published_sample_data_and_not_current():
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


def test_only_the_practice_edition_is_marked_as_sample_data():
    assert list(Summit.objects.filter(is_sample=True).values_list("slug", flat=True)) == [
        "practice"
    ]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_archive_of_the_demo_lists_2020_2019_2018_as_past_editions(client, lang):
    response = client.get(f"/{lang}/summits/")

    assert [s.year for s in response.context["summits"]] == [2020, 2019, 2018]
    assert [s.slug for s in response.context["samples"]] == ["practice"]


def test_practice_sessions_offer_each_registration_case():
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
    assert selectors.can_join_now(sessions["practice-open-now"]) is True
    assert selectors.can_join_now(sessions["practice-small-room"]) is False
    ended = sessions["practice-ended"]
    assert sorted((r.language, r.url, bool(r.transcript)) for r in ended.recordings.all()) == [
        ("ar", "https://video.example.org/u20-practice-recording-ar", True),
        ("en", "https://video.example.org/u20-practice-recording-en", True),
    ]
    live = sessions["practice-open-now"]
    assert live.offered_languages() == [
        ("interpretation", "ar"),
        ("captions", "en"),
        ("captions", "ar"),
    ]
    assert ended.ends_at < timezone.now()
    assert selectors.can_join_now(ended) is False
    assert {s.status for s in sessions.values()} == {"scheduled"}
    assert all(s.is_published for s in sessions.values())


def test_practice_sessions_have_hosts_a_theme_and_say_they_are_practice():
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


def test_home_page_offers_the_practice_edition(client):
    response = client.get("/en/")

    html = response.content.decode()
    assert response.context["practice"].slug == "practice"
    assert 'href="/en/summits/practice/agenda/"' in html
    assert "Try registering in the practice edition" in html


@pytest.mark.parametrize(
    "path",
    [
        "/en/summits/practice/agenda/",
        "/en/summits/practice/sessions/practice-ended/",
        "/ar/summits/practice/sessions/practice-open-now/",
    ],
)
def test_practice_pages_show_the_sample_data_badge(client, path):
    response = client.get(path)

    badge = "Sample data" if path.startswith("/en/") else "بيانات نموذجية"
    assert response.status_code == 200
    assert f'<span class="badge badge-alert">{badge}</span>' in response.content.decode()


def test_real_edition_pages_have_no_sample_data_badge(client):
    for path in [
        "/en/summits/riyadh-2020/agenda/",
        "/en/summits/riyadh-2020/sessions/opening-plenary/",
    ]:
        response = client.get(path)
        assert response.status_code == 200
        assert b"Sample data" not in response.content


def test_ended_practice_session_page_shows_its_recording(client):
    response = client.get("/en/summits/practice/sessions/practice-ended/")

    html = response.content.decode()
    english = 'href="https://video.example.org/u20-practice-recording-en"'
    arabic = 'href="https://video.example.org/u20-practice-recording-ar"'
    # The reader's language first.
    assert english in html and arabic in html
    assert html.index(english) < html.index(arabic)
    assert 'type="text/vtt"' in html
