"""A staff member's first way into the admin, in each language: sent to set
up an authenticator app, then signing in again with a code from it."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.e2e.conftest import LANGUAGES, assert_accessible, sign_in_to_admin, ui
from tests.staff import STAFF_PASSWORD, totp_code, verify_email

pytestmark = pytest.mark.browser


@pytest.fixture
def staff(live_server):
    user = get_user_model().objects.create_user(
        "maha", "maha@example.org", STAFF_PASSWORD, is_staff=True, is_superuser=True
    )
    verify_email(user)
    return user


def sign_in_with_password(page, lang: str) -> None:
    page.get_by_label(ui(lang, "Email")).fill("maha@example.org")
    page.get_by_label(ui(lang, "Password")).fill(STAFF_PASSWORD)
    page.get_by_role("button", name=ui(lang, "Sign In")).click()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_sets_up_an_authenticator_app_then_signs_in_with_a_code(
    page, live_server, staff, lang
):
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])

    # First entry: the admin asks for a second factor before anything else.
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/login/"))
    sign_in_with_password(page, lang)
    expect(
        page.get_by_text(
            ui(
                lang,
                "Staff accounts need a second factor. Set up an authenticator app to continue.",
            )
        )
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label(ui(lang, "Password")).fill(STAFF_PASSWORD)
    page.get_by_role("button", name=ui(lang, "Confirm")).click()

    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/2fa/totp/activate/"))
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert_accessible(page)
    secret = page.get_by_label(ui(lang, "Authenticator secret")).input_value()
    page.get_by_label(ui(lang, "Authenticator code")).fill(totp_code(secret))
    page.get_by_role("button", name=ui(lang, "Activate")).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/2fa/recovery-codes/"))
    assert_accessible(page)

    page.goto(f"/{lang}/accounts/logout/")
    page.locator("#main").get_by_role("button", name=ui(lang, "Sign Out")).click()

    # Again, now with a code: a wrong one is refused in the visitor's language.
    page.goto(f"/{lang}/accounts/login/?next=/admin/")
    sign_in_with_password(page, lang)
    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/2fa/authenticate/"))
    page.get_by_label(ui(lang, "Code")).fill("000000")
    page.get_by_role("button", name=ui(lang, "Sign In")).click()
    expect(page.get_by_text(ui(lang, "Incorrect code."))).to_be_visible()
    expect(page.get_by_label(ui(lang, "Code"))).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    # The next period's code: the one used to set the app up may not serve twice.
    page.get_by_label(ui(lang, "Code")).fill(totp_code(secret, at=time.time() + 30))
    page.get_by_role("button", name=ui(lang, "Sign In")).click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name=ui(lang, "Organisers’ desk"))).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_factor_page_offers_an_app_and_security_keys(page, staff, lang):
    sign_in_to_admin(page, staff, lang=lang)

    page.goto(f"/{lang}/accounts/2fa/")

    expect(page.get_by_role("heading", level=1)).to_have_text(ui(lang, "Two-Factor Authentication"))
    expect(page.get_by_role("link", name=ui(lang, "Add"))).to_be_visible()
    assert_accessible(page)
