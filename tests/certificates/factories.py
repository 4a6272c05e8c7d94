"""Factories for certificates: attendance as the join view and an imported
report leave it, and a released summit with its certificates."""

from datetime import datetime, timedelta

from django.utils import timezone

from certificates import services
from certificates.models import Certificate
from sessions.attendance import record_join
from sessions.models import Registration
from tests.factories import RIYADH, make_participant, make_session, make_summit


def make_registration(session, participant=None, *, status=Registration.Status.CONFIRMED, **fields):
    participant = participant or make_participant()
    now = timezone.now()
    times = {
        Registration.Status.CONFIRMED: {"confirmed_at": now},
        Registration.Status.WAITLISTED: {"waitlisted_at": now},
        Registration.Status.CANCELLED: {"cancelled_at": now},
    }[status]
    return Registration.objects.create(
        session=session, participant=participant, status=status, **{**times, **fields}
    )


def attend(session, participant=None, *, joined: bool = True, minutes: int | None = None):
    """A confirmed place that the join link was clicked for (joined), and
    the minutes an imported report gives, if any."""
    registration = make_registration(session, participant, minutes_attended=minutes)
    if joined:
        record_join(registration, channel="en")
    return registration


def make_sessions(summit, count: int, **fields) -> list:
    start = datetime(2020, 9, 30, 9, 0, tzinfo=RIYADH)
    return [
        make_session(summit=summit, starts_at=start + timedelta(hours=index), **fields)
        for index in range(count)
    ]


def released_certificate(*, participant=None, sessions: int = 2, summit=None) -> Certificate:
    """A participant who attended sessions of a summit whose certificates
    are released: their certificate."""
    summit = summit or make_summit()
    participant = participant or make_participant()
    for session in make_sessions(summit, sessions):
        attend(session, participant)
    services.release(summit=summit, by=None)
    return Certificate.objects.get(summit=summit, participant=participant)
