import secrets
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from media_contacts import services
from media_contacts.models import (
    REFERENCE_PATTERN,
    InternalNote,
    InterviewRequest,
    StatusChange,
)
from tests.factories import make_session, make_speaker
from tests.media_contacts.factories import make_request, make_staff
from u20.models import OutgoingEmail
from u20.times import as_written

pytestmark = pytest.mark.django_db

Status = InterviewRequest.Status


def submission(**fields) -> dict:
    now = timezone.now()
    data = {
        "name": "Layla Haddad",
        "outlet": "Gulf Evening News",
        "role": "Correspondent",
        "email": "layla@example.org",
        "phone": "+971 4 555 0199",
        "country": "United Arab Emirates",
        "language": "en",
        "kind": "interview",
        "interviewee": "The U20 Chair",
        "format": "live_video",
        "deadline": now + timedelta(days=2),
        "message": "Ten minutes on the recovery of cities.",
        "consent": True,
    }
    return {**data, **fields}


def history(interview) -> list[tuple]:
    return list(
        StatusChange.objects.filter(request=interview).values_list(
            "from_status", "to_status", "by__username", "note"
        )
    )


def test_submit_request_saves_it_with_a_reference_and_starts_its_history():
    interview = services.submit_request(**submission())

    saved = InterviewRequest.objects.get()
    assert saved.pk == interview.pk
    assert REFERENCE_PATTERN.match(saved.reference) is not None
    assert (saved.status, saved.name, saved.outlet) == ("new", "Layla Haddad", "Gulf Evening News")
    assert saved.consented_at is not None
    assert history(saved) == [("", "new", None, "")]


def test_submit_request_queues_the_acknowledgement_then_the_team_notification(settings):
    settings.MEDIA_TEAM_EMAIL = "press-desk@example.org"

    interview = services.submit_request(**submission(language="ar"))

    emails = list(OutgoingEmail.objects.order_by("pk").values_list("to", "language", "kind"))
    assert emails == [
        ("layla@example.org", "ar", "media.acknowledgement"),
        ("press-desk@example.org", "en", "media.team"),
    ]
    acknowledgement = OutgoingEmail.objects.get(kind="media.acknowledgement")
    assert interview.reference in acknowledgement.subject
    assert interview.reference in acknowledgement.body
    assert 'lang="ar" dir="rtl"' in acknowledgement.html


def test_submit_request_with_a_speaker_and_a_session():
    speaker = make_speaker(name_en="Virginia Raggi")
    session = make_session(title_en="Public transport")

    interview = services.submit_request(
        **submission(speaker=speaker, session=session, interviewee="")
    )

    assert (interview.speaker, interview.session, interview.wanted) == (
        speaker,
        session,
        "Virginia Raggi",
    )


def test_submit_request_without_consent_is_refused():
    with pytest.raises(ValidationError) as error:
        services.submit_request(**submission(consent=False))

    assert list(error.value.message_dict) == ["consent"]
    assert InterviewRequest.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_submit_request_with_a_past_deadline_is_refused():
    with pytest.raises(ValidationError) as error:
        services.submit_request(**submission(deadline=timezone.now() - timedelta(minutes=1)))

    assert error.value.message_dict == {"deadline": ["Choose a date and time in the future."]}
    assert InterviewRequest.objects.count() == 0


def test_submit_request_with_a_window_ending_before_it_starts_is_refused():
    start = timezone.now() + timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        services.submit_request(
            **submission(window_start=start, window_end=start - timedelta(hours=1))
        )

    assert error.value.message_dict == {
        "window_end": ["The end of the time window must come after its start."]
    }


def test_submit_request_checks_what_was_typed():
    with pytest.raises(ValidationError) as error:
        services.submit_request(**submission(phone="call me", email="not-an-email", name="x" * 121))

    assert sorted(error.value.message_dict) == ["email", "name", "phone"]
    assert InterviewRequest.objects.count() == 0


def test_submit_request_draws_again_when_a_reference_is_taken(monkeypatch):
    make_request(reference="U20-2222-2222-2222")
    drawn = iter(["2"] * 12 + ["3"] * 12)
    monkeypatch.setattr(secrets, "choice", lambda alphabet: next(drawn))

    interview = services.submit_request(**submission())

    assert interview.reference == "U20-3333-3333-3333"
    assert InterviewRequest.objects.count() == 2


def test_request_goes_along_the_whole_workflow_and_history_says_who_did_what():
    staff = make_staff("maha")
    interview = make_request()
    at = timezone.now() + timedelta(days=1)

    services.change_status(interview=interview, to=Status.IN_PROGRESS, by=staff, note="Checking")
    services.schedule(interview=interview, at=at, format="phone", by=staff, note="Chair agreed")
    services.change_status(interview=interview, to=Status.DONE, by=staff)

    interview.refresh_from_db()
    assert (interview.status, interview.scheduled_for, interview.format) == (
        "done",
        at,
        "phone",
    )
    assert interview.closed_at is not None
    assert history(interview) == [
        ("", "new", None, ""),
        ("new", "in_progress", "maha", "Checking"),
        ("in_progress", "scheduled", "maha", "Chair agreed"),
        ("scheduled", "done", "maha", ""),
    ]


@pytest.mark.parametrize(
    ("start", "to"),
    [
        ("new", "done"),
        ("new", "new"),
        ("in_progress", "new"),
        ("in_progress", "done"),
        ("scheduled", "in_progress"),
        ("done", "in_progress"),
        ("done", "done"),
        ("declined", "in_progress"),
    ],
)
def test_change_status_refuses_moves_off_the_workflow(start, to):
    fields = {"status": start}
    if start == "scheduled":
        fields["scheduled_for"] = timezone.now() + timedelta(days=1)
    interview = make_request(**fields)

    with pytest.raises(services.TransitionError):
        services.change_status(interview=interview, to=to, by=make_staff())

    interview.refresh_from_db()
    assert interview.status == start
    assert StatusChange.objects.filter(request=interview).count() == 1


def test_change_status_to_scheduled_asks_for_a_date():
    interview = make_request(status="in_progress")

    with pytest.raises(services.TransitionError) as error:
        services.change_status(interview=interview, to=Status.SCHEDULED, by=make_staff())

    assert error.value.message == "Give a date, a time and a format to schedule a request."


def test_schedule_a_new_request_is_refused_it_must_be_in_progress_first():
    interview = make_request()

    with pytest.raises(services.TransitionError):
        services.schedule(
            interview=interview,
            at=timezone.now() + timedelta(days=1),
            format="phone",
            by=make_staff(),
        )

    assert InterviewRequest.objects.get().status == "new"
    assert OutgoingEmail.objects.count() == 0


def test_schedule_in_the_past_is_refused():
    interview = make_request(status="in_progress")

    with pytest.raises(services.TransitionError):
        services.schedule(
            interview=interview,
            at=timezone.now() - timedelta(hours=1),
            format="phone",
            by=make_staff(),
        )

    assert InterviewRequest.objects.get().status == "in_progress"


@pytest.mark.parametrize("start", ["new", "in_progress", "scheduled"])
def test_any_open_request_can_be_declined(start):
    fields = {"status": start}
    if start == "scheduled":
        fields["scheduled_for"] = timezone.now() + timedelta(days=1)
    interview = make_request(**fields)

    services.decline(interview=interview, by=make_staff("maha"), note="No slot left")

    interview.refresh_from_db()
    assert interview.status == "declined"
    assert interview.closed_at is not None
    assert history(interview)[-1] == (start, "declined", "maha", "No slot left")


@pytest.mark.parametrize("start", ["done", "declined"])
def test_closed_requests_cannot_be_declined(start):
    interview = make_request(status=start)

    with pytest.raises(services.TransitionError):
        services.decline(interview=interview, by=make_staff(), notify=True)

    assert OutgoingEmail.objects.count() == 0


def test_schedule_tells_the_journalist_the_date_time_and_format_in_their_language(settings):
    interview = make_request(status="in_progress", language="ar", email="reporter@example.org")
    at = timezone.now().replace(microsecond=0) + timedelta(days=3)

    services.schedule(
        interview=interview,
        at=at,
        format="live_video",
        by=make_staff(),
        details="Join at https://meet.example.org/u20",
    )

    email = OutgoingEmail.objects.get()
    assert (email.to, email.language, email.kind) == (
        "reporter@example.org",
        "ar",
        "media.scheduled",
    )
    # An Arabic email writes its digits the Arabic way.
    with translation.override("ar"):
        assert as_written(at.strftime("%H:%M")) in email.body
        assert as_written(str(at.year)) in email.body
    assert "https://meet.example.org/u20" in email.body
    assert 'lang="ar" dir="rtl"' in email.html


def test_schedule_again_at_another_time_tells_the_journalist_again():
    interview = make_request(status="in_progress")
    first = timezone.now() + timedelta(days=2)
    staff = make_staff("maha")
    services.schedule(interview=interview, at=first, format="phone", by=staff)

    services.schedule(interview=interview, at=first + timedelta(hours=2), format="phone", by=staff)
    services.schedule(interview=interview, at=first + timedelta(hours=2), format="phone", by=staff)

    assert OutgoingEmail.objects.filter(kind="media.scheduled").count() == 2
    assert [row[:2] for row in history(interview)] == [
        ("", "new"),
        ("in_progress", "scheduled"),
        ("scheduled", "scheduled"),
        ("scheduled", "scheduled"),
    ]


def test_decline_with_notify_sends_a_polite_note_in_the_journalists_language():
    interview = make_request(language="ar")

    services.decline(
        interview=interview, by=make_staff(), note="Internal: chair unavailable", notify=True
    )

    email = OutgoingEmail.objects.get()
    assert (email.kind, email.language, email.to) == ("media.declined", "ar", interview.email)
    assert "Internal: chair unavailable" not in email.body
    assert "Internal: chair unavailable" not in email.html


def test_decline_without_notify_sends_nothing():
    interview = make_request()

    services.decline(interview=interview, by=make_staff(), notify=False)

    assert OutgoingEmail.objects.count() == 0


def test_change_status_to_declined_declines_quietly():
    interview = make_request()

    services.change_status(interview=interview, to=Status.DECLINED, by=make_staff())

    assert InterviewRequest.objects.get().status == "declined"
    assert OutgoingEmail.objects.count() == 0


def test_assign_a_new_request_puts_it_in_progress():
    maha = make_staff("maha")
    interview = make_request()

    services.assign(interview=interview, assignee=maha, by=maha)

    interview.refresh_from_db()
    assert (interview.assignee, interview.status) == (maha, "in_progress")
    assert history(interview)[-1] == ("new", "in_progress", "maha", "Assigned to maha.")


def test_assign_again_records_the_change_without_moving_the_status():
    maha, omar = make_staff("maha"), make_staff("omar")
    interview = make_request(status="in_progress", assignee=maha)

    services.assign(interview=interview, assignee=omar, by=maha)
    services.assign(interview=interview, assignee=omar, by=maha)

    interview.refresh_from_db()
    assert (interview.assignee, interview.status) == (omar, "in_progress")
    assert history(interview)[1:] == [("in_progress", "in_progress", "maha", "Assigned to omar.")]


def test_assign_to_someone_who_is_not_staff_is_refused():
    interview = make_request()
    visitor = make_staff("visitor", superuser=False)
    visitor.is_staff = False
    visitor.save()

    with pytest.raises(services.TransitionError):
        services.assign(interview=interview, assignee=visitor, by=make_staff())

    assert InterviewRequest.objects.get().assignee is None


def test_assign_a_closed_request_is_refused():
    interview = make_request(status="done")

    with pytest.raises(services.TransitionError):
        services.assign(interview=interview, assignee=make_staff(), by=make_staff())


def test_add_note_is_signed_by_its_author():
    maha = make_staff("maha")
    interview = make_request()

    services.add_note(interview=interview, by=maha, text="  Called the desk.  ")

    assert list(InternalNote.objects.values_list("author__username", "text")) == [
        ("maha", "Called the desk.")
    ]


def test_anonymise_closed_erases_old_closed_requests_only():
    now = timezone.now()
    old_done = make_request(status="done", closed_at=now - timedelta(days=400))
    old_declined = make_request(status="declined", closed_at=now - timedelta(days=366))
    recent = make_request(status="done", closed_at=now - timedelta(days=10))
    still_open = make_request(status="new", created_at=now - timedelta(days=900))
    services.add_note(interview=old_done, by=make_staff(), text="Her mobile is +44 7700 900000")

    count = services.anonymise_closed(days=365, now=now)

    assert count == 2
    for interview in (old_done, old_declined):
        interview.refresh_from_db()
        assert (interview.name, interview.email, interview.phone, interview.message) == (
            "",
            "",
            "",
            "",
        )
        assert interview.anonymised_at == now
        assert interview.outlet != ""
    assert InternalNote.objects.count() == 0
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.name != "" and recent.anonymised_at is None
    assert still_open.name != "" and still_open.anonymised_at is None


def test_anonymise_closed_deletes_the_emails_that_repeat_the_details(settings):
    settings.MEDIA_TEAM_EMAIL = "media@localhost"
    interview = services.submit_request(**submission())
    other = services.submit_request(**submission(email="other@example.org"))
    services.decline(interview=interview, by=make_staff(), notify=True)
    InterviewRequest.objects.filter(pk=interview.pk).update(
        closed_at=timezone.now() - timedelta(days=30)
    )

    services.anonymise_closed(days=7)

    kept = OutgoingEmail.objects.order_by("pk").values_list("to", "kind")
    assert list(kept) == [
        ("other@example.org", "media.acknowledgement"),
        ("media@localhost", "media.team"),
    ]
    assert InterviewRequest.objects.get(pk=other.pk).anonymised_at is None


def test_anonymise_closed_twice_does_nothing_the_second_time():
    make_request(status="done", closed_at=timezone.now() - timedelta(days=400))

    assert services.anonymise_closed() == 1
    assert services.anonymise_closed() == 0
