"""Certificates of attendance: one per attendee per summit, issued when the
organisers release the summit's certificates, and checked by anyone with
its short public code.

A code reads U20-7KQ2-M9XD: eight characters from an alphabet without the
letters and digits people mistake for each other (0 and O; 1, I and L; and
U, read as V), so it can be read off paper and typed. That is 30**8, some
6.5 × 10**11 codes, and the verification page limits how fast anyone may
guess.
"""

import re
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sessions.models import Participant, Session
from u20.models import Summit

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_PREFIX = "U20"
CODE_LENGTH = 8
# What a visitor may type: the prefix or not, any case, spaces and dashes anywhere.
_TYPED_CODE = re.compile(rf"(?:{CODE_PREFIX})?([{CODE_ALPHABET}]{{{CODE_LENGTH}}})")


def new_code() -> str:
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{CODE_PREFIX}-{body[:4]}-{body[4:]}"


def parse_code(typed: str) -> str | None:
    """The code as stored ("U20-7KQ2-M9XD") for what a visitor typed
    ("u20 7kq2m9xd", "7KQ2-M9XD"), or None when it cannot be one."""
    compact = re.sub(r"[\s\-‐-―−]", "", typed or "").upper()
    match = _TYPED_CODE.fullmatch(compact)
    if match is None:
        return None
    body = match[1]
    return f"{CODE_PREFIX}-{body[:4]}-{body[4:]}"


class CertificateRelease(models.Model):
    """A summit whose certificates are out: from then on its attendees can
    download theirs."""

    summit = models.OneToOneField(
        Summit,
        verbose_name=_("summit"),
        on_delete=models.PROTECT,
        related_name="certificate_release",
    )
    released_at = models.DateTimeField(_("released"))
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certificate release")
        verbose_name_plural = _("certificate releases")
        ordering = ["-released_at"]

    def __str__(self) -> str:
        return str(self.summit)


class CertificateQuerySet(models.QuerySet):
    def released(self):
        return self.filter(summit__certificate_release__isnull=False)

    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """What a summit certifies of one attendee: their name as it was issued
    and the sessions they attended. Revoked, never deleted by hand, so that
    its code keeps saying what became of it."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.PROTECT, related_name="certificates"
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    code = models.CharField(_("code"), max_length=13, unique=True, default=new_code, editable=False)
    name = models.CharField(_("name as issued"), max_length=200)
    sessions = models.ManyToManyField(
        Session, verbose_name=_("sessions attended"), related_name="certificates"
    )
    issued_at = models.DateTimeField(_("issued"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["summit", "participant"], name="one_certificate_per_summit"
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="certificate_revoked_with_reason",
            ),
        ]

    def __str__(self) -> str:
        # The code, not the name: the audit trail keeps what __str__ says.
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("certificates:verify", kwargs={"code": self.code})

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
