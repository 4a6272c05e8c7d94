"""Every write with rules in the press office: a journalist's request coming
in, and the media team moving it along new → in progress → scheduled → done,
or declining it while it is open. Each change of status is one transaction
that locks the request's row, checks the move, saves it and writes a line of
history; emails are queued in the same transaction (see u20.outbox).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from media_contacts import notifications
from media_contacts.models import (
    Accreditation,
    InternalNote,
    InterviewRequest,
    StatusChange,
    new_reference,
)
from media_contacts.notifications import Kind
from sessions.models import Session, Speaker
from u20 import audit, outbox
from u20.exceptions import DomainError

Status = InterviewRequest.Status

# Where a request may go from each status. Closed requests stay closed.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.IN_PROGRESS, Status.DECLINED}),
    Status.IN_PROGRESS: frozenset({Status.SCHEDULED, Status.DECLINED}),
    Status.SCHEDULED: frozenset({Status.DONE, Status.DECLINED}),
    Status.DONE: frozenset(),
    Status.DECLINED: frozenset(),
}
REFERENCE_ATTEMPTS = 5
# What a journalist told us about themselves, erased by anonymise_closed().
JOURNALIST_FIELDS = (
    "name",
    "role",
    "email",
    "phone",
    "interviewee",
    "message",
    "scheduled_details",
)
MAX_AHEAD = timedelta(days=730)


class TransitionError(DomainError):
    """A change the workflow refuses; the message is for the media team."""


def allowed_statuses(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


def validate_future(value: datetime | None, *, field: str, now: datetime | None = None) -> None:
    """A time a journalist or the team gives must be ahead, and not absurdly
    far ahead (which could not even be stored in some time zones)."""
    if value is None:
        return
    now = now or timezone.now()
    if value <= now:
        raise ValidationError({field: _("Choose a date and time in the future.")})
    if value > now + MAX_AHEAD:
        raise ValidationError({field: _("Choose a date within the next two years.")})


def submit_request(
    *,
    name: str,
    outlet: str,
    role: str,
    email: str,
    country: str,
    language: str,
    kind: str,
    format: str,
    deadline: datetime,
    message: str,
    consent: bool,
    phone: str = "",
    speaker: Speaker | None = None,
    interviewee: str = "",
    session: Session | None = None,
    window_start: datetime | None = None,
    window_end: datetime | None = None,
    accreditation: Accreditation | None = None,
) -> InterviewRequest:
    """Save a journalist's request under a new reference, then queue the
    acknowledgement to them and the notification to MEDIA_TEAM_EMAIL.

    The request is saved before any email is tried, and the emails go out
    from the task worker after the commit: a mail server that is down never
    loses a request nor turns it into an error page.
    """
    if not consent:
        raise ValidationError({"consent": _("We need your consent to handle your request.")})
    now = timezone.now()
    validate_future(deadline, field="deadline", now=now)
    validate_future(window_start, field="window_start", now=now)
    validate_future(window_end, field="window_end", now=now)
    interview = InterviewRequest(
        name=name,
        outlet=outlet,
        role=role,
        email=email,
        phone=phone,
        country=country,
        language=language,
        kind=kind,
        speaker=speaker,
        interviewee=interviewee,
        session=session,
        format=format,
        window_start=window_start,
        window_end=window_end,
        deadline=deadline,
        message=message,
        consented_at=now,
        created_at=now,
        status=Status.NEW,
        accreditation=accreditation,
    )
    with transaction.atomic():
        for attempt in range(REFERENCE_ATTEMPTS):
            interview.reference = new_reference()
            interview.full_clean(exclude=["reference"])
            try:
                # A savepoint, so a clash of references leaves the outer
                # transaction usable for the next try.
                with transaction.atomic():
                    interview.save()
            except IntegrityError:
                if (
                    attempt == REFERENCE_ATTEMPTS - 1
                    or not InterviewRequest.objects.filter(reference=interview.reference).exists()
                ):
                    raise
                interview.pk = None
                continue
            break
        StatusChange.objects.create(request=interview, from_status="", to_status=Status.NEW, at=now)
        notifications.notify(interview, Kind.ACKNOWLEDGEMENT)
        notifications.notify(interview, Kind.TEAM)
    return interview


def _locked(interview: InterviewRequest) -> InterviewRequest:
    return InterviewRequest.objects.select_for_update().get(pk=interview.pk)


def _move(
    locked: InterviewRequest,
    *,
    to: str,
    by: AbstractBaseUser | None,
    note: str = "",
    now: datetime,
) -> None:
    """Check and record one move of a locked request; the caller saves it."""
    if to not in allowed_statuses(locked.status):
        raise TransitionError(
            gettext("A request that is “%(current)s” cannot become “%(to)s”.")
            % {"current": Status(locked.status).label, "to": Status(to).label}
        )
    StatusChange.objects.create(
        request=locked, from_status=locked.status, to_status=to, by=by, note=note, at=now
    )
    locked.status = to
    if to not in InterviewRequest.OPEN_STATUSES:
        locked.closed_at = now


def _refresh(interview: InterviewRequest) -> InterviewRequest:
    """Bring the caller's object up to date with what was saved."""
    interview.refresh_from_db()
    return interview


def change_status(
    *, interview: InterviewRequest, to: str, by: AbstractBaseUser | None, note: str = ""
) -> InterviewRequest:
    """Move a request one step on: new → in progress, scheduled → done.
    Scheduling needs a date (schedule()); declining may email (decline())."""
    if to == Status.SCHEDULED:
        raise TransitionError(gettext("Give a date, a time and a format to schedule a request."))
    if to == Status.DECLINED:
        return decline(interview=interview, by=by, note=note)
    with transaction.atomic():
        locked = _locked(interview)
        now = timezone.now()
        _move(locked, to=to, by=by, note=note, now=now)
        locked.save(update_fields=["status", "closed_at", "updated_at"])
    return _refresh(interview)


def assign(
    *, interview: InterviewRequest, assignee: AbstractBaseUser | None, by: AbstractBaseUser | None
) -> InterviewRequest:
    """Give a request to a member of staff (or to nobody). A new request
    someone takes on is in progress from then on."""
    if assignee is not None and not assignee.is_staff:
        raise TransitionError(gettext("Only staff members can be assigned requests."))
    with transaction.atomic():
        locked = _locked(interview)
        if locked.assignee_id == (assignee.pk if assignee else None):
            return _refresh(interview)
        if not locked.is_open:
            raise TransitionError(gettext("A closed request cannot be assigned."))
        now = timezone.now()
        note = (
            gettext("Assigned to %(name)s.") % {"name": assignee.get_username()}
            if assignee
            else gettext("Unassigned.")
        )
        locked.assignee = assignee
        if assignee is not None and locked.status == Status.NEW:
            _move(locked, to=Status.IN_PROGRESS, by=by, note=note, now=now)
        else:
            StatusChange.objects.create(
                request=locked,
                from_status=locked.status,
                to_status=locked.status,
                by=by,
                note=note,
                at=now,
            )
        locked.save(update_fields=["assignee", "status", "closed_at", "updated_at"])
    return _refresh(interview)


def schedule(
    *,
    interview: InterviewRequest,
    at: datetime,
    format: str,
    by: AbstractBaseUser | None,
    details: str = "",
    note: str = "",
) -> InterviewRequest:
    """Fix the date, time and format of a request in progress, or move a
    scheduled one, and tell the journalist in their language."""
    if format not in InterviewRequest.Format.values:
        raise TransitionError(gettext("Choose a format."))
    with transaction.atomic():
        locked = _locked(interview)
        now = timezone.now()
        try:
            validate_future(at, field="scheduled_for", now=now)
        except ValidationError as error:
            raise TransitionError(error.message_dict["scheduled_for"][0]) from None
        if locked.status == Status.SCHEDULED:
            StatusChange.objects.create(
                request=locked,
                from_status=Status.SCHEDULED,
                to_status=Status.SCHEDULED,
                by=by,
                note=note or gettext("Moved to another time."),
                at=now,
            )
        else:
            _move(locked, to=Status.SCHEDULED, by=by, note=note, now=now)
        locked.scheduled_for = at
        locked.format = format
        locked.scheduled_details = details
        locked.full_clean()
        locked.save(
            update_fields=[
                "status",
                "scheduled_for",
                "format",
                "scheduled_details",
                "closed_at",
                "updated_at",
            ]
        )
        notifications.notify(locked, Kind.SCHEDULED)
    return _refresh(interview)


def decline(
    *,
    interview: InterviewRequest,
    by: AbstractBaseUser | None,
    note: str = "",
    notify: bool = False,
) -> InterviewRequest:
    """Close an open request without doing it; with notify, the journalist
    gets a polite note in their language. The internal note stays inside."""
    with transaction.atomic():
        locked = _locked(interview)
        _move(locked, to=Status.DECLINED, by=by, note=note, now=timezone.now())
        locked.save(update_fields=["status", "closed_at", "updated_at"])
        if notify:
            notifications.notify(locked, Kind.DECLINED)
    return _refresh(interview)


def add_note(
    *, interview: InterviewRequest, by: AbstractBaseUser | None, text: str
) -> InternalNote:
    """Keep a note on a request, signed by whoever wrote it."""
    note = InternalNote(request=interview, author=by, text=text.strip())
    note.full_clean()
    note.save()
    return note


def anonymise_closed(*, days: int | None = None, now: datetime | None = None) -> int:
    """Remove the journalist's details from requests closed more than days
    ago (INTERVIEW_RETENTION_DAYS by default), with the notes and emails
    that repeat them. What remains (outlet, country, type, dates, status)
    still counts in the team's statistics. Returns how many were anonymised.
    """
    days = settings.INTERVIEW_RETENTION_DAYS if days is None else days
    if days < 0:
        raise ValueError("days cannot be negative")
    now = now or timezone.now()
    due = InterviewRequest.objects.closed().filter(
        closed_at__lt=now - timedelta(days=days), anonymised_at__isnull=True
    )
    with transaction.atomic():
        held = {
            row.pop("pk"): [field for field, value in row.items() if value]
            for row in due.select_for_update().values("pk", *JOURNALIST_FIELDS)
        }
        ids = list(held)
        if not ids:
            return 0
        InterviewRequest.objects.filter(pk__in=ids).update(
            **dict.fromkeys(JOURNALIST_FIELDS, ""), anonymised_at=now
        )
        notes = list(InternalNote.objects.filter(request_id__in=ids).values_list("pk", flat=True))
        InternalNote.objects.filter(pk__in=notes).delete()
        StatusChange.objects.filter(request_id__in=ids).update(note="")
        outbox.forget(dedupe_prefixes=[notifications.email_keys(request_id) for request_id in ids])
        # The trail keeps that each request was anonymised, and when, but none
        # of what was erased: not in this entry, nor in the earlier ones.
        audit.forget(model=InterviewRequest, object_ids=ids)
        audit.forget(model=InternalNote, object_ids=notes)
        for interview in InterviewRequest.objects.filter(pk__in=ids):
            changes = {field: [audit.ERASED, ""] for field in held[interview.pk]}
            audit.record(interview, changes={**changes, "anonymised_at": ["None", now.isoformat()]})
    return len(ids)
