"""The organisers' view of registrations: counts on the session page, the
registrations list and its actions, the participants."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sessions import services
from sessions.models import Registration, Session
from tests.factories import make_participant, make_theme
from tests.sessions.admin_fixtures import (
    RIYADH,
    change_form,
    message_texts,
    register_people,
    upcoming_session,
)
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

REGISTRATIONS = "/admin/agenda/registration/"


def statuses(registrations) -> list[str]:
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


def emails(kind: str) -> list[str]:
    return sorted(OutgoingEmail.objects.filter(kind=kind).values_list("to", flat=True))


# The session page and list


def test_session_change_page_shows_places_and_waitlist(admin_client):
    session = upcoming_session(capacity=2)
    register_people(session, 3)

    html = admin_client.get(f"/admin/agenda/session/{session.pk}/change/").content.decode()

    assert "2 confirmed of 2; 1 on the waitlist" in html
    assert f'href="/admin/agenda/registration/?session__id__exact={session.pk}"' in html
    assert f'href="/admin/agenda/session/{session.pk}/attendees.csv"' in html


def test_session_change_page_without_limit_says_so(admin_client):
    session = upcoming_session(capacity=None)
    register_people(session, 2)

    html = admin_client.get(f"/admin/agenda/session/{session.pk}/change/").content.decode()

    assert "2 confirmed (no limit); 0 on the waitlist" in html


def test_session_change_page_keeps_summit_time_with_registrations(admin_client):
    session = upcoming_session(capacity=5)
    register_people(session, 1)

    html = admin_client.get(f"/admin/agenda/session/{session.pk}/change/").content.decode()

    assert 'value="10:00:00"' in html


def test_session_list_shows_places_columns_without_extra_queries(admin_client):
    full = upcoming_session(capacity=1, title_en="Full")
    register_people(full, 3)
    admin_client.get("/admin/agenda/session/")
    with CaptureQueriesContext(connection) as few:
        admin_client.get("/admin/agenda/session/")
    for _ in range(5):
        register_people(upcoming_session(capacity=10, summit=full.summit), 2)

    with CaptureQueriesContext(connection) as many:
        response = admin_client.get("/admin/agenda/session/")

    row = next(s for s in response.context["cl"].result_list if s.pk == full.pk)
    assert (row.confirmed_count, row.capacity, row.waitlist_count) == (1, 1, 2)
    assert response.context["cl"].result_count == 6
    assert len(many) == len(few)


def test_session_list_counts_stay_right_with_a_theme_filter(admin_client):
    session = upcoming_session(capacity=5)
    register_people(session, 2)
    session.themes.add(make_theme(), make_theme())
    theme = session.themes.first()

    response = admin_client.get(f"/admin/agenda/session/?themes__id__exact={theme.pk}")

    assert [s.confirmed_count for s in response.context["cl"].result_list] == [2]


# Saving a session tells the people registered


def test_raising_capacity_promotes_the_waitlist_and_queues_promoted_emails(admin_client):
    session = upcoming_session(capacity=1)
    registrations = register_people(session, 3)

    response = admin_client.post(
        f"/admin/agenda/session/{session.pk}/change/", change_form(session, capacity="3")
    )

    assert response.status_code == 302
    assert statuses(registrations) == ["confirmed"] * 3
    assert emails("registration.promoted") == sorted(
        r.participant.user.email for r in registrations[1:]
    )


def test_lowering_capacity_keeps_everyone_confirmed(admin_client):
    session = upcoming_session(capacity=3)
    registrations = register_people(session, 3)

    response = admin_client.post(
        f"/admin/agenda/session/{session.pk}/change/",
        change_form(session, capacity="1"),
        follow=True,
    )

    assert statuses(registrations) == ["confirmed"] * 3
    assert Session.objects.get(pk=session.pk).capacity == 1
    assert message_texts(response)[0] == (
        "3 people are confirmed, more than the new capacity of 1. Nobody loses their place; "
        "new registrations join the waitlist."
    )
    late = services.register(session=session, participant=make_participant())
    assert late.status == "waitlisted"


def test_changing_the_start_queues_session_changed_emails_to_confirmed_people(admin_client):
    session = upcoming_session(capacity=2)
    registrations = register_people(session, 3)
    later = session.starts_at.astimezone(RIYADH) + timedelta(hours=1)

    admin_client.post(
        f"/admin/agenda/session/{session.pk}/change/",
        change_form(
            session,
            starts_at_1=later.strftime("%H:%M:%S"),
            ends_at_1=(later + timedelta(hours=1)).strftime("%H:%M:%S"),
        ),
    )

    assert Session.objects.get(pk=session.pk).starts_at == session.starts_at + timedelta(hours=1)
    assert emails("registration.session_changed") == sorted(
        r.participant.user.email for r in registrations[:2]
    )


def test_cancelling_a_session_queues_session_cancelled_emails(admin_client):
    session = upcoming_session(capacity=2)
    registrations = register_people(session, 3)

    admin_client.post(
        f"/admin/agenda/session/{session.pk}/change/", change_form(session, status="cancelled")
    )

    assert emails("registration.session_cancelled") == sorted(
        r.participant.user.email for r in registrations
    )


def test_saving_a_session_unchanged_queues_no_email(admin_client):
    session = upcoming_session(capacity=2, join_url="https://meet.example.org/u20")
    register_people(session, 3)
    before = OutgoingEmail.objects.count()

    response = admin_client.post(
        f"/admin/agenda/session/{session.pk}/change/",
        change_form(session, title_en="A new title"),
    )

    assert response.status_code == 302
    assert OutgoingEmail.objects.count() == before


def test_changing_the_join_link_queues_session_changed_emails(admin_client):
    session = upcoming_session(capacity=5)
    registrations = register_people(session, 2)

    admin_client.post(
        f"/admin/agenda/session/{session.pk}/change/",
        change_form(session, join_url="https://meet.example.org/new"),
    )

    assert emails("registration.session_changed") == sorted(
        r.participant.user.email for r in registrations
    )


# The registrations list and its actions


def test_registration_list_shows_each_waitlist_position(admin_client):
    session = upcoming_session(capacity=1)
    register_people(session, 4)

    response = admin_client.get(f"{REGISTRATIONS}?session__id__exact={session.pk}")

    rows = sorted(response.context["cl"].result_list, key=lambda r: r.pk)
    assert [r.waitlist_place for r in rows] == [None, 1, 2, 3]
    assert [r.waitlist_place for r in rows] == [r.waitlist_position() for r in rows]


def test_registration_list_search_finds_arabic_title_and_email(admin_client):
    wanted = upcoming_session(title_ar="التنقل الجوي الحضري")
    other = upcoming_session(title_ar="المدن الذكية")
    register_people(wanted, 1)
    register_people(other, 1)
    person = make_participant(email="amal@example.org", full_name="أمل")
    services.register(session=other, participant=person)

    by_title = admin_client.get(REGISTRATIONS, {"q": "التنقل"}).context["cl"].result_list
    by_email = admin_client.get(REGISTRATIONS, {"q": "amal@"}).context["cl"].result_list
    by_name = admin_client.get(REGISTRATIONS, {"q": "أمل"}).context["cl"].result_list

    assert [r.session_id for r in by_title] == [wanted.pk]
    assert [r.participant_id for r in by_email] == [person.pk]
    assert [r.participant_id for r in by_name] == [person.pk]


def test_registration_list_filters_by_summit(admin_client):
    session = upcoming_session()
    register_people(session, 2)
    register_people(upcoming_session(), 1)

    response = admin_client.get(REGISTRATIONS, {"session__summit__id__exact": session.summit_id})

    assert [r.session_id for r in response.context["cl"].result_list] == [session.pk] * 2


def test_registration_list_query_count_is_the_same_for_5_and_50(admin_client):
    session = upcoming_session(capacity=3)
    register_people(session, 5)
    admin_client.get(REGISTRATIONS)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(REGISTRATIONS)
    register_people(upcoming_session(capacity=10, summit=session.summit), 45)

    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(REGISTRATIONS)

    assert response.context["cl"].result_count == 50
    assert len(many) == len(few)


def test_registration_cannot_be_added_deleted_or_edited(admin_client):
    registration = register_people(upcoming_session(), 1)[0]

    add = admin_client.get(f"{REGISTRATIONS}add/")
    delete = admin_client.get(f"{REGISTRATIONS}{registration.pk}/delete/")
    page = admin_client.post(f"{REGISTRATIONS}{registration.pk}/change/", {"status": "cancelled"})

    assert (add.status_code, delete.status_code, page.status_code) == (403, 403, 403)
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    view = admin_client.get(f"{REGISTRATIONS}{registration.pk}/change/").content.decode()
    assert registration.participant.user.email in view
    assert 'name="status"' not in view


def test_cancel_action_promotes_the_next_on_the_waitlist(admin_client):
    session = upcoming_session(capacity=1)
    first, second, third = register_people(session, 3)

    response = admin_client.post(
        REGISTRATIONS,
        {"action": "cancel_registrations", "_selected_action": [first.pk]},
        follow=True,
    )

    assert statuses([first, second, third]) == ["cancelled", "confirmed", "waitlisted"]
    assert emails("registration.promoted") == [second.participant.user.email]
    assert message_texts(response) == [
        "1 registration cancelled. 1 person was promoted from the waitlist."
    ]


def test_cancel_action_on_the_waitlist_and_its_place_holder_promotes_nobody_twice(
    admin_client,
):
    session = upcoming_session(capacity=1)
    first, second, third = register_people(session, 3)

    admin_client.post(
        REGISTRATIONS,
        {"action": "cancel_registrations", "_selected_action": [first.pk, second.pk]},
    )

    assert statuses([first, second, third]) == ["cancelled", "cancelled", "confirmed"]
    assert emails("registration.promoted") == [third.participant.user.email]


def test_promote_action_on_a_full_session_raises_capacity_by_one(admin_client):
    session = upcoming_session(capacity=1)
    first, second, third = register_people(session, 3)

    response = admin_client.post(
        REGISTRATIONS,
        {"action": "promote_registrations", "_selected_action": [third.pk]},
        follow=True,
    )

    assert statuses([first, second, third]) == ["confirmed", "waitlisted", "confirmed"]
    assert Session.objects.get(pk=session.pk).capacity == 2
    assert emails("registration.promoted") == [third.participant.user.email]
    assert message_texts(response) == ["1 person was promoted from the waitlist."]


def test_promote_action_reports_the_services_refusal(admin_client):
    session = upcoming_session(capacity=1)
    first = register_people(session, 1, full_name="Layla Haddad")[0]

    response = admin_client.post(
        REGISTRATIONS,
        {"action": "promote_registrations", "_selected_action": [first.pk]},
        follow=True,
    )

    messages = list(get_messages(response.wsgi_request))
    assert [(m.level_tag, str(m)) for m in messages] == [
        ("error", "Layla Haddad: Only someone on the waitlist can be promoted.")
    ]
    assert Session.objects.get(pk=session.pk).capacity == 1


def test_participant_list_searches_by_email(admin_client):
    wanted = make_participant(email="fatima@example.org", full_name="فاطمة")
    make_participant(email="someone@example.org")

    response = admin_client.get("/admin/agenda/participant/", {"q": "fatima@"})

    assert [p.pk for p in response.context["cl"].result_list] == [wanted.pk]
    assert (
        "calendar_token"
        not in admin_client.get(f"/admin/agenda/participant/{wanted.pk}/change/").content.decode()
    )
