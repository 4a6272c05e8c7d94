"""Media accreditation: a journalist applies for a summit from their account,
the media team approves it, asks for more or declines it, and an approved
accreditation lets its holder read releases under embargo until the end of
the summit. Each move locks the row, checks it, saves it and writes a line
of history; emails go in the same transaction (see u20.outbox).
"""

from datetime import datetime
from functools import partial

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from media_contacts import notifications
from media_contacts.models import (
    Accreditation,
    AccreditationChange,
    accreditation_expiry,
    new_reference,
)
from u20.exceptions import DomainError
from u20.models import Summit

Status = Accreditation.Status

# Where an accreditation may go from each status, by the media team's hand.
# A journalist's answer to "more information needed" sends it back to review;
# an approved accreditation can be withdrawn (declined); a declined one stays.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SUBMITTED: frozenset({Status.APPROVED, Status.MORE_INFO, Status.DECLINED}),
    Status.MORE_INFO: frozenset({Status.APPROVED, Status.DECLINED}),
    Status.APPROVED: frozenset({Status.DECLINED}),
    Status.DECLINED: frozenset(),
}
# What the journalist types; the account's verified address is the email.
APPLICATION_FIELDS = ("name", "outlet", "role", "country", "phone", "work_link", "language")
REFERENCE_ATTEMPTS = 5


class ReviewError(DomainError):
    """A review step the workflow refuses; the message is for the media team."""


def open_summits():
    """Summits a journalist can still be accredited to: published, not over."""
    today = timezone.localdate()
    return Summit.objects.published().filter(end_date__gte=today).order_by("start_date")


def valid_for(user, *, now: datetime | None = None) -> Accreditation | None:
    """The user's accreditation that lets them read embargoed releases now:
    approved and not expired, the one that lasts longest."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Accreditation.objects.valid(now=now)
        .filter(user=user)
        .select_related("summit")
        .order_by("-expires_at")
        .first()
    )


def by_feed_token(token: str, *, now: datetime | None = None) -> Accreditation | None:
    return Accreditation.objects.valid(now=now).filter(feed_token=token).first()


def apply(*, user: AbstractBaseUser, summit: Summit, press_card=None, **fields) -> Accreditation:
    """Save a journalist's application for summit under a new reference, or
    their answer to a request for more information, and queue the
    acknowledgement to them and the notice to the media team."""
    if not open_summits().filter(pk=summit.pk).exists():
        raise ValidationError({"summit": _("Accreditation for this summit is closed.")})
    values = {name: fields.get(name, "") for name in APPLICATION_FIELDS}
    now = timezone.now()
    with transaction.atomic():
        existing = (
            Accreditation.objects.select_for_update().filter(user=user, summit=summit).first()
        )
        if existing is not None and existing.status != Status.MORE_INFO:
            raise ValidationError(
                _("You have already applied for this summit (reference %(reference)s).")
                % {"reference": existing.reference}
            )
        accreditation = existing or Accreditation(user=user, summit=summit, created_at=now)
        for name, value in values.items():
            setattr(accreditation, name, value)
        accreditation.email = user.email
        if press_card is not None:
            replaced = accreditation.press_card.name if accreditation.press_card else ""
            accreditation.press_card = press_card
            if replaced:
                # The scan it replaces goes once the new one is saved.
                transaction.on_commit(partial(default_storage.delete, replaced))
        accreditation.full_clean(exclude=["reference", "user", "feed_token"])
        if existing is None:
            _save_new(accreditation)
            from_status = ""
        else:
            from_status = existing.status
            accreditation.status = Status.SUBMITTED
            accreditation.save()
        AccreditationChange.objects.create(
            accreditation=accreditation, from_status=from_status, to_status=Status.SUBMITTED, at=now
        )
        notifications.accreditation_received(accreditation, again=existing is not None)
    return accreditation


def _save_new(accreditation: Accreditation) -> None:
    for attempt in range(REFERENCE_ATTEMPTS):
        accreditation.reference = new_reference(prefix="PRESS")
        try:
            with transaction.atomic():
                accreditation.save()
        except IntegrityError:
            clash = Accreditation.objects.filter(reference=accreditation.reference).exists()
            if attempt == REFERENCE_ATTEMPTS - 1 or not clash:
                raise
            accreditation.pk = None
            continue
        return


def allowed_statuses(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def review(
    *,
    accreditation: Accreditation,
    to: str,
    by: AbstractBaseUser | None,
    message: str = "",
    notify: bool = True,
) -> Accreditation:
    """One step of the media team's review: approve, ask for more (with a
    message saying what), or decline (emailed only when notify). Approving
    sets the expiry to the end of the summit."""
    message = message.strip()
    if to == Status.MORE_INFO and not message:
        raise ValidationError({"message": _("Say what the journalist should add or change.")})
    with transaction.atomic():
        locked = (
            Accreditation.objects.select_for_update()
            .select_related("summit")
            .get(pk=accreditation.pk)
        )
        if to not in allowed_statuses(locked.status):
            raise ReviewError(
                gettext("An accreditation that is “%(current)s” cannot become “%(to)s”.")
                % {"current": Status(locked.status).label, "to": Status(to).label}
            )
        now = timezone.now()
        emailed = notify or to != Status.DECLINED
        AccreditationChange.objects.create(
            accreditation=locked,
            from_status=locked.status,
            to_status=to,
            by=by,
            message=message,
            at=now,
            emailed=emailed,
        )
        locked.status = to
        if to == Status.APPROVED:
            locked.expires_at = accreditation_expiry(locked.summit)
        locked.save(update_fields=["status", "expires_at", "updated_at"])
        if emailed:
            notifications.accreditation_reviewed(locked, to=to, message=message, at=now)
    accreditation.refresh_from_db()
    return accreditation


def delete_press_card(sender, instance: Accreditation, **kwargs) -> None:
    """A deleted accreditation (its account deleted) takes its scan along."""
    if instance.press_card:
        instance.press_card.delete(save=False)


def held_by(participant) -> list[dict]:
    """The participant's accreditations, for their own data download."""
    return [
        {
            "reference": accreditation.reference,
            "summit": accreditation.summit.slug,
            "status": accreditation.status,
            "expires_at": accreditation.expires_at.isoformat()
            if accreditation.expires_at
            else None,
            "applied_at": accreditation.created_at.isoformat(),
            "email": accreditation.email,
            "press_card": bool(accreditation.press_card),
            **{name: getattr(accreditation, name) for name in APPLICATION_FIELDS},
            "review": [
                {
                    "at": change.at.isoformat(),
                    "to": change.to_status,
                    "message": change.message,
                }
                for change in accreditation.history.all()
            ],
        }
        for accreditation in Accreditation.objects.filter(user_id=participant.user_id)
        .select_related("summit")
        .prefetch_related("history")
        .order_by("created_at", "pk")
    ]
