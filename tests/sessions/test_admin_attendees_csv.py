"""The attendees' CSV an organiser downloads from a session's admin page."""

import pytest

from sessions import services
from tests.factories import make_participant
from tests.sessions.admin_fixtures import (
    RIYADH,
    csv_rows,
    message_texts,
    register_people,
    staff_user,
    upcoming_session,
)
from tests.staff import sign_in_with_second_factor

pytestmark = pytest.mark.django_db


def test_attendees_csv_has_bom_header_and_arabic_names(admin_client):
    session = upcoming_session(capacity=1)
    confirmed = services.register(
        session=session,
        participant=make_participant(
            full_name="محمد بن عبدالله",
            organisation="أمانة منطقة الرياض",
            role="city_official",
            country="السعودية",
            language="ar",
        ),
    )
    waiting = services.register(session=session, participant=make_participant(full_name="Ana"))

    response = admin_client.get(f"/admin/agenda/session/{session.pk}/attendees.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    registered_at = confirmed.created_at.astimezone(RIYADH).isoformat(timespec="seconds")
    assert csv_rows(response) == [
        [
            "Full name",
            "Email",
            "Organisation",
            "Role",
            "Country",
            "Preferred language",
            "Status",
            "Waitlist position",
            "Registered at",
        ],
        [
            "محمد بن عبدالله",
            confirmed.participant.user.email,
            "أمانة منطقة الرياض",
            "City official",
            "السعودية",
            "Arabic",
            "Confirmed",
            "",
            registered_at,
        ],
        [
            "Ana",
            waiting.participant.user.email,
            "",
            "Member of the public",
            "",
            "English",
            "On the waitlist",
            "1",
            waiting.created_at.astimezone(RIYADH).isoformat(timespec="seconds"),
        ],
    ]


def test_attendees_csv_neutralises_formulas_and_keeps_punctuation(admin_client):
    session = upcoming_session()
    register_people(session, 1, full_name='=HYPERLINK("http://evil.example","Click")')
    register_people(session, 1, full_name='Smith, "Jo"\nSecond line', organisation="+1 Ltd")
    register_people(session, 1, full_name="@SUM(A1)", organisation="-2", country="\tTab")

    rows = csv_rows(admin_client.get(f"/admin/agenda/session/{session.pk}/attendees.csv"))

    assert [row[0] for row in rows[1:]] == [
        '\'=HYPERLINK("http://evil.example","Click")',
        'Smith, "Jo"\nSecond line',
        "'@SUM(A1)",
    ]
    assert [row[2] for row in rows[1:]] == ["", "'+1 Ltd", "'-2"]
    assert rows[3][4] == "'\tTab"


def test_attendees_csv_lists_only_that_sessions_active_attendees(admin_client):
    session = upcoming_session()
    kept = register_people(session, 2)
    gone = register_people(session, 1)[0]
    services.cancel(registration=gone)
    register_people(upcoming_session(summit=session.summit), 2)

    rows = csv_rows(admin_client.get(f"/admin/agenda/session/{session.pk}/attendees.csv"))

    assert sorted(row[1] for row in rows[1:]) == sorted(r.participant.user.email for r in kept)


def test_attendees_csv_action_exports_the_selected_session(admin_client):
    session = upcoming_session()
    register_people(session, 2, organisation="UN-Habitat")

    response = admin_client.post(
        "/admin/agenda/session/",
        {"action": "export_attendees", "_selected_action": [session.pk]},
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [row[2] for row in csv_rows(response)[1:]] == ["UN-Habitat", "UN-Habitat"]


def test_attendees_csv_action_asks_for_one_session(admin_client):
    first, second = upcoming_session(), upcoming_session()

    response = admin_client.post(
        "/admin/agenda/session/",
        {"action": "export_attendees", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )

    assert message_texts(response) == ["Choose one session to export its attendees."]


def test_attendees_csv_sends_anonymous_and_non_staff_to_login(client):
    session = upcoming_session()
    url = f"/admin/agenda/session/{session.pk}/attendees.csv"

    anonymous = client.get(url)
    client.force_login(make_participant().user)
    attendee = client.get(url)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")
    assert attendee.status_code == 302
    assert attendee["Location"].startswith("/admin/login/")


def test_attendees_csv_needs_permission_to_view_registrations(client):
    session = upcoming_session()
    url = f"/admin/agenda/session/{session.pk}/attendees.csv"
    sign_in_with_second_factor(client, staff_user("organiser", "view_session"))

    refused = client.get(url)
    sign_in_with_second_factor(client, staff_user("registrar", "view_registration"))
    allowed = client.get(url)

    assert (refused.status_code, allowed.status_code) == (403, 200)


# Participants and the outbox
