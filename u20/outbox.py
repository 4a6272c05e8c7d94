"""Email that is never lost, and the only module that touches OutgoingEmail rows.

- queue() saves a message in the caller's transaction and hands it to the
  task worker once that transaction commits;
- send() delivers one, retrying later when the mail server fails;
- resend(), forget() and sent_to() are what the admin, account deletion,
  anonymisation and data exports need of the outbox.

Attachments that must be made when the email goes out (a calendar file
carrying the session as it is then) name a builder registered here under a
stable key; the key, never a Python path, is stored in the row, so renaming
a function cannot break an email already queued.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from u20.models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
LAST_RETRY = timedelta(hours=1)
CLAIM_TIMEOUT = OutgoingEmail.CLAIM_TIMEOUT

_BUILDERS: dict[str, Callable[..., str | bytes]] = {}


def register_attachment(key: str):
    """Register the function that makes an attachment's content when the
    email is sent, in the email's language. Apps register theirs when they
    load (their AppConfig.ready imports the module)."""

    def decorator(builder):
        if _BUILDERS.get(key, builder) is not builder:
            raise ValueError(f"Another attachment builder is registered as {key!r}")
        _BUILDERS[key] = builder
        return builder

    return decorator


def attachment(*, filename: str, mimetype: str, builder: str, **kwargs) -> dict:
    """An attachment made at send time by the builder registered as key
    builder, called with kwargs (JSON values: they are stored in the row)."""
    if builder not in _BUILDERS:
        raise KeyError(f"No attachment builder is registered as {builder!r}")
    return {"filename": filename, "mimetype": mimetype, "builder": builder, "kwargs": kwargs}


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min ... at most an hour between tries."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LAST_RETRY)


def render(template: str, context: dict, *, language: str) -> dict:
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


def queue(
    *,
    to: str,
    subject: str,
    body: str,
    html: str = "",
    language: str = "en",
    kind: str = "",
    attachments: list[dict] | None = None,
    dedupe_key: str | None = None,
    sensitive: bool = False,
    reply_to: str = "",
    headers: dict[str, str] | None = None,
) -> OutgoingEmail | None:
    """Save an email and send it from the worker after the commit.

    attachments are dicts of filename, mimetype and either content (text) or
    a builder key (see attachment()). With a dedupe_key already used,
    nothing is queued and None is returned. A sensitive email (a password
    reset, a verification link, a sign-in code) is never shown in the admin,
    and its text is erased once it is sent. reply_to is the address the
    recipient's replies go to, when the sender is an address nobody reads.
    headers are added to the message as they are (List-Unsubscribe).
    """
    fields = {
        "to": to,
        "reply_to": reply_to,
        "subject": subject[:300],
        "body": body,
        "html": html,
        "language": language,
        "kind": kind,
        "attachments": attachments or [],
        "dedupe_key": dedupe_key,
        "is_sensitive": sensitive,
        "headers": headers or {},
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
    transaction.on_commit(partial(_enqueue, email.pk))
    return email


@task()
def deliver_email(*, email_id: int) -> str:
    return send(email_id)


def _enqueue(email_id: int, *, after: timedelta | None = None) -> None:
    job = deliver_email if after is None else deliver_email.using(run_after=timezone.now() + after)
    try:
        job.enqueue(email_id=email_id)
    except Exception:  # the email is saved; `send_queued_email` picks it up later
        logger.exception("Could not enqueue email %s", email_id)


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers=email.headers or None,
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for item in email.attachments:
        if "builder" in item:
            with translation.override(email.language):
                content = _BUILDERS[item["builder"]](**item.get("kwargs", {}))
        else:
            content = item["content"]
        message.attach(item["filename"], content, item["mimetype"])
    return message


def send(email_id: int) -> str:
    """Send one queued email unless it is sent or being sent; on failure,
    count the attempt and try again later, up to MAX_ATTEMPTS.

    The claim is one UPDATE, so two workers given the same email cannot both
    send it, and no database lock is held while the mail server is talked to.
    """
    now = timezone.now()
    claimed = (
        OutgoingEmail.objects.claimable(now=now)
        .filter(pk=email_id)
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
        _enqueue(email_id, after=retry_delay(email.attempts))
        return "retrying"
    sent = {"sent_at": timezone.now(), "claimed_at": None, "last_error": ""}
    if email.is_sensitive:
        # A link that worked for the recipient must not keep working for
        # whoever reads the table later: keep only who, what and when.
        sent.update(body="", html="", attachments=[])
    OutgoingEmail.objects.filter(pk=email_id).update(**sent)
    return "sent"


def resend(emails: QuerySet) -> tuple[int, int]:
    """Hand the chosen unsent emails (given up on, or waiting) to the worker
    again. An email a worker is sending right now keeps its claim, or it could
    go out twice. Returns how many were handed back and how many left alone."""
    chosen = emails.count()
    email_ids = list(
        emails.filter(sent_at__isnull=True)
        .claimable(now=timezone.now(), include_given_up=True)
        .values_list("pk", flat=True)
    )
    OutgoingEmail.objects.filter(pk__in=email_ids).update(failed_at=None, claimed_at=None)
    for email_id in email_ids:
        transaction.on_commit(partial(_enqueue, email_id))
    return len(email_ids), chosen - len(email_ids)


def requeue_unsent(*, older_than: timedelta = timedelta(minutes=10)) -> int:
    """Hand to the worker again every unsent email whose task may be lost."""
    stale = OutgoingEmail.objects.unsent().filter(created_at__lt=timezone.now() - older_than)
    count = 0
    for email_id in stale.values_list("pk", flat=True):
        _enqueue(email_id)
        count += 1
    return count


def _addressed(*, to: Iterable[str] = (), dedupe_prefixes: Iterable[str] = ()) -> Q:
    condition = Q(pk__in=[])
    recipients = list(to)
    if recipients:
        condition |= Q(to__in=recipients)
    for prefix in dedupe_prefixes:
        condition |= Q(dedupe_key__startswith=prefix)
    return condition


# One query with thousands of conditions is too deep for SQLite.
_BATCH = 200


def forget(*, to: Iterable[str] = (), dedupe_prefixes: Iterable[str] = ()) -> int:
    """Erase every email sent or queued to these addresses, or whose dedupe
    key starts with one of the prefixes: what a deleted account or an
    anonymised request leaves behind. Returns how many were erased."""
    recipients, prefixes = list(to), list(dedupe_prefixes)
    erased = 0
    for start in range(0, max(len(recipients), len(prefixes)), _BATCH):
        condition = _addressed(
            to=recipients[start : start + _BATCH],
            dedupe_prefixes=prefixes[start : start + _BATCH],
        )
        erased += OutgoingEmail.objects.filter(condition).delete()[0]
    return erased


def sent_to(addresses: Iterable[str]) -> QuerySet:
    """The emails sent or queued to any of these addresses, newest first."""
    return OutgoingEmail.objects.filter(_addressed(to=addresses))
