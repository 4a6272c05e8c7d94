import itertools
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image

from sessions.models import Session, SessionHost, SessionSpeaker, Speaker
from tests.factories import make_summit
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
    "summits": 3,
    "sessions": 10,
    "cities": 33,
    "themes": 3,
    "organisations": 13,
    "partners": 17,
    "speakers": 4,
    "hosts": 19,
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

    assert len(first) == 26
    assert _media_files() == first


def test_command_run_twice_prints_the_same_summary():
    outputs = []
    for _ in range(2):
        out = StringIO()
        call_command("load_demo", stdout=out)
        outputs.append(out.getvalue().strip())

    expected = (
        "Demo data loaded: 3 summits, 10 sessions, 33 cities, 3 themes, "
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
    assert Session.objects.count() == 10


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

    rows = list(
        Summit.objects.order_by("start_date").values_list(
            "slug", "start_date", "end_date", "time_zone", "is_published"
        )
    )

    assert rows == [
        ("buenos-aires-2018", date(2018, 10, 29), date(2018, 10, 30), _BA, True),
        ("tokyo-2019", date(2019, 5, 21), date(2019, 5, 22), "Asia/Tokyo", True),
        ("riyadh-2020", date(2020, 9, 30), date(2020, 10, 2), "Asia/Riyadh", True),
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


def test_no_session_has_a_join_url():
    load_demo()

    assert Session.objects.exclude(join_url="").count() == 0


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
