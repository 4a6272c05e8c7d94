"""What every response and every staff session is held to, beyond Django's
own security middleware: a browser-features policy, resources kept to this
site, personal pages never stored by shared caches, short staff sessions,
and requests only for the site's own address and port."""

import functools
import time
from urllib.parse import SplitResult, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import DisallowedHost
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# Nothing on the site uses these browser features; embedded content may not either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-trackable",
    )
)

SINCE, SEEN = "staff_session_since", "staff_session_seen"
SEEN_PRECISION = 60  # seconds


@functools.cache
def _site(url: str) -> SplitResult:
    return urlsplit(url)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self._check_port(request)
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Reporting-Endpoints", 'csp="/csp-report"')
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # A page for a signed-in person names them: never for a shared cache.
            patch_cache_control(response, private=True)
        return response

    def _check_port(self, request) -> None:
        """SITE_URL names the one address links are made for; a request for
        its host on another port is someone else's, whatever ALLOWED_HOSTS says."""
        site = _site(settings.SITE_URL)
        if site.port is None or request.path == "/healthz":
            return
        host, _, port = request.get_host().rpartition(":")
        if not host:
            host, port = port, ""
        if host.lower() == (site.hostname or "") and port != str(site.port):
            raise DisallowedHost(f"{request.get_host()} is not {settings.SITE_URL}")


class StaffSessionMiddleware:
    """Staff sessions end after STAFF_SESSION_IDLE_MINUTES without a request
    and STAFF_SESSION_MAX_HOURS after they began; attendees keep the long
    session Django gives (SESSION_COOKIE_AGE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff:
            self._hold(request)
        return self.get_response(request)

    @staticmethod
    def _hold(request) -> None:
        now = time.time()
        idle = settings.STAFF_SESSION_IDLE_MINUTES * 60
        longest = settings.STAFF_SESSION_MAX_HOURS * 3600
        session = request.session
        since, seen = session.get(SINCE, now), session.get(SEEN, now)
        if now - seen > idle or now - since > longest:
            logout(request)
            messages.info(request, _("Your staff session has ended. Sign in again to continue."))
            return
        # Writing the session on every request would cost a database write
        # each time: a minute's precision is enough for a 30-minute limit.
        if SEEN not in session or now - seen >= SEEN_PRECISION:
            session[SINCE], session[SEEN] = since, now
            session.set_expiry(idle)
