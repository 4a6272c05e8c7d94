"""The outbox in the admin: read, filtered, and handed back to the worker."""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.sessions.admin_fixtures import message_texts
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db


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
