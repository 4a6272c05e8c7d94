"""The agenda framed on another site, in Chromium: a partner's page on
another origin pastes the code the admin gives, and the frame shows the
agenda in the reader's language and direction, grows and shrinks with its
content, keeps its filters inside, opens sessions in a new tab and passes
the axe scan; a site the summit does not list is refused the frame."""

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.conftest import LANGUAGES, assert_accessible, browser_page, ui
from u20 import pagecache
from u20.embed import HEIGHT_MESSAGE, embed_snippet

pytestmark = pytest.mark.browser

PARTNER_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>City news</title></head>
<body><main><h1>City news</h1>
{snippet}
</main></body>
</html>
"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def partner_site(tmp_path):
    """A page on another origin than the live server's (127.0.0.1 and a port
    of its own, where the live server is localhost), as a partner would
    publish it: write(html) puts it up, and it answers at origin + "/"."""
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    class Site:
        origin = f"http://127.0.0.1:{server.server_address[1]}"

        @staticmethod
        def write(html: str) -> None:
            (tmp_path / "index.html").write_text(html, encoding="utf-8")

    yield Site
    server.shutdown()
    server.server_close()


@pytest.fixture
def framed(settings, live_server, demo, partner_site):
    """The demo summit, embeddable by the partner site. Links in the code to
    paste are built from SITE_URL, here the live server."""
    settings.SITE_URL = live_server.url
    demo.summit.embed_origins = partner_site.origin
    demo.summit.full_clean()
    demo.summit.save()
    pagecache.content_changed()
    return demo


def content_height(frame) -> int:
    return frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")


def expect_frame_fits(frame_element, frame) -> None:
    """The frame's height comes to be its content's (the content may still
    change while the reader's local times are added)."""
    for _ in range(40):
        if frame_element.get_attribute("height") == str(content_height(frame)):
            return
        frame.page.wait_for_timeout(50)
    assert frame_element.get_attribute("height") == str(content_height(frame))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_partner_page_shows_the_agenda_sized_to_fit(
    browser, live_server, framed, partner_site, lang
):
    partner_site.write(PARTNER_PAGE.format(snippet=embed_snippet(framed.summit, lang=lang)))
    with browser_page(browser, live_server, timezone_id="Europe/London", locale="en-GB") as page:
        page.goto(f"{partner_site.origin}/")
        frame_element = page.locator("iframe")
        agenda = page.frame_locator("iframe")
        titles = agenda.get_by_role("heading", level=3)
        expect(titles).to_have_count(len(framed.sessions))
        frame = frame_element.element_handle().content_frame()

        # In the reader's language and direction, and as tall as its content.
        html = agenda.locator("html")
        expect(html).to_have_attribute("lang", lang)
        expect(html).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
        expect(frame_element).not_to_have_attribute("height", "800")
        expect_frame_fits(frame_element, frame)
        full_height = int(frame_element.get_attribute("height"))
        assert full_height > 800
        assert_accessible(frame)

        # A filter is applied inside the frame, and the frame shrinks to fit.
        theme = framed.themes["inclusive"]
        agenda.get_by_label(ui(lang, "Theme"), exact=True).select_option(theme.slug)
        agenda.get_by_role("button", name=ui(lang, "Apply")).click()
        expect(titles).to_have_text([getattr(framed.sessions["future"], f"title_{lang}")])
        assert page.url == f"{partner_site.origin}/"
        expect(frame_element).not_to_have_attribute("height", str(full_height))
        expect_frame_fits(frame_element, frame)
        assert int(frame_element.get_attribute("height")) < full_height
        assert_accessible(frame)

        # A session opens on the summit's site, in a tab of its own.
        title = getattr(framed.sessions["future"], f"title_{lang}")
        link = agenda.get_by_role("link", name=title)
        with page.context.expect_page() as opened:
            link.click()
        session_page = opened.value
        session_page.wait_for_load_state()
        with translation.override(lang):
            session_path = framed.sessions["future"].get_absolute_url()
        assert session_page.url == f"{live_server.url}{session_path}"
        assert session_page.evaluate("window.opener") is None
        assert page.url == f"{partner_site.origin}/"


def test_a_site_the_summit_does_not_list_is_refused_the_frame(
    browser, live_server, framed, partner_site
):
    framed.summit.embed_origins = "https://partner.example.org"
    framed.summit.save()
    pagecache.content_changed()
    partner_site.write(PARTNER_PAGE.format(snippet=embed_snippet(framed.summit, lang="en")))
    context = browser.new_context()
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    # Whatever height messages reach the partner's page.
    page.add_init_script(
        "window.heights = [];"
        "window.addEventListener('message', function (event) {"
        f"  if (event.data && event.data.type === '{HEIGHT_MESSAGE}') "
        "window.heights.push(event.data.height);"
        "});"
    )
    try:
        with page.expect_console_message(lambda m: "frame-ancestors" in m.text):
            page.goto(f"{partner_site.origin}/")
        frame = page.locator("iframe").element_handle().content_frame()

        refused = [text for text in console if "frame-ancestors" in text]
        assert len(refused) == 1
        assert re.search(r"frame-ancestors https://partner\.example\.org", refused[0])
        assert frame.url == "chrome-error://chromewebdata/"
        assert page.locator("iframe").get_attribute("height") == "800"
        assert page.evaluate("window.heights") == []
    finally:
        context.close()
