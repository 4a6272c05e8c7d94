"""The audit trail of the press office: staff moves are signed, the
retention run is not, and anonymising a request leaves a trace of it with
none of the journalist's details, in that entry or any earlier one."""

import io
import json
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.utils import timezone

from media_contacts import services
from media_contacts.models import InternalNote, InterviewRequest
from tests.media_contacts.factories import make_request, make_staff
from tests.staff import sign_in_with_second_factor
from tests.tasks import run_due_tasks
from u20 import audit

pytestmark = pytest.mark.django_db

PERSONAL = ("Layla Haddad", "layla@example.org", "+971 4 555 0101", "Ask about buses", "Chair")


def closed_request(**fields) -> InterviewRequest:
    """A request declined long ago, with everything the journalist told us, a
    note repeating it, and the moves that closed it."""
    staff = make_staff()
    interview = make_request(
        name="Layla Haddad",
        email="layla@example.org",
        phone="+971 4 555 0101",
        message="Ask about buses",
        interviewee="Chair",
        **fields,
    )
    services.add_note(interview=interview, by=staff, text="Layla Haddad prefers mornings")
    services.change_status(interview=interview, to="in_progress", by=staff)
    services.decline(interview=interview, by=staff)
    InterviewRequest.objects.filter(pk=interview.pk).update(
        closed_at=timezone.now() - timedelta(days=400)
    )
    return interview


def whole_trail() -> str:
    return json.dumps(
        list(LogEntry.objects.values("object_repr", "changes", "changes_text", "actor_email")),
        ensure_ascii=False,
    )


def test_anonymising_leaves_an_entry_saying_so_without_the_erased_values():
    interview = closed_request()

    services.anonymise_closed()

    entry = audit.entries_about(InterviewRequest, [interview.pk]).latest()
    assert entry.actor is None
    assert entry.object_repr == interview.reference
    assert sorted(entry.changes) == [
        "anonymised_at",
        "email",
        "interviewee",
        "message",
        "name",
        "phone",
        "role",
    ]
    assert entry.changes["email"] == [audit.ERASED, ""]
    trail = whole_trail()
    for personal in PERSONAL:
        assert personal not in trail


def test_anonymising_keeps_the_trail_of_what_was_not_personal():
    interview = closed_request()

    services.anonymise_closed()

    moves = [
        entry.changes["status"]
        for entry in audit.entries_about(InterviewRequest, [interview.pk]).order_by("pk")
        if "status" in entry.changes
    ]
    created = audit.entries_about(InterviewRequest, [interview.pk]).earliest()
    assert moves == [["None", "new"], ["new", "in_progress"], ["in_progress", "declined"]]
    assert created.changes["outlet"] == ["None", interview.outlet]
    assert created.changes["name"] == ["None", audit.ERASED]


def test_anonymising_erases_the_notes_from_the_trail_and_records_their_deletion():
    interview = closed_request()
    note = InternalNote.objects.get(request=interview)

    services.anonymise_closed()

    entries = audit.entries_about(InternalNote, [note.pk]).order_by("pk")
    assert [entry.action for entry in entries] == [LogEntry.Action.CREATE, LogEntry.Action.DELETE]
    assert [entry.object_repr for entry in entries] == [f"Internal note {note.pk}"] * 2
    assert [entry.changes["text"] for entry in entries] == [
        ["None", audit.ERASED],
        [audit.ERASED, "None"],
    ]


def test_anonymising_from_the_command_and_the_task_worker_has_no_actor():
    first, second = closed_request(), closed_request()
    InterviewRequest.objects.filter(pk=second.pk).update(
        closed_at=timezone.now() - timedelta(days=5)
    )

    call_command("anonymise_requests", stdout=io.StringIO())
    call_command("anonymise_requests", "--days", "1", "--enqueue", stdout=io.StringIO())
    run_due_tasks()

    signed = [
        audit.entries_about(InterviewRequest, [interview.pk]).latest().actor
        for interview in (first, second)
    ]
    assert signed == [None, None]
    assert InterviewRequest.objects.filter(anonymised_at__isnull=False).count() == 2


def test_move_in_the_admin_is_signed_by_the_staff_member(client):
    maha = make_staff("maha")
    sign_in_with_second_factor(client, maha)
    interview = make_request()

    client.post(
        "/admin/media_contacts/interviewrequest/",
        {"action": "assign_to_me", "_selected_action": [str(interview.pk)]},
    )

    entry = audit.entries_about(InterviewRequest, [interview.pk]).latest()
    assert entry.actor == maha
    assert entry.changes["status"] == ["new", "in_progress"]
    assert entry.changes["assignee"] == ["None", str(maha.pk)]
