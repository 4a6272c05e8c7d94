"""Choosing a time zone in Chromium, in English and Arabic, on a phone and
on a desktop: sign-up selects the browser's zone, the search box narrows the
list as one types, and a zone chosen on "My registrations" is saved. Every
page is scanned with axe."""

import re

import pytest
from playwright.sync_api import expect

from sessions.models import Participant
from tests.e2e.conftest import LANGUAGES, assert_accessible, browser_page, ui
from tests.e2e.test_accounts import fill_signup, label
from tests.e2e.test_registration import log_in
from tests.factories import make_participant

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]


@pytest.fixture
def tokyo_page(browser, live_server):
    """A page in a browser whose zone is Tokyo's, held to the same content
    security policy check as the shared page fixture."""
    with browser_page(browser, live_server, timezone_id="Asia/Tokyo", locale="ja-JP") as page:
        yield page


def zone_list(page, lang):
    return page.get_by_label(label(lang, "time zone"), exact=True)


def search_box(page, lang):
    return page.get_by_role("searchbox", name=ui(lang, "Find a time zone"))


def option_values(select) -> list[str]:
    return select.locator("option").evaluate_all("options => options.map(o => o.value)")


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_signup_selects_the_browser_zone_and_saves_the_one_searched_for(
    tokyo_page, live_server, lang, width
):
    page = tokyo_page
    page.set_viewport_size({"width": width, "height": 900})
    email = f"zones-{lang}-{width}@example.org"
    page.goto(f"/{lang}/accounts/signup/")

    zones = zone_list(page, lang)
    expect(zones).to_have_value("Asia/Tokyo")
    expect(zones.locator("option:checked")).to_have_text(
        {"en": "Tokyo time (UTC+9)", "ar": "بتوقيت طوكيو (UTC+9)"}[lang]
    )
    assert zones.locator("option").count() > 400
    assert fits(page, width)
    assert_accessible(page)

    search_box(page, lang).fill({"en": "los angeles", "ar": "لوس انجلوس"}[lang])
    # What is chosen stays; the rest is what matches.
    assert option_values(zones) == ["America/Los_Angeles", "Asia/Tokyo"]
    zones.select_option("America/Los_Angeles")
    assert_accessible(page)
    fill_signup(page, lang, email)
    page.get_by_role("button", name=ui(lang, "Sign Up"), exact=True).click()

    expect(page).to_have_url(re.compile(rf"/{lang}/accounts/confirm-email/$"))
    assert Participant.objects.get(user__email=email).time_zone == "America/Los_Angeles"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_my_page_search_narrows_the_list_and_the_zone_chosen_is_saved(
    page, live_server, lang, width
):
    page.set_viewport_size({"width": width, "height": 900})
    participant = make_participant(language=lang, time_zone="Asia/Riyadh")
    log_in(page, lang, participant)

    zones = zone_list(page, lang)
    # A saved zone is kept, whatever zone the browser is in (London here).
    expect(zones).to_have_value("Asia/Riyadh")
    search = search_box(page, lang)
    expect(search).to_be_visible()
    assert fits(page, width)
    assert_accessible(page)

    # Case, accents and hamza forms do not matter; the IANA key and the
    # offset are searched too, so Latin letters find a zone on either page.
    searches = [
        ("SAO PAULO", ["America/Sao_Paulo", "Asia/Riyadh"]),
        ("asia/toky", ["Asia/Riyadh", "Asia/Tokyo"]),
        ("utc+5:45", ["Asia/Riyadh", "Asia/Kathmandu"]),
    ]
    if lang == "ar":
        # أنشوراج, typed without its hamza.
        searches.append(("انشوراج", ["America/Anchorage", "Asia/Riyadh"]))
    for typed, expected in searches:
        search.fill(typed)
        assert option_values(zones) == expected, typed
    search.fill("no such place")
    expect(page.locator(".zone-search-status")).to_have_text(
        ui(lang, "No time zone matches your search.")
    )
    assert option_values(zones) == ["Asia/Riyadh"]

    search.fill({"en": "tokyo", "ar": "طوكيو"}[lang])
    # Enter picks the first zone left, and does not send the form.
    search.press("Enter")
    expect(zones).to_have_value("Asia/Tokyo")
    expect(page).to_have_url(re.compile(rf"/{lang}/me/$"))
    assert_accessible(page)
    page.get_by_role("button", name=ui(lang, "Save my profile")).click()

    expect(page.locator(".messages")).to_have_text(ui(lang, "Your profile is saved."))
    expect(zone_list(page, lang)).to_have_value("Asia/Tokyo")
    participant.refresh_from_db()
    assert participant.time_zone == "Asia/Tokyo"
    assert_accessible(page)
