"""Accounts in Chromium, in English and Arabic: signing up, following the
verification link from the queued email, landing on "My registrations", and
the log-in and password reset pages, each scanned by axe-core."""

import re

import pytest
from django.utils.text import capfirst
from playwright.sync_api import expect

from sessions.models import Participant
from tests.e2e.conftest import LANGUAGES, assert_accessible, ui
from tests.factories import make_participant
from u20.models import OutgoingEmail

pytestmark = pytest.mark.browser

PASSWORD = "a-long-passphrase-42"


def label(lang: str, message: str) -> str:
    """A form label as Django writes it: capitalised, with the suffix."""
    return capfirst(ui(lang, message)) + ui(lang, ":")


def heading(page):
    return page.get_by_role("heading", level=1)


def fill_signup(page, lang: str, email: str, *, password2: str = PASSWORD) -> None:
    page.get_by_label(label(lang, "Email"), exact=True).fill(email)
    page.get_by_label(label(lang, "Password"), exact=True).fill(PASSWORD)
    page.get_by_label(label(lang, "Password (again)"), exact=True).fill(password2)
    page.get_by_label(label(lang, "full name"), exact=True).fill("Amal Al-Harbi")
    page.get_by_label(label(lang, "organisation"), exact=True).fill("Riyadh Municipality")
    page.get_by_label(label(lang, "role"), exact=True).select_option("city_official")
    page.get_by_label(label(lang, "country"), exact=True).fill("Saudi Arabia")


def confirmation_path(email: str) -> str:
    """The verification link of the newest email queued for this address."""
    body = OutgoingEmail.objects.filter(to=email).first().body
    (path,) = re.findall(r"https?://[^/\s]+(/\S+/accounts/confirm-email/\S+/)", body)
    return path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signup_verify_and_land_on_my_page(page, live_server, lang):
    email = f"amal-{lang}@example.org"
    page.goto(f"/{lang}/accounts/signup/")
    expect(heading(page)).to_have_text(ui(lang, "Sign Up"))
    # The script put the browser's zone in place of the default.
    expect(page.get_by_label(label(lang, "time zone"), exact=True)).to_have_value("Europe/London")
    expect(page.get_by_label(label(lang, "preferred language"), exact=True)).to_have_value(lang)
    assert_accessible(page)

    fill_signup(page, lang, email)
    page.get_by_role("button", name=ui(lang, "Sign Up"), exact=True).click()

    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/confirm-email/$"))
    expect(heading(page)).to_have_text(ui(lang, "Verify Your Email Address"))
    assert_accessible(page)

    page.goto(confirmation_path(email))
    expect(heading(page)).to_have_text(ui(lang, "Confirm Email Address"))
    assert_accessible(page)
    page.get_by_role("button", name=ui(lang, "Confirm"), exact=True).click()

    expect(page).to_have_url(re.compile(rf"/{lang}/me/$"))
    expect(heading(page)).to_have_text(ui(lang, "My registrations"))
    assert_accessible(page)
    participant = Participant.objects.get(user__email=email)
    assert (participant.full_name, participant.language, participant.time_zone) == (
        "Amal Al-Harbi",
        lang,
        "Europe/London",
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signup_works_without_javascript(browser, live_server, lang):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    email = f"nojs-{lang}@example.org"
    try:
        page.goto(f"/{lang}/accounts/signup/")
        time_zone = page.get_by_label(label(lang, "time zone"), exact=True)
        expect(time_zone).to_have_value("UTC")
        fill_signup(page, lang, email)
        time_zone.select_option("Asia/Riyadh")
        page.get_by_role("button", name=ui(lang, "Sign Up"), exact=True).click()

        expect(page).to_have_url(re.compile(rf"/{lang}/accounts/confirm-email/$"))
    finally:
        context.close()
    assert Participant.objects.get(user__email=email).time_zone == "Asia/Riyadh"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signup_error_shows_beside_the_field(page, live_server, lang):
    page.goto(f"/{lang}/accounts/signup/")
    fill_signup(page, lang, f"typo-{lang}@example.org", password2="a-different-passphrase-13")

    page.get_by_role("button", name=ui(lang, "Sign Up"), exact=True).click()

    again = page.get_by_label(label(lang, "Password (again)"), exact=True)
    expect(again).to_have_attribute("aria-invalid", "true")
    expect(again).to_have_accessible_description(
        ui(lang, "You must type the same password each time.")
    )
    expect(page.get_by_label(label(lang, "full name"), exact=True)).to_have_value("Amal Al-Harbi")
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_login_and_password_reset_pages(page, live_server, lang):
    participant = make_participant(email=f"known-{lang}@example.org")
    page.goto(f"/{lang}/accounts/login/")
    expect(heading(page)).to_have_text(ui(lang, "Sign In"))
    assert_accessible(page)

    page.get_by_label(label(lang, "Email"), exact=True).fill(participant.user.email)
    page.get_by_label(label(lang, "Password"), exact=True).fill("not-my-password")
    page.get_by_role("button", name=ui(lang, "Sign In"), exact=True).click()
    expect(page.get_by_role("alert")).to_have_text(
        ui(lang, "The email address and/or password you specified are not correct.")
    )
    assert_accessible(page)

    page.get_by_role("link", name=ui(lang, "Forgot your password?")).click()
    expect(heading(page)).to_have_text(ui(lang, "Password Reset"))
    assert_accessible(page)
    page.get_by_label(label(lang, "Email"), exact=True).fill(participant.user.email)
    page.get_by_role("button", name=ui(lang, "Reset My Password"), exact=True).click()

    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/password/reset/done/$"))
    assert_accessible(page)
    assert OutgoingEmail.objects.filter(to=participant.user.email).first().kind == (
        "password_reset_key"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_logged_in_account_pages_are_accessible(page, live_server, lang):
    participant = make_participant(email=f"member-{lang}@example.org")
    page.goto(f"/{lang}/accounts/login/")
    page.get_by_label(label(lang, "Email"), exact=True).fill(participant.user.email)
    page.get_by_label(label(lang, "Password"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=ui(lang, "Sign In"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/me/$"))
    assert_accessible(page)

    for path, title in [
        ("password/change/", "Change Password"),
        ("email/", "Email Address"),
        ("reauthenticate/", "Confirm Access"),
        ("reauthenticate/code/", "Confirm Access"),
        ("logout/", "Sign Out"),
    ]:
        page.goto(f"/{lang}/accounts/{path}")
        expect(heading(page)).to_have_text(ui(lang, title))
        assert_accessible(page)

    page.get_by_role("main").get_by_role("button", name=ui(lang, "Sign Out")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/$"))
