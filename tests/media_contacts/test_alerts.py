"""Release alerts: double opt-in, one-click unsubscribe (RFC 8058), alerts
queued once per release and reader, through a real SMTP server that goes
down and comes back, and the embargoed copy for accredited journalists."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from media_contacts import alerts
from media_contacts.models import AlertSubscription, PressRelease
from tests.media_contacts.factories import make_accreditation, make_release
from tests.tasks import bring_forward_delayed_tasks, run_due_tasks
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def in_arabic(message: str) -> str:
    with translation.override("ar"):
        return translation.gettext(message)


def confirmed(email: str, language: str = "en") -> AlertSubscription:
    subscription = alerts.subscribe(email=email, language=language)
    return alerts.confirm(subscription.token)


def an_hour_ago():
    return timezone.now() - timedelta(hours=1)


def confirmation_of(email: str) -> OutgoingEmail:
    return OutgoingEmail.objects.filter(to=email, kind="media.alerts.confirm").last()


# Subscribing


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_subscribing_sends_a_confirmation_link_and_nothing_else(client, lang):
    response = client.post(
        f"/{lang}/media/alerts/", {"email": "reader@example.org", "language": lang}
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    with translation.override(lang):
        assert (
            translation.gettext(
                "Check your inbox: if this address is not subscribed yet, we have sent it a "
                "link to confirm the alerts."
            )
            in page
        )
    subscription = AlertSubscription.objects.get()
    assert (subscription.language, subscription.is_active) == (lang, False)
    sent = confirmation_of("reader@example.org")
    assert f"/{lang}/media/alerts/confirm/{subscription.token}/" in sent.body
    assert sent.is_sensitive


def test_an_address_already_subscribed_sees_the_same_page_and_gets_nothing(client):
    confirmed("reader@example.org")
    before = OutgoingEmail.objects.count()

    response = client.post("/en/media/alerts/", {"email": "reader@example.org", "language": "en"})

    assert response.status_code == 302
    assert response["Location"].endswith("/en/media/alerts/sent/")
    assert OutgoingEmail.objects.count() == before


def test_a_bad_address_is_explained_in_arabic_and_kept(client):
    response = client.post("/ar/media/alerts/", {"email": "not an address", "language": "ar"})

    html = response.content.decode()
    assert response.status_code == 200
    assert in_arabic("Enter a valid email address.") in html
    assert 'value="not an address"' in html
    assert not AlertSubscription.objects.exists()


def test_the_confirmation_link_opens_a_button_and_the_post_confirms(client):
    subscription = alerts.subscribe(email="reader@example.org", language="en")
    url = f"/en/media/alerts/confirm/{subscription.token}/"

    page = client.get(url)
    subscription.refresh_from_db()
    assert page.status_code == 200 and not subscription.is_active  # a scanner confirms nothing
    assert "csrfmiddlewaretoken" in page.content.decode()

    client.post(url)
    subscription.refresh_from_db()
    assert subscription.is_active


def test_a_link_never_confirmed_expires_and_the_address_is_forgotten(client, settings):
    settings.ALERT_CONFIRM_DAYS = 7
    subscription = alerts.subscribe(email="late@example.org", language="ar")
    AlertSubscription.objects.filter(pk=subscription.pk).update(
        requested_at=timezone.now() - timedelta(days=8)
    )

    response = client.post(f"/ar/media/alerts/confirm/{subscription.token}/")

    assert (
        in_arabic(
            "This confirmation link has expired. Ask for the alerts again and use the new link."
        )
        in response.content.decode()
    )
    subscription.refresh_from_db()
    assert not subscription.is_active
    assert alerts.prune_unconfirmed() == 1
    assert not AlertSubscription.objects.exists()
    assert not OutgoingEmail.objects.filter(to="late@example.org").exists()


def test_asking_again_replaces_the_link(client):
    first = alerts.subscribe(email="twice@example.org", language="en")
    old = first.token
    second = alerts.subscribe(email="twice@example.org", language="ar")

    assert second.token != old
    assert client.post(f"/en/media/alerts/confirm/{old}/").status_code == 404
    assert alerts.confirm(second.token).is_active


def test_unsubscribing_in_one_click_needs_no_cookie_or_csrf_token():
    subscription = confirmed("leaving@example.org")
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/en/media/alerts/unsubscribe/{subscription.token}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    # Again is harmless; an unknown token is nobody's.
    assert client.post(f"/en/media/alerts/unsubscribe/{subscription.token}/").status_code == 200
    assert client.post("/en/media/alerts/unsubscribe/nobody/").status_code == 404


def test_the_unsubscribe_page_asks_before_it_stops_anything(client):
    subscription = confirmed("careful@example.org")

    client.get(f"/ar/media/alerts/unsubscribe/{subscription.token}/")

    subscription.refresh_from_db()
    assert subscription.is_active


def test_subscribing_is_rate_limited(client, settings):
    settings.ALERT_SUBSCRIBE_RATE = "2/h"

    codes = [
        client.post(
            "/en/media/alerts/", {"email": f"r{n}@example.org", "language": "en"}
        ).status_code
        for n in range(3)
    ]

    assert codes == [302, 302, 429]


# Sending


def test_alerts_go_once_to_active_subscribers_in_their_language():
    confirmed("en@example.org", "en")
    confirmed("ar@example.org", "ar")
    alerts.subscribe(email="pending@example.org", language="en")
    gone = confirmed("gone@example.org")
    alerts.unsubscribe(gone.token)
    release = make_release(title_en="Water plan", title_ar="خطة المياه", published_at=an_hour_ago())

    assert alerts.send_public_alerts(release.pk) == 2
    assert alerts.send_public_alerts(release.pk) == 0
    release.refresh_from_db()
    PressRelease.objects.filter(pk=release.pk).update(public_alerts_at=None)
    assert alerts.send_public_alerts(release.pk) == 0  # the dedupe keys hold

    sent = OutgoingEmail.objects.filter(kind="media.alerts.release")
    assert sorted(sent.values_list("to", flat=True)) == ["ar@example.org", "en@example.org"]
    assert "خطة المياه" in sent.get(to="ar@example.org").subject


def test_alerts_are_queued_in_batches(settings):
    settings.ALERT_BATCH_SIZE = 2
    for n in range(5):
        confirmed(f"reader{n}@example.org")
    release = make_release(published_at=an_hour_ago())

    assert alerts.send_public_alerts(release.pk) == 5


def test_an_embargoed_release_is_not_alerted_until_it_is_public():
    confirmed("reader@example.org")
    now = timezone.now()
    release = make_release(
        published_at=now - timedelta(hours=1), embargo_until=now + timedelta(hours=2)
    )

    assert alerts.send_public_alerts(release.pk, now=now) == 0
    assert alerts.send_public_alerts(release.pk, now=now + timedelta(hours=2)) == 1


def test_accredited_journalists_get_the_release_at_its_publication_time_marked_embargoed():
    accreditation = make_accreditation(language="ar")
    make_accreditation(status="submitted")
    now = timezone.now()
    release = make_release(
        published_at=now - timedelta(minutes=1), embargo_until=now + timedelta(hours=5)
    )

    assert alerts.send_embargo_alerts(release.pk, now=now) == 1
    assert alerts.send_embargo_alerts(release.pk, now=now) == 0

    sent = OutgoingEmail.objects.get(kind="media.alerts.embargoed")
    assert sent.to == accreditation.email
    assert "EMBARGOED UNTIL" in sent.body  # the other language's notice too
    with translation.override("ar"):
        assert translation.gettext("EMBARGOED UNTIL %(when)s").split("%")[0].strip() in sent.body
    assert sent.subject.startswith("[")


def test_a_late_embargo_run_sends_nothing():
    make_accreditation()
    now = timezone.now()
    release = make_release(
        published_at=now - timedelta(hours=3), embargo_until=now - timedelta(hours=1)
    )

    assert alerts.send_embargo_alerts(release.pk, now=now) == 0


def test_saving_a_release_schedules_both_runs_and_catch_up_sends_what_was_lost():
    now = timezone.now()
    release = make_release(
        published_at=now + timedelta(hours=1), embargo_until=now + timedelta(hours=4)
    )

    alerts.schedule(release)

    jobs = {
        (job.task_path.rsplit(".", 1)[-1], job.run_after)
        for job in DBTaskResult.objects.filter(status="READY")
    }
    assert ("public_alerts", release.embargo_until) in jobs
    assert ("embargo_alerts", release.published_at) in jobs
    confirmed("reader@example.org")
    assert alerts.catch_up(now=now + timedelta(hours=5)) == 1
    assert alerts.catch_up(now=now + timedelta(hours=6)) == 0


# Through a real mail server


def test_an_alert_reaches_the_mail_server_with_one_click_unsubscribe_headers(
    smtp_server, django_capture_on_commit_callbacks
):
    subscription = confirmed("reader@example.org")
    release = make_release(title_en="Water plan", published_at=an_hour_ago())
    with django_capture_on_commit_callbacks(execute=True):
        alerts.send_public_alerts(release.pk)

    run_due_tasks()

    (message,) = smtp_server.inbox.to("reader@example.org")
    assert message["Subject"] == "New press release: Water plan"
    link = f"https://summit.example.org/en/media/alerts/unsubscribe/{subscription.token}/"
    assert message["List-Unsubscribe"] == f"<{link}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Id"].startswith("U20 press releases")
    # What a mail program does with the button: POST to the link, nothing else.
    Client(enforce_csrf_checks=True).post(
        link.removeprefix("https://summit.example.org"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_alerts_survive_a_mail_server_that_is_down_and_are_never_sent_twice(
    smtp_server, django_capture_on_commit_callbacks
):
    for n in range(3):
        confirmed(f"reader{n}@example.org")
    release = make_release(published_at=an_hour_ago())
    smtp_server.stop()

    with django_capture_on_commit_callbacks(execute=True):
        alerts.send_public_alerts(release.pk)
    run_due_tasks()
    waiting = OutgoingEmail.objects.filter(kind="media.alerts.release")
    assert waiting.count() == 3
    assert all(email.sent_at is None and email.attempts == 1 for email in waiting)

    smtp_server.start()
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.send_public_alerts(release.pk) == 0  # a second run queues nothing
    bring_forward_delayed_tasks()
    run_due_tasks()

    for n in range(3):
        assert len(smtp_server.inbox.to(f"reader{n}@example.org")) == 1
    assert all(email.sent_at is not None for email in waiting.all())


def test_a_release_dated_long_ago_sends_no_alert_when_it_is_added():
    confirmed("reader@example.org")
    archive = make_release(published_at=timezone.now() - timedelta(days=400))

    assert alerts.send_public_alerts(archive.pk) == 0

    archive.refresh_from_db()
    assert archive.public_alerts_at is not None
    assert not OutgoingEmail.objects.filter(kind="media.alerts.release").exists()
