"""The admin names the zone of every date and time it shows, and reads typed
times in the zone of the summit they belong to."""

import re
from datetime import UTC, date, datetime

import pytest

from sessions import services
from sessions.models import Session
from tests.factories import make_city, make_participant, make_session, make_summit
from tests.media_contacts.factories import make_request
from tests.sessions.test_admin import session_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def riyadh():
    return make_summit(slug="riyadh-2020", is_current=True)


@pytest.fixture
def rome():
    return make_summit(
        slug="rome-2021",
        year=2021,
        start_date=date(2021, 7, 14),
        end_date=date(2021, 7, 16),
        time_zone="Europe/Rome",
        host_city=make_city(name_en="Rome", name_ar="روما"),
    )


def rome_form(rome, **overrides):
    return session_form(
        rome,
        starts_at_0="2021-07-15",
        starts_at_1="10:00",
        ends_at_0="2021-07-15",
        ends_at_1="11:00",
        **overrides,
    )


def test_a_rome_session_typed_at_ten_in_summer_is_stored_at_eight_utc(admin_client, riyadh, rome):
    response = admin_client.post(
        "/admin/agenda/session/add/", rome_form(rome, typed_in_zone="Europe/Rome")
    )

    assert response.status_code == 302
    session = Session.objects.get(summit=rome)
    assert session.starts_at == datetime(2021, 7, 15, 8, 0, tzinfo=UTC)


def test_the_change_form_names_the_zone_of_the_session_own_summit(admin_client, riyadh, rome):
    session = make_session(summit=rome, starts_at=datetime(2021, 7, 15, 8, 0, tzinfo=UTC))

    html = admin_client.get(f"/admin/agenda/session/{session.pk}/change/").content.decode()

    assert "Times are in the summit’s own time zone: Europe/Rome." in html
    assert "Asia/Riyadh" not in html
    assert 'value="10:00:00"' in html
    assert 'name="typed_in_zone" value="Europe/Rome"' in html


def test_times_typed_for_another_zone_are_questioned_before_saving(admin_client, riyadh, rome):
    # The add page named the current summit's zone; the organiser then chose Rome.
    page = admin_client.get("/admin/agenda/session/add/").content.decode()
    assert 'name="typed_in_zone" value="Asia/Riyadh"' in page

    response = admin_client.post(
        "/admin/agenda/session/add/", rome_form(rome, typed_in_zone="Asia/Riyadh")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert not Session.objects.exists()
    assert "The page asked for times in Asia/Riyadh, but" in html
    assert "Europe/Rome" in html
    assert 'value="Urban Air Mobility and Liberalizing the Skies"' in html
    assert 'name="typed_in_zone" value="Europe/Rome"' in html

    again = admin_client.post(
        "/admin/agenda/session/add/", rome_form(rome, typed_in_zone="Europe/Rome")
    )
    assert again.status_code == 302
    assert Session.objects.get().starts_at == datetime(2021, 7, 15, 8, 0, tzinfo=UTC)


def test_the_questioned_zone_is_said_in_arabic(admin_client, riyadh, rome):
    response = admin_client.post(
        "/admin/agenda/session/add/",
        rome_form(rome, typed_in_zone="Asia/Riyadh"),
        HTTP_ACCEPT_LANGUAGE="ar",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "The page asked for times" not in html
    assert "Europe/Rome" in html


def row_times(html: str) -> list[str]:
    return re.findall(r'<abbr class="u20-zone" title="([^"]+)">([^<]+)</abbr>', html)


def test_the_session_list_labels_each_start_with_its_summit_zone(admin_client, riyadh, rome):
    make_session(summit=rome, starts_at=datetime(2021, 7, 15, 8, 0, tzinfo=UTC))
    make_session(summit=riyadh, starts_at=datetime(2020, 9, 30, 7, 0, tzinfo=UTC))

    html = admin_client.get("/admin/agenda/session/").content.decode()

    assert sorted(row_times(html)) == [("Asia/Riyadh", "UTC+3"), ("Europe/Rome", "UTC+2")]
    assert "15 Jul 2021, 10:00" in html
    assert "30 Sep 2020, 10:00" in html


def test_the_arabic_session_list_writes_the_times_in_arabic_digits(admin_client, riyadh):
    make_session(summit=riyadh, starts_at=datetime(2020, 9, 30, 7, 0, tzinfo=UTC))

    html = admin_client.get("/admin/agenda/session/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    assert ("Asia/Riyadh", "UTC+٣") in row_times(html)
    assert "١٠:٠٠" in html


def rome_session_to_come(rome):
    rome.end_date = date(2031, 7, 16)
    rome.save()
    return make_session(summit=rome, starts_at=datetime(2031, 7, 15, 8, 0, tzinfo=UTC))


def test_registrations_outbox_and_interview_requests_label_their_times(admin_client, rome):
    session = rome_session_to_come(rome)
    services.register(session=session, participant=make_participant())

    registrations = admin_client.get("/admin/agenda/registration/").content.decode()
    outbox = admin_client.get("/admin/u20/outgoingemail/").content.decode()

    assert [zone for zone, _ in row_times(registrations)] == ["Europe/Rome"]
    assert [zone for zone, _ in row_times(outbox)][:1] == ["UTC"]


def test_a_registration_page_labels_its_read_only_times(admin_client, rome):
    session = rome_session_to_come(rome)
    registration = services.register(session=session, participant=make_participant())

    html = admin_client.get(f"/admin/agenda/registration/{registration.pk}/change/").content
    zones = {zone for zone, _ in row_times(html.decode())}

    assert zones == {"Europe/Rome"}


def test_rome_zone_is_used_for_the_list_offset_in_winter(admin_client, rome):
    make_session(summit=rome, starts_at=datetime(2021, 12, 1, 9, 0, tzinfo=UTC))

    assert row_times(admin_client.get("/admin/agenda/session/").content.decode()) == [
        ("Europe/Rome", "UTC+1")
    ]


def test_press_zone_labels_interview_requests(admin_client, riyadh):
    make_request()

    html = admin_client.get("/admin/media_contacts/interviewrequest/").content.decode()

    assert row_times(html), "each request's time carries its zone"
    assert {zone for zone, _ in row_times(html)} == {"Asia/Riyadh"}
