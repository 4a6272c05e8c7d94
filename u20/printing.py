"""Documents the site prints as PDF (certificates, press badges), made by
WeasyPrint from HTML templates.

Text is set in DejaVu Sans, read from the machine's fonts, which Pango
shapes (Arabic letters joined, pages right to left). The renderer fetches
nothing from the network: its URL fetcher allows data: URLs (QR codes) and
the font files, and nothing else. QR codes are drawn as SVG by qrcode.
"""

import base64
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import qrcode
from django.template.loader import render_to_string
from qrcode.image.svg import SvgPathImage
from weasyprint import HTML
from weasyprint.urls import URLFetcher

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


class LocalOnlyFetcher(URLFetcher):
    """Hands WeasyPrint data: URLs and the font files, and refuses any other
    address: a printed document never makes the server fetch anything."""

    def fetch(self, url, headers=None):
        if url.startswith("data:") or is_font_file(url):
            return super().fetch(url, headers)
        raise ValueError(f"A printed document may not load {url}")


def is_font_file(url: str) -> bool:
    """Whether url is a file: URL of a file inside FONT_DIR, ".." and links resolved."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(parts.path)).resolve()
    return path.is_file() and path.is_relative_to(FONT_DIR.resolve())


def qr_data_uri(url: str) -> str:
    svg = qrcode.make(url, image_factory=SvgPathImage, border=2).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def document_html(template: str, context: dict) -> str:
    return render_to_string(template, {**context, "font_dir": FONT_DIR.as_uri()})


def pdf_from_html(html: str) -> bytes:
    return HTML(
        string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=LocalOnlyFetcher()
    ).write_pdf()
