"""Uploaded logos as a visitor's browser loads them with DEBUG off, in both
languages and under the page's Content Security Policy (the page fixture
fails on any refusal): from the application's own media view on one
machine, and from an object store."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import LANGUAGES, assert_accessible
from tests.images import image_upload
from u20.images import refresh_thumbnails
from u20.models import Organisation

pytestmark = pytest.mark.browser


def show_partners_with_a_logo(page, lang: str, demo):
    organisation = Organisation.objects.get(slug="iclei")
    organisation.logo.save("logo.png", image_upload(size=(400, 300)))
    refresh_thumbnails(organisation)
    page.goto(f"/{lang}/summits/{demo.summit.slug}/partners/")
    return page.locator("img.logo")


def starting(prefix: str) -> re.Pattern:
    return re.compile("^" + re.escape(prefix))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_partner_logo_is_shown_from_the_media_folder(settings, page, demo, lang):
    assert settings.DEBUG is False

    logo = show_partners_with_a_logo(page, lang, demo)

    expect(logo).to_have_attribute("src", starting("/media-files/thumbnails/organisation/"))
    # Drawn: the browser fetched the 320 × 240 thumbnail and decoded it.
    expect(logo).to_have_js_property("naturalWidth", 320)
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_partner_logo_is_shown_from_the_object_store(s3_bucket, page, demo, lang):
    logo = show_partners_with_a_logo(page, lang, demo)

    expect(logo).to_have_attribute("src", starting(f"{s3_bucket.public_url}/thumbnails/"))
    expect(logo).to_have_js_property("naturalWidth", 320)
    assert_accessible(page)
