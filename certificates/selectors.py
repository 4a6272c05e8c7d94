"""Reads of certificates: for their public page, their holder's /me/ and
download, and the admin's count before a release. Only released summits'
certificates are ever shown outside the admin."""

from django.db.models import Prefetch, QuerySet

from certificates.models import Certificate
from sessions.attendance import attended
from sessions.models import Participant, Session
from u20.models import NAVIGATION, Summit


def _sessions_in_order() -> Prefetch:
    return Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk"))


def certificate_by_code(code: str) -> Certificate | None:
    """A released certificate, revoked or not, with its summit (and what the
    menu shows of it) and its sessions: two queries however many it lists."""
    return (
        Certificate.objects.released()
        .select_related("summit", *(f"summit__{relation}" for relation in NAVIGATION))
        .prefetch_related(_sessions_in_order())
        .filter(code=code)
        .first()
    )


def certificates_of(participant: Participant) -> QuerySet[Certificate]:
    """A holder's released certificates, the newest summit first."""
    return (
        Certificate.objects.released()
        .filter(participant=participant)
        .select_related("summit")
        .order_by("-summit__start_date", "pk")
    )


def downloadable(*, user, summit_slug: str) -> Certificate | None:
    """The signed-in user's valid certificate of a released summit, ready
    for its PDF, or None."""
    return (
        Certificate.objects.released()
        .valid()
        .filter(participant__user=user, summit__slug=summit_slug)
        .select_related("summit", "summit__host_city", "participant")
        .prefetch_related(_sessions_in_order())
        .first()
    )


def attendee_count(summit: Summit) -> int:
    """How many people attended at least one of summit's sessions, by its
    rule: the certificates a first release would issue."""
    return attended(summit).order_by().values("participant").distinct().count()


def held_by(participant: Participant) -> list[dict]:
    """Every certificate issued to participant, released or not, for their
    own data download."""
    certificates = (
        Certificate.objects.filter(participant=participant)
        .select_related("summit")
        .prefetch_related(_sessions_in_order())
        .order_by("summit__start_date", "pk")
    )
    return [
        {
            "summit": certificate.summit.slug,
            "code": certificate.code,
            "name": certificate.name,
            "issued_at": certificate.issued_at.isoformat(),
            "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
            "sessions": [session.slug for session in certificate.sessions.all()],
        }
        for certificate in certificates
    ]
