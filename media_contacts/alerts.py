"""Release alerts: an email when a release is out, to everyone who asked
for one (double opt-in, one-click unsubscribe), and to accredited
journalists as soon as a release is sent to them under embargo.

Sending is the task worker's: saving a release schedules a run at its
publication time and at the end of its embargo. A run does nothing unless
the release is due, so a run early, late or twice is harmless. Alerts are
queued through the outbox in batches of ALERT_BATCH_SIZE, one transaction
each, with one dedupe key per release and reader: a batch repeated after a
crash queues nothing twice, and a mail server that is down delays the
emails (the outbox retries) but never loses them. `manage.py
send_release_alerts` catches up any run that was lost.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from media_contacts import embargo
from media_contacts.markdown import render_markdown
from media_contacts.models import (
    Accreditation,
    AlertSubscription,
    PressRelease,
    new_alert_token,
)
from u20 import outbox
from u20.links import absolute_url

logger = logging.getLogger(__name__)
# How far back `send_release_alerts` looks for a release whose alerts were
# never sent: older news is not news.
CATCH_UP = timedelta(days=2)


class LinkExpired(Exception):
    """A confirmation link used after ALERT_CONFIRM_DAYS."""


def _normalised(email: str) -> str:
    local, _at, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


def subscribe(*, email: str, language: str) -> AlertSubscription | None:
    """Ask for alerts: send a confirmation link, unless the address is
    already subscribed (then nothing is sent, and the caller shows the same
    page, so nobody learns who is subscribed). Asking again sends a new link;
    the old one stops working."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose a language.")})
    email = _normalised(email)
    with transaction.atomic():
        subscription, created = AlertSubscription.objects.select_for_update().get_or_create(
            email=email, defaults={"language": language}
        )
        if subscription.is_active:
            return None
        if not created:
            subscription.token = new_alert_token()
            subscription.language = language
            subscription.requested_at = timezone.now()
            subscription.confirmed_at = subscription.unsubscribed_at = None
            subscription.save()
        _send_confirmation(subscription)
    return subscription


def _link(name: str, subscription: AlertSubscription) -> str:
    with translation.override(subscription.language):
        return absolute_url(reverse(f"media_contacts:{name}", kwargs={"token": subscription.token}))


def _send_confirmation(subscription: AlertSubscription) -> None:
    language = subscription.language
    with translation.override(language):
        context = {
            "subject": _("Confirm your U20 release alerts"),
            "confirm_url": _link("confirm_alerts", subscription),
            "days": settings.ALERT_CONFIRM_DAYS,
        }
        message = outbox.render("alert_confirm", context, language=language)
    outbox.queue(
        to=subscription.email,
        language=language,
        kind="media.alerts.confirm",
        dedupe_key=f"alert-confirm:{subscription.token}",
        # The link subscribes the address: nobody else may read it.
        sensitive=True,
        **message,
    )


def _expired(subscription: AlertSubscription, now: datetime) -> bool:
    return subscription.requested_at < now - timedelta(days=settings.ALERT_CONFIRM_DAYS)


def confirm(token: str) -> AlertSubscription | None:
    """Confirm the address whose link this is. None for a link that never
    was or was replaced; LinkExpired for one older than ALERT_CONFIRM_DAYS."""
    now = timezone.now()
    with transaction.atomic():
        subscription = AlertSubscription.objects.select_for_update().filter(token=token).first()
        if subscription is None or subscription.unsubscribed_at is not None:
            return None
        if subscription.confirmed_at is None:
            if _expired(subscription, now):
                raise LinkExpired
            subscription.confirmed_at = now
            subscription.save(update_fields=["confirmed_at"])
    return subscription


def unsubscribe(token: str) -> AlertSubscription | None:
    """Stop the alerts of the address whose link this is, at once; again is
    harmless. None for a token that is no subscription's."""
    subscription = AlertSubscription.objects.filter(token=token).first()
    if subscription is None:
        return None
    if subscription.unsubscribed_at is None:
        AlertSubscription.objects.filter(pk=subscription.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=timezone.now()
        )
        subscription.refresh_from_db()
    return subscription


def prune_unconfirmed(days: int | None = None) -> int:
    """Forget the addresses that never confirmed within days
    (ALERT_CONFIRM_DAYS), with their unsent confirmation."""
    days = settings.ALERT_CONFIRM_DAYS if days is None else days
    stale = AlertSubscription.objects.unconfirmed_since(timezone.now() - timedelta(days=days))
    tokens = list(stale.values_list("token", flat=True))
    outbox.forget(dedupe_prefixes=[f"alert-confirm:{token}" for token in tokens])
    deleted, _rows = stale.delete()
    return deleted


# Sending ------------------------------------------------------------------------


def _headers(subscription: AlertSubscription) -> dict:
    """RFC 2369 and RFC 8058: a mail program shows an unsubscribe button
    that POSTs to the link, in one click, without opening a page."""
    return {
        "List-Unsubscribe": f"<{_link('unsubscribe_alerts', subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"U20 press releases <press-releases.{_site_host()}>",
    }


def _site_host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def _release_message(release: PressRelease, language: str, *, notices=None, extra=None) -> dict:
    with translation.override(language):
        context = {
            "subject": _("New press release: %(title)s") % {"title": release.title},
            "release": release,
            "title": release.title,
            "summary": release.summary,
            "body": render_markdown(release.body),
            "release_url": absolute_url(release.get_absolute_url()),
            "newsroom_url": absolute_url(reverse("media_contacts:newsroom")),
            "embargo_notices": notices or [],
            **(extra or {}),
        }
        if notices:
            context["subject"] = f"[{notices[0]['text']}] {release.title}"
        return outbox.render("release_alert", context, language=language)


def _batches(queryset, size: int):
    """Rows of queryset by primary key, size at a time, each batch read
    afresh, so a long run never holds a lock or a large result."""
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def send_public_alerts(release_id: int, *, now: datetime | None = None) -> int:
    """Queue the alert of a release that is out for everyone to each active
    subscriber, in their language. Returns how many were queued by this run."""
    now = now or timezone.now()
    release = PressRelease.objects.published(now=now).filter(pk=release_id).first()
    if release is None or release.public_alerts_at is not None:
        return 0
    if public_moment(release) < now - CATCH_UP:
        # A release dated long ago (an archive added later) is not news.
        PressRelease.objects.filter(pk=release.pk).update(public_alerts_at=now)
        return 0
    queued = 0
    for batch in _batches(AlertSubscription.objects.active(), settings.ALERT_BATCH_SIZE):
        with transaction.atomic():
            for subscription in batch:
                extra = {"unsubscribe_url": _link("unsubscribe_alerts", subscription)}
                message = _release_message(release, subscription.language, extra=extra)
                sent = outbox.queue(
                    to=subscription.email,
                    language=subscription.language,
                    kind="media.alerts.release",
                    dedupe_key=f"alert:{release.pk}:{subscription.pk}",
                    headers=_headers(subscription),
                    **message,
                )
                queued += sent is not None
    PressRelease.objects.filter(pk=release.pk).update(public_alerts_at=now)
    return queued


def send_embargo_alerts(release_id: int, *, now: datetime | None = None) -> int:
    """Queue the release to each accredited journalist at its publication
    time, while its embargo holds, each email saying "EMBARGOED UNTIL" in
    both languages. Late, once the embargo is over, it sends nothing: the
    public alert is the news then."""
    now = now or timezone.now()
    release = PressRelease.objects.under_embargo(now=now).filter(pk=release_id).first()
    if release is None or release.embargo_alerts_at is not None:
        return 0
    release = PressRelease.objects.for_listing().get(pk=release.pk)
    fallback = embargo.press_summit()
    queued = 0
    readers = Accreditation.objects.valid(now=now)
    for batch in _batches(readers, settings.ALERT_BATCH_SIZE):
        with transaction.atomic():
            for accreditation in batch:
                language = accreditation.language
                with translation.override(language):
                    notices = embargo.notices(release, fallback=fallback)
                message = _release_message(
                    release,
                    language,
                    notices=notices,
                    extra={
                        "accreditation_url": absolute_url(reverse("media_contacts:accreditation"))
                    },
                )
                sent = outbox.queue(
                    to=accreditation.email,
                    language=language,
                    kind="media.alerts.embargoed",
                    dedupe_key=f"embargo-alert:{release.pk}:{accreditation.pk}",
                    reply_to=settings.MEDIA_TEAM_EMAIL,
                    **message,
                )
                queued += sent is not None
    PressRelease.objects.filter(pk=release.pk).update(embargo_alerts_at=now)
    return queued


@task()
def public_alerts(*, release_id: int) -> int:
    return send_public_alerts(release_id)


@task()
def embargo_alerts(*, release_id: int) -> int:
    return send_embargo_alerts(release_id)


def public_moment(release: PressRelease) -> datetime:
    """When release is out for everyone: its publication time, or the end
    of its embargo if that is later."""
    return max(release.published_at, release.embargo_until or release.published_at)


def schedule(release: PressRelease) -> None:
    """Ask the worker to send release's alerts when they are due: at its
    publication time to accredited journalists if it is under embargo then,
    and to subscribers once it is public. Called after every save of a
    release; each run checks the release as it is then."""
    jobs = [(public_alerts, public_moment(release))]
    if release.embargo_until and release.embargo_until > release.published_at:
        jobs.append((embargo_alerts, release.published_at))
    for job, moment in jobs:
        try:
            job.using(run_after=moment).enqueue(release_id=release.pk)
        except Exception:  # a lost run is caught up by send_release_alerts
            logger.exception("Could not schedule the alerts of release %s", release.pk)


def catch_up(*, now: datetime | None = None) -> int:
    """Send every due alert that no run has sent (a run lost with a worker):
    releases that came out or were released within CATCH_UP."""
    now = now or timezone.now()
    since = now - CATCH_UP
    queued = 0
    public = PressRelease.objects.published(now=now).filter(
        public_alerts_at__isnull=True, published_at__gte=since
    ) | PressRelease.objects.published(now=now).filter(
        public_alerts_at__isnull=True, embargo_until__gte=since
    )
    for release_id in public.values_list("pk", flat=True).distinct():
        queued += send_public_alerts(release_id, now=now)
    embargoed = PressRelease.objects.under_embargo(now=now).filter(
        Q(embargo_alerts_at__isnull=True) & Q(published_at__gte=since)
    )
    for release_id in embargoed.values_list("pk", flat=True):
        queued += send_embargo_alerts(release_id, now=now)
    return queued
