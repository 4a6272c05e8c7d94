import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from sessions.models import Session
from tests.factories import (
    add_host,
    make_city,
    make_organisation,
    make_session,
    make_speaker,
    make_summit,
    make_theme,
)
from tests.images import image_upload
from tests.sessions.admin_fixtures import EMPTY_INLINES
from u20.models import Organisation

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")


@pytest.fixture
def summit():
    return make_summit(slug="riyadh-2020", is_current=True)


def session_form(summit, **overrides):
    data = {
        "summit": summit.pk,
        "title_en": "Urban Air Mobility and Liberalizing the Skies",
        "title_ar": "التنقل الجوي الحضري وتحرير الأجواء",
        "slug": "",
        "kind": "side_event",
        "status": "scheduled",
        "is_published": "on",
        "starts_at_0": "2020-09-30",
        "starts_at_1": "16:00",
        "ends_at_0": "2020-09-30",
        "ends_at_1": "17:00",
        "description_en": "How cities prepare for drones and air taxis.",
        "description_ar": "كيف تستعد المدن للطائرات المسيّرة وسيارات الأجرة الجوية.",
        "capacity": "",
        "join_url": "",
        "livestream_url": "",
        "floor_language": "en",
        **EMPTY_INLINES,
    }
    return {**data, **overrides}


def test_admin_adds_a_session_in_both_languages_with_hosts_and_speakers(admin_client, summit):
    organisation = make_organisation(name_en="World Economic Forum")
    speaker = make_speaker()
    theme = make_theme()
    data = session_form(
        summit,
        themes=[theme.pk],
        **{
            "hosts-TOTAL_FORMS": "1",
            "hosts-0-organisation": organisation.pk,
            "hosts-0-order": "0",
            "session_speakers-TOTAL_FORMS": "1",
            "session_speakers-0-speaker": speaker.pk,
            "session_speakers-0-role": "moderator",
            "session_speakers-0-order": "0",
        },
    )

    response = admin_client.post("/admin/agenda/session/add/", data)

    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.title_en, session.title_ar, session.slug) == (
        "Urban Air Mobility and Liberalizing the Skies",
        "التنقل الجوي الحضري وتحرير الأجواء",
        "urban-air-mobility-and-liberalizing-the-skies",
    )
    # Typed in Riyadh time (UTC+3), stored in UTC.
    assert session.starts_at == datetime(2020, 9, 30, 13, 0, tzinfo=UTC)
    assert [h.organisation_id for h in session.hosts.all()] == [organisation.pk]
    assert [(s.speaker_id, s.role) for s in session.session_speakers.all()] == [
        (speaker.pk, "moderator")
    ]
    public = [
        admin_client.get(f"/ar/summits/riyadh-2020/{path}").content.decode()
        for path in (
            "agenda/",
            "agenda/schedule.ics",
            "agenda/schedule.json",
            "agenda/schedule.xml",
            f"sessions/{session.slug}/session.ics",
        )
    ]
    assert ["التنقل الجوي الحضري وتحرير الأجواء" in page for page in public] == [True] * 5


def test_admin_arabic_only_title_gets_a_usable_slug(admin_client, summit):
    data = session_form(summit, title_en="", description_en="")

    response = admin_client.post("/admin/agenda/session/add/", data)

    assert response.status_code == 302
    session = Session.objects.get()
    assert session.slug == "التنقل-الجوي-الحضري-وتحرير-الأجواء"
    assert admin_client.get(session.get_absolute_url()).status_code == 200


def test_admin_slug_is_made_unique_within_the_summit(admin_client, summit):
    make_session(summit=summit, slug="urban-air-mobility-and-liberalizing-the-skies")

    admin_client.post("/admin/agenda/session/add/", session_form(summit))

    assert Session.objects.latest("pk").slug == "urban-air-mobility-and-liberalizing-the-skies-2"


def test_admin_end_before_start_is_a_form_error_that_keeps_the_input(admin_client, summit):
    data = session_form(summit, ends_at_1="15:00")

    response = admin_client.post("/admin/agenda/session/add/", data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "The session must end after it starts." in html
    assert "التنقل الجوي الحضري وتحرير الأجواء" in html
    assert Session.objects.count() == 0


def test_admin_session_outside_the_summit_is_a_form_error(admin_client, summit):
    data = session_form(summit, starts_at_0="2020-11-21", ends_at_0="2020-11-21")

    response = admin_client.post("/admin/agenda/session/add/", data)

    assert response.status_code == 200
    assert "The session must start during the summit" in response.content.decode()


def test_admin_session_needs_a_title_in_one_language(admin_client, summit):
    response = admin_client.post(
        "/admin/agenda/session/add/", session_form(summit, title_en="", title_ar="")
    )

    assert response.status_code == 200
    assert "Give the session a title in at least one language." in response.content.decode()


def test_admin_host_must_be_city_or_organisation(admin_client, summit):
    data = session_form(
        summit,
        **{
            "hosts-TOTAL_FORMS": "1",
            "hosts-0-organisation": make_organisation().pk,
            "hosts-0-city": make_city().pk,
            "hosts-0-order": "0",
        },
    )

    response = admin_client.post("/admin/agenda/session/add/", data)

    assert response.status_code == 200
    assert "Choose either a city or an organisation for each host." in response.content.decode()


def test_admin_change_form_shows_times_in_the_summit_zone(admin_client, summit):
    session = make_session(summit=summit, starts_at=datetime(2020, 9, 30, 7, 0, tzinfo=UTC))

    html = admin_client.get(f"/admin/agenda/session/{session.pk}/change/").content.decode()

    assert 'value="10:00:00"' in html
    assert "Asia/Riyadh" in html


def test_admin_arabic_inputs_are_right_to_left(admin_client, summit):
    html = admin_client.get("/admin/agenda/session/add/").content.decode()

    assert 'name="title_ar"' in html
    assert 'dir="rtl"' in html
    assert 'lang="ar"' in html


def listed_titles(response) -> list[str]:
    """The titles in the rows of an admin change list, as the organiser sees them."""
    return re.findall(
        r'<th class="field-title"><a href="[^"]*">([^<]*)</a></th>', response.content.decode()
    )


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("", ["Urban Air Mobility", "Water Security"]),
        ("?q=%D8%A7%D9%84%D8%AA%D9%86%D9%82%D9%84", ["Urban Air Mobility"]),
        ("?day=2020-09-30", ["Urban Air Mobility"]),
        ("?day=garbage", []),
        ("?host=riyadh", ["Water Security"]),
        ("?host=nope", []),
        ("?status__exact=cancelled", ["Water Security"]),
    ],
)
def test_admin_session_list_filters_and_search(admin_client, summit, query, titles):
    make_session(summit=summit, title_en="Urban Air Mobility", title_ar="التنقل الجوي")
    water = make_session(
        summit=summit,
        title_en="Water Security",
        title_ar="الأمن المائي",
        status="cancelled",
        starts_at=datetime(2020, 10, 1, 9, 0, tzinfo=UTC),
    )
    add_host(water, make_city(slug="riyadh"))

    response = admin_client.get(f"/admin/agenda/session/{query}")

    assert response.status_code == 200
    assert listed_titles(response) == titles


def test_admin_day_filter_uses_the_summit_zone(admin_client, summit):
    make_session(
        summit=summit, title_en="Early", starts_at=datetime(2020, 9, 29, 22, 0, tzinfo=UTC)
    )
    make_session(summit=summit, title_en="Later", starts_at=datetime(2020, 10, 1, 9, 0, tzinfo=UTC))

    response = admin_client.get("/admin/agenda/session/?day=2020-09-30")

    assert [s.title_en for s in response.context["cl"].result_list] == ["Early"]


def test_admin_bad_logo_is_a_form_error(admin_client):
    data = {
        "name_en": "ICLEI",
        "name_ar": "إيكلي",
        "kind": "city_network",
        "logo": image_upload("logo.gif", image_format="GIF"),
    }

    response = admin_client.post("/admin/u20/organisation/add/", data)

    assert response.status_code == 200
    assert "Upload a JPEG, PNG or WebP image." in response.content.decode()


def test_admin_logo_upload_makes_a_thumbnail_and_a_preview(admin_client):
    data = {
        "name_en": "ICLEI",
        "name_ar": "إيكلي",
        "kind": "city_network",
        "logo": image_upload(size=(900, 900)),
    }

    response = admin_client.post("/admin/u20/organisation/add/", data)

    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.slug == "iclei"
    assert organisation.logo_thumbnail.name.endswith(".webp")
    change = admin_client.get(f"/admin/u20/organisation/{organisation.pk}/change/").content.decode()
    assert f'src="{organisation.logo_thumbnail.url}"' in change


def test_admin_pages_work_under_the_content_security_policy(admin_client, summit):
    session = make_session(summit=summit)

    response = admin_client.get(f"/admin/agenda/session/{session.pk}/change/")

    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_admin_requires_staff(client, summit):
    response = client.get("/admin/agenda/session/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_edit_shows_at_once_on_the_cached_agenda(admin_client, summit):
    session = make_session(summit=summit, title_en="Opening")
    admin_client.get("/en/summits/riyadh-2020/agenda/")
    data = session_form(summit, title_en="Opening plenary", slug=session.slug)

    admin_client.post(f"/admin/agenda/session/{session.pk}/change/", data)

    assert "Opening plenary" in admin_client.get("/en/summits/riyadh-2020/agenda/").content.decode()
