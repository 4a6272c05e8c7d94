"""The media team's side of the press office in the admin: reviewing
accreditations, opening press cards, embargo times and corrections."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from media_contacts.models import Accreditation, PressRelease, ReleaseCorrection
from tests.media_contacts.factories import make_accreditation, make_release
from tests.pdfs import clean_pdf
from tests.staff import sign_in_with_second_factor
from tests.u20.role_fixtures import staff
from u20.models import OutgoingEmail
from u20.roles import MEDIA_TEAM, PROGRAMME, sync_roles

pytestmark = pytest.mark.django_db

ACCREDITATIONS = "/admin/media_contacts/accreditation/"
RELEASES = "/admin/media_contacts/pressrelease/"


@pytest.fixture
def media_team(client):
    sync_roles()
    sign_in_with_second_factor(client, staff(role=MEDIA_TEAM))
    return client


def in_arabic(message: str) -> str:
    with translation.override("ar"):
        return translation.gettext(message)


def release_form(release: PressRelease, **overrides) -> dict:
    published = release.published_at.astimezone(timezone.get_default_timezone())
    data = {
        "title_en": release.title_en,
        "title_ar": release.title_ar,
        "slug": release.slug,
        "summary_en": release.summary_en,
        "summary_ar": release.summary_ar,
        "body_en": release.body_en,
        "body_ar": release.body_ar,
        "published_at_0": published.date().isoformat(),
        "published_at_1": published.strftime("%H:%M:%S"),
        "embargo_until_0": "",
        "embargo_until_1": "",
        "image_alt_en": "",
        "image_alt_ar": "",
        "image_caption_en": "",
        "image_caption_ar": "",
    }
    return {**data, **overrides}


def test_the_media_team_approves_an_application_and_the_journalist_is_emailed(media_team):
    accreditation = make_accreditation(status="submitted")

    page = media_team.get(f"{ACCREDITATIONS}{accreditation.pk}/change/")
    assert page.status_code == 200
    assert "Gulf Cities Review" in page.content.decode()

    response = media_team.post(
        f"{ACCREDITATIONS}{accreditation.pk}/change/",
        {"decision": "approved", "message": "Welcome aboard", "notify_journalist": "on"},
    )

    assert response.status_code == 302
    accreditation.refresh_from_db()
    assert accreditation.status == "approved"
    assert accreditation.expires_at is not None
    sent = OutgoingEmail.objects.filter(to=accreditation.email).last()
    assert sent.kind == "media.accreditation.approved"
    assert accreditation.history.last().by.groups.filter(name=MEDIA_TEAM).exists()


def test_asking_for_more_without_a_message_is_refused_in_arabic(media_team):
    accreditation = make_accreditation(status="submitted")

    response = media_team.post(
        f"{ACCREDITATIONS}{accreditation.pk}/change/",
        {"decision": "more_info", "message": ""},
        HTTP_ACCEPT_LANGUAGE="ar",
    )

    assert response.status_code == 200
    assert in_arabic("Say what the journalist should add or change.") in response.content.decode()
    accreditation.refresh_from_db()
    assert accreditation.status == "submitted"


def test_the_queue_lists_with_the_same_queries_for_few_and_many(media_team):
    for _ in range(3):
        make_accreditation(status="submitted")
    media_team.get(ACCREDITATIONS)
    with CaptureQueriesContext(connection) as few:
        media_team.get(ACCREDITATIONS)
    for _ in range(30):
        make_accreditation(status="submitted")
    with CaptureQueriesContext(connection) as many:
        media_team.get(ACCREDITATIONS)

    assert len(few) == len(many)


def test_the_press_card_opens_for_the_media_team_only(media_team):
    accreditation = make_accreditation(status="submitted", work_link="")
    accreditation.press_card.save("card.pdf", io.BytesIO(clean_pdf()))
    url = f"{ACCREDITATIONS}{accreditation.pk}/press-card/"

    opened = media_team.get(url)
    assert opened.status_code == 200
    assert opened["Content-Type"] == "application/pdf"
    assert "no-store" in opened["Cache-Control"]
    assert b"".join(opened.streaming_content).startswith(b"%PDF")

    programme = Client()
    sign_in_with_second_factor(programme, staff(role=PROGRAMME))
    assert programme.get(url).status_code in (302, 403)
    assert Client().get(url).status_code == 302


def test_accreditations_are_neither_added_nor_deleted_by_hand(media_team):
    accreditation = make_accreditation(status="submitted")

    assert media_team.get(f"{ACCREDITATIONS}add/").status_code == 403
    assert media_team.get(f"{ACCREDITATIONS}{accreditation.pk}/delete/").status_code == 403
    assert Accreditation.objects.count() == 1


def test_an_embargo_ending_before_publication_is_refused_in_arabic(media_team):
    release = make_release(published_at=timezone.now() + timedelta(days=1))
    published = release.published_at.astimezone(timezone.get_default_timezone())
    before = published - timedelta(hours=2)

    response = media_team.post(
        f"{RELEASES}{release.pk}/change/",
        release_form(
            release,
            title_en="Typed title kept",
            embargo_until_0=before.date().isoformat(),
            embargo_until_1=before.strftime("%H:%M:%S"),
        ),
        HTTP_ACCEPT_LANGUAGE="ar",
    )

    assert response.status_code == 200
    html = response.content.decode()
    message = in_arabic(
        "The embargo must end after the publication time, when accredited journalists receive "
        "the release."
    )
    assert message in html
    assert 'value="Typed title kept"' in html
    release.refresh_from_db()
    assert release.embargo_until is None


def test_changing_a_published_release_needs_a_note_and_keeps_the_text_before(media_team):
    release = make_release(body_en="Forty cities took part.")
    url = f"{RELEASES}{release.pk}/change/"

    refused = media_team.post(url, release_form(release, body_en="Forty-two cities took part."))
    assert refused.status_code == 200
    assert "say what you corrected" in refused.content.decode()
    assert ReleaseCorrection.objects.count() == 0

    accepted = media_team.post(
        url,
        release_form(
            release,
            body_en="Forty-two cities took part.",
            correction_note_en="The number of cities was corrected.",
            correction_note_ar="صُحّح عدد المدن.",
        ),
    )

    assert accepted.status_code == 302
    correction = ReleaseCorrection.objects.get()
    assert correction.previous["body_en"] == "Forty cities took part."
    assert correction.note_ar == "صُحّح عدد المدن."
    page = media_team.get(release.get_absolute_url()).content.decode()
    assert "The number of cities was corrected." in page
    assert "Forty-two cities took part." in page


def test_a_release_not_yet_out_changes_without_a_note(media_team):
    release = make_release(published_at=timezone.now() + timedelta(days=2))

    response = media_team.post(
        f"{RELEASES}{release.pk}/change/",
        release_form(release, body_en="Rewritten before it is out."),
    )

    assert response.status_code == 302
    assert ReleaseCorrection.objects.count() == 0


def test_the_release_page_in_the_admin_shows_who_read_it_under_embargo(media_team):
    release = make_release(
        published_at=timezone.now() - timedelta(hours=1),
        embargo_until=timezone.now() + timedelta(hours=5),
    )
    reader = make_accreditation(name="Reader Person", outlet="Reader Outlet")
    release.embargo_accesses.create(accreditation=reader, via="page")

    html = media_team.get(f"{RELEASES}{release.pk}/change/").content.decode()

    assert "Reader Person (Reader Outlet)" in html
