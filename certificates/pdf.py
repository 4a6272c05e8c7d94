"""A certificate as an A4 PDF, one page in the holder's language and one in
the other, made by WeasyPrint from templates/certificates/certificate_pdf.html.

Each page carries its own QR code and the short code, leading to the
verification page in that page's language. u20.printing renders it, with
the machine's fonts and nothing fetched from the network.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from certificates.models import Certificate
from u20.links import absolute_url
from u20.printing import document_html, pdf_from_html, qr_data_uri
from u20.times import day_text


@dataclass(frozen=True)
class Side:
    """One language's page of the certificate."""

    language: str
    rtl: bool
    summit_name: str
    # (title, date) of each session attended, in time order.
    sessions: list[tuple[str, str]]
    issued: str
    verify_url: str
    qr_data_uri: str


def side(certificate: Certificate, language: str) -> Side:
    summit = certificate.summit
    with translation.override(language):
        verify_url = absolute_url(certificate.get_absolute_url())
        return Side(
            language=language,
            rtl=translation.get_language_bidi(),
            summit_name=summit.name,
            sessions=[
                (session.title, day_text(session.starts_at, summit))
                for session in certificate.sessions.all()
            ],
            issued=day_text(certificate.issued_at, summit),
            verify_url=verify_url,
            qr_data_uri=qr_data_uri(verify_url),
        )


def languages_for(certificate: Certificate) -> list[str]:
    """The holder's language first, then the site's others."""
    first = certificate.participant.language
    return [first, *(code for code, _name in settings.LANGUAGES if code != first)]


def certificate_html(certificate: Certificate) -> str:
    return document_html(
        "certificates/certificate_pdf.html",
        {
            "certificate": certificate,
            "sides": [side(certificate, language) for language in languages_for(certificate)],
            "code": certificate.code,
        },
    )


def certificate_pdf(certificate: Certificate) -> bytes:
    """The PDF of certificate, whose summit and sessions (in time order)
    are expected prefetched, as selectors.downloadable gives it."""
    return pdf_from_html(certificate_html(certificate))
