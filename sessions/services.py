"""Every write with rules in the registration journey: registering,
cancelling, promoting from the waitlist, and what an organiser's change to a
session means for the people registered.

Capacity is a promise. Each function that counts places and writes locks the
session row first (SELECT ... FOR UPDATE on PostgreSQL; on SQLite every
transaction takes the write lock when it begins), so two people can never
take the last place together.
"""

from functools import partial

from allauth.account.models import EmailAddress
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sessions import notifications, tasks
from sessions.models import Participant, Registration, Session
from sessions.notifications import Kind
from sessions.selectors import places_left, verified_addresses
from u20 import audit, outbox, pagecache
from u20.exceptions import DomainError

Status = Registration.Status


class RegistrationError(DomainError):
    """A registration the rules refuse; the message is for the visitor."""


def participant_for(*, user: AbstractBaseUser) -> Participant:
    """The profile of a logged-in user, knowing whether their email address
    is verified. Accounts made outside the sign-up form (an organiser's, say)
    get one on first use."""
    verified = EmailAddress.objects.filter(user=OuterRef("user"), verified=True)
    profiles = Participant.objects.annotate(has_verified_email=Exists(verified))
    participant = profiles.filter(user=user).first()
    if participant is None:
        Participant.objects.get_or_create(
            user=user, defaults={"full_name": user.get_full_name() or user.get_username()}
        )
        participant = profiles.get(user=user)
    participant.user = user
    return participant


def _locked(session: Session) -> Session:
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("summit", "summit__host_city")
        .with_offered_languages()
        .get(pk=session.pk)
    )


def _check_open(session: Session) -> None:
    if session.is_cancelled:
        raise RegistrationError(_("This session has been cancelled."))
    if session.ends_at <= timezone.now():
        raise RegistrationError(_("This session has ended."))
    if not (session.is_published and session.summit.is_published):
        raise RegistrationError(_("This session is not open for registration."))


def _check_verified(participant: Participant) -> None:
    verified = getattr(participant, "has_verified_email", None)
    if verified is None:
        verified = EmailAddress.objects.filter(user_id=participant.user_id, verified=True).exists()
    if not verified:
        raise RegistrationError(_("Confirm your email address before you register."))


def default_channel(session: Session, participant: Participant) -> str:
    """The channel a registrant listens in unless they choose: their
    profile's language where the session offers it, else the floor."""
    return participant.language if participant.language in session.channel_choices() else ""


def _channel_value(session: Session, channel: str | None, participant: Participant) -> str:
    """What Registration.channel keeps: an interpretation channel's language,
    or "" for the floor. A language the session does not offer is refused."""
    if channel is None:
        channel = default_channel(session, participant)
    if channel not in ("", *session.channel_choices()):
        raise RegistrationError(_("This session offers no channel in that language."))
    return "" if channel == session.floor_language else channel


def register(
    *, session: Session, participant: Participant, channel: str | None = None
) -> Registration:
    """Give participant a place, or a place on the waitlist when the session
    is full, listening in channel (their profile's language where offered,
    unless told). Registering twice returns the registration already held."""
    _check_verified(participant)
    with transaction.atomic():
        session = _locked(session)
        _check_open(session)
        counts = Registration.objects.filter(session=session).aggregate(
            confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
            mine=Max("pk", filter=Q(participant=participant)),
        )
        registration = None
        if counts["mine"] is not None:
            registration = Registration.objects.get(pk=counts["mine"])
            if registration.status != Status.CANCELLED:
                return registration
        now = timezone.now()
        has_place = session.capacity is None or (
            counts["confirmed"] < session.capacity and not counts["waiting"]
        )
        registration = registration or Registration(session=session, participant=participant)
        registration.channel = _channel_value(session, channel, participant)
        registration.status = Status.CONFIRMED if has_place else Status.WAITLISTED
        registration.confirmed_at = now if has_place else None
        registration.waitlisted_at = None if has_place else now
        registration.cancelled_at = None
        registration.save()
        if not has_place:
            # Joined at the end of the queue, behind everyone counted under the lock.
            registration.waitlist_place = counts["waiting"] + 1
        if has_place:
            _announce_place(registration, kind=Kind.CONFIRMED)
        else:
            notifications.notify(registration, Kind.WAITLISTED)
    return registration


def change_channel(*, registration: Registration, channel: str) -> Registration:
    """Listen in another of the session's languages from now on: the join
    link follows the choice."""
    session = registration.session
    if registration.status == Status.CANCELLED:
        raise RegistrationError(_("You have no place in this session."))
    value = _channel_value(session, channel, registration.participant)
    if value != registration.channel:
        registration.channel = value
        registration.save(update_fields=["channel", "updated_at"])
    return registration


def cancel(
    *, registration: Registration, by_organiser: bool = False, quietly: bool = False
) -> list[Registration]:
    """Cancel a place or a place in the queue; a freed place goes to the
    first on the waitlist, who is told. The person is told too, in words
    that say who cancelled, unless quietly (their account is being deleted).
    Cancelling what is already cancelled changes nothing and tells nobody.
    Returns the registrations promoted."""
    with transaction.atomic():
        session = _locked(registration.session)
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("participant__user")
            .get(pk=registration.pk)
        )
        if registration.status == Status.CANCELLED:
            return []
        was_confirmed = registration.is_confirmed
        registration.status = Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.waitlisted_at = None
        registration.save(update_fields=["status", "cancelled_at", "waitlisted_at", "updated_at"])
        registration.session = session
        if by_organiser:
            notifications.notify(registration, Kind.CANCELLED_BY_ORGANISER)
        elif not quietly:
            notifications.notify(
                registration, Kind.CANCELLED if was_confirmed else Kind.LEFT_WAITLIST
            )
        return _promote_waitlist(session) if was_confirmed else []


def promote_waitlist(*, session: Session) -> list[Registration]:
    """Fill every free place from the front of the waitlist, for instance
    after an organiser raised the capacity."""
    with transaction.atomic():
        return _promote_waitlist(_locked(session))


def _promote_waitlist(session: Session) -> list[Registration]:
    """Needs the session row locked by the caller's transaction."""
    if session.is_cancelled or session.ends_at <= timezone.now():
        return []
    free = places_left(session)
    queue = Registration.objects.queue().filter(session=session).select_related("participant")
    promoted = list(queue if free is None else queue[:free])
    for registration in promoted:
        _save_confirmed(registration)
        _announce_place(registration, kind=Kind.PROMOTED)
    return promoted


def promote(*, registration: Registration) -> Registration:
    """An organiser lets one person off the waitlist, out of turn. When the
    session is full, its capacity grows by one to make room: the number of
    confirmed places never exceeds the capacity."""
    with transaction.atomic():
        session = _locked(registration.session)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_waitlisted:
            raise RegistrationError(_("Only someone on the waitlist can be promoted."))
        _check_open(session)
        if places_left(session) == 0:
            confirmed = Registration.objects.confirmed().filter(session=session).count()
            session.capacity = max(session.capacity, confirmed) + 1
            session.save(update_fields=["capacity"])
            pagecache.content_changed()
        _save_confirmed(registration)
        _announce_place(registration, kind=Kind.PROMOTED)
    return registration


def _save_confirmed(registration: Registration) -> None:
    """Give a locked registration its place; the caller announces it."""
    registration.status = Status.CONFIRMED
    registration.confirmed_at = timezone.now()
    registration.waitlisted_at = None
    registration.save(update_fields=["status", "confirmed_at", "waitlisted_at", "updated_at"])


def _announce_place(registration: Registration, *, kind: Kind) -> None:
    """Tell a registrant their place is theirs, and set their reminder."""
    notifications.notify(registration, kind)
    transaction.on_commit(partial(tasks.schedule_reminder, registration_id=registration.pk))


def session_changed(*, session: Session, changed: set[str]) -> None:
    """Tell registrants what an organiser changed: a cancellation, a new time
    or a new join link; fill places a raised capacity freed."""
    with transaction.atomic():
        session = _locked(session)
        active = (
            Registration.objects.active()
            .filter(session=session)
            .select_related("participant__user")
        )
        if "status" in changed and session.is_cancelled:
            # Registrations are kept: if the session is brought back, places hold.
            for registration in active:
                registration.session = session
                notifications.notify(registration, Kind.SESSION_CANCELLED)
            return
        if changed & {"starts_at", "ends_at", "join_url", "status"}:
            for registration in active.filter(status=Status.CONFIRMED):
                registration.session = session
                notifications.notify(registration, Kind.SESSION_CHANGED)
                if "starts_at" in changed:
                    transaction.on_commit(
                        partial(tasks.schedule_reminder, registration_id=registration.pk)
                    )
        if "capacity" in changed or "status" in changed:
            _promote_waitlist(session)


def announce_recordings(*, session: Session) -> int:
    """Tell the session's confirmed registrants, once, that its recording is
    out, now if it has ended, else by the worker at its end (a recording can
    be added in advance). Returns how many are told now."""
    if session.ends_at > timezone.now():
        if session.recordings.exists():
            transaction.on_commit(partial(tasks.schedule_recording_announcement, session=session))
        return 0
    return notifications.announce_recordings(session_id=session.pk)


def delete_account(*, participant: Participant) -> None:
    """Remove a person and everything we hold about them. Their places are
    cancelled first, so the waitlist moves up."""
    for registration in Registration.objects.active().filter(participant=participant):
        cancel(registration=registration, quietly=True)
    with transaction.atomic():
        user = participant.user
        outbox.forget(to=verified_addresses(EmailAddress.objects.filter(user=user)))
        account, profile = user.pk, participant.pk
        registrations = list(participant.registrations.values_list("pk", flat=True))
        audit.forget_actor(user_id=account)
        user.delete()
        # Deleting writes entries of its own, with the values deleted, signed
        # by the person when they delete their own account.
        audit.forget_actor(user_id=account)
        audit.forget(model=Participant, object_ids=[profile])
        audit.forget(model=Registration, object_ids=registrations)
