"""The public site in Chromium, in English and Arabic: what a visitor sees and
does on the home page, the agenda and a session, with an axe-core scan of
every page visited."""

import re

import pytest
from django.utils.translation import get_language_info
from playwright.sync_api import expect

from tests.e2e.conftest import LANGUAGES, assert_accessible, ui

pytestmark = pytest.mark.browser


def agenda_url(lang: str, demo, query: str = "") -> str:
    return f"/{lang}/summits/{demo.summit.slug}/agenda/{query}"


def name_in(lang: str, obj, field: str) -> str:
    return getattr(obj, f"{field}_{lang}")


def expect_titles(page, lang: str, demo, keys: list[str]) -> None:
    """The agenda lists exactly these sessions, in this order (retried while
    the page after a submit or a click is still loading)."""
    titles = [name_in(lang, demo.sessions[key], "title") for key in keys]
    expect(page.get_by_role("main").get_by_role("heading", level=3)).to_have_text(titles)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_in_language_links_to_agenda(page, demo, lang):
    page.goto(f"/{lang}/")

    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text(name_in(lang, demo.summit, "name"))
    assert_accessible(page)

    agenda_link = page.get_by_role("main").get_by_role(
        "link", name=ui(lang, "See the agenda"), exact=True
    )
    expect(agenda_link).to_have_attribute("href", re.compile(r"/agenda/$"))
    agenda_link.click()

    expect(page).to_have_url(re.compile(re.escape(agenda_url(lang, demo)) + "$"))
    expect(
        page.get_by_role("link", name=name_in(lang, demo.sessions["future"], "title"))
    ).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_agenda_theme_filter_lists_only_that_theme(page, demo, lang):
    page.goto(agenda_url(lang, demo))
    expect_titles(page, lang, demo, list(demo.sessions))
    assert_accessible(page)

    circular = demo.themes["circular"]
    page.get_by_label(ui(lang, "Theme"), exact=True).select_option(
        label=name_in(lang, circular, "name")
    )
    page.get_by_role("button", name=ui(lang, "Apply")).click()

    expect(page).to_have_url(re.compile(rf"[?&]theme={circular.slug}(&|$)"))
    expect_titles(page, lang, demo, ["equity", "energy"])
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # No diacritics in the query; the title is written with them.
        ("مدن المستقبل", ["future"]),
        # Alef without hamza and ha for ta marbuta; the title has "إعادة بناء".
        ("اعاده بناء", ["transport"]),
        # Hamza in the query; the description is written "اعادة".
        ("إعادة تأهيل", ["energy"]),
    ],
)
def test_agenda_arabic_search_ignores_diacritics_and_alef_forms(page, demo, lang, query, expected):
    page.goto(agenda_url(lang, demo))

    page.get_by_label(ui(lang, "Search"), exact=True).fill(query)
    page.get_by_role("button", name=ui(lang, "Apply")).click()

    expect(page).to_have_url(re.compile(r"[?&]q=[^&]"))
    expect_titles(page, lang, demo, expected)
    expect(page.get_by_label(ui(lang, "Search"), exact=True)).to_have_value(query)
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_session_page_shows_hosts_speakers_and_calendar_link(page, demo, lang):
    session = demo.sessions["transport"]
    title = name_in(lang, session, "title")
    page.goto(agenda_url(lang, demo))

    page.get_by_role("link", name=title, exact=True).click()

    expect(page).to_have_url(
        re.compile(rf"/{lang}/summits/{demo.summit.slug}/sessions/{session.slug}/$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    article = page.get_by_role("article")
    expect(article.get_by_role("heading", level=2, name=ui(lang, "Hosts"))).to_be_visible()
    for link in session.hosts.all():
        expect(article.get_by_text(name_in(lang, link.host, "name"), exact=True)).to_be_visible()
    expect(article.get_by_role("heading", level=2, name=ui(lang, "Speakers"))).to_be_visible()
    for link in session.session_speakers.all():
        expect(article.get_by_text(name_in(lang, link.speaker, "name"), exact=True)).to_be_visible()
    calendar_label = ui(lang, "Add to my calendar (%(extension)s)") % {"extension": ".ics"}
    calendar = page.get_by_role("link", name=calendar_label)
    expect(calendar).to_have_attribute("href", re.compile(r"/session\.ics$"))
    assert_accessible(page)


@pytest.mark.parametrize(("lang", "other"), [("en", "ar"), ("ar", "en")])
def test_language_switcher_keeps_page_and_filters(page, demo, lang, other):
    theme = demo.themes["nature"]
    page.goto(agenda_url(lang, demo, f"?theme={theme.slug}"))
    assert_accessible(page)

    switcher = page.get_by_role("navigation", name=ui(lang, "Language"))
    switcher.get_by_role("link", name=get_language_info(other)["name_local"]).click()

    expect(page).to_have_url(
        re.compile(re.escape(agenda_url(other, demo, f"?theme={theme.slug}")) + "$")
    )
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.get_by_label(ui(other, "Theme"), exact=True)).to_have_value(theme.slug)
    expect_titles(page, other, demo, ["sdgs", "transport"])
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(page, demo, lang):
    page.goto(f"/{lang}/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=ui(lang, "Skip to main content"))
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert_accessible(page)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.get_by_role("main")).to_be_focused()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_other_public_pages_have_no_serious_accessibility_problems(page, demo, lang):
    slug = demo.summit.slug
    pages = [
        f"/{lang}/summits/",
        f"/{lang}/summits/{slug}/",
        f"/{lang}/summits/{slug}/speakers/",
        f"/{lang}/summits/{slug}/partners/",
        f"/{lang}/summits/{slug}/agenda/?tz=Europe/London",
        f"/{lang}/summits/{slug}/agenda/?q=nothing-matches-this",
        f"/{lang}/no-such-page/",
    ]
    for path in pages:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
