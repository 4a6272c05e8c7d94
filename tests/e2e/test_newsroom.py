"""A journalist's journey in Chromium, in English and Arabic: read the latest
press release, send an interview request, get a reference; then a member of
the media team finds it in the admin, assigns it and schedules it. Every
public page visited is scanned with axe."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from media_contacts import demo as press_demo
from media_contacts.models import InterviewRequest, PressRelease
from tests.e2e.conftest import LANGUAGES, assert_accessible, sign_in_to_admin, ui
from tests.media_contacts.factories import make_request, make_staff
from u20.models import OutgoingEmail

pytestmark = pytest.mark.browser


def ui_in_context(lang: str, context: str, message: str) -> str:
    with translation.override(lang):
        return translation.pgettext(context, message)


@pytest.fixture
def newsroom(demo):
    """The demo summit of the e2e fixtures, with the press office's demo data."""
    press_demo.load()
    return demo


@pytest.mark.parametrize("lang", LANGUAGES)
def test_journalist_reads_the_latest_release_and_requests_an_interview(page, newsroom, lang):
    latest = PressRelease.objects.published().first()
    speaker = newsroom.sessions["transport"].speakers.first()
    deadline = (timezone.now() + timedelta(days=7)).astimezone(newsroom.summit.zone)

    page.goto(f"/{lang}/")
    page.get_by_role("navigation", name=ui(lang, "Main")).get_by_role(
        "link", name=ui(lang, "Newsroom")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ui(lang, "Newsroom"))
    assert_accessible(page)

    page.get_by_role("link", name=getattr(latest, f"title_{lang}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(getattr(latest, f"title_{lang}"))
    assert_accessible(page)

    page.get_by_role("link", name=ui(lang, "Request an interview")).first.click()
    expect(page).to_have_url(re.compile(rf"/{lang}/media/interview-request/$"))
    assert_accessible(page)

    # Sent empty first: the errors come back in the page's language.
    page.get_by_role("button", name=ui(lang, "Send my request")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)

    page.get_by_label(ui(lang, "Your name")).fill("Layla Haddad" if lang == "en" else "ليلى حداد")
    page.get_by_label(ui(lang, "Media outlet")).fill("Gulf Evening News")
    page.get_by_label(ui(lang, "Your role")).fill("Correspondent")
    page.get_by_label(ui(lang, "Email"), exact=False).first.fill(f"layla-{lang}@example.org")
    page.get_by_label(ui(lang, "Country")).fill("United Arab Emirates")
    page.get_by_label(ui(lang, "A speaker from the agenda"), exact=False).select_option(
        label=getattr(speaker, f"name_{lang}")
    )
    page.get_by_role("radio", name=ui_in_context(lang, "interview format", "Live video")).check()
    page.get_by_label(ui(lang, "Your deadline")).fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(ui(lang, "Your message")).fill("Ten minutes on public transport.")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=ui(lang, "Send my request")).click()

    expect(page).to_have_url(re.compile(rf"/{lang}/media/interview-request/thanks/$"))
    interview = InterviewRequest.objects.get()
    expect(page.locator(".reference")).to_have_text(interview.reference)
    assert (interview.language, interview.speaker, interview.format) == (
        lang,
        speaker,
        "live_video",
    )
    assert list(OutgoingEmail.objects.order_by("pk").values_list("kind", "language")) == [
        ("media.acknowledgement", lang),
        ("media.team", "en"),
    ]
    assert_accessible(page)


def test_media_team_assigns_and_schedules_a_request_and_the_journalist_is_told(page, newsroom):
    maha = make_staff("maha")
    interview = make_request(outlet="Gulf Evening News", language="ar")
    when = (timezone.now() + timedelta(days=3)).astimezone(newsroom.summit.zone)

    sign_in_to_admin(page, maha)
    page.goto("/admin/media_contacts/interviewrequest/?status__exact=new")
    page.get_by_role("row", name=re.compile(interview.reference)).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("assign_to_me")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("1 request is assigned to you.")).to_be_visible()

    # Now in progress, it has left the list of new requests.
    page.goto("/admin/media_contacts/interviewrequest/?status__exact=in_progress")
    page.get_by_role("link", name=interview.reference).click()
    page.get_by_label("Move to").select_option("scheduled")
    page.locator("#id_scheduled_at_0").fill(when.strftime("%Y-%m-%d"))
    page.locator("#id_scheduled_at_1").fill("15:30")
    page.locator("#id_schedule_format").select_option("phone")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page).to_have_url(re.compile(r"/admin/media_contacts/interviewrequest/(\?.*)?$"))
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    interview.refresh_from_db()
    assert (interview.status, interview.assignee.username) == ("scheduled", "maha")
    assert interview.scheduled_for.astimezone(newsroom.summit.zone).strftime("%H:%M") == "15:30"
    email = OutgoingEmail.objects.get(kind="media.scheduled")
    assert (email.to, email.language) == (interview.email, "ar")
    assert "١٥:٣٠" in email.body  # the email is in Arabic, and so are its digits
