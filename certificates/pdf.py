"""A certificate as an A4 PDF, one page in the holder's language and one in
the other, made by WeasyPrint from templates/certificates/certificate_pdf.html.

Each page carries its own QR code and the short code, leading to the
verification page in that page's language. Text is set in DejaVu Sans, read
from the machine's fonts, which Pango shapes (Arabic letters joined, the
page right to left). The renderer fetches nothing from the network: its URL
fetcher allows data: URLs (the QR codes) and the font files, and nothing else.
"""

import base64
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import qrcode
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from qrcode.image.svg import SvgPathImage
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from certificates.models import Certificate
from u20.links import absolute_url
from u20.times import day_text

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class LocalOnlyFetcher(URLFetcher):
    """Hands WeasyPrint data: URLs and the font files, and refuses any other
    address: a certificate never makes the server fetch anything."""

    def fetch(self, url, headers=None):
        if url.startswith("data:") or is_font_file(url):
            return super().fetch(url, headers)
        raise ValueError(f"A certificate may not load {url}")


def is_font_file(url: str) -> bool:
    """Whether url is a file: URL of a file inside FONT_DIR, ".." and links resolved."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(parts.path)).resolve()
    return path.is_file() and path.is_relative_to(FONT_DIR.resolve())


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


def qr_data_uri(url: str) -> str:
    svg = qrcode.make(url, image_factory=SvgPathImage, border=2).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


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
    return render_to_string(
        "certificates/certificate_pdf.html",
        {
            "certificate": certificate,
            "sides": [side(certificate, language) for language in languages_for(certificate)],
            "code": certificate.code,
            "font_dir": FONT_DIR.as_uri(),
        },
    )


def certificate_pdf(certificate: Certificate) -> bytes:
    """The PDF of certificate, whose summit and sessions (in time order)
    are expected prefetched, as selectors.downloadable gives it."""
    return HTML(
        string=certificate_html(certificate),
        base_url=FONT_DIR.as_uri() + "/",
        url_fetcher=LocalOnlyFetcher(),
    ).write_pdf()
