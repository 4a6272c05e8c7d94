import json
from datetime import timedelta

import icalendar
import pytest
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sessions import services
from sessions.models import Recording, Registration
from tests.factories import make_participant, make_upcoming_session
from u20 import outbox
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/u20-secret-room"


def login(client, participant):
    client.force_login(participant.user)
    return client


def page(client, session, lang="en"):
    return client.get(f"/{lang}{session.get_absolute_url()[3:]}")


def action(session, name, lang="en"):
    return f"/{lang}/summits/{session.summit.slug}/sessions/{session.slug}/{name}/"


@pytest.fixture
def session():
    return make_upcoming_session(capacity=2, slug="practice", title_en="Practice", title_ar="تجربة")


def test_anonymous_visitor_is_asked_to_log_in_before_registering(client, session):
    response = client.post(action(session, "register"))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert Registration.objects.count() == 0


def test_session_page_invites_anonymous_visitors_to_log_in(client, session):
    html = page(client, session).content.decode()

    assert "2 places left." in html
    assert "/en/accounts/login/?next=" in html


def test_register_confirms_and_says_so(client, session, django_capture_on_commit_callbacks):
    participant = make_participant()

    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, participant).post(action(session, "register"), follow=True)

    html = response.content.decode()
    assert "You are registered. A confirmation is on its way by email." in html
    assert "Your place is confirmed." in html
    assert Registration.objects.get().status == "confirmed"


@pytest.mark.parametrize("existing", [0, 1, 30])
def test_register_post_makes_at_most_ten_queries(client, session, existing):
    for _ in range(existing):
        services.register(session=session, participant=make_participant())
    login(client, make_participant())
    # A running process knows the content types the audit trail names; a
    # fresh test database may not have them cached yet.
    ContentType.objects.get_for_model(Registration)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(action(session, "register"))
    count = len(queries)

    # The visitor's session comes from the cache. Their user and profile;
    # the session looked up, then locked and counted; three writes (the
    # registration, its audit entry, its email); the savepoint around them;
    # on the waitlist, the place in the queue it shows. Ten at most, however
    # many registrations the session already has.
    assert response.status_code == 302
    assert Registration.objects.filter(session=session).count() == existing + 1
    assert 0 < count <= 10, count


def test_full_session_puts_the_visitor_on_the_waitlist_with_their_position(client, session):
    for _ in range(2):
        services.register(session=session, participant=make_participant())

    response = login(client, make_participant()).post(action(session, "register"), follow=True)

    html = response.content.decode()
    assert "The session is full: you are number 1 on the waitlist." in html
    assert "You are number 1 on the waitlist." in html


def test_unverified_account_cannot_register_and_is_told_why_in_arabic(client, session):
    response = login(client, make_participant(verified=False)).post(
        action(session, "register", "ar"), follow=True
    )

    assert Registration.objects.count() == 0
    assert 'dir="rtl"' in response.content.decode()
    assert [str(m) for m in response.context["messages"]] == [
        "يُرجى تأكيد عنوان بريدك الإلكتروني قبل حجز مقعد."
    ]


def test_register_needs_post_and_a_csrf_token(session):
    client = Client(enforce_csrf_checks=True)
    login(client, make_participant())

    assert client.get(action(session, "register")).status_code == 405
    assert client.post(action(session, "register")).status_code == 403
    assert Registration.objects.count() == 0


def test_cancel_frees_the_place_for_the_next_person(client, session):
    mine = make_participant()
    services.register(session=session, participant=mine)
    services.register(session=session, participant=make_participant())
    waiting = services.register(session=session, participant=make_participant())

    response = login(client, mine).post(action(session, "cancel"), {"confirm": "yes"}, follow=True)

    assert "Your registration is cancelled. A confirmation is on its way by email." in (
        response.content.decode()
    )
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def test_nobody_can_cancel_someone_elses_registration(client, session):
    owner = make_participant()
    registration = services.register(session=session, participant=owner)

    response = login(client, make_participant()).post(
        action(session, "cancel"), {"confirm": "yes"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "You have no place in this session to cancel."
    ]
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_join_link_shows_only_to_confirmed_registrants_inside_the_window(client):
    session = make_upcoming_session(starts_in=timedelta(minutes=10), join_url=JOIN, capacity=1)
    confirmed, waiting = make_participant(), make_participant()
    services.register(session=session, participant=confirmed)
    services.register(session=session, participant=waiting)

    as_confirmed = page(login(Client(), confirmed), session)
    as_waiting = page(login(Client(), waiting), session)
    as_anonymous = page(Client(), session)

    # The button goes through join/, which records the join and redirects:
    # the link itself is in no page, not even the registrant's.
    join = action(session, "join")
    assert f'href="{join}"' in as_confirmed.content.decode()
    assert [
        (f'href="{join}"' in html, JOIN in html)
        for html in (
            as_confirmed.content.decode(),
            as_waiting.content.decode(),
            as_anonymous.content.decode(),
        )
    ] == [(True, False), (False, False), (False, False)]
    assert as_confirmed["Cache-Control"] == "private, no-store"


def test_join_link_is_hidden_before_the_window_opens(client):
    session = make_upcoming_session(starts_in=timedelta(hours=3), join_url=JOIN)
    participant = make_participant()
    services.register(session=session, participant=participant)

    html = page(login(client, participant), session).content.decode()

    assert JOIN not in html
    assert "The join link appears here from" in html


def test_join_redirects_a_confirmed_registrant_inside_the_window(client):
    session = make_upcoming_session(starts_in=timedelta(minutes=5), join_url=JOIN)
    participant = make_participant()
    services.register(session=session, participant=participant)

    response = login(client, participant).get(action(session, "join"))

    assert (response.status_code, response["Location"]) == (302, JOIN)
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("starts_in", "registered", "reason"),
    [
        (timedelta(hours=2), True, "The join link opens 15 minutes before the start."),
        (timedelta(minutes=5), False, "Only people with a confirmed place can join this session."),
    ],
)
def test_join_refuses_with_a_reason(client, starts_in, registered, reason):
    session = make_upcoming_session(starts_in=starts_in, join_url=JOIN)
    participant = make_participant()
    if registered:
        services.register(session=session, participant=participant)

    response = login(client, participant).get(action(session, "join"))

    assert response.status_code == 403
    assert reason in response.content.decode()
    assert JOIN not in response.content.decode()


def test_join_sends_anonymous_visitors_to_log_in_and_back(client):
    session = make_upcoming_session(starts_in=timedelta(minutes=5), join_url=JOIN)

    response = client.get(action(session, "join"))

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={action(session, 'join')}"


def test_after_the_end_the_recording_is_offered(client):
    session = make_upcoming_session(starts_in=timedelta(hours=-3), join_url=JOIN)
    Recording.objects.create(session=session, language="en", url="https://video.example.org/rec")

    html = page(client, session).content.decode()

    assert "https://video.example.org/rec" in html
    assert JOIN not in html


def test_confirmation_email_is_in_the_registrants_language_and_time_zone(session, mailoutbox):
    session.join_url = JOIN
    session.save()
    participant = make_participant(language="ar", time_zone="America/New_York", full_name="ليلى")

    services.register(session=session, participant=participant)
    outbox.send(OutgoingEmail.objects.get().pk)

    message = mailoutbox[0]
    filename, content, mimetype = message.attachments[0]
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert message.subject == "تم تأكيد مقعدك: تجربة"
    assert "بتوقيت نيويورك" in message.body
    assert 'dir="rtl"' in message.alternatives[0][0]
    assert (filename, mimetype) == ("practice.ics", "text/calendar")
    assert JOIN in str(event.get("description"))


def test_me_lists_my_places_and_waitlist_positions(client):
    participant = make_participant(time_zone="Asia/Tokyo")
    full = make_upcoming_session(capacity=1, title_en="Full session")
    services.register(session=full, participant=make_participant())
    services.register(session=full, participant=participant)
    services.register(
        session=make_upcoming_session(title_en="Open session"), participant=participant
    )

    html = login(client, participant).get("/en/me/").content.decode()

    assert "Full session" in html and "Open session" in html
    assert "Number 1 on the waitlist" in html
    assert "Place confirmed" in html
    assert "Asia/Tokyo" in html


def test_me_needs_a_login(client):
    assert client.get("/en/me/")["Location"].startswith("/en/accounts/login/")


@pytest.mark.parametrize("path", ["/en/me/", "session"])
def test_pages_make_the_same_queries_with_5_and_500_registrations(client, path):
    counts = []
    for size in (5, 500):
        participant = make_participant()
        session = make_upcoming_session(capacity=None)
        people = (
            [participant] + [make_participant() for _ in range(size - 1)]
            if path == "session"
            else [participant]
        )
        for person in people:
            services.register(session=session, participant=person)
        if path == "/en/me/":
            for _ in range(size - 1):
                services.register(
                    session=make_upcoming_session(summit=session.summit), participant=participant
                )
        login(client, participant)
        url = path if path.startswith("/") else session.get_absolute_url()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts.append(len(queries))
        assert response.status_code == 200

    assert counts[0] == counts[1]
    assert counts[0] > 0


def test_profile_form_keeps_what_was_typed_and_explains_the_error(client):
    participant = make_participant()

    response = login(client, participant).post(
        "/ar/me/",
        {"full_name": "سارة", "role": "public", "language": "ar", "time_zone": "Mars/Base"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="سارة"' in html
    assert response.context["form"].errors["time_zone"] == ["اختر منطقة زمنية من القائمة."]


def test_calendar_feed_lists_places_with_join_links_for_confirmed_only(client):
    participant = make_participant()
    confirmed = make_upcoming_session(join_url=JOIN, title_en="Mine")
    full = make_upcoming_session(
        capacity=1, join_url="https://meet.example.org/other", title_en="Waiting"
    )
    services.register(session=confirmed, participant=participant)
    services.register(session=full, participant=make_participant())
    services.register(session=full, participant=participant)

    response = client.get(f"/en/me/calendar/{participant.calendar_token}.ics")

    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    descriptions = {str(e.get("summary")): str(e.get("description")) for e in events}
    assert sorted(descriptions) == ["Mine", "Waiting"]
    assert JOIN in descriptions["Mine"]
    assert "meet.example.org/other" not in descriptions["Waiting"]
    assert response["Cache-Control"] == "private, no-store"


def test_new_calendar_address_retires_the_old_one(client):
    participant = make_participant()
    old = participant.calendar_token

    login(client, participant).post("/en/me/calendar/new/")

    participant.refresh_from_db()
    assert participant.calendar_token != old
    assert client.get(f"/en/me/calendar/{old}.ics").status_code == 404
    assert client.get(f"/en/me/calendar/{participant.calendar_token}.ics").status_code == 200


def test_data_export_holds_my_data_and_nobody_elses(client):
    participant = make_participant(full_name="Amal", email="amal@example.org")
    other = make_participant(email="other@example.org")
    session = make_upcoming_session()
    services.register(session=session, participant=participant)
    services.register(session=session, participant=other)

    data = json.loads(login(client, participant).get("/en/me/data.json").content)

    assert data["profile"]["full_name"] == "Amal"
    assert data["account"]["email"] == "amal@example.org"
    assert [r["session"] for r in data["registrations"]] == [session.slug]
    assert "other@example.org" not in json.dumps(data)


def test_data_export_leaves_out_mail_to_an_address_added_but_never_verified(client):
    attacker = make_participant(email="amal@example.org")
    EmailAddress.objects.create(user=attacker.user, email="victim@example.org", verified=False)
    outbox.queue(to="victim@example.org", subject="Your interview is on Monday", body="…")
    outbox.queue(to="amal@example.org", subject="Your place is confirmed", body="…")

    data = json.loads(login(client, attacker).get("/en/me/data.json").content)

    assert [e["subject"] for e in data["emails_sent_to_you"]] == ["Your place is confirmed"]


def test_deleting_an_account_keeps_mail_to_an_address_it_never_verified(client):
    attacker = make_participant(email="amal@example.org")
    EmailAddress.objects.create(user=attacker.user, email="victim@example.org", verified=False)
    outbox.queue(to="victim@example.org", subject="Your interview is on Monday", body="…")
    outbox.queue(to="amal@example.org", subject="Your place is confirmed", body="…")

    login(client, attacker).post("/en/me/delete/", {"password": "a-long-passphrase-42"})

    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["victim@example.org"]


def test_delete_account_needs_the_password(client):
    participant = make_participant()

    response = login(client, participant).post("/en/me/delete/", {"password": "wrong"})

    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    participant.refresh_from_db()


def test_delete_account_removes_me_and_promotes_the_waitlist(client):
    session = make_upcoming_session(capacity=1)
    leaving = make_participant()
    services.register(session=session, participant=leaving)
    waiting = services.register(session=session, participant=make_participant())

    response = login(client, leaving).post("/en/me/delete/", {"password": "a-long-passphrase-42"})

    assert response.status_code == 302
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    assert Registration.objects.filter(participant_id=leaving.pk).count() == 0
    assert client.get("/en/me/").status_code == 302
