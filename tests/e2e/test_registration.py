"""An attendee's journey around one session: register, see the join link
once the window is open, cancel; and a full session's waitlist. Each page is
scanned with axe, in English and in Arabic."""

from datetime import timedelta

import pytest

from sessions import services
from sessions.models import Registration
from tests.e2e.conftest import LANGUAGES, assert_accessible, ui
from tests.e2e.test_accounts import confirmation_path, fill_signup
from tests.factories import make_participant, make_upcoming_session

pytestmark = pytest.mark.browser

JOIN = "https://meet.example.org/u20-practice-room"


def log_in(page, lang: str, participant) -> None:
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=login]").fill(participant.user.email)
    page.locator("input[name=password]").fill("a-long-passphrase-42")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**/{lang}/me/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_attendee_signs_up_verifies_registers_joins_and_cancels(page, live_server, lang):
    session = make_upcoming_session(
        starts_in=timedelta(minutes=10),
        join_url=JOIN,
        capacity=5,
        title_en="Practice: urban air mobility",
        title_ar="جلسة تجريبية: التنقل الجوي الحضري",
    )
    email = f"journey-{lang}@example.org"
    session_page = f"/{lang}{session.get_absolute_url()[3:]}"

    page.goto(session_page)
    page.get_by_role("link", name=ui(lang, "create an account")).click()
    fill_signup(page, lang, email)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**/{lang}/accounts/confirm-email/")
    page.goto(confirmation_path(email))
    page.locator("main form button[type=submit]").click()
    # Confirming logs the new attendee in and brings them back to the session.
    page.wait_for_url(f"**{session_page}")
    page.get_by_role("button", name=ui(lang, "Register for this session")).click()

    join = page.get_by_role("link", name=ui(lang, "Join the session now"))
    assert_leads_to_join_link(page, join)
    assert_accessible(page)
    page.get_by_role("button", name=ui(lang, "Cancel my registration")).click()
    page.get_by_role("button", name=ui(lang, "Yes, cancel my place")).click()

    page.wait_for_url(f"**{session_page}")
    assert page.get_by_role("link", name=ui(lang, "Join the session now")).count() == 0
    assert Registration.objects.get(participant__user__email=email).status == "cancelled"
    assert_accessible(page)


def assert_leads_to_join_link(page, button) -> None:
    """The join button goes through the site's join/, which records the join
    and redirects to the meeting's link (not followed: it is elsewhere)."""
    href = button.get_attribute("href")
    assert href.endswith("/join/")
    answer = page.request.get(href, max_redirects=0)
    assert (answer.status, answer.headers["location"]) == (302, JOIN)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_attendee_registers_joins_inside_the_window_and_cancels(page, live_server, lang):
    session = make_upcoming_session(
        starts_in=timedelta(minutes=5),
        join_url=JOIN,
        capacity=20,
        title_en="Practice: living together",
        title_ar="جلسة تجريبية: العيش المشترك",
    )
    participant = make_participant(language=lang)
    log_in(page, lang, participant)

    page.goto(f"/{lang}{session.get_absolute_url()[3:]}")
    assert_accessible(page)
    page.get_by_role("button", name=ui(lang, "Register for this session")).click()

    assert page.get_by_text(ui(lang, "Your place is confirmed.")).count() == 1
    join = page.get_by_role("link", name=ui(lang, "Join the session now"))
    assert_leads_to_join_link(page, join)
    assert_accessible(page)

    page.get_by_role("button", name=ui(lang, "Cancel my registration")).click()
    page.get_by_role("button", name=ui(lang, "Yes, cancel my place")).click()

    page.wait_for_url(f"**/{lang}{session.get_absolute_url()[3:]}")
    assert page.get_by_role("link", name=ui(lang, "Join the session now")).count() == 0
    assert page.get_by_role("button", name=ui(lang, "Register again")).count() == 1
    assert Registration.objects.get().status == "cancelled"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_full_session_offers_the_waitlist_and_my_page_shows_the_position(page, live_server, lang):

    session = make_upcoming_session(capacity=1, title_en="Small room", title_ar="قاعة صغيرة")
    services.register(session=session, participant=make_participant())
    participant = make_participant(language=lang, time_zone="Asia/Tokyo")
    log_in(page, lang, participant)

    page.goto(f"/{lang}{session.get_absolute_url()[3:]}")
    page.get_by_role("button", name=ui(lang, "Join the waitlist")).click()
    page.goto(f"/{lang}/me/")

    title = "Small room" if lang == "en" else "قاعة صغيرة"
    assert page.get_by_role("link", name=title).count() == 1
    assert page.locator(".registrations .status").first.inner_text() != ""
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert_accessible(page)
