"""Staff in tests: signed in as the admin requires, after a password and a
second factor. The real sign-in journey, with a code computed here, is in
tests/u20/test_admin_site.py and tests/e2e/test_admin_sign_in.py."""

import base64
import hashlib
import hmac
import struct
import time

from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.test import RequestFactory

STAFF_PASSWORD = "a-long-passphrase-42"
# A fixed secret, base32 as authenticator apps take it.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str, *, at: float | None = None, step: int = 30) -> str:
    """The six-digit code an authenticator app shows (RFC 6238, SHA-1)."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def add_authenticator_app(user, secret: str = TOTP_SECRET) -> Authenticator:
    """What setting up an authenticator app leaves: its secret on the account."""
    return TOTP.activate(user, secret).instance


def verify_email(user) -> None:
    """Staff sign in with their email address, which must be verified."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def sign_in_with_second_factor(client, user) -> None:
    """Sign user in as a password and an authenticator code leave the session:
    the records allauth keeps of each step passed."""
    client.force_login(user)
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    request.user = user
    record_authentication(request, user, "password")
    record_authentication(request, user, "mfa", type=Authenticator.Type.TOTP)
    session.save()
