"""The audit trail of the registration journey: attendees sign their own
changes, their data export shows their own activity and nobody else's, and
the trail keeps no secret and nothing of a deleted account."""

import json

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sessions import services
from sessions.models import Participant, Registration
from sessions.selectors import participant_data
from tests.factories import make_participant, make_upcoming_session
from tests.staff import sign_in_with_second_factor
from u20 import audit

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-42"


def login(client, participant):
    client.force_login(participant.user)
    return client


def action(session, name, lang="en"):
    return f"/{lang}/summits/{session.summit.slug}/sessions/{session.slug}/{name}/"


def whole_trail() -> str:
    """Every entry as stored, to search for what must not be there."""
    return json.dumps(
        list(
            LogEntry.objects.values(
                "object_repr", "changes", "changes_text", "serialized_data", "actor_email"
            )
        ),
        ensure_ascii=False,
    )


def test_registering_through_the_site_records_the_attendee_as_actor(client):
    session = make_upcoming_session(capacity=5)
    participant = make_participant()

    login(client, participant).post(action(session, "register"))

    registration = Registration.objects.get()
    entry = audit.entries_about(Registration, [registration.pk]).get()
    assert (entry.action, entry.actor) == (LogEntry.Action.CREATE, participant.user)
    assert entry.changes["status"] == ["None", "confirmed"]
    # Any client can forge X-Forwarded-For, where auditlog would read it.
    assert entry.remote_addr is None


def test_cancelling_through_the_site_records_the_attendee_and_the_promotion(client):
    session = make_upcoming_session(capacity=1)
    leaving = make_participant()
    mine = services.register(session=session, participant=leaving)
    waiting = services.register(session=session, participant=make_participant())

    login(client, leaving).post(action(session, "cancel"), {"confirm": "yes"})

    cancelled = audit.entries_about(Registration, [mine.pk]).get(action=LogEntry.Action.UPDATE)
    promoted = audit.entries_about(Registration, [waiting.pk]).get(action=LogEntry.Action.UPDATE)
    assert cancelled.actor == leaving.user
    assert cancelled.changes["status"] == ["confirmed", "cancelled"]
    assert promoted.changes["status"] == ["waitlisted", "confirmed"]


def test_change_made_outside_a_request_has_no_actor():
    participant = make_participant()

    services.register(session=make_upcoming_session(), participant=participant)

    assert set(LogEntry.objects.values_list("actor", flat=True)) == {None}


def test_calendar_token_never_reaches_the_trail(client):
    participant = make_participant(full_name="Amal")
    first = participant.calendar_token
    login(client, participant).post("/en/me/calendar/new/")
    participant.refresh_from_db()
    client.post(
        "/en/me/",
        {"full_name": "Amal K.", "role": "public", "language": "en", "time_zone": "UTC"},
    )

    trail = whole_trail()

    assert audit.entries_about(Participant, [participant.pk]).count() == 2
    assert "Amal K." in trail
    assert first not in trail
    assert participant.calendar_token not in trail
    assert "calendar_token" not in trail


def test_data_export_shows_my_activity_and_not_the_person_i_freed_a_place_for(client):
    session = make_upcoming_session(capacity=1, title_en="Mobility")
    me = make_participant(full_name="Amal")
    other = make_participant(full_name="Omar Secret", email="omar@example.org")
    services.register(session=session, participant=me)
    theirs = services.register(session=session, participant=other)

    login(client, me).post(action(session, "cancel"), {"confirm": "yes"})
    data = json.loads(client.get("/en/me/data.json").content)

    assert [(a["action"], a["model"], a["by_you"]) for a in data["activity"]] == [
        ("create", "participant", False),
        ("create", "registration", False),
        ("update", "registration", True),
    ]
    assert data["activity"][-1]["fields"] == ["cancelled_at", "status"]
    assert data["activity"][-1]["object"].startswith("Amal – Mobility")
    assert "Omar" not in json.dumps(data)
    assert audit.entries_about(Registration, [theirs.pk]).filter(actor=me.user).count() == 1


def test_data_export_shows_a_change_someone_else_made_to_my_place_without_naming_them(client):
    session = make_upcoming_session(capacity=1)
    leaving = make_participant(full_name="Omar Secret", email="omar@example.org")
    me = make_participant(full_name="Amal")
    services.register(session=session, participant=leaving)
    services.register(session=session, participant=me)
    login(client, leaving).post(action(session, "cancel"), {"confirm": "yes"})

    data = json.loads(login(client, me).get("/en/me/data.json").content)

    promoted = data["activity"][-1]
    assert (promoted["action"], promoted["by_you"]) == ("update", False)
    assert promoted["fields"] == ["confirmed_at", "status", "waitlisted_at"]
    assert "Omar" not in json.dumps(data)
    assert "omar@example.org" not in json.dumps(data)


def test_organisers_change_to_my_profile_is_in_my_export_without_their_name(client):
    me = make_participant(full_name="Amal", time_zone="UTC")
    organiser = make_participant(full_name="Organiser Name", email="organiser@example.org").user
    organiser.is_staff = organiser.is_superuser = True
    organiser.save()
    sign_in_with_second_factor(client, organiser)

    client.post(
        f"/admin/agenda/participant/{me.pk}/change/",
        {
            "full_name": "Amal",
            "role": "public",
            "country": "Oman",
            "language": "en",
            "time_zone": "UTC",
        },
    )
    data = participant_data(me)

    entry = audit.entries_about(Participant, [me.pk]).latest()
    assert entry.actor == organiser
    assert (data["activity"][-1]["fields"], data["activity"][-1]["by_you"]) == (["country"], False)
    assert "Organiser" not in json.dumps(data)
    assert "organiser@example.org" not in json.dumps(data)


def test_data_export_makes_the_same_number_of_queries_for_1_and_20_entries(client):
    counts = []
    for entries in (1, 20):
        me = make_participant()
        for n in range(entries - 1):
            me.country = f"Country {n}"
            me.save()
        login(client, me)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/me/data.json")
        counts.append(len(queries))
        assert len(json.loads(response.content)["activity"]) == entries

    assert counts[0] == counts[1]


def test_deleting_my_account_leaves_nothing_of_me_in_the_trail(client):
    session = make_upcoming_session(capacity=1, title_en="Mobility")
    me = make_participant(full_name="Amal Haddad", email="amal@example.org", country="Jordan")
    registration = services.register(session=session, participant=me)
    waiting = services.register(session=session, participant=make_participant())
    login(client, me).post(
        "/en/me/", {"full_name": "Amal H.", "role": "public", "language": "en", "time_zone": "UTC"}
    )

    client.post("/en/me/delete/", {"password": PASSWORD})

    trail = whole_trail()
    mine = audit.entries_about(Registration, [registration.pk])
    assert not Participant.objects.filter(pk=me.pk).exists()
    for personal in ("Amal", "amal@example.org", "Jordan"):
        assert personal not in trail
    assert [entry.changes["status"] for entry in mine.order_by("timestamp", "pk")] == [
        ["None", "confirmed"],
        ["confirmed", "cancelled"],
        ["cancelled", "None"],
    ]
    assert [entry.changes.get("participant") for entry in mine.order_by("timestamp", "pk")] == [
        ["None", audit.ERASED],
        None,
        [audit.ERASED, "None"],
    ]
    assert audit.entries_about(Registration, [waiting.pk]).count() == 2
