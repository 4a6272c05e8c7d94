import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    add_host,
    add_speaker,
    make_city,
    make_full_session,
    make_organisation,
    make_session,
    make_speaker,
    make_summit,
    make_theme,
)
from tests.images import image_upload
from u20.images import refresh_thumbnails

pytestmark = pytest.mark.django_db

RIYADH = ZoneInfo("Asia/Riyadh")


@pytest.fixture
def summit():
    return make_summit(slug="riyadh-2020")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return (
        datetime(2020, 9, day, hour, minute, tzinfo=RIYADH)
        if day <= 30
        else datetime(2020, 10, day - 30, hour, minute, tzinfo=RIYADH)
    )


def titles(response) -> list[str]:
    return [session.title for _day, sessions in response.context["days"] for session in sessions]


def test_agenda_groups_sessions_by_day_in_summit_time(client, summit):
    make_session(summit=summit, title_en="Opening", starts_at=at(30, 9))
    make_session(summit=summit, title_en="Late talk", starts_at=at(30, 23, 30))
    make_session(summit=summit, title_en="Closing", starts_at=at(32, 10))

    response = client.get("/en/summits/riyadh-2020/agenda/")

    days = [
        (day.isoformat(), [s.title for s in sessions]) for day, sessions in response.context["days"]
    ]
    assert days == [("2020-09-30", ["Opening", "Late talk"]), ("2020-10-02", ["Closing"])]


def test_agenda_shows_summit_time_with_its_label(client, summit):
    make_session(summit=summit, starts_at=at(30, 10))

    html = client.get("/en/summits/riyadh-2020/agenda/").content.decode()

    assert "10:00" in html
    assert "Riyadh time, UTC+3" in html
    assert 'datetime="2020-09-30T07:00:00+00:00"' in html


def test_agenda_in_the_readers_zone_moves_a_late_session_to_the_next_day(client, summit):
    make_session(summit=summit, title_en="Late talk", starts_at=at(30, 23, 30))

    response = client.get("/en/summits/riyadh-2020/agenda/?tz=Asia/Tokyo")

    days = [
        (day.isoformat(), [s.title for s in sessions]) for day, sessions in response.context["days"]
    ]
    assert days == [("2020-10-01", ["Late talk"])]
    row = re.sub(r"<[^>]+>", "", response.content.decode().split('class="session-time">')[1])
    assert row.startswith("05:30–06:30, Tokyo time, UTC+9 (Wednesday 30 September 2020, 23:30")


def test_agenda_row_shows_kind_hosts_speakers_and_themes_in_arabic(client, summit):
    theme = make_theme(name_en="Climate", name_ar="المناخ")
    session = make_session(
        summit=summit, title_en="Opening", title_ar="الافتتاح", status="cancelled", kind="panel"
    )
    session.themes.add(theme)
    add_host(session, make_city(name_en="Rome", name_ar="روما"), order=0)
    add_host(session, make_organisation(name_en="UN-Habitat", name_ar="موئل الأمم المتحدة"), 1)
    add_speaker(session, make_speaker(name_en="Maha", name_ar="مها"), order=0)
    add_speaker(session, make_speaker(name_en="Ali", name_ar="علي"), order=1)

    html = client.get("/ar/summits/riyadh-2020/agenda/").content.decode()
    row = re.search(r'<li class="session is-cancelled">.*?</li>\n', html, re.S).group(0)

    assert f'href="/ar/summits/riyadh-2020/sessions/{session.slug}/">الافتتاح</a>' in row
    assert '<span class="badge badge-alert">ملغاة</span>' in row
    assert "<bdi>روما</bdi>، <bdi>موئل الأمم المتحدة</bdi>" in row
    assert "<bdi>مها</bdi>، <bdi>علي</bdi>" in row
    assert '<ul class="tags" aria-label="' in row
    assert "<li>المناخ</li>" in row


def test_agenda_row_escapes_what_organisers_typed(client, summit):
    session = make_session(summit=summit, title_en="<script>alert('x')</script> & co")
    add_speaker(session, make_speaker(name_en='Dr "Quote" <b>'), order=0)
    add_host(session, make_city(name_en="<i>City</i>"), order=0)

    html = client.get("/en/summits/riyadh-2020/agenda/").content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in html
    assert "<bdi>Dr &quot;Quote&quot; &lt;b&gt;</bdi>" in html
    assert "<bdi>&lt;i&gt;City&lt;/i&gt;</bdi>" in html


def test_agenda_filters_by_day(client, summit):
    make_session(summit=summit, title_en="Day one", starts_at=at(30, 10))
    make_session(summit=summit, title_en="Day two", starts_at=at(31, 10))

    response = client.get("/en/summits/riyadh-2020/agenda/?day=2020-10-01")

    assert titles(response) == ["Day two"]


def test_agenda_filters_by_theme(client, summit):
    theme = make_theme(slug="nature")
    summit.themes.add(theme)
    make_session(summit=summit, title_en="Green").themes.add(theme)
    make_session(summit=summit, title_en="Other", starts_at=at(30, 12))

    response = client.get("/en/summits/riyadh-2020/agenda/?theme=nature")

    assert titles(response) == ["Green"]


def test_agenda_filters_by_host_city_or_organisation(client, summit):
    montreal = make_city(slug="montreal")
    metropolis = make_organisation(slug="metropolis")
    by_city = make_session(summit=summit, title_en="Living together", starts_at=at(30, 10))
    add_host(by_city, montreal)
    add_host(by_city, metropolis, order=1)
    by_org = make_session(summit=summit, title_en="Metropolis only", starts_at=at(30, 12))
    add_host(by_org, metropolis)

    by_montreal = client.get("/en/summits/riyadh-2020/agenda/?host=montreal")
    by_metropolis = client.get("/en/summits/riyadh-2020/agenda/?host=metropolis")

    assert titles(by_montreal) == ["Living together"]
    assert titles(by_metropolis) == ["Living together", "Metropolis only"]


@pytest.mark.parametrize("query", ["مدن المستقبل", "المُسْتَقْبَل", "المستقبل", "Future", "FUTURE"])
def test_agenda_search_ignores_case_and_arabic_diacritics(client, summit, query):
    make_session(summit=summit, title_en="Cities of the Future", title_ar="مُدُن المُستقبَل")
    make_session(summit=summit, title_en="Transport", title_ar="النقل العام", starts_at=at(30, 12))

    response = client.get("/ar/summits/riyadh-2020/agenda/", {"q": query})

    assert titles(response) == ["مُدُن المُستقبَل"]


@pytest.mark.parametrize("query", ["اعاده", "إعادة", "اعادة"])
def test_agenda_search_treats_alef_and_ta_marbuta_variants_alike(client, summit, query):
    make_session(
        summit=summit, title_ar="إعادة بناء المدن بشكل أفضل", title_en="Building back better"
    )

    response = client.get("/ar/summits/riyadh-2020/agenda/", {"q": query})

    assert titles(response) == ["إعادة بناء المدن بشكل أفضل"]


def test_agenda_search_finds_speakers_and_hosts(client, summit):
    session = make_session(summit=summit, title_en="Panel")
    add_speaker(session, make_speaker(name_en="Virginia Raggi", name_ar="فيرجينيا راجي"))
    other = make_session(summit=summit, title_en="Transport", starts_at=at(30, 12))
    add_host(other, make_organisation(name_en="UITP", name_ar="الاتحاد الدولي للنقل العام"))

    assert titles(client.get("/en/summits/riyadh-2020/agenda/", {"q": "raggi"})) == ["Panel"]
    assert titles(client.get("/en/summits/riyadh-2020/agenda/", {"q": "الاتحاد الدولي"})) == [
        "Transport"
    ]


def test_agenda_hides_unpublished_sessions(client, summit):
    make_session(summit=summit, title_en="Public")
    make_session(summit=summit, title_en="Draft", is_published=False, starts_at=at(30, 12))

    assert titles(client.get("/en/summits/riyadh-2020/agenda/")) == ["Public"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"day": "2021-13-45"}, "day"),
        ({"day": "2019-01-01"}, "day"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"host": "<script>"}, "host"),
        ({"q": "x" * 500}, "q"),
        ({"q": "cities\x00"}, "q"),
        ({"tz": "Mars/Olympus"}, "tz"),
    ],
)
def test_agenda_reports_a_bad_filter_and_still_lists_sessions(client, summit, params, field):
    make_session(summit=summit, title_en="Opening")

    response = client.get("/en/summits/riyadh-2020/agenda/", params)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert titles(response) == ["Opening"]


def test_agenda_bad_filter_message_is_in_arabic(client, summit):
    response = client.get("/ar/summits/riyadh-2020/agenda/", {"theme": "nope"})

    assert response.status_code == 200
    assert response.context["form"].errors["theme"] == [
        "انتق خياراً صحيحاً. nope ليس أحد الخيارات المتاحة."
    ]
    assert 'dir="rtl"' in response.content.decode()


def test_agenda_form_keeps_what_was_typed(client, summit):
    response = client.get("/en/summits/riyadh-2020/agenda/", {"q": "air mobility"})

    assert 'value="air mobility"' in response.content.decode()


def test_agenda_empty_result_says_so(client, summit):
    make_session(summit=summit)

    response = client.get("/en/summits/riyadh-2020/agenda/", {"q": "nothing like this"})

    assert "No session matches these filters." in response.content.decode()


def test_session_page_shows_hosts_speakers_themes_and_calendar_link(client, summit):
    session = make_session(summit=summit, slug="living-together", title_en="Living together")
    add_host(session, make_city(name_en="Montreal", name_ar="مونتريال"))
    add_host(session, make_organisation(name_en="Metropolis", name_ar="متروبوليس"), order=1)
    add_speaker(
        session, make_speaker(name_en="Valérie Plante", name_ar="فاليري بلانت"), role="moderator"
    )
    session.themes.add(make_theme(name_en="Inclusive Prosperous Communities"))

    html = client.get("/en/summits/riyadh-2020/sessions/living-together/").content.decode()

    assert "<h1>Living together</h1>" in html
    assert html.index("Montreal") < html.index("Metropolis")
    assert "Valérie Plante" in html
    assert "Moderator" in html
    assert "Inclusive Prosperous Communities" in html
    assert 'href="/en/summits/riyadh-2020/sessions/living-together/session.ics"' in html


@pytest.mark.parametrize(
    ("lang", "names"),
    [("en", ["Metropolis", "ICLEI"]), ("ar", ["متروبوليس", "إيكلي"])],
)
def test_session_page_host_logos_are_decorative_beside_their_names(client, summit, lang, names):
    session = make_session(summit=summit, slug="living-together")
    for order, (name_en, name_ar) in enumerate([("Metropolis", "متروبوليس"), ("ICLEI", "إيكلي")]):
        organisation = make_organisation(name_en=name_en, name_ar=name_ar, logo=image_upload())
        refresh_thumbnails(organisation)
        add_host(session, organisation, order=order)

    html = client.get(f"/{lang}/summits/riyadh-2020/sessions/living-together/").content.decode()

    logos = re.findall(r'<img class="logo"[^>]*>', html)
    assert [re.search(r'alt="([^"]*)"', logo).group(1) for logo in logos] == ["", ""]
    assert [html.count(name) for name in names] == [1, 1]


def test_session_page_with_arabic_slug(client, summit):
    make_session(summit=summit, slug="مدن-المستقبل", title_ar="مدن المستقبل", title_en="")

    response = client.get(
        "/ar/summits/riyadh-2020/sessions/%D9%85%D8%AF%D9%86-%D8%A7%D9%84%D9%85%D8%B3%D8%AA%D9%82%D8%A8%D9%84/"
    )

    assert response.status_code == 200
    assert "<h1>مدن المستقبل</h1>" in response.content.decode()


def test_session_from_another_summit_is_not_found(client, summit):
    other = make_session(summit=make_summit())

    assert client.get(f"/en/summits/riyadh-2020/sessions/{other.slug}/").status_code == 404


@pytest.mark.parametrize("slug", ["nope", "x%00y", "unpublished"])
def test_missing_or_unpublished_session_is_not_found(client, summit, slug):
    make_session(summit=summit, slug="unpublished", is_published=False)

    assert client.get(f"/en/summits/riyadh-2020/sessions/{slug}/").status_code == 404


def test_join_link_never_appears_in_public_pages(client, summit):
    session = make_session(summit=summit, join_url="https://meet.example.org/secret-room")

    pages = [
        client.get(f"/{lang}/summits/riyadh-2020/{path}").content
        for lang in ("en", "ar")
        for path in ("agenda/", f"sessions/{session.slug}/", "", "speakers/")
    ]

    assert [b"secret-room" in page for page in pages] == [False] * len(pages)


def test_cancelled_session_is_marked(client, summit):
    make_session(summit=summit, status="cancelled")

    html = client.get("/en/summits/riyadh-2020/agenda/").content.decode()

    assert 'class="badge badge-alert">Cancelled<' in html


@pytest.mark.parametrize("path", ["agenda/", "", "speakers/", "partners/"])
def test_summit_pages_make_the_same_few_queries_for_5_and_200_sessions(client, path):
    counts = []
    for size in (5, 200):
        summit = make_summit()
        summit.themes.add(make_theme())
        for n in range(size):
            make_full_session(
                summit=summit, speakers=3, hosts=2, starts_at=at(30, 0) + timedelta(minutes=5 * n)
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/en/summits/{summit.slug}/{path}")
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert 0 < counts[0] <= 8


def test_agenda_cache_is_per_language_and_filter(client, summit):
    theme = make_theme(slug="nature")
    summit.themes.add(theme)
    make_session(summit=summit, title_en="Green", title_ar="أخضر").themes.add(theme)
    make_session(summit=summit, title_en="Other", title_ar="آخر", starts_at=at(30, 12))
    client.get("/en/summits/riyadh-2020/agenda/")

    arabic = client.get("/ar/summits/riyadh-2020/agenda/").content.decode()
    filtered = client.get("/en/summits/riyadh-2020/agenda/?theme=nature").content.decode()

    assert ("أخضر" in arabic, "آخر" in arabic) == (True, True)
    assert ("Green" in filtered, ">Other<" in filtered) == (True, False)
