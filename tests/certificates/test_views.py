from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from certificates import services
from tests.certificates.factories import attend, make_sessions, released_certificate
from tests.factories import make_participant, make_session, make_summit
from tests.pdfs import pdf_text
from tests.translations import translated, ui
from u20.templatetags.summit import day

pytestmark = pytest.mark.django_db

RIYADH = ZoneInfo("Asia/Riyadh")


def download_url(certificate, lang="en") -> str:
    return f"/{lang}/me/certificates/{certificate.summit.slug}.pdf"


def verify_url(code, lang="en") -> str:
    return f"/{lang}/certificates/{code}/"


# Download


def test_holder_downloads_their_certificate_as_a_private_pdf(client):
    certificate = released_certificate(participant=make_participant(full_name="Amal Haddad"))
    client.force_login(certificate.participant.user)

    response = client.get(download_url(certificate))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == (
        f'attachment; filename="u20-certificate-{certificate.summit.slug}.pdf"'
    )
    assert "Amal Haddad" in pdf_text(response.content)
    assert certificate.code in pdf_text(response.content)


def test_another_attendee_cannot_download_someone_elses_certificate(client):
    certificate = released_certificate()
    client.force_login(make_participant().user)

    response = client.get(download_url(certificate))

    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client):
    certificate = released_certificate()

    response = client.get(download_url(certificate))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_no_download_before_the_release(client):
    summit = make_summit()
    person = make_participant()
    attend(make_sessions(summit, 1)[0], person)
    client.force_login(person.user)

    response = client.get(f"/en/me/certificates/{summit.slug}.pdf")

    assert response.status_code == 404


def test_no_download_of_a_revoked_certificate(client):
    certificate = released_certificate()
    services.revoke(certificate=certificate, reason="Registered twice.", by=None)
    client.force_login(certificate.participant.user)

    response = client.get(download_url(certificate))

    assert response.status_code == 404


def test_no_download_for_a_summit_one_did_not_attend(client):
    certificate = released_certificate()
    client.force_login(make_participant().user)

    response = client.get(f"/en/me/certificates/{certificate.summit.slug}.pdf")
    other = client.get("/en/me/certificates/no-such-summit.pdf")

    assert (response.status_code, other.status_code) == (404, 404)


# Verification page


@pytest.fixture
def certificate():
    summit = make_summit(name_en="Riyadh Summit", name_ar="قمة الرياض")
    person = make_participant(full_name="Layla Nasser", email="layla@example.org", language="ar")
    session = make_session(
        summit=summit,
        title_en="Cities of the Future",
        title_ar="مدن المستقبل",
        starts_at=datetime(2020, 9, 30, 10, 0, tzinfo=RIYADH),
    )
    attend(session, person)
    services.release(summit=summit, by=None)
    return person.certificates.get()


def test_verification_page_shows_the_name_summit_sessions_and_validity(client, certificate):
    response = client.get(verify_url(certificate.code))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1><bdi>Layla Nasser</bdi></h1>" in html
    assert "Riyadh Summit" in html
    assert (
        '<li><bdi>Cities of the Future</bdi> · <time datetime="2020-09-30">'
        "Wednesday 30 September 2020</time></li>"
    ) in html
    assert ui("en", "Valid: this certificate was issued by the U20 Mayors Summit.") in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"]


def test_verification_page_shows_nothing_else_about_the_holder(client, certificate):
    services.revoke(certificate=certificate, reason="Secret internal note.", by=None)

    html = client.get(verify_url(certificate.code)).content.decode()

    assert "layla@example.org" not in html
    assert "Secret internal note." not in html
    assert f"participant={certificate.participant_id}" not in html
    assert f"/{certificate.participant_id}/" not in html


def test_verification_page_in_arabic(client, certificate):
    html = client.get(verify_url(certificate.code, "ar")).content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "<bdi>مدن المستقبل</bdi>" in html
    assert "قمة الرياض" in html
    # The Hijri date beside the Gregorian one, in Arabic digits.
    assert "٣٠ سبتمبر ٢٠٢٠ (١٣ صفر ١٤٤٢ هـ)" in html
    assert translated("ar", "Valid: this certificate was issued by the U20 Mayors Summit.") in html


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_revoked_certificate_says_so_with_the_date(client, certificate, lang):
    services.revoke(certificate=certificate, reason="Not attended.", by=None)
    certificate.refresh_from_db()

    html = client.get(verify_url(certificate.code, lang)).content.decode()

    with translation.override(lang):
        date = day(certificate.revoked_at, certificate.summit)
    message = translated(lang, "REVOKED on %(date)s: this certificate is no longer valid.")
    assert message % {"date": date} in html
    assert ui(lang, "Valid: this certificate was issued by the U20 Mayors Summit.") not in html


def test_verification_page_finds_a_code_typed_in_small_letters(client, certificate):
    response = client.get(verify_url(certificate.code.lower()))

    assert response.status_code == 200
    assert "Layla Nasser" in response.content.decode()


@pytest.mark.parametrize("code", ["U20-2222-2222", "not-a-code"])
def test_unknown_code_is_the_sites_404_page_in_the_visitors_language(client, code):
    response = client.get(verify_url(code, "ar"))

    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl">' in html
    assert translated("ar", "Page not found") in html


def test_certificate_of_an_unreleased_summit_is_not_found(client, certificate):
    certificate.summit.certificate_release.delete()

    response = client.get(verify_url(certificate.code))

    assert response.status_code == 404


def test_guessing_codes_is_rate_limited_in_the_visitors_language(client, settings, certificate):
    settings.CERTIFICATE_LOOKUP_RATE = "2/h"
    client.get(verify_url("U20-2222-2222"))
    client.get(verify_url("U20-3333-3333"))

    refused = client.get(verify_url(certificate.code, "ar"))
    elsewhere = client.get(verify_url(certificate.code), REMOTE_ADDR="192.0.2.9")

    html = refused.content.decode()
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert '<html lang="ar" dir="rtl">' in html
    assert translated("ar", "Too many attempts") in html
    assert "Layla Nasser" not in html
    assert elsewhere.status_code == 200


@pytest.mark.parametrize("sessions", [1, 20])
def test_verification_page_makes_the_same_queries_however_many_sessions(
    client, sessions, cold_pages
):
    certificate = released_certificate(sessions=sessions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(verify_url(certificate.code))

    assert response.content.decode().count("<li><bdi>Session ") == sessions
    assert len(queries) == 2


# Look-up form


def test_lookup_form_sends_a_code_to_its_page_whatever_the_spacing(client, certificate):
    typed = " " + certificate.code.lower().replace("-", " ") + " "

    response = client.get("/en/certificates/", {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == f"/en/certificates/{certificate.code}/"


def test_lookup_form_page_has_a_labelled_code_field(client):
    html = client.get("/ar/certificates/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert '<form method="get"' in html
    assert 'name="code"' in html and 'dir="ltr"' in html
    assert translated("ar", "Check a certificate") in html


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_lookup_form_explains_a_malformed_code_and_keeps_it(client, lang):
    response = client.get(f"/{lang}/certificates/", {"code": "U20-OOPS<"})

    html = response.content.decode()
    message = translated(
        lang,
        "This is not a certificate code. A code looks like U20-7KQ2-M9XD: "
        "eight letters and digits after U20.",
    )
    assert response.status_code == 200
    assert message in html
    assert 'value="U20-OOPS&lt;"' in html


def test_lookup_form_asks_for_a_code_when_none_is_typed(client):
    html = client.get("/en/certificates/", {"code": ""}).content.decode()

    assert ui("en", "Type the code printed on the certificate.") in html


# /me/


def test_me_lists_certificates_with_a_download_link_and_the_public_page(client):
    certificate = released_certificate()
    client.force_login(certificate.participant.user)

    html = client.get("/en/me/").content.decode()

    assert ui("en", "My certificates of attendance") in html
    assert f'href="/en/me/certificates/{certificate.summit.slug}.pdf"' in html
    assert f'href="/en/certificates/{certificate.code}/"' in html


def test_me_says_a_revoked_certificate_is_revoked_without_a_download_link(client):
    certificate = released_certificate()
    services.revoke(certificate=certificate, reason="Duplicate.", by=None)
    client.force_login(certificate.participant.user)

    html = client.get("/en/me/").content.decode()

    assert "This certificate was revoked on <time" in html
    assert ".pdf" not in html


def test_me_shows_no_certificates_section_without_a_released_certificate(client):
    summit = make_summit()
    person = make_participant()
    attend(make_sessions(summit, 1)[0], person)
    client.force_login(person.user)

    html = client.get("/en/me/").content.decode()

    assert ui("en", "My certificates of attendance") not in html
