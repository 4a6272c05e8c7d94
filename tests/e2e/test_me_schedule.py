"""An attendee's schedule on a phone and on a desktop: register, find the
place on /me/ under its day in their own zone, cancel it after confirming,
and receive the email saying so. Each page is scanned with axe, in English
and in Arabic."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from sessions.models import Registration
from tests.e2e.conftest import LANGUAGES, assert_accessible
from tests.e2e.test_registration import log_in
from tests.factories import make_participant, make_upcoming_session
from tests.translations import translated
from u20 import outbox
from u20.models import OutgoingEmail

pytestmark = pytest.mark.browser

TOKYO = ZoneInfo("Asia/Tokyo")
STARTS_IN_TWO_DAYS = {"en": "Starts in 2 days", "ar": "تبدأ بعد يومين"}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_attendee_finds_the_place_by_day_and_cancels_it_after_confirming(
    page, live_server, mailoutbox, lang, width
):
    page.set_viewport_size({"width": width, "height": 900})
    session = make_upcoming_session(
        starts_in=timedelta(days=2, hours=1),
        capacity=3,
        title_en="Practice: water security",
        title_ar="جلسة تجريبية: الأمن المائي",
    )
    title = session.title_en if lang == "en" else session.title_ar
    participant = make_participant(language=lang, time_zone="Asia/Tokyo")
    log_in(page, lang, participant)

    page.goto(f"/{lang}{session.get_absolute_url()[3:]}")
    page.get_by_role("button", name=translated(lang, "Register for this session")).click()
    expect(page.get_by_text(translated(lang, "Your place is confirmed."))).to_be_visible()

    page.goto(f"/{lang}/me/")
    day = session.starts_at.astimezone(TOKYO).date().isoformat()
    section = page.locator(f"section.day[aria-labelledby='my-day-{day}']")
    expect(section.get_by_role("heading", level=2).locator("time")).to_have_attribute(
        "datetime", day
    )
    card = section.locator(".card")
    expect(card.get_by_role("link", name=title)).to_be_visible()
    expect(card.locator(".starts-in")).to_have_text(STARTS_IN_TWO_DAYS[lang])
    expect(card.locator(".status")).to_have_text(translated(lang, "Place confirmed"))
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert_accessible(page)

    # Changing one's mind on the confirmation page leaves the place alone.
    cancel = translated(lang, "Cancel my registration")
    card.get_by_role("button", name=cancel).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        translated(lang, "Cancel your place?")
    )
    expect(page.locator(".question")).to_contain_text(title)
    assert_accessible(page)
    page.get_by_role("link", name=translated(lang, "Keep my place")).click()
    page.wait_for_url(f"**/{lang}/me/")
    assert Registration.objects.get().status == "confirmed"

    page.locator(".card").get_by_role("button", name=cancel).click()
    page.get_by_role("button", name=translated(lang, "Yes, cancel my place")).click()

    page.wait_for_url(f"**/{lang}/me/")
    expect(page.locator(".messages")).to_have_text(
        translated(lang, "Your registration is cancelled. A confirmation is on its way by email.")
    )
    expect(page.get_by_role("link", name=title)).to_have_count(0)
    assert Registration.objects.get().status == "cancelled"
    email = OutgoingEmail.objects.get(kind="registration.cancelled")
    assert (email.to, email.language) == (participant.user.email, lang)
    assert outbox.send(email.pk) == "sent"
    (message,) = mailoutbox
    subject = translated(lang, "Your place is cancelled: %(title)s") % {"title": title}
    assert (message.to, message.subject) == ([participant.user.email], subject)
