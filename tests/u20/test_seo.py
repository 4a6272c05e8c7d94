"""What search engines and link previews read in the head of each public page,
in English and Arabic: the description, the address in each language, and
the Open Graph card."""

import re
from datetime import datetime

import lxml.html
import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.safestring import mark_safe
from PIL import Image

from media_contacts.views import RELEASES_PER_PAGE
from tests.factories import (
    add_speaker,
    make_full_session,
    make_participant,
    make_session,
    make_speaker,
    make_summit,
)
from tests.images import image_upload
from tests.media_contacts.factories import make_release
from tests.recommendations.factories import make_area, make_communique, make_recommendation
from tests.translations import ui
from u20 import pagecache, seo

pytestmark = pytest.mark.django_db

SITE = "https://summit.example.org"
LANGUAGES = ["en", "ar"]
LOCALES = {"en": "en_GB", "ar": "ar_SA"}
ARABIC = re.compile("[\u0600-\u06ff]")
DEFAULT_CARD = f"{SITE}/static/img/social-card.png"


class Head:
    """The head of a page, parsed: its meta and link elements by name."""

    def __init__(self, response):
        self.document = lxml.html.document_fromstring(response.content.decode())
        self.head = self.document.head

    def meta(self, key: str) -> list[str]:
        attribute = "property" if key.startswith(("og:", "article:")) else "name"
        return [
            element.get("content")
            for element in self.head.iter("meta")
            if element.get(attribute) == key
        ]

    def one(self, key: str) -> str:
        values = self.meta(key)
        assert len(values) == 1, f"{key}: {values}"
        return values[0]

    def links(self, rel: str) -> list[dict]:
        return [
            dict(element.attrib) for element in self.head.iter("link") if element.get("rel") == rel
        ]

    def hreflang(self) -> dict[str, str]:
        return {
            link["hreflang"]: link["href"] for link in self.links("alternate") if "hreflang" in link
        }

    def canonical(self) -> str:
        (link,) = self.links("canonical")
        return link["href"]


def in_language(lang: str, text: str) -> bool:
    """Arabic text on an Arabic page; no Arabic letter on an English one."""
    return bool(ARABIC.search(text)) == (lang == "ar") and text.strip() != ""


@pytest.fixture
def site():
    """The current summit with a session, a communiqué and a press release,
    each written in both languages."""
    summit = make_summit(
        slug="riyadh-2020",
        is_current=True,
        name_en="U20 Mayors Summit 2020",
        name_ar="قمة عمداء المدن 2020",
        summary_en="Mayors of G20 cities meet online from Riyadh.",
        summary_ar="يلتقي عمداء مدن مجموعة العشرين افتراضياً من الرياض.",
    )
    session = make_session(
        summit=summit,
        slug="cities-of-the-future",
        title_en="Cities of the Future",
        title_ar="مدن المستقبل",
        description_en="How ready cities are for pandemics.",
        description_ar="مدى جاهزية المدن للأوبئة.",
    )
    communique = make_communique(
        summit=summit,
        title_en="Riyadh Communiqué",
        title_ar="بيان الرياض",
        preamble_en="Mayors agreed on these recommendations.",
        preamble_ar="اتفق العمداء على هذه التوصيات.",
    )
    recommendation = make_recommendation(
        area=make_area(communique=communique),
        text_en="Invest in public transport.",
        text_ar="الاستثمار في النقل العام.",
    )
    release = make_release(
        slug="summit-opens",
        title_en="The summit opens",
        title_ar="انطلاق القمة",
        summary_en="Mayors gather in Riyadh.",
        summary_ar="العمداء يجتمعون في الرياض.",
    )
    return {
        "summit": summit,
        "session": session,
        "communique": communique,
        "recommendation": recommendation,
        "release": release,
    }


def _summit_phrase(message: str):
    return lambda lang, site: (
        ui(lang, message) % {"summit": getattr(site["summit"], f"name_{lang}")}
    )


def _field(key: str, name: str):
    return lambda lang, site: getattr(site[key], f"{name}_{lang}")


# Each public page kind: its path after the language prefix, and the title
# and description its preview must carry in a language.
PAGES = {
    "home": ("", _field("summit", "name"), _field("summit", "summary")),
    "summit": ("summits/riyadh-2020/", _field("summit", "name"), _field("summit", "summary")),
    "agenda": (
        "summits/riyadh-2020/agenda/",
        _summit_phrase("%(summit)s agenda"),
        _summit_phrase(
            "Every session of %(summit)s, day by day, with its speakers and hosts, "
            "in the summit’s time zone and your own."
        ),
    ),
    "session": (
        "summits/riyadh-2020/sessions/cities-of-the-future/",
        _field("session", "title"),
        _field("session", "description"),
    ),
    "speakers": (
        "summits/riyadh-2020/speakers/",
        _summit_phrase("Speakers at %(summit)s"),
        _summit_phrase(
            "The mayors, leaders and experts who speak at %(summit)s, "
            "and the sessions they take part in."
        ),
    ),
    "partners": (
        "summits/riyadh-2020/partners/",
        _summit_phrase("Partners of %(summit)s"),
        _summit_phrase("The cities and organisations that convene, host and support %(summit)s."),
    ),
    "communique": (
        "summits/riyadh-2020/communique/",
        _field("communique", "title"),
        _field("communique", "preamble"),
    ),
    "recommendation": (
        "summits/riyadh-2020/communique/r/1/",
        lambda lang, site: (
            ui(lang, "Recommendation %(number)s of %(communique)s")
            % {"number": 1, "communique": getattr(site["communique"], f"title_{lang}")}
        ),
        _field("recommendation", "text"),
    ),
    "newsroom": (
        "media/",
        lambda lang, site: ui(lang, "Newsroom"),
        lambda lang, site: ui(
            lang,
            "Press releases from the U20 Mayors Summit, and the media team who can "
            "arrange interviews, statements and briefings.",
        ),
    ),
    "release": (
        "media/releases/summit-opens/",
        _field("release", "title"),
        _field("release", "summary"),
    ),
    "interview request": (
        "media/interview-request/",
        lambda lang, site: ui(lang, "Request an interview"),
        lambda lang, site: ui(
            lang,
            "Journalists can ask for an interview with a speaker, a statement, a background "
            "briefing, or help with accreditation. You will get a reference number at once "
            "and an email to confirm it.",
        ),
    ),
    "past editions": (
        "summits/",
        lambda lang, site: ui(lang, "Editions of the U20 Mayors Summit"),
        lambda lang, site: ui(
            lang,
            "Every edition of the U20 Mayors Summit: its host city and dates, its agenda, "
            "its speakers and its communiqué.",
        ),
    ),
}
PREVIEWED = ["home", "session", "communique", "release", "agenda"]


def _get(client, lang: str, kind: str) -> Head:
    response = client.get(f"/{lang}/{PAGES[kind][0]}")
    assert response.status_code == 200
    return Head(response)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", list(PAGES))
def test_page_description_is_its_own_in_its_language(client, site, kind, lang):
    _path, _title, description = PAGES[kind]

    head = _get(client, lang, kind)

    expected = seo.describe(description(lang, site))
    assert head.one("description") == expected
    assert head.one("og:description") == expected
    assert in_language(lang, expected)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", list(PAGES))
def test_page_links_each_language_and_itself_absolutely(client, site, kind, lang):
    path = PAGES[kind][0]

    head = _get(client, lang, kind)

    assert head.hreflang() == {
        "en": f"{SITE}/en/{path}",
        "ar": f"{SITE}/ar/{path}",
        "x-default": f"{SITE}/en/{path}",
    }
    assert head.canonical() == f"{SITE}/{lang}/{path}"
    assert head.one("og:url") == head.canonical()
    assert head.meta("robots") == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", PREVIEWED)
def test_page_preview_card_is_in_its_language(client, site, kind, lang):
    _path, title, _description = PAGES[kind]

    head = _get(client, lang, kind)

    assert head.one("og:title") == title(lang, site)
    assert in_language(lang, head.one("og:title"))
    assert in_language(lang, head.one("og:description"))
    assert head.one("og:locale") == LOCALES[lang]
    assert head.meta("og:locale:alternate") == [LOCALES["ar" if lang == "en" else "en"]]
    assert head.one("og:site_name") == ui(lang, "U20 Mayors Summit")
    assert head.one("og:image").startswith(f"{SITE}/")
    assert head.one("twitter:card") == "summary_large_image"


@pytest.mark.parametrize(
    ("kind", "og_type"),
    [
        ("home", "website"),
        ("session", "website"),
        ("communique", "article"),
        ("release", "article"),
    ],
)
def test_page_kind_gives_open_graph_type(client, site, kind, og_type):
    assert _get(client, "en", kind).one("og:type") == og_type


def test_default_card_is_a_large_image_of_the_size_it_claims(client, site):
    head = _get(client, "en", "home")

    assert head.one("og:image") == DEFAULT_CARD
    assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "630")
    with Image.open(finders.find("img/social-card.png")) as card:
        assert card.size == (1200, 630)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_session_preview_shows_first_speaker_with_a_photo(client, site, lang):
    session = site["session"]
    add_speaker(session, make_speaker(), order=0)
    pictured = make_speaker(photo=image_upload("face.jpg", image_format="JPEG"))
    add_speaker(session, pictured, order=1)
    add_speaker(session, make_speaker(photo=image_upload("other.png")), order=2)

    head = _get(client, lang, "session")

    assert head.one("og:image") == f"{SITE}{pictured.photo.url}"
    assert head.meta("og:image:width") == []


def test_session_without_speaker_photo_previews_with_site_card(client, site):
    add_speaker(site["session"], make_speaker())

    assert _get(client, "en", "session").one("og:image") == DEFAULT_CARD


@pytest.mark.parametrize("lang", LANGUAGES)
def test_release_preview_shows_its_image_described_and_dated(client, site, lang):
    release = site["release"]
    release.image = image_upload("photo.jpg", image_format="JPEG")
    release.image_alt_en = "Mayors on a screen"
    release.image_alt_ar = "العمداء على الشاشة"
    release.save()

    head = _get(client, lang, "release")

    assert head.one("og:image") == f"{SITE}{release.image.url}"
    assert head.one("og:image:alt") == getattr(release, f"image_alt_{lang}")
    assert datetime.fromisoformat(head.one("article:published_time")) == release.published_at


def test_release_without_summary_is_described_by_its_text(client, site):
    release = site["release"]
    release.summary_en = ""
    release.body_en = "**Mayors** met & agreed on [ten points](https://example.org)."
    release.save()

    head = _get(client, "en", "release")

    assert head.one("description") == "Mayors met & agreed on ten points."


def test_long_description_is_cut_between_words(client, site):
    session = site["session"]
    session.description_en = "Cities plan for the next crisis together. " * 10
    session.save()

    description = _get(client, "en", "session").one("description")

    assert len(description) <= 160
    assert description.endswith("…")
    assert ("Cities plan for the next crisis together. " * 10).startswith(description[:-1])
    assert description[-2] != " "


@pytest.mark.parametrize("lang", LANGUAGES)
def test_session_without_description_is_described_by_its_summit(client, site, lang):
    session = site["session"]
    session.description_en = session.description_ar = ""
    session.save()

    description = _get(client, lang, "session").one("description")

    assert description == getattr(site["summit"], f"summary_{lang}")


def test_description_written_only_in_the_other_language_is_not_used(client, site):
    session = site["session"]
    session.description_ar = ""
    session.save()
    release = site["release"]
    release.summary_ar = ""
    release.save()

    session_head = _get(client, "ar", "session")
    release_head = _get(client, "ar", "release")

    assert session_head.one("description") == site["summit"].summary_ar
    assert release_head.one("description") == release.body_ar


@pytest.mark.parametrize("lang", LANGUAGES)
def test_site_without_summary_is_described_by_the_u20(client, site, lang):
    summit = site["summit"]
    summit.summary_en = summit.summary_ar = ""
    summit.save()

    description = _get(client, lang, "home").one("description")

    assert description == ui(
        lang,
        "The U20 (Urban 20) brings together the cities of G20 countries and observer cities "
        "to shape a common message for the G20.",
    )
    assert in_language(lang, description)


def test_home_without_current_summit_still_describes_the_site(client):
    head = Head(client.get("/ar/"))

    assert in_language("ar", head.one("description"))
    assert head.one("og:title") == ui("ar", "U20 Mayors Summit")
    assert head.canonical() == f"{SITE}/ar/"


@pytest.mark.parametrize(
    "query",
    ["?theme=nature", "?day=2020-09-30&tz=Europe/London", "?q=transport", "?tz=Not/AZone&x=1"],
)
def test_agenda_filters_are_views_of_one_indexed_page(client, site, query):
    response = client.get(f"/ar/summits/riyadh-2020/agenda/{query}")

    head = Head(response)
    assert response.status_code == 200
    assert head.canonical() == f"{SITE}/ar/summits/riyadh-2020/agenda/"
    assert head.hreflang()["en"] == f"{SITE}/en/summits/riyadh-2020/agenda/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("?page=2", "?page=2"), ("?page=1", ""), ("?page=%3Cscript%3E", ""), ("?page=99", "?page=2")],
)
def test_newsroom_page_number_is_part_of_its_address(client, query, expected):
    for _ in range(RELEASES_PER_PAGE + 1):
        make_release()

    response = client.get(f"/en/media/{query}")

    head = Head(response)
    assert response.status_code == 200
    assert head.canonical() == f"{SITE}/en/media/{expected}"
    assert head.hreflang() == {
        "en": f"{SITE}/en/media/{expected}",
        "ar": f"{SITE}/ar/media/{expected}",
        "x-default": f"{SITE}/en/media/{expected}",
    }


def test_arabic_slug_is_linked_percent_encoded(client, site):
    session = make_session(summit=site["summit"], slug="مدن-المستقبل")

    head = Head(client.get(session.get_absolute_url()))

    assert head.canonical() == f"{SITE}{session.get_absolute_url()}"
    assert head.canonical().isascii()
    encoded = "%D9%85%D8%AF%D9%86-%D8%A7%D9%84%D9%85%D8%B3%D8%AA%D9%82%D8%A8%D9%84"
    assert head.hreflang()["en"] == f"{SITE}/en/summits/riyadh-2020/sessions/{encoded}/"


def test_title_with_markup_is_text_in_the_head(client, site):
    session = site["session"]
    session.title_en = '"><script>alert(1)</script>'
    session.save()

    head = _get(client, "en", "session")

    assert head.one("og:title") == '"><script>alert(1)</script>'
    scripts = list(head.document.iter("script"))
    assert scripts != []
    assert [script.text for script in scripts if not script.get("src")] == []


def _robots(response) -> list[str]:
    return Head(response).meta("robots")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_private_and_error_pages_are_not_indexed(client, site, lang):
    participant = make_participant()
    stranger_pages = [
        client.get(f"/{lang}/accounts/login/"),
        client.get(f"/{lang}/accounts/signup/"),
        client.get(f"/{lang}/summits/no-such-summit/"),
    ]
    client.force_login(participant.user)
    own_pages = [
        client.get(f"/{lang}/me/"),
        client.get(f"/{lang}/me/delete/"),
        client.get(f"/{lang}/summits/riyadh-2020/sessions/cities-of-the-future/join/"),
    ]

    for response in stranger_pages + own_pages:
        head = Head(response)
        assert head.meta("robots") == ["noindex"], response.request["PATH_INFO"]
        assert head.links("canonical") == []
        assert head.hreflang() == {}
        assert in_language(lang, head.one("description"))
    assert [response.status_code for response in own_pages] == [200, 200, 403]


def test_admin_is_not_indexed(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert _robots(response) == ["NONE,NOARCHIVE"]


def test_agenda_head_adds_no_query_per_session(client):
    summit = make_summit(slug="busy-2020")
    counts = []
    for total in (1, 6):
        while summit.sessions.count() < total:
            session = make_full_session(summit=summit, speakers=2, hosts=1)
            add_speaker(session, make_speaker(photo=image_upload()), order=5)
        pagecache.content_changed()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/en/summits/{summit.slug}/agenda/")
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_session_preview_adds_no_query_per_speaker(client, site, cold_pages):
    counts = []
    session = site["session"]
    for total in (1, 4):
        while session.session_speakers.count() < total:
            add_speaker(session, make_speaker(photo=image_upload()), order=total)
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/en/{PAGES['session'][0]}")
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_page_meta_tag_makes_no_query_of_its_own(site, django_assert_num_queries):
    request = RequestFactory().get("/ar/summits/riyadh-2020/")
    template = Template(
        "{% load seo %}{% page_meta title=summit.name description=summit.summary %}"
    )
    summit = site["summit"]

    with translation.override("ar"), django_assert_num_queries(0):
        html = template.render(Context({"request": request, "summit": summit}))

    assert f'<link rel="canonical" href="{SITE}/ar/summits/riyadh-2020/">' in html


# The helpers on their own.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A short line.", "A short line."),
        ("  Two\n\nparagraphs\tand  spaces ", "Two paragraphs and spaces"),
        (mark_safe("<p>Cities &amp; towns</p>\n<p>agree.</p>"), "Cities & towns agree."),
        ("<b>typed, not markup</b>", "<b>typed, not markup</b>"),
        (None, ""),
    ],
)
def test_describe_gives_plain_text(text, expected):
    assert seo.describe(text) == expected


def test_describe_cuts_long_text_at_a_word_with_an_ellipsis():
    text = "word " * 40

    assert seo.describe(text, limit=22) == "word word word word…"
    assert seo.describe("مدن " * 60).endswith("مدن…")
    assert len(seo.describe("x" * 300)) == 160


def test_describe_drops_punctuation_before_the_ellipsis():
    assert seo.describe("one, two, three, four", limit=10) == "one, two…"
    assert seo.describe("واحد، اثنان، ثلاثة، أربعة", limit=14) == "واحد، اثنان…"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/media-files/a.jpg", f"{SITE}/media-files/a.jpg"),
        ("https://cdn.example.net/a.jpg", "https://cdn.example.net/a.jpg"),
        ("//cdn.example.net/a.jpg", "https://cdn.example.net/a.jpg"),
    ],
)
def test_absolute_keeps_storage_addresses(url, expected):
    assert seo.absolute(url) == expected
