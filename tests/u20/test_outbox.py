from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.mail_backends import FlakyBackend
from tests.tasks import bring_forward_delayed_tasks as make_due
from tests.tasks import run_due_tasks as run_worker
from u20 import outbox
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def flaky_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.mail_backends.FlakyBackend"}}
    FlakyBackend.refused = 0
    FlakyBackend.failures = 0
    return FlakyBackend


def queue(**fields):
    defaults = {
        "to": "mayor@example.org",
        "subject": "Hello",
        "body": "Text",
        "html": "<p>Text</p>",
    }
    with transaction.atomic():
        email = outbox.queue(**{**defaults, **fields})
    return email


def test_queued_email_is_sent_by_the_worker_after_the_commit(
    django_capture_on_commit_callbacks, flaky_mail
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue(subject="Your place is confirmed")

    run_worker()

    email.refresh_from_db()
    assert [m.subject for m in mail.outbox] == ["Your place is confirmed"]
    assert (email.attempts, email.sent_at is not None) == (1, True)


def test_email_survives_a_mail_server_that_is_down_and_goes_out_once(
    django_capture_on_commit_callbacks, flaky_mail
):
    flaky_mail.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()

    run_worker()  # first try: refused
    make_due()
    run_worker()  # second try: refused
    make_due()
    run_worker()  # third try: sent
    make_due()
    run_worker()  # nothing left
    outbox.send(email.pk)  # a stray duplicate task does nothing

    email.refresh_from_db()
    assert len(mail.outbox) == 1
    assert (email.attempts, email.last_error, email.failed_at) == (3, "", None)
    assert email.sent_at is not None


def test_a_failure_is_recorded_and_retried_later(django_capture_on_commit_callbacks, flaky_mail):
    flaky_mail.failures = 1
    email = OutgoingEmail.objects.create(to="a@example.org", subject="S", body="B")

    with django_capture_on_commit_callbacks(execute=True):
        result = outbox.send(email.pk)

    email.refresh_from_db()
    retry = DBTaskResult.objects.get(status="READY")
    assert result == "retrying"
    assert email.last_error == "ConnectionRefusedError: The mail server is not answering"
    assert retry.run_after > timezone.now() + timedelta(seconds=20)


def test_delivery_gives_up_after_the_last_attempt(flaky_mail):
    flaky_mail.failures = 100
    email = OutgoingEmail.objects.create(
        to="a@example.org", subject="S", body="B", attempts=outbox.MAX_ATTEMPTS - 1
    )

    assert outbox.send(email.pk) == "failed"
    email.refresh_from_db()
    assert email.failed_at is not None
    assert outbox.send(email.pk) == "skipped"


def test_an_email_being_sent_is_not_sent_again(flaky_mail):
    email = OutgoingEmail.objects.create(
        to="a@example.org", subject="S", body="B", claimed_at=timezone.now()
    )

    assert outbox.send(email.pk) == "skipped"
    assert mail.outbox == []


def test_a_claim_left_by_a_dead_worker_expires(flaky_mail):
    email = OutgoingEmail.objects.create(
        to="a@example.org", subject="S", body="B", claimed_at=timezone.now() - timedelta(hours=1)
    )

    assert outbox.send(email.pk) == "sent"


def test_same_dedupe_key_is_queued_once():
    first = queue(dedupe_key="reminder:1:2026-01-01T10:00:00+00:00")
    second = queue(dedupe_key="reminder:1:2026-01-01T10:00:00+00:00")

    assert (first is not None, second) == (True, None)
    assert OutgoingEmail.objects.count() == 1


def test_retry_delay_grows_and_stops_at_an_hour():
    assert [outbox.retry_delay(n).total_seconds() for n in (1, 2, 3, 20)] == [30, 60, 120, 3600]


def test_attachments_are_sent(flaky_mail):
    email = OutgoingEmail.objects.create(
        to="a@example.org",
        subject="S",
        body="B",
        attachments=[
            {"filename": "s.ics", "mimetype": "text/calendar", "content": "BEGIN:VCALENDAR"}
        ],
    )

    outbox.send(email.pk)

    assert mail.outbox[0].attachments[0][:2] == ("s.ics", "BEGIN:VCALENDAR")


def test_requeue_hands_old_unsent_email_to_the_worker_again():
    old = OutgoingEmail.objects.create(to="a@example.org", subject="S", body="B")
    OutgoingEmail.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=1))
    OutgoingEmail.objects.create(to="b@example.org", subject="S", body="B")

    assert outbox.requeue_unsent() == 1
    assert DBTaskResult.objects.count() == 1


def test_send_queued_email_command_reports_what_it_did():

    out = StringIO()
    call_command("send_queued_email", stdout=out)

    assert out.getvalue() == "0 email(s) handed to the worker again.\n"


def test_reply_to_is_stored_and_sent_as_the_reply_to_header(
    django_capture_on_commit_callbacks, flaky_mail
):
    with django_capture_on_commit_callbacks(execute=True):
        answered = queue(to="journalist@example.org", reply_to="desk@example.org")
        plain = queue(to="mayor@example.org")
    run_worker()

    sent = {m.to[0]: m.message()["Reply-To"] for m in mail.outbox}
    assert (answered.reply_to, plain.reply_to) == ("desk@example.org", "")
    assert sent == {"journalist@example.org": "desk@example.org", "mayor@example.org": None}
