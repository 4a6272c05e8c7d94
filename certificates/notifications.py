"""What certificate holders are told: that theirs is ready, in their own
language, queued with the release that issued it (see u20.outbox)."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from certificates.models import Certificate
from u20 import outbox
from u20.links import absolute_url


def certificate_ready(certificate: Certificate) -> None:
    """Queue the "your certificate is ready" email, once per certificate."""
    participant = certificate.participant
    language = participant.language
    with translation.override(language):
        summit_name = certificate.summit.name
        context = {
            "subject": _("Your certificate of attendance is ready: %(summit)s")
            % {"summit": summit_name},
            "name": certificate.name,
            "summit_name": summit_name,
            "code": certificate.code,
            "me_url": absolute_url(reverse("me:index")),
            "verify_url": absolute_url(certificate.get_absolute_url()),
        }
        message = outbox.render("certificate_ready", context, language=language)
    outbox.queue(
        to=participant.user.email,
        language=language,
        kind="certificate.ready",
        dedupe_key=f"certificate-ready:{certificate.pk}",
        **message,
    )
