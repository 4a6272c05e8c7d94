"""The journalist's side of accreditation: the application page, its errors
in the visitor's language, the press card checks, the badge, the private
feed and the verification page a badge's QR code opens."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image

from media_contacts.models import Accreditation, InterviewRequest
from tests.factories import make_participant, make_summit
from tests.images import image_upload, jpeg_with_gps_and_html
from tests.media_contacts.factories import (
    form_data,
    make_accreditation,
    make_open_summit,
    make_release,
    make_request,
)
from tests.pdfs import clean_pdf, pdf_text, pdf_upload, pdf_with_javascript

pytestmark = pytest.mark.django_db

PAGE = "/{lang}/media/accreditation/"
ATOM = "{http://www.w3.org/2005/Atom}"


def in_arabic(message: str) -> str:
    with translation.override("ar"):
        return translation.gettext(message)


def signed_in(participant) -> Client:
    client = Client()
    client.force_login(participant.user)
    return client


def posted(summit, **fields) -> dict:
    data = {
        "summit": summit.pk,
        "name": "Layla Haddad",
        "outlet": "Gulf Cities Review",
        "role": "Correspondent",
        "country": "Jordan",
        "phone": "+962 6 555 0142",
        "work_link": "https://news.example.org/layla",
        "language": "en",
        "consent": "on",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def test_the_page_asks_visitors_to_sign_in_first(client):
    response = client.get(PAGE.format(lang="en"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_journalist_applies_and_sees_their_reference(lang):
    summit = make_open_summit()
    journalist = make_participant(full_name="Layla Haddad", organisation="Gulf Cities Review")
    client = signed_in(journalist)

    form = client.get(PAGE.format(lang=lang))
    assert form.status_code == 200
    assert {"private", "no-store"} <= set(form["Cache-Control"].replace(",", " ").split())
    html = form.content.decode()
    assert 'value="Layla Haddad"' in html  # from the profile
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html

    response = client.post(PAGE.format(lang=lang), posted(summit), follow=True)

    accreditation = Accreditation.objects.get()
    assert accreditation.summit == summit
    assert accreditation.user == journalist.user
    page = response.content.decode()
    assert accreditation.reference in page
    with translation.override(lang):
        assert str(Accreditation.Status.SUBMITTED.label) in page


def test_errors_are_in_arabic_and_keep_what_was_typed():
    summit = make_open_summit()
    client = signed_in(make_participant())

    response = client.post(
        PAGE.format(lang="ar"),
        posted(summit, name="ليلى حداد", outlet="مجلة المدن", phone="abc", work_link=""),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="ليلى حداد"' in html
    assert 'value="مجلة المدن"' in html
    assert in_arabic("Give a link to your published work or upload your press card.") in html
    assert 'dir="rtl"' in html
    assert not Accreditation.objects.exists()


def test_an_unticked_consent_is_explained():
    client = signed_in(make_participant())

    response = client.post(PAGE.format(lang="en"), posted(make_open_summit(), consent=None))

    assert "Tick this box so that we may review your request." in response.content.decode()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: pdf_upload(b"not a pdf at all", name="card.pdf"),
            "Upload your press card as a PDF, or as a JPEG, PNG or WebP image.",
        ),
        (
            lambda: pdf_upload(pdf_with_javascript(), name="card.pdf"),
            "This PDF contains JavaScript. Upload a version without scripts.",
        ),
        (
            lambda: image_upload("card.gif", image_format="GIF"),
            "Upload your press card as a PDF, or as a JPEG, PNG or WebP image.",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_press_card_that_is_not_a_real_pdf_or_image_is_refused(upload, message, lang):
    client = signed_in(make_participant())

    response = client.post(
        PAGE.format(lang=lang),
        {**posted(make_open_summit(), work_link="", outlet="Kept Outlet"), "press_card": upload()},
    )

    html = response.content.decode()
    expected = in_arabic(message) if lang == "ar" else message
    assert expected in html
    assert 'value="Kept Outlet"' in html
    assert not Accreditation.objects.exists()


def test_a_photo_of_a_press_card_is_stored_without_its_exif_and_gps():
    client = signed_in(make_participant())

    client.post(
        PAGE.format(lang="en"),
        {**posted(make_open_summit(), work_link=""), "press_card": jpeg_with_gps_and_html()},
    )

    accreditation = Accreditation.objects.get()
    stored = accreditation.press_card.open("rb").read()
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
    assert b"<script>" not in stored
    assert b"taken at home" not in stored


def test_a_pdf_press_card_is_kept_under_a_name_we_make():
    client = signed_in(make_participant())

    client.post(
        PAGE.format(lang="en"),
        {**posted(make_open_summit(), work_link=""), "press_card": pdf_upload(clean_pdf())},
    )

    name = Accreditation.objects.get().press_card.name
    assert name.startswith("press-cards/") and name.endswith(".pdf")
    assert "communique" not in name


def test_the_press_card_folder_is_never_served_publicly(client):
    accreditation = make_accreditation(status="submitted")
    accreditation.press_card.save("card.pdf", io.BytesIO(clean_pdf()))

    assert client.get(f"/media/{accreditation.press_card.name}").status_code == 404


def test_an_accredited_journalist_sees_badge_feed_and_expiry():
    accreditation = make_accreditation()
    client = signed_in_user(accreditation)

    html = client.get(PAGE.format(lang="en")).content.decode()

    assert accreditation.reference in html
    assert f"/en/media/accreditation/{accreditation.reference}/badge.pdf" in html
    assert accreditation.feed_token in html
    assert "Riyadh time" in html


def signed_in_user(accreditation) -> Client:
    client = Client()
    client.force_login(accreditation.user)
    return client


def test_the_badge_is_a_pdf_in_both_languages_with_the_verification_address():
    accreditation = make_accreditation(name="Layla Haddad")
    client = signed_in_user(accreditation)

    response = client.get(f"/en/media/accreditation/{accreditation.reference}/badge.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text(response.content)
    assert "Layla Haddad" in text
    # The address may wrap on the card; without the breaks it reads whole.
    unbroken = "".join(text.split())
    assert f"/en/media/accreditation/check/{accreditation.reference}/" in unbroken
    assert f"/ar/media/accreditation/check/{accreditation.reference}/" in unbroken


def test_nobody_else_downloads_a_badge_and_an_unapproved_one_has_none(client):
    accreditation = make_accreditation()
    url = f"/en/media/accreditation/{accreditation.reference}/badge.pdf"
    other = signed_in(make_participant())
    waiting = make_accreditation(status="submitted")

    assert other.get(url).status_code == 404
    assert client.get(url).status_code == 302  # to sign in
    assert (
        signed_in_user(waiting)
        .get(f"/en/media/accreditation/{waiting.reference}/badge.pdf")
        .status_code
        == 404
    )


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_verification_page_says_valid_expired_or_withdrawn(client, lang):
    valid = make_accreditation(name="Valid Person")
    expired = make_accreditation(summit=make_summit(), name="Expired Person")
    withdrawn = make_accreditation(name="Withdrawn Person")
    withdrawn.status = "declined"
    withdrawn.save()

    pages = {
        case: client.get(f"/{lang}/media/accreditation/check/{item.reference}/").content.decode()
        for case, item in [("valid", valid), ("expired", expired), ("withdrawn", withdrawn)]
    }

    assert "Valid Person" in pages["valid"]
    assert "noindex" in pages["valid"]

    def opening(message: str) -> str:
        """The words of a statement before its first value."""
        with translation.override(lang):
            return translation.gettext(message).split("%(")[0]

    assert opening("WITHDRAWN: this accreditation is no longer valid.") in pages["withdrawn"]
    assert (
        opening(
            "Valid: accredited by the U20 media team to cover %(summit)s, until the end of "
            "%(date)s."
        )
        in pages["valid"]
    )
    assert (
        opening("EXPIRED: this accreditation to cover %(summit)s ended with %(date)s.")
        in (pages["expired"])
    )
    assert "status-ok" in pages["valid"]
    assert "status-revoked" in pages["expired"] and "status-revoked" in pages["withdrawn"]


def test_the_verification_page_of_an_unapproved_or_unknown_reference_is_404(client):
    waiting = make_accreditation(status="submitted")

    assert client.get(f"/en/media/accreditation/check/{waiting.reference}/").status_code == 404
    assert client.get("/en/media/accreditation/check/PRESS-2222-3333-4444/").status_code == 404


def test_the_verification_page_limits_guessing(client, settings):
    settings.CERTIFICATE_LOOKUP_RATE = "2/h"

    codes = [
        client.get(f"/en/media/accreditation/check/PRESS-2222-3333-444{n}/").status_code
        for n in range(3)
    ]

    assert codes == [404, 404, 429]


def test_the_private_feed_works_until_its_address_is_renewed(client):
    accreditation = make_accreditation()
    make_release(title_en="Out for all")
    url = f"/en/media/feed/{accreditation.feed_token}.atom"

    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert "Out for all" in titles

    owner = signed_in_user(accreditation)
    owner.post("/en/media/accreditation/new-feed-address/")

    assert client.get(url).status_code == 404
    accreditation.refresh_from_db()
    assert client.get(f"/en/media/feed/{accreditation.feed_token}.atom").status_code == 200


def test_renewing_the_feed_address_needs_a_post_and_an_accreditation():
    journalist = make_participant()
    client = signed_in(journalist)

    assert client.get("/en/media/accreditation/new-feed-address/").status_code == 405
    assert client.post("/en/media/accreditation/new-feed-address/").status_code == 404


def test_a_form_post_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_participant().user)

    response = client.post(PAGE.format(lang="en"), posted(make_open_summit()))

    assert response.status_code == 403
    assert not Accreditation.objects.exists()


def test_a_journalist_asked_for_more_updates_the_same_request():
    accreditation = make_accreditation(status="more_info", outlet="Old Outlet")
    accreditation.history.create(
        from_status="submitted", to_status="more_info", message="Which outlet do you write for now?"
    )
    client = signed_in_user(accreditation)

    page = client.get(PAGE.format(lang="en")).content.decode()
    assert "Which outlet do you write for now?" in page
    assert 'value="Old Outlet"' in page

    client.post(
        PAGE.format(lang="en"),
        posted(accreditation.summit, outlet="New Outlet"),
    )

    accreditation.refresh_from_db()
    assert (accreditation.status, accreditation.outlet) == ("submitted", "New Outlet")
    assert Accreditation.objects.count() == 1


def test_the_page_lists_requests_with_the_same_queries_for_one_or_many(
    django_assert_max_num_queries,
):
    journalist = make_participant()
    for _ in range(3):
        make_accreditation(participant=journalist, status="declined")
    client = signed_in(journalist)
    client.get(PAGE.format(lang="en"))

    with CaptureQueriesContext(connection) as few:
        client.get(PAGE.format(lang="en"))
    for _ in range(12):
        make_accreditation(participant=journalist, status="declined")
    with CaptureQueriesContext(connection) as many:
        client.get(PAGE.format(lang="en"))

    assert len(many) == len(few)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_accredited_journalists_interview_request_is_prefilled_and_marked(lang):
    accreditation = make_accreditation(name="Layla Haddad", outlet="Gulf Cities Review")
    client = signed_in_user(accreditation)
    form_page = f"/{lang}/media/interview-request/"

    html = client.get(form_page).content.decode()
    assert 'value="Gulf Cities Review"' in html
    assert accreditation.reference in html

    client.post(form_page, form_data(outlet="Gulf Cities Review", email=accreditation.email))

    request = InterviewRequest.objects.get()
    assert request.accreditation == accreditation


def test_the_media_team_sees_which_requests_are_accredited(admin_client):
    accreditation = make_accreditation()
    make_request(accreditation=accreditation, name="From An Accredited")
    make_request(name="From Anyone")

    accredited = admin_client.get(
        "/admin/media_contacts/interviewrequest/?accreditation__isempty=0"
    ).content.decode()

    assert "From An Accredited" in accredited
    assert "From Anyone" not in accredited


def test_a_request_from_someone_not_accredited_is_not_marked(client):
    journalist = make_participant()
    client.force_login(journalist.user)

    client.post("/en/media/interview-request/", form_data())

    assert InterviewRequest.objects.get().accreditation is None


def test_a_refusal_about_a_field_the_form_lacks_shows_above_the_form():
    """An account whose address the model refuses (an organiser's made
    without one, say) is told so on the page, never given a server error."""
    journalist = make_participant()
    journalist.user.email = "not-an-address"
    journalist.user.save()
    client = signed_in(journalist)

    response = client.post(PAGE.format(lang="en"), posted(make_open_summit(), outlet="Kept"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert 'value="Kept"' in html
    assert not Accreditation.objects.exists()
