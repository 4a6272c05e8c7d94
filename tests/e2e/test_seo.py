"""The head of the home page and of a session in Chromium, in English and
Arabic: what search engines and link previews read there, and where the
language links lead."""

import re
from urllib.parse import urlsplit

import pytest
from django.utils.translation import get_language_info
from playwright.sync_api import expect

from tests.e2e.conftest import LANGUAGES, assert_accessible, ui
from u20.seo import describe

pytestmark = pytest.mark.browser

SITE = "https://summit.example.org"
LOCALES = {"en": "en_GB", "ar": "ar_SA"}
ARABIC = re.compile("[\u0600-\u06ff]")


def _pages(demo):
    """Each page: its path after the language prefix, and the object whose
    fields give its preview's title and description."""
    session = demo.sessions["future"]
    return {
        "home": ("", demo.summit, "name", "summary"),
        "session": (
            f"summits/{demo.summit.slug}/sessions/{session.slug}/",
            session,
            "title",
            "description",
        ),
    }


def _content(page, selector: str) -> str:
    element = page.locator(f"head {selector}")
    expect(element).to_have_count(1)
    return element.get_attribute("content")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ["home", "session"])
def test_head_describes_page_and_links_each_language(page, demo, kind, lang):
    path, obj, title_field, description_field = _pages(demo)[kind]
    page.goto(f"/{lang}/{path}")

    expect(page.locator('head link[rel="canonical"]')).to_have_attribute(
        "href", f"{SITE}/{lang}/{path}"
    )
    for hreflang, prefix in [("en", "en"), ("ar", "ar"), ("x-default", "en")]:
        alternate = page.locator(f'head link[rel="alternate"][hreflang="{hreflang}"]')
        expect(alternate).to_have_attribute("href", f"{SITE}/{prefix}/{path}")
    description = describe(getattr(obj, f"{description_field}_{lang}"))
    assert _content(page, 'meta[name="description"]') == description
    assert _content(page, 'meta[property="og:description"]') == description
    title = _content(page, 'meta[property="og:title"]')
    assert title == getattr(obj, f"{title_field}_{lang}")
    assert bool(ARABIC.search(title + description)) == (lang == "ar")
    assert _content(page, 'meta[property="og:locale"]') == LOCALES[lang]
    assert _content(page, 'meta[property="og:site_name"]') == ui(lang, "U20 Mayors Summit")
    assert _content(page, 'meta[name="twitter:card"]') == "summary_large_image"
    assert page.locator('head meta[name="robots"]').count() == 0
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_preview_image_is_served(page, demo, lang):
    page.goto(f"/{lang}/")

    image = _content(page, 'meta[property="og:image"]')
    assert image.startswith(f"{SITE}/")
    response = page.request.get(urlsplit(image).path)

    assert response.status == 200
    assert response.headers["content-type"] == "image/png"
    assert_accessible(page)


@pytest.mark.parametrize(("lang", "other"), [("en", "ar"), ("ar", "en")])
def test_language_switcher_leads_to_the_page_hreflang_names(page, demo, lang, other):
    path = _pages(demo)["session"][0]
    page.goto(f"/{lang}/{path}")
    alternate = page.locator(f'head link[rel="alternate"][hreflang="{other}"]').get_attribute(
        "href"
    )

    switcher = page.get_by_role("navigation", name=ui(lang, "Language"))
    switcher.get_by_role("link", name=get_language_info(other)["name_local"]).click()

    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator('head link[rel="canonical"]')).to_have_attribute("href", alternate)
    assert urlsplit(page.url).path == urlsplit(alternate).path
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sign_in_page_is_not_indexed(page, demo, lang):
    page.goto(f"/{lang}/accounts/login/")

    assert _content(page, 'meta[name="robots"]') == "noindex"
    expect(page.locator('head link[rel="canonical"]')).to_have_count(0)
    expect(page.locator("head link[hreflang]")).to_have_count(0)
    assert_accessible(page)
