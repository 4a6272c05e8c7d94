"""The agenda framed on other sites: framed only by the origins its summit
lists, the same filters and rows as the agenda, nothing personal and no
cookie, every link out to a new tab, the same headers from the page cache;
and the origins list as organisers type it in the admin."""

import re
from datetime import datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    add_host,
    make_city,
    make_full_session,
    make_participant,
    make_session,
    make_summit,
    make_theme,
)
from tests.translations import translated, ui
from u20 import pagecache
from u20.embed import embed_origins, embed_snippet

pytestmark = pytest.mark.django_db

RIYADH = ZoneInfo("Asia/Riyadh")
EMBED = "/{lang}/summits/riyadh-2020/agenda/embed/"
ORIGINS = "https://www.example.org\nhttp://localhost:8080"

# What a reader or an organiser is told, as the code writes it.
BAD_CHOICE = "Select a valid choice. %(value)s is not one of the available choices."
BAD_ZONE = "“%(zone)s” is not a time zone we know; times are shown in the summit’s zone."
WILDCARD = "“%(origin)s”: wildcards are not allowed. Put each site’s origin on its own line."
SPACE = "“%(origin)s” holds more than one value. Put each origin on its own line."
SCHEME = "“%(origin)s” must start with https:// or http://."
PATH = (
    "“%(origin)s” has a path. Give only the scheme, the host and the port if any, "
    "such as https://www.example.org."
)
NOT_ORIGIN = (
    "“%(origin)s” is not an origin. Write it as scheme://host or scheme://host:port, "
    "such as https://www.example.org or http://localhost:8080."
)


@pytest.fixture
def summit():
    return make_summit(slug="riyadh-2020")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2020, 9, day, hour, minute, tzinfo=RIYADH)


def policy(response) -> dict[str, str]:
    """The Content-Security-Policy header, directive by directive."""
    directives = (part.strip() for part in response["Content-Security-Policy"].split(";"))
    return {name: value for name, _, value in (d.partition(" ") for d in directives if d)}


def titles(response) -> list[str]:
    return [session.title for _day, sessions in response.context["days"] for session in sessions]


def with_origins(summit, origins: str = ORIGINS):
    summit.embed_origins = origins
    summit.full_clean()
    summit.save()
    pagecache.content_changed()
    return summit


# Framing


def test_embed_may_be_framed_by_exactly_the_origins_its_summit_lists(client, summit):
    with_origins(summit)

    response = client.get(EMBED.format(lang="en"))

    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == "https://www.example.org http://localhost:8080"
    assert "X-Frame-Options" not in response


def test_embed_keeps_the_rest_of_the_site_policy(client, summit):
    with_origins(summit)

    embedded = policy(client.get(EMBED.format(lang="en")))
    agenda = policy(client.get("/en/summits/riyadh-2020/agenda/"))

    assert {k: v for k, v in embedded.items() if k != "frame-ancestors"} == {
        k: v for k, v in agenda.items() if k != "frame-ancestors"
    }
    assert embedded["script-src"] == "'self'"
    assert embedded["default-src"] == "'none'"


def test_embed_of_a_summit_without_origins_renders_but_no_site_may_frame_it(client, summit):
    make_session(summit=summit, title_en="Opening")

    response = client.get(EMBED.format(lang="en"))

    assert response.status_code == 200
    assert titles(response) == ["Opening"]
    assert policy(response)["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_origins_of_one_summit_frame_only_its_embed(client, summit):
    with_origins(summit)
    other = make_summit(slug="tokyo-2019")

    other_embed = client.get("/en/summits/tokyo-2019/agenda/embed/")
    pages = [
        client.get(path)
        for path in (
            "/en/summits/riyadh-2020/agenda/",
            "/en/summits/riyadh-2020/",
            "/ar/summits/riyadh-2020/agenda/",
        )
    ]

    assert other.embed_origins == ""
    assert policy(other_embed)["frame-ancestors"] == "'none'"
    assert [policy(page)["frame-ancestors"] for page in pages] == ["'none'"] * 3
    assert [page["X-Frame-Options"] for page in pages] == ["DENY"] * 3


@pytest.mark.parametrize("slug", ["nope", "unpublished"])
def test_embed_of_a_missing_or_unpublished_summit_is_not_found_and_not_framed(client, slug):
    with_origins(make_summit(slug="unpublished", is_published=False))

    response = client.get(f"/en/summits/{slug}/agenda/embed/")

    assert response.status_code == 404
    assert policy(response)["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_embed_served_from_the_page_cache_carries_the_same_framing_headers(client, summit):
    with_origins(summit)
    make_session(summit=summit, title_en="Opening")
    first = client.get(EMBED.format(lang="en"), {"theme": ""})

    with CaptureQueriesContext(connection) as queries:
        again = client.get(EMBED.format(lang="en"), {"theme": ""})

    assert len(queries) == 0
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert policy(again)["frame-ancestors"] == "https://www.example.org http://localhost:8080"
    assert "X-Frame-Options" not in again


def test_embed_follows_a_change_of_origins_made_while_it_is_cached(client, summit):
    with_origins(summit)
    client.get(EMBED.format(lang="en"))

    with_origins(summit, "https://partner.example.net")
    after_change = client.get(EMBED.format(lang="en"))
    with_origins(summit, "")
    emptied = client.get(EMBED.format(lang="en"))

    assert policy(after_change)["frame-ancestors"] == "https://partner.example.net"
    assert "X-Frame-Options" not in after_change
    assert policy(emptied)["frame-ancestors"] == "'none'"
    assert emptied["X-Frame-Options"] == "DENY"


# What the page holds


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("params", [{}, {"theme": "nope"}, {"tz": "Asia/Tokyo"}])
def test_embed_sets_no_cookie(client, summit, lang, params):
    with_origins(summit)
    make_session(summit=summit)

    response = client.get(EMBED.format(lang=lang), params)

    assert response.status_code == 200
    assert response.cookies == {}
    assert "Set-Cookie" not in response
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_embed_opens_every_link_in_a_new_tab_and_keeps_its_filters_in_the_frame(client, summit):
    session = make_session(summit=summit, slug="opening", title_en="Opening")
    session.themes.add(theme := make_theme(slug="nature"))
    summit.themes.add(theme)

    html = client.get(EMBED.format(lang="en"), {"theme": "nature"}).content.decode()

    assert re.findall(r"<base [^>]*>", html) == ['<base target="_blank">']
    assert '<a href="/en/summits/riyadh-2020/sessions/opening/">Opening</a>' in html
    assert re.findall(r'<a href="/en/summits/riyadh-2020/agenda/"[^>]*>', html) == [
        '<a href="/en/summits/riyadh-2020/agenda/" rel="noopener">'
    ]
    assert re.findall(r"<form [^>]*>", html) == [
        '<form class="filters" method="get" action="" target="_self" role="search" '
        'aria-label="Filter the agenda" novalidate>'
    ]
    # Links that only change the filters stay in the frame; every other opens a tab.
    in_frame = re.findall(r'<a href="(\?[^"]*)"[^>]*target="_self"', html)
    assert in_frame == ["?", "?tz="]
    assert re.findall(r'target="([^"]*)"', html) == [
        "_blank",
        "_self",
        "_self",
        "_self",
    ]


def test_embed_has_no_menu_sign_in_or_personal_data_even_for_a_signed_in_reader(client, summit):
    make_session(summit=summit, title_en="Opening", join_url="https://meet.example.org/secret")
    participant = make_participant(full_name="Noura Al-Faisal", time_zone="Asia/Tokyo")
    client.force_login(participant.user)

    response = client.get(EMBED.format(lang="en"))

    html = response.content.decode()
    assert titles(response) == ["Opening"]
    for absent in ("Noura", "secret", "/accounts/", "/me/", "site-header", "site-footer"):
        assert absent not in html
    # The reader's profile zone is theirs: the page groups days in the summit's.
    assert response.context["viewer_zone"] is None


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_embed_is_written_in_the_readers_language_and_direction(client, summit, lang, direction):
    make_session(summit=summit, title_en="Opening", title_ar="الافتتاح")

    html = client.get(EMBED.format(lang=lang)).content.decode()

    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert escape(translated(lang, "Links open the summit’s site in a new tab.")) in html
    assert ("الافتتاح" in html, "Opening" in html) == (lang == "ar", lang == "en")


# Filters and times, as the agenda has them


def test_embed_filters_by_day_theme_and_host(client, summit):
    theme = make_theme(slug="nature")
    summit.themes.add(theme)
    city = make_city(slug="riyadh")
    first = make_session(summit=summit, title_en="First day", starts_at=at(30, 10))
    first.themes.add(theme)
    add_host(first, city)
    make_session(summit=summit, title_en="Second day", starts_at=at(30, 10) + timedelta(days=1))
    hosted = make_session(summit=summit, title_en="Hosted", starts_at=at(30, 12))
    add_host(hosted, city)

    by_day = client.get(EMBED.format(lang="en"), {"day": "2020-09-30"})
    by_theme = client.get(EMBED.format(lang="en"), {"theme": "nature"})
    by_host = client.get(EMBED.format(lang="en"), {"host": "riyadh"})

    assert titles(by_day) == ["First day", "Hosted"]
    assert titles(by_theme) == ["First day"]
    assert titles(by_host) == ["First day", "Hosted"]
    assert 'value="nature" selected' in by_theme.content.decode()


def test_embed_offers_the_day_theme_host_and_language_filters_only(client, summit):
    response = client.get(EMBED.format(lang="en"), {"q": "nothing like this"})

    html = response.content.decode()
    assert re.findall(r'<label for="([^"]+)">', html) == [
        "id_day",
        "id_theme",
        "id_host",
        "id_language",
    ]
    assert 'name="q"' not in html


def test_embed_shows_times_in_the_zone_tz_names(client, summit):
    make_session(summit=summit, title_en="Late talk", starts_at=at(30, 23, 30))

    response = client.get(EMBED.format(lang="en"), {"tz": "Asia/Tokyo"})

    days = [
        (day.isoformat(), [s.title for s in sessions]) for day, sessions in response.context["days"]
    ]
    assert days == [("2020-10-01", ["Late talk"])]
    assert '<input type="hidden" name="tz" value="Asia/Tokyo">' in response.content.decode()
    assert "Tokyo time, UTC+9" in response.content.decode()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"day": "2021-13-45"}, "day", BAD_CHOICE),
        ({"theme": "nope"}, "theme", BAD_CHOICE),
        ({"host": "<script>"}, "host", BAD_CHOICE),
        ({"tz": "Mars/Olympus"}, "tz", BAD_ZONE),
    ],
)
def test_embed_reports_a_bad_filter_in_the_readers_language_and_lists_sessions(
    client, summit, lang, params, field, message
):
    make_session(summit=summit, title_en="Opening", title_ar="الافتتاح")
    value = params[field]

    response = client.get(EMBED.format(lang=lang), params)

    expected = translated(lang, message) % {"value": value, "zone": value}
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [expected]}
    assert escape(expected) in response.content.decode()
    assert titles(response) == [{"en": "Opening", "ar": "الافتتاح"}[lang]]


@pytest.mark.parametrize("value", ["x%00y", "%ff%fe", "9" * 500])
def test_embed_takes_any_query_without_an_error_page(client, summit, value):
    make_session(summit=summit, title_en="Opening")

    response = client.get(f"{EMBED.format(lang='en')}?day={value}&theme={value}&tz={value}")

    assert response.status_code == 200
    assert titles(response) == ["Opening"]


def test_embed_of_an_empty_filter_result_says_so(client, summit):
    make_session(summit=summit, starts_at=at(30, 10))

    html = client.get(EMBED.format(lang="en"), {"day": "2020-10-01"}).content.decode()

    assert "No session matches these filters." in html


@pytest.mark.usefixtures("cold_pages")
def test_embed_makes_the_same_few_queries_for_5_and_200_sessions(client):
    counts = []
    for size in (5, 200):
        summit = with_origins(make_summit())
        summit.themes.add(make_theme())
        for n in range(size):
            make_full_session(
                summit=summit, speakers=3, hosts=2, starts_at=at(30, 0) + timedelta(minutes=5 * n)
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/en/summits/{summit.slug}/agenda/embed/")
        assert response.status_code == 200
        assert len(titles(response)) == size
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert 0 < counts[0] <= 8


# The origins list


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("https://*.example.org", WILDCARD),
        ("*", WILDCARD),
        ("https://a.example.org https://b.example.org", SPACE),
        ("www.example.org", SCHEME),
        ("ftp://example.org", SCHEME),
        ("'self'", SCHEME),
        ("https://example.org/agenda", PATH),
        ("https://example.org?x=1", PATH),
        ("https://user@example.org", NOT_ORIGIN),
        ("https://example.org:99999", NOT_ORIGIN),
        ("https://exa_mple", NOT_ORIGIN),
        ("https://", SCHEME),
    ],
)
def test_summit_refuses_what_is_not_an_origin_and_says_why(summit, typed, message):
    summit.embed_origins = f"https://www.example.org\n{typed}"

    with pytest.raises(ValidationError) as refused:
        summit.full_clean()

    assert refused.value.message_dict == {"embed_origins": [message % {"origin": typed}]}


def test_summit_names_each_bad_origin_of_its_list(summit):
    summit.embed_origins = "example.org\nhttps://ok.example.org\nhttps://*.example.net"

    with pytest.raises(ValidationError) as refused:
        summit.full_clean()

    assert refused.value.message_dict["embed_origins"] == [
        SCHEME % {"origin": "example.org"},
        WILDCARD % {"origin": "https://*.example.net"},
    ]


def test_origins_are_written_as_a_policy_writes_them_each_once(summit):
    summit.embed_origins = (
        "  HTTPS://WWW.Example.org/ \n\nhttps://www.example.org:443\nhttp://127.0.0.1:8123\n"
        "https://[::1]:8443\nhttps://bücher.example\nhttp://localhost\n"
    )

    summit.full_clean()

    assert embed_origins(summit.embed_origins) == [
        "https://www.example.org",
        "http://127.0.0.1:8123",
        "https://[::1]:8443",
        "https://xn--bcher-kva.example",
        "http://localhost",
    ]


# The admin


def summit_form(summit, **overrides) -> dict:
    """The summit's change form as the admin posts it."""
    data = {
        "name_en": summit.name_en,
        "name_ar": summit.name_ar,
        "slug": summit.slug,
        "year": summit.year,
        "is_published": "on",
        "start_date": summit.start_date.isoformat(),
        "end_date": summit.end_date.isoformat(),
        "time_zone": summit.time_zone,
        "hijri_dates": summit.hijri_dates,
        "embed_origins": summit.embed_origins,
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
    }
    return {**data, **overrides}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_admin_keeps_a_bad_origin_as_typed_and_says_why(admin_client, summit, lang):
    typed = "https://www.example.org\nhttps://example.org/agenda"

    response = admin_client.post(
        f"/admin/u20/summit/{summit.pk}/change/",
        summit_form(summit, embed_origins=typed),
        HTTP_ACCEPT_LANGUAGE=lang,
    )

    html = response.content.decode()
    message = translated(lang, PATH) % {"origin": "https://example.org/agenda"}
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["embed_origins"] == [message]
    assert escape(message) in html
    field = re.search(r'<textarea name="embed_origins"[^>]*>\n?([^<]*)</textarea>', html)
    assert field.group(1) == escape(typed)
    assert 'dir="ltr"' in field.group(0)
    summit.refresh_from_db()
    assert summit.embed_origins == ""


def test_admin_saves_origins_and_the_embed_follows(admin_client, client, summit):
    response = admin_client.post(
        f"/admin/u20/summit/{summit.pk}/change/",
        summit_form(summit, embed_origins="https://www.example.org"),
    )

    assert response.status_code == 302
    framed = client.get(EMBED.format(lang="en"))
    assert policy(framed)["frame-ancestors"] == "https://www.example.org"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_admin_gives_the_code_to_paste_for_each_language(admin_client, summit, lang):
    with_origins(summit)

    html = admin_client.get(
        f"/admin/u20/summit/{summit.pk}/change/", HTTP_ACCEPT_LANGUAGE=lang
    ).content.decode()

    codes = re.findall(
        r'<textarea id="embed-code-(\w+)" readonly[^>]*>(.*?)</textarea>', html, re.S
    )
    assert [code for code, _ in codes] == ["en", "ar"]
    assert [text for _, text in codes] == [
        escape(embed_snippet(summit, lang="en")),
        escape(embed_snippet(summit, lang="ar")),
    ]
    assert translated(lang, "code to paste").capitalize() in html
    assert escape(translated(lang, "The agenda on other sites")) in html
    assert f'<label for="embed-code-en">{ui(lang, "English")}</label>' in html


def test_admin_says_when_no_site_can_frame_the_agenda_yet(admin_client):
    summit = make_summit(is_published=False)

    html = admin_client.get(f"/admin/u20/summit/{summit.pk}/change/").content.decode()

    assert "The agenda shows in a frame once the summit is published." in html
    assert "No site can show it in a frame until its origin is listed above." in html


def test_snippet_frames_the_embed_and_trusts_only_messages_from_this_site(summit):
    snippet = embed_snippet(summit, lang="ar")

    frame, script = snippet.split("\n", 1)
    assert frame == (
        '<iframe id="u20-agenda-riyadh-2020-ar" '
        'src="https://summit.example.org/ar/summits/riyadh-2020/agenda/embed/" '
        f'title="{ui("ar", "%(summit)s agenda") % {"summit": summit.name_ar}}" '
        'width="100%" height="800" loading="lazy"></iframe>'
    )
    assert 'document.getElementById("u20-agenda-riyadh-2020-ar")' in script
    assert 'event.origin !== "https://summit.example.org"' in script
    assert "event.source !== frame.contentWindow" in script
    assert 'data.type === "u20-embed-height"' in script
