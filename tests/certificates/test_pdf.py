"""The certificate as a PDF, read back with pypdf.

Arabic shaping is checked in the PDF itself. A shaping engine replaces each
Arabic letter with the glyph of its position in the word: in "محمد" the
first meem is the initial form and the second the medial form, two
different glyphs of the font. An unshaped rendering draws the one isolated
glyph twice. The PDF's ToUnicode map says which character each glyph drawn
stands for, so a shaped page has at least two glyphs that stand for "م".
"""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from certificates import selectors
from certificates.pdf import certificate_html, certificate_pdf
from tests.certificates.factories import attend, released_certificate
from tests.factories import make_participant, make_session, make_summit
from tests.pdfs import glyphs_for, pages_text
from u20.printing import LocalOnlyFetcher, qr_data_uri

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
MEEM = "م"


def ready(certificate):
    """The certificate as the download view loads it."""
    return selectors.downloadable(
        user=certificate.participant.user, summit_slug=certificate.summit.slug
    )


@pytest.fixture
def arabic_holder_certificate():
    summit = make_summit(name_en="Riyadh Summit", name_ar="قمة الرياض")
    person = make_participant(full_name="محمد الرشيد", language="ar")
    for title_en, title_ar, hour in [
        ("Cities of the Future", "مدن المستقبل", 10),
        ("Public Transport", "النقل العام", 14),
    ]:
        session = make_session(
            summit=summit,
            title_en=title_en,
            title_ar=title_ar,
            starts_at=datetime(2020, 9, 30, hour, 0, tzinfo=ZoneInfo("Asia/Riyadh")),
        )
        attend(session, person)
    return released_certificate(participant=person, summit=summit, sessions=0)


def test_pdf_has_the_holders_language_first_then_the_other(arabic_holder_certificate):
    certificate = ready(arabic_holder_certificate)

    arabic, english = pages_text(certificate_pdf(certificate))

    assert "مدن المستقبل" in arabic and "النقل العام" in arabic and "قمة الرياض" in arabic
    assert "Cities of the Future" in english and "Public Transport" in english
    assert "Riyadh Summit" in english
    for page in (arabic, english):
        assert "محمد الرشيد" in page
        assert certificate.code in page


def test_pdf_of_an_english_speaker_starts_in_english():
    certificate = ready(
        released_certificate(participant=make_participant(full_name="Jane Doe", language="en"))
    )

    english, arabic = pages_text(certificate_pdf(certificate))

    assert "Jane Doe" in english and "Jane Doe" in arabic
    assert f"https://summit.example.org/en/certificates/{certificate.code}/" in english
    assert f"https://summit.example.org/ar/certificates/{certificate.code}/" in arabic


def test_pdf_arabic_is_shaped_each_letter_by_its_place_in_the_word(arabic_holder_certificate):
    reader = PdfReader(io.BytesIO(certificate_pdf(ready(arabic_holder_certificate))))

    arabic_page = reader.pages[0]

    # "محمد": an initial meem and a medial one, two glyphs of the font.
    assert len(glyphs_for(arabic_page, MEEM)) >= 2


def test_pdf_arabic_side_is_right_to_left_and_lists_hijri_dates(arabic_holder_certificate):
    certificate = ready(arabic_holder_certificate)

    html = certificate_html(certificate)
    arabic, english = pages_text(certificate_pdf(certificate))

    assert html.index('<section class="side" lang="ar" dir="rtl">') < html.index(
        '<section class="side" lang="en" dir="ltr">'
    )
    # 30 September 2020 is 13 Safar 1442.
    assert "سبتمبر" in arabic and "صفر" in arabic and "هـ" in arabic
    assert "Wednesday 30 September 2020" in english
    assert "Safar" not in english


def test_pdf_dates_are_the_summits_day_not_utcs():
    summit = make_summit(time_zone="Asia/Riyadh")
    person = make_participant(full_name="Night Owl")
    # 23:30 UTC on the 29th is 02:30 on the 30th in Riyadh.
    attend(make_session(summit=summit, starts_at=datetime(2020, 9, 29, 23, 30, tzinfo=UTC)), person)
    certificate = ready(released_certificate(participant=person, summit=summit, sessions=0))

    english, _arabic = pages_text(certificate_pdf(certificate))

    assert "Wednesday 30 September 2020" in english
    assert "29 September" not in english


def test_pdf_qr_codes_lead_to_the_verification_page_in_each_language(arabic_holder_certificate):
    certificate = ready(arabic_holder_certificate)

    html = certificate_html(certificate)

    for lang in ("ar", "en"):
        url = f"https://summit.example.org/{lang}/certificates/{certificate.code}/"
        assert f'src="{qr_data_uri(url)}"' in html


def test_pdf_renderer_fetches_nothing_but_data_and_the_fonts():
    fetcher = LocalOnlyFetcher()

    font = fetcher.fetch("file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    qr = fetcher.fetch(qr_data_uri("https://summit.example.org/"))

    assert font.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    assert qr.read(5) == b"<svg "
    for url in [
        "https://example.org/logo.png",
        "http://127.0.0.1/",
        "file:///etc/passwd",
        "file:///usr/share/fonts/truetype/dejavu/../../../../../etc/passwd",
    ]:
        with pytest.raises(ValueError, match="may not load"):
            fetcher.fetch(url)


def test_pdf_shows_typed_markup_as_text():
    person = make_participant(full_name="<b>Eve</b>")
    certificate = ready(released_certificate(participant=person))

    html = certificate_html(certificate)
    english, _arabic = pages_text(certificate_pdf(certificate))

    assert "<b>Eve</b>" not in html
    assert "<b>Eve</b>" in english
