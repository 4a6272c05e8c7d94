"""Keeping staff accounts safe: resetting a second factor that was lost.

A superuser may remove every second factor of another staff member (a phone
lost, a security key broken). The person is told by email, the audit trail
records who did it, and at their next sign-in the admin sends them to set up
a new one.
"""

import logging

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from u20.exceptions import DomainError

logger = logging.getLogger(__name__)

RESET_EMAIL = "account/email/second_factor_reset"


class SecondFactorError(DomainError):
    """A reset the rules refuse; the message is for the organiser."""


def reset_second_factor(
    *, user: AbstractBaseUser, by: AbstractBaseUser, request: HttpRequest | None = None
) -> int:
    """Remove user's authenticator apps, recovery codes and security keys.
    Returns how many were removed."""
    if not by.is_superuser:
        raise SecondFactorError(_("Only a superuser can reset another person’s second factor."))
    if user.pk == by.pk:
        raise SecondFactorError(
            _("Change your own second factor from your account’s two-factor page.")
        )
    with transaction.atomic():
        # One by one, so that the audit trail records each removal.
        authenticators = list(Authenticator.objects.filter(user=user))
        for authenticator in authenticators:
            authenticator.delete()
        if authenticators:
            _tell(user, request=request)
    logger.warning(
        "Second factor of user %s reset by user %s (%d removed)",
        user.pk,
        by.pk,
        len(authenticators),
    )
    return len(authenticators)


def _tell(user: AbstractBaseUser, *, request: HttpRequest | None) -> None:
    """The notice allauth sends of every change to an account, from a request
    or, in a shell, without one."""
    adapter = get_adapter(request)
    address = EmailAddress.objects.get_primary_email(user) or user.email
    adapter.send_mail(
        RESET_EMAIL,
        address,
        {
            "request": request,
            "timestamp": timezone.now(),
            "ip": adapter.get_client_ip(request) if request else "",
            "user_agent": request.headers.get("user-agent", "")[:200] if request else "",
        },
    )
