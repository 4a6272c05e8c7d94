"""Releasing a summit's certificates and revoking one.

Who gets a certificate is decided by sessions.attendance.attended, under the
summit's own rule; this module only turns that list into certificates.
Releasing again is safe: it issues certificates to people counted since,
adds sessions newly counted to the certificates still valid, and never
makes a second certificate for anyone.
"""

from collections import defaultdict

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates import notifications
from certificates.models import Certificate, CertificateRelease, new_code
from sessions.attendance import attended
from sessions.models import Participant
from u20.models import Summit


def _unused_code() -> str:
    # A clash is near impossible; the unique constraint refuses the rest.
    code = new_code()
    while Certificate.objects.filter(code=code).exists():
        code = new_code()
    return code


def release(*, summit: Summit, by: AbstractBaseUser | None) -> list[Certificate]:
    """Mark summit's certificates released and issue one to each person who
    attended at least one of its sessions, telling each new holder by email.
    Returns the certificates issued by this call."""
    with transaction.atomic():
        # Two releases of one summit at once would both issue.
        Summit.objects.select_for_update().get(pk=summit.pk)
        now = timezone.now()
        CertificateRelease.objects.get_or_create(
            summit=summit, defaults={"released_at": now, "released_by": by}
        )
        sessions_of: dict[int, set[int]] = defaultdict(set)
        for participant_id, session_id in attended(summit).values_list(
            "participant_id", "session_id"
        ):
            sessions_of[participant_id].add(session_id)
        held = {
            certificate.participant_id: certificate
            for certificate in Certificate.objects.filter(summit=summit).prefetch_related(
                "sessions"
            )
        }
        newcomers = Participant.objects.select_related("user").in_bulk(
            [pk for pk in sessions_of if pk not in held]
        )
        issued, links = [], []
        for participant_id, session_ids in sessions_of.items():
            certificate = held.get(participant_id)
            if certificate is None:
                participant = newcomers[participant_id]
                certificate = Certificate.objects.create(
                    summit=summit,
                    participant=participant,
                    code=_unused_code(),
                    name=participant.full_name or str(participant),
                    issued_at=now,
                )
                issued.append(certificate)
                missing = session_ids
            elif certificate.is_revoked:
                continue
            else:
                missing = session_ids - {session.pk for session in certificate.sessions.all()}
            links += [
                Certificate.sessions.through(certificate_id=certificate.pk, session_id=session_id)
                for session_id in missing
            ]
        Certificate.sessions.through.objects.bulk_create(links)
        for certificate in issued:
            notifications.certificate_ready(certificate)
    return issued


def revoke(*, certificate: Certificate, reason: str, by: AbstractBaseUser | None) -> Certificate:
    """Withdraw a certificate: its page says so from now on, with the date,
    and its holder can no longer download it. Revoking twice changes nothing."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not locked.is_revoked:
            locked.revoked_at = timezone.now()
            locked.revoked_reason = reason
            locked.revoked_by = by
            locked.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    certificate.refresh_from_db()
    return certificate
