"""In Chromium, at a phone's width and a laptop's, in both languages: Arabic
pages give the Hijri date beside the Gregorian one, and the main menu reaches
the current summit's sections from every page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LANGUAGES, assert_accessible, ui
from tests.e2e.test_registration import log_in
from tests.factories import make_participant
from tests.media_contacts.factories import make_release
from tests.recommendations.factories import make_communique

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]
SECTIONS = ["Agenda", "Speakers", "Partners", "Communiqué"]
# The pages without a summit of their own, where the menu used to lose the
# sections; the others are scanned by the tests of their own journeys.
SCANNED = {"/summits/", "/media/", "/me/"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_session_and_agenda_pages_date_the_session_with_hijri_in_arabic(page, demo, lang, width):
    page.set_viewport_size({"width": width, "height": 900})
    session = demo.sessions["future"]

    page.goto(f"/{lang}/summits/{demo.summit.slug}/sessions/{session.slug}/")
    when = page.locator("p.when")
    if lang == "ar":
        expect(when).to_contain_text("الأربعاء ٣٠ سبتمبر ٢٠٢٠ (١٣ صفر ١٤٤٢ هـ)، ١٠:٠٠")
    else:
        expect(when).to_contain_text("Wednesday 30 September 2020, 10:00")
        expect(when).not_to_contain_text("Safar")
    assert_accessible(page)

    page.goto(f"/{lang}/summits/{demo.summit.slug}/agenda/")
    heading = page.locator("section.day h2").first
    expected = (
        "الأربعاء ٣٠ سبتمبر ٢٠٢٠ (١٣ صفر ١٤٤٢ هـ)"
        if lang == "ar"
        else ("Wednesday 30 September 2020")
    )
    expect(heading).to_have_text(expected)
    assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_main_menu_reaches_the_summit_sections_from_every_page(page, demo, lang, width):
    make_communique(summit=demo.summit, is_published=True)
    release = make_release(summit=demo.summit)
    participant = make_participant(language=lang)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, lang, participant)
    slug = demo.summit.slug
    pages = [
        f"/{lang}/",
        f"/{lang}/summits/",
        f"/{lang}/summits/{slug}/",
        f"/{lang}/summits/{slug}/agenda/",
        f"/{lang}/summits/{slug}/speakers/",
        f"/{lang}/summits/{slug}/partners/",
        f"/{lang}/summits/{slug}/communique/",
        f"/{lang}/media/",
        f"/{lang}{release.get_absolute_url()[3:]}",
        f"/{lang}/media/interview-request/",
        f"/{lang}/me/",
    ]
    for path in pages:
        page.goto(path)
        menu = page.get_by_role("navigation", name=ui(lang, "Main"))
        for section in SECTIONS:
            link = menu.get_by_role("link", name=ui(lang, section), exact=True)
            expect(link).to_be_visible()
            assert link.get_attribute("href").startswith(f"/{lang}/summits/{slug}/"), path
        if path.removeprefix(f"/{lang}") in SCANNED:
            assert_accessible(page)
