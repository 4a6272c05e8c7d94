"""How django-allauth fits the platform: its emails go through the same
outbox as ours, so a mail server that is down never breaks a sign-up."""

import secrets
from urllib.parse import urlsplit, urlunsplit

from allauth.account import forms
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import translation

from u20 import outbox
from u20.links import absolute_url, current_site


class SignupForm(forms.SignupForm):
    """allauth's sign-up form, doing the same work for every address.

    With an address that has an account, allauth creates nothing and sends
    an "account already exists" email instead, which is quick; a new account
    costs a password hash, which is slow on purpose. The difference would
    tell anyone which addresses have an account, so the password is hashed
    here too, and thrown away.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or secrets.token_urlsafe(18))
        return super().try_save(request)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = context.get("request") or getattr(self, "request", None)
        context = {
            "request": request,
            "email": email,
            "current_site": current_site(),
            "site_url": settings.SITE_URL,
            **context,
        }
        # allauth builds its links from the request's Host; every link we
        # send points at SITE_URL instead, whatever Host the request carried.
        for name, value in list(context.items()):
            if name.endswith("_url") and isinstance(value, str) and "://" in value:
                parts = urlsplit(value)
                context[name] = absolute_url(urlunsplit(("", "", parts.path, parts.query, "")))
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        outbox.queue(
            to=email,
            subject=message.subject,
            body=message.body,
            html=html,
            language=translation.get_language() or "en",
            kind=template_prefix.rsplit("/", 1)[-1],
            # Every account email is about the account's security: links to
            # verify, reset or confirm, codes, and notices of changes.
            sensitive=True,
        )


def user_display(user) -> str:
    """How allauth names a person on its pages: their name, not a username."""
    participant = getattr(user, "participant", None)
    return (participant.full_name if participant else "") or user.email
