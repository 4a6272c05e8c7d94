"""The organisers' view of registrations: counts on the session page, the
registrations list and its actions, the attendees' CSV, the outbox."""

import csv
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sessions import services
from sessions.models import Registration, Session
from tests.factories import make_participant, make_session, make_summit, make_theme
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

RIYADH = ZoneInfo("Asia/Riyadh")
REGISTRATIONS = "/admin/agenda/registration/"


def upcoming_session(**fields) -> Session:
    """A session tomorrow at a round hour, in a summit around today."""
    today = timezone.now().astimezone(RIYADH).date()
    summit = fields.pop("summit", None) or make_summit(
        start_date=today - timedelta(days=1), end_date=today + timedelta(days=5)
    )
    tomorrow = timezone.now().astimezone(RIYADH) + timedelta(days=1)
    starts_at = tomorrow.replace(hour=10, minute=0, second=0, microsecond=0)
    return make_session(summit=summit, starts_at=starts_at, **fields)


def register_people(session: Session, n: int, **fields) -> list[Registration]:
    return [
        services.register(session=session, participant=make_participant(**fields)) for _ in range(n)
    ]


def change_form(session: Session, **overrides) -> dict:
    """The session's change form as the admin posts it, times in summit time."""
    zone = session.summit.zone
    starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    data = {
        "summit": session.summit_id,
        "title_en": session.title_en,
        "title_ar": session.title_ar,
        "slug": session.slug,
        "kind": session.kind,
        "status": session.status,
        "is_published": "on",
        "starts_at_0": starts.date().isoformat(),
        "starts_at_1": starts.strftime("%H:%M:%S"),
        "ends_at_0": ends.date().isoformat(),
        "ends_at_1": ends.strftime("%H:%M:%S"),
        "description_en": session.description_en,
        "description_ar": session.description_ar,
        "capacity": "" if session.capacity is None else str(session.capacity),
        "join_url": session.join_url,
        "recording_url": session.recording_url,
        "hosts-TOTAL_FORMS": "0",
        "hosts-INITIAL_FORMS": "0",
        "session_speakers-TOTAL_FORMS": "0",
        "session_speakers-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


def statuses(registrations) -> list[str]:
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


def emails(kind: str) -> list[str]:
    return sorted(OutgoingEmail.objects.filter(kind=kind).values_list("to", flat=True))


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))


def staff_user(username: str, *permissions: str):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="x", is_staff=True
    )
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    return user


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


# The attendees' CSV


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
    client.force_login(staff_user("organiser", "view_session"))

    refused = client.get(url)
    client.force_login(staff_user("registrar", "view_registration"))
    allowed = client.get(url)

    assert (refused.status_code, allowed.status_code) == (403, 200)


# Participants and the outbox


def test_participant_list_searches_by_email(admin_client):
    wanted = make_participant(email="fatima@example.org", full_name="فاطمة")
    make_participant(email="someone@example.org")

    response = admin_client.get("/admin/agenda/participant/", {"q": "fatima@"})

    assert [p.pk for p in response.context["cl"].result_list] == [wanted.pk]
    assert (
        "calendar_token"
        not in admin_client.get(f"/admin/agenda/participant/{wanted.pk}/change/").content.decode()
    )


def make_email(**fields) -> OutgoingEmail:
    defaults = {"to": "amal@example.org", "subject": "Your place is confirmed", "body": "Hello"}
    return OutgoingEmail.objects.create(**{**defaults, **fields})


def test_outbox_shows_html_as_escaped_source(admin_client):
    email = make_email(html='<p>Hi</p><script>alert("x")</script>')

    html = admin_client.get(f"/admin/u20/outgoingemail/{email.pk}/change/").content.decode()

    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")' not in html


def test_outbox_filters_sent_unsent_and_failed(admin_client):
    sent = make_email(sent_at=timezone.now())
    unsent = make_email()
    failed = make_email(failed_at=timezone.now(), attempts=8)

    found = {
        name: [
            e.pk
            for e in admin_client.get("/admin/u20/outgoingemail/", {"delivery": name})
            .context["cl"]
            .result_list
        ]
        for name in ("sent", "unsent", "failed")
    }

    assert found == {"sent": [sent.pk], "unsent": [unsent.pk], "failed": [failed.pk]}


def test_outbox_send_again_clears_failure_and_queues_delivery(
    admin_client, django_capture_on_commit_callbacks
):
    failed = make_email(failed_at=timezone.now(), attempts=8, last_error="SMTPError")
    being_sent = make_email(claimed_at=timezone.now())
    sent = make_email(sent_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/u20/outgoingemail/",
            {"action": "send_again", "_selected_action": [failed.pk, being_sent.pk, sent.pk]},
            follow=True,
        )

    failed.refresh_from_db()
    assert (failed.failed_at, failed.claimed_at) == (None, None)
    assert [r.args_kwargs["kwargs"] for r in DBTaskResult.objects.all()] == [
        {"email_id": failed.pk}
    ]
    assert OutgoingEmail.objects.get(pk=being_sent.pk).claimed_at == being_sent.claimed_at
    assert message_texts(response) == [
        "1 email will be sent again.",
        "2 selected emails were left alone: they are sent or being sent.",
    ]
