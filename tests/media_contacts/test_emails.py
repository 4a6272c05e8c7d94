from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from media_contacts import services
from media_contacts.models import InterviewRequest
from tests.mail_backends import FlakyBackend
from tests.media_contacts.factories import XSS_PAYLOADS, form_data, make_request, make_staff
from tests.tasks import bring_forward_delayed_tasks, run_due_tasks
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

FORM = "/{lang}/media/interview-request/"
TEXT_FIELDS = ["name", "outlet", "role", "country", "interviewee", "message"]


@pytest.fixture
def flaky_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.mail_backends.FlakyBackend"}}
    settings.MEDIA_TEAM_EMAIL = "press-desk@example.org"
    FlakyBackend.refused, FlakyBackend.failures = 0, 0
    return FlakyBackend


def html_of(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def schedule_a_call_and_send(interview, capture_on_commit) -> None:
    """The media team schedules a phone call in two days; the worker sends."""
    with capture_on_commit(execute=True):
        services.schedule(
            interview=interview,
            at=timezone.now() + timedelta(days=2),
            format="phone",
            by=make_staff(),
        )
    run_due_tasks()


def test_journalist_and_team_each_get_one_email_once_the_worker_runs(
    client, flaky_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM.format(lang="en"), form_data(email="layla@example.org"))
    reference = InterviewRequest.objects.get().reference

    run_due_tasks()

    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("layla@example.org", f"We have received your request – reference {reference}"),
        ("press-desk@example.org", f"New interview request {reference} from Gulf Evening News"),
    ]


def test_acknowledgement_is_in_the_journalists_language(
    client, flaky_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM.format(lang="en"), form_data(language="ar"))

    run_due_tasks()

    acknowledgement = next(m for m in mail.outbox if m.to == ["layla@example.org"])
    team = next(m for m in mail.outbox if m.to == ["press-desk@example.org"])
    assert '<html lang="ar" dir="rtl">' in html_of(acknowledgement)
    assert '<html lang="en" dir="ltr">' in html_of(team)


def test_acknowledgement_tells_the_request_back_without_internal_links(
    client, flaky_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM.format(lang="en"), form_data())
    run_due_tasks()

    acknowledgement = next(m for m in mail.outbox if m.to == ["layla@example.org"])
    team = next(m for m in mail.outbox if m.to == ["press-desk@example.org"])
    interview = InterviewRequest.objects.get()
    assert "Ten minutes on the recovery of cities after COVID-19." in acknowledgement.body
    assert "/admin/" not in acknowledgement.body
    assert f"/admin/media_contacts/interviewrequest/{interview.pk}/change/" in team.body
    assert "layla@example.org" in team.body


def test_with_the_mail_server_down_the_request_is_saved_and_mailed_once_later(
    client, flaky_mail, django_capture_on_commit_callbacks
):
    flaky_mail.failures = 2  # the first two tries are refused

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM.format(lang="en"), form_data(), follow=True)
    interview = InterviewRequest.objects.get()
    run_due_tasks()  # both emails: refused
    bring_forward_delayed_tasks()
    run_due_tasks()  # retries go through
    bring_forward_delayed_tasks()
    run_due_tasks()  # nothing left

    assert response.status_code == 200
    assert interview.reference in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["layla@example.org", "press-desk@example.org"]
    assert list(OutgoingEmail.objects.values_list("attempts", flat=True)) == [2, 2]


def test_with_the_mail_server_gone_for_good_nothing_is_lost(
    client, flaky_mail, django_capture_on_commit_callbacks
):
    flaky_mail.failures = 1000

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM.format(lang="en"), form_data(), follow=True)
    run_due_tasks()

    reference = InterviewRequest.objects.get().reference
    assert reference in response.content.decode()
    assert mail.outbox == []
    assert [e.last_error != "" and e.sent_at is None for e in OutgoingEmail.objects.all()] == [
        True,
        True,
    ]


def test_scheduled_email_reaches_the_journalist_once(
    flaky_mail, django_capture_on_commit_callbacks
):
    interview = make_request(status="in_progress", email="reporter@example.org")
    at = timezone.now() + timedelta(days=2)
    staff = make_staff()

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(interview=interview, at=at, format="phone", by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(interview=interview, at=at, format="phone", by=staff)
    run_due_tasks()

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["reporter@example.org"], f"Your request is scheduled – reference {interview.reference}")
    ]
    assert "Phone" in mail.outbox[0].body


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_in_every_text_field_is_escaped_in_both_emails(
    client, flaky_mail, django_capture_on_commit_callbacks, payload
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM.format(lang="en"), form_data(**dict.fromkeys(TEXT_FIELDS, payload)))
    run_due_tasks()

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        html = html_of(message)
        assert payload not in html
        assert "<img src=x" not in html
        assert "<script>" not in html
    team_html = html_of(next(m for m in mail.outbox if m.to == ["press-desk@example.org"]))
    escaped = (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        if "script" in payload
        else ("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
    )
    assert team_html.count(escaped) >= len(TEXT_FIELDS)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_is_escaped_in_the_scheduled_and_declined_emails(
    flaky_mail, django_capture_on_commit_callbacks, payload
):
    scheduled = make_request(status="in_progress", name=payload, message=payload)
    declined = make_request(name=payload, message=payload)
    staff = make_staff()

    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(
            interview=scheduled,
            at=timezone.now() + timedelta(days=1),
            format="phone",
            by=staff,
            details=payload,
        )
        services.decline(interview=declined, by=staff, notify=True)
    run_due_tasks()

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert payload not in html_of(message)
        assert "<img src=x" not in html_of(message)


def test_emails_to_the_journalist_reply_to_the_media_team_and_the_teams_does_not(
    client, flaky_mail, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM.format(lang="en"), form_data(email="layla@example.org"))
    InterviewRequest.objects.update(status="in_progress")
    interview = InterviewRequest.objects.get()
    schedule_a_call_and_send(interview, django_capture_on_commit_callbacks)

    headers = sorted((m.to[0], m.subject, m.message()["Reply-To"]) for m in mail.outbox)
    reference = interview.reference
    assert headers == [
        (
            "layla@example.org",
            f"We have received your request – reference {reference}",
            "press-desk@example.org",
        ),
        (
            "layla@example.org",
            f"Your request is scheduled – reference {reference}",
            "press-desk@example.org",
        ),
        (
            "press-desk@example.org",
            f"New interview request {reference} from Gulf Evening News",
            None,
        ),
    ]


def test_arabic_emails_keep_the_reference_and_the_date_apart_from_the_arabic_text(
    flaky_mail, django_capture_on_commit_callbacks
):
    interview = make_request(status="in_progress", language="ar", phone="+966 11 555 0199")
    schedule_a_call_and_send(interview, django_capture_on_commit_callbacks)

    html = html_of(mail.outbox[0])
    assert '<html lang="ar" dir="rtl">' in html
    assert f"<td><bdi>{interview.reference}</bdi></td>" in html
    assert "<li>الموعد: <bdi>" in html
