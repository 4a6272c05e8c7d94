"""How django-allauth fits the platform: its emails go through the same
outbox as ours, so a mail server that is down never breaks a sign-up."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from u20 import outbox


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = context.get("request") or getattr(self, "request", None)
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
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
        )


def user_display(user) -> str:
    """How allauth names a person on its pages: their name, not a username."""
    participant = getattr(user, "participant", None)
    return (participant.full_name if participant else "") or user.email
