"""A press badge as a PDF: one A6 card in the holder's language and one in
the other, each with a QR code of the verification page in its language,
printed by u20.printing from templates/media_contacts/badge_pdf.html."""

from django.conf import settings
from django.utils import translation

from media_contacts.models import Accreditation
from u20.links import absolute_url
from u20.printing import document_html, pdf_from_html, qr_data_uri
from u20.times import day_text


def _side(accreditation: Accreditation, language: str) -> dict:
    summit = accreditation.summit
    with translation.override(language):
        verify_url = absolute_url(accreditation.get_absolute_url())
        return {
            "language": language,
            "rtl": translation.get_language_bidi(),
            "summit_name": summit.name,
            # The last day it is valid: it expires as that day ends.
            "valid_until": day_text(summit.end_date, summit),
            "verify_url": verify_url,
            "qr_data_uri": qr_data_uri(verify_url),
        }


def badge_html(accreditation: Accreditation) -> str:
    first = accreditation.language
    languages = [first, *(code for code, _name in settings.LANGUAGES if code != first)]
    return document_html(
        "media_contacts/badge_pdf.html",
        {
            "accreditation": accreditation,
            "sides": [_side(accreditation, language) for language in languages],
        },
    )


def badge_pdf(accreditation: Accreditation) -> bytes:
    return pdf_from_html(badge_html(accreditation))
