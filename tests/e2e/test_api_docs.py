"""The API's documentation page in Chromium: Swagger UI from our own static
files draws every operation of the OpenAPI document under the site's
Content Security Policy (the page fixture fails on any refusal), asks
nothing of another origin, and sits in the site's layout, right to left in
Arabic while the widget itself, English only, reads left to right."""

import pytest
from playwright.sync_api import expect

from api.views import api
from tests.e2e.conftest import LANGUAGES, assert_accessible, ui

pytestmark = pytest.mark.browser

# Swagger UI is a third party's widget: its colours and controls are not
# ours to fix, so the scan covers the page around it.
WIDGET = "#swagger-ui"


def operation_count() -> int:
    return sum(len(item) for item in api.get_openapi_schema()["paths"].values())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_docs_page_draws_every_operation_from_our_own_files(page, live_server, lang):
    outside = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else outside.append(request.url)
        ),
    )

    page.goto(f"/api/v1/docs?lang={lang}")

    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    expect(page.get_by_role("heading", level=1, name=ui(lang, "API documentation"))).to_be_visible()
    widget = page.locator(WIDGET)
    expect(widget).to_have_attribute("dir", "ltr")
    expect(widget.locator(".opblock")).to_have_count(operation_count())
    expect(widget.get_by_text("/api/v1/sessions/{id}", exact=True)).to_be_visible()
    assert_accessible(page, exclude=[WIDGET])
    assert outside == []
