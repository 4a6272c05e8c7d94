"""Email that is never lost: queue_email() saves the message in the caller's
transaction and hands it to the task worker once that transaction commits;
deliver() sends it, retrying later when the mail server fails."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from u20.models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
LAST_RETRY = timedelta(hours=1)
# A claim older than this belongs to a worker that died while sending.
CLAIM_TIMEOUT = timedelta(minutes=10)


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min ... at most an hour between tries."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LAST_RETRY)


def absolute_url(path: str) -> str:
    """A link for an email or a calendar feed, where there is no request."""
    return f"{settings.SITE_URL}{path}"


def render_email(template: str, context: dict, *, language: str) -> dict:
    """Text and HTML of templates/email/<template>.{txt,html}, rendered in
    language, with the subject the context gives."""
    with translation.override(language):
        context = {
            **context,
            "LANGUAGE_CODE": language,
            "LANGUAGE_BIDI": translation.get_language_bidi(),
            "SITE_URL": settings.SITE_URL,
        }
        return {
            "subject": " ".join(str(context["subject"]).split()),
            "body": render_to_string(f"email/{template}.txt", context),
            "html": render_to_string(f"email/{template}.html", context),
        }


def queue_email(
    *,
    to: str,
    subject: str,
    body: str,
    html: str = "",
    language: str = "en",
    kind: str = "",
    attachments: list[dict] | None = None,
    dedupe_key: str | None = None,
) -> OutgoingEmail | None:
    """Save an email and send it from the worker after the commit.

    attachments are dicts of filename, mimetype and either content (text) or
    build, the dotted path of a function called with kwargs when the email
    is sent, in its language, to make the content. With a dedupe_key already
    used, nothing is queued and None is returned.
    """
    fields = {
        "to": to,
        "subject": subject[:300],
        "body": body,
        "html": html,
        "language": language,
        "kind": kind,
        "attachments": attachments or [],
        "dedupe_key": dedupe_key,
    }
    if dedupe_key is None:
        email = OutgoingEmail.objects.create(**fields)
    else:
        try:
            with transaction.atomic():
                email = OutgoingEmail.objects.create(**fields)
        except IntegrityError:
            if OutgoingEmail.objects.filter(dedupe_key=dedupe_key).exists():
                return None
            raise
    transaction.on_commit(partial(enqueue_delivery, email.pk))
    return email


def enqueue_delivery(email_id: int, *, after: timedelta | None = None) -> None:
    from u20.tasks import deliver_email

    task = deliver_email if after is None else deliver_email.using(run_after=timezone.now() + after)
    try:
        task.enqueue(email_id)
    except Exception:  # the email is saved; `send_queued_email` picks it up later
        logger.exception("Could not enqueue email %s", email_id)


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for attachment in email.attachments:
        if "build" in attachment:
            # Written by our own code only, never from what a visitor typed.
            with translation.override(email.language):
                content = import_string(attachment["build"])(**attachment.get("kwargs", {}))
        else:
            content = attachment["content"]
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


def deliver(email_id: int) -> str:
    """Send one queued email unless it is sent or being sent; on failure,
    count the attempt and try again later, up to MAX_ATTEMPTS.

    The claim is one UPDATE, so two workers given the same email cannot both
    send it, and no database lock is held while the mail server is talked to.
    """
    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.unsent()
        .filter(pk=email_id)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "skipped"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        _message(email).send()
    except Exception as error:  # whatever the mail server did, keep the email
        gave_up = email.attempts >= MAX_ATTEMPTS
        OutgoingEmail.objects.filter(pk=email_id).update(
            claimed_at=None,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            failed_at=timezone.now() if gave_up else None,
        )
        if gave_up:
            logger.error("Gave up on email %s after %s attempts", email_id, email.attempts)
            return "failed"
        enqueue_delivery(email_id, after=retry_delay(email.attempts))
        return "retrying"
    OutgoingEmail.objects.filter(pk=email_id).update(
        sent_at=timezone.now(), claimed_at=None, last_error=""
    )
    return "sent"


def requeue_unsent(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Hand to the worker again every unsent email whose task may be lost."""
    stale = OutgoingEmail.objects.unsent().filter(created_at__lt=timezone.now() - older_than)
    count = 0
    for email_id in stale.values_list("pk", flat=True):
        enqueue_delivery(email_id)
        count += 1
    return count
