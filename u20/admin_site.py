"""The organisers' admin, behind the accounts' sign-in and a second factor.

Staff sign in through the accounts pages (their rate limits and lockout
apply; the admin's own password form is never shown), and the admin lets a
staff member in only once a second factor has been passed in this session:
a code from an authenticator app, a recovery code or a security key. A staff
member with none set up is sent to set one up first.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _


def passed_second_factor(request: HttpRequest) -> bool:
    """Whether the signed-in user passed a second factor in this session."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class SummitAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and passed_second_factor(request)

    def login(self, request: HttpRequest, extra_context=None):
        """Where the admin sends anyone it does not let in yet."""
        target = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        target = target or reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return _with_next(resolve_url("account_login"), target)
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if not is_mfa_enabled(user):
            messages.info(
                request,
                _("Staff accounts need a second factor. Set up an authenticator app to continue."),
            )
            return _with_next(resolve_url("mfa_activate_totp"), target)
        if not passed_second_factor(request):
            return _with_next(resolve_url("mfa_reauthenticate"), target)
        return redirect(target)


def _with_next(url: str, target: str):
    return redirect(f"{url}?{urlencode({REDIRECT_FIELD_NAME: target})}")
