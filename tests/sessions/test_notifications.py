from datetime import timedelta

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from sessions import notifications, services
from tests.factories import make_participant, make_upcoming_session
from tests.mail_backends import FlakyBackend
from tests.tasks import bring_forward_delayed_tasks, run_due_tasks
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def reminder_tasks():
    return DBTaskResult.objects.filter(task_path="sessions.tasks.send_reminder")


def test_confirmed_registration_schedules_a_reminder_an_hour_before(
    django_capture_on_commit_callbacks, settings
):
    settings.REMINDER_MINUTES = 60
    session = make_upcoming_session(starts_in=timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(session=session, participant=make_participant())

    task = reminder_tasks().get()
    assert task.run_after == session.starts_at - timedelta(hours=1)
    assert task.args_kwargs["kwargs"] == {
        "registration_id": registration.pk,
        "starts_at": session.starts_at.isoformat(),
    }


def test_no_reminder_when_registering_less_than_an_hour_before(django_capture_on_commit_callbacks):
    session = make_upcoming_session(starts_in=timedelta(minutes=30))

    with django_capture_on_commit_callbacks(execute=True):
        services.register(session=session, participant=make_participant())

    assert reminder_tasks().count() == 0


def test_waitlisted_people_get_no_reminder(django_capture_on_commit_callbacks):
    session = make_upcoming_session(capacity=0)

    with django_capture_on_commit_callbacks(execute=True):
        services.register(session=session, participant=make_participant())

    assert reminder_tasks().count() == 0


def test_reminder_is_sent_once_when_its_time_comes(django_capture_on_commit_callbacks):
    session = make_upcoming_session(starts_in=timedelta(days=1), title_en="Urban air mobility")
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(session=session, participant=make_participant())
    OutgoingEmail.objects.all().delete()

    first = notifications.send_reminder(
        registration_id=registration.pk, starts_at=session.starts_at.isoformat()
    )
    second = notifications.send_reminder(
        registration_id=registration.pk, starts_at=session.starts_at.isoformat()
    )

    assert (first, second) == ("queued", "queued")
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == [
        "Starting soon: Urban air mobility"
    ]


def test_reminder_for_an_old_time_is_dropped_and_a_new_one_is_set(
    django_capture_on_commit_callbacks,
):
    session = make_upcoming_session(starts_in=timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register(session=session, participant=make_participant())
    old_start = session.starts_at.isoformat()
    session.starts_at += timedelta(hours=2)
    session.ends_at += timedelta(hours=2)
    session.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.session_changed(session=session, changed={"starts_at", "ends_at"})

    assert (
        notifications.send_reminder(registration_id=registration.pk, starts_at=old_start)
        == "out of date"
    )
    assert sorted(t.args_kwargs["kwargs"]["starts_at"] for t in reminder_tasks()) == sorted(
        [old_start, session.starts_at.isoformat()]
    )


def test_cancelled_registration_gets_no_reminder(django_capture_on_commit_callbacks):
    session = make_upcoming_session(starts_in=timedelta(days=1))
    registration = services.register(session=session, participant=make_participant())
    services.cancel(registration=registration)

    assert (
        notifications.send_reminder(
            registration_id=registration.pk, starts_at=session.starts_at.isoformat()
        )
        == "not confirmed"
    )


def test_registration_with_the_mail_server_down_is_saved_and_mailed_once_later(
    client, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": "tests.mail_backends.FlakyBackend"}}
    FlakyBackend.refused, FlakyBackend.failures = 0, 1
    session = make_upcoming_session(starts_in=timedelta(days=2), title_en="Practice")
    participant = make_participant()
    client.force_login(participant.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/summits/{session.summit.slug}/sessions/{session.slug}/register/", follow=True
        )
    run_due_tasks()  # the mail server refuses
    bring_forward_delayed_tasks()
    results = run_due_tasks()  # the retry goes through
    bring_forward_delayed_tasks()
    run_due_tasks()

    assert "You are registered." in response.content.decode()
    assert "sent" in results
    assert [m.subject for m in mail.outbox if "Practice" in m.subject] == [
        "Your place is confirmed: Practice"
    ]
