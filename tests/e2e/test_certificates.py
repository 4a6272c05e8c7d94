"""An attendee's certificate of attendance: found on /me/ once the summit's
certificates are released, downloaded as a PDF, then checked by typing its
code on the public look-up page, as an employer would. Each page is scanned
with axe, in English and in Arabic."""

import io
from datetime import datetime

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates import services
from tests.certificates.factories import attend
from tests.e2e.conftest import LANGUAGES, assert_accessible
from tests.e2e.test_registration import log_in
from tests.factories import RIYADH, make_participant, make_session, make_summit
from tests.pdfs import glyphs_for, pdf_text
from tests.translations import translated

pytestmark = pytest.mark.browser

NAMES = {"en": "Salma Idris", "ar": "سلمى إدريس"}


def released_for(lang: str):
    summit = make_summit(name_en="Riyadh Summit 2020", name_ar="قمة الرياض 2020")
    person = make_participant(full_name=NAMES[lang], language=lang)
    session = make_session(
        summit=summit,
        title_en="Cities of the Future",
        title_ar="مدن المستقبل",
        starts_at=datetime(2020, 9, 30, 10, 0, tzinfo=RIYADH),
    )
    attend(session, person)
    services.release(summit=summit, by=None)
    return person.certificates.get()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_attendee_downloads_the_certificate_and_checks_it_by_its_code(page, live_server, lang):
    certificate = released_for(lang)
    direction = "rtl" if lang == "ar" else "ltr"
    log_in(page, lang, certificate.participant)

    section = page.locator("section[aria-labelledby='certificates-title']")
    expect(section.get_by_role("heading", level=2)).to_have_text(
        translated(lang, "My certificates of attendance")
    )
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert_accessible(page)
    with page.expect_download() as download:
        section.get_by_role("link", name=translated(lang, "Download my certificate (PDF)")).click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert NAMES[lang] in text
    assert "Cities of the Future" in text and "مدن المستقبل" in text
    # Joined Arabic: the meem of "مدن" (initial) and of "المستقبل" (medial)
    # are two glyphs; drawn unshaped they would be one.
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(set().union(*(glyphs_for(page, "\u0645") for page in pages))) >= 2

    page.goto(f"/{lang}/certificates/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        translated(lang, "Check a certificate")
    )
    assert_accessible(page)
    code = page.get_by_label(translated(lang, "Certificate code"))
    code.fill(certificate.code.lower().replace("-", " "))
    page.get_by_role("button", name=translated(lang, "Check the certificate")).click()

    page.wait_for_url(f"**/{lang}/certificates/{certificate.code}/")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.get_by_role("heading", level=1)).to_have_text(NAMES[lang])
    expect(page.locator(".status-ok")).to_have_text(
        translated(lang, "Valid: this certificate was issued by the U20 Mayors Summit.")
    )
    title = "مدن المستقبل" if lang == "ar" else "Cities of the Future"
    expect(page.locator(".certificate-sessions li")).to_contain_text(title)
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lookup_page_explains_a_mistyped_code_and_keeps_it(page, live_server, lang):
    page.goto(f"/{lang}/certificates/")
    code = page.get_by_label(translated(lang, "Certificate code"))

    code.fill("U20-OOPS")
    page.get_by_role("button", name=translated(lang, "Check the certificate")).click()

    expect(page.locator(".errorlist")).to_have_text(
        translated(
            lang,
            "This is not a certificate code. A code looks like U20-7KQ2-M9XD: "
            "eight letters and digits after U20.",
        )
    )
    expect(code).to_have_value("U20-OOPS")
    expect(code).to_have_attribute("dir", "ltr")
    assert_accessible(page)
