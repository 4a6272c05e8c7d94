"""The JSON schedule and what every schedule export shares (published sessions
only, no join link, 404s, fixed queries, cache headers), and sessions.exports'
builders called directly, with no request. iCalendar, frab XML and frab JSON
have test_calendar, test_frab and test_frab_json."""

import json

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from sessions import services
from sessions.calendar import session_uid
from sessions.exports import attendees_table, schedule_data
from tests.factories import (
    make_full_session,
    make_participant,
    make_session,
    make_summit,
    make_upcoming_session,
)
from tests.sessions.schedule_fixtures import (
    SECRET,
    export_url,
    make_schedule_session,
    make_schedule_summit,
)
from u20 import pagecache

pytestmark = pytest.mark.django_db

SCHEDULE_EXPORTS = ["schedule.ics", "schedule.json", "schedule.xml", "schedule.frab.json"]


@pytest.fixture
def summit():
    return make_schedule_summit()


@pytest.fixture
def session(summit):
    return make_schedule_session(summit)


# JSON


def test_schedule_json_describes_summit_and_sessions(client, summit, session):
    response = client.get(export_url(summit, "schedule.json"))

    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert data == {
        "summit": {
            "slug": "u20-2020",
            "name": "U20 Mayors Summit 2020",
            "year": 2020,
            "start_date": "2020-09-30",
            "end_date": "2020-10-02",
            "time_zone": "Asia/Riyadh",
            "url": "https://summit.example.org/en/summits/u20-2020/",
        },
        "language": "en",
        "sessions": [
            {
                "id": session.pk,
                "slug": "cities-of-the-future",
                "url": "https://summit.example.org/en/summits/u20-2020/sessions/cities-of-the-future/",
                "title": "Cities of the Future: Post COVID-19",
                "description": "How ready cities are for crises.",
                "kind": "side_event",
                "status": "scheduled",
                "starts_at": "2020-09-30T07:00:00Z",
                "ends_at": "2020-09-30T08:30:00Z",
                "start_local": "2020-09-30T10:00:00+03:00",
                "themes": [
                    {"slug": "inclusive-communities", "name": "Inclusive Prosperous Communities"}
                ],
                "hosts": [
                    {"type": "city", "slug": "riyadh", "name": "Riyadh"},
                    {"type": "organisation", "slug": "un-habitat", "name": "UN-Habitat"},
                ],
                "speakers": [
                    {
                        "slug": "maimunah-mohd-sharif",
                        "name": "Maimunah Mohd Sharif",
                        "role": "keynote",
                        "title": "Executive Director",
                        "organisation": "UN-Habitat Secretariat",
                    }
                ],
                "languages": {
                    "floor": "en",
                    "interpretation": [],
                    "captions": [],
                    "text": "English",
                },
                "ics_url": (
                    "https://summit.example.org/en/summits/u20-2020/sessions/cities-of-the-future/session.ics"
                ),
            }
        ],
    }


def test_schedule_json_in_arabic_gives_arabic_text(client, summit, session):
    response = client.get(export_url(summit, "schedule.json", "ar"))

    data = json.loads(response.content)
    [item] = data["sessions"]
    assert (data["language"], data["summit"]["name"]) == (
        "ar",
        "قمة عمداء مجموعة تواصل المجتمع الحضري 2020",
    )
    assert (item["title"], item["hosts"][0]["name"], item["speakers"][0]["title"]) == (
        "مدن المستقبل: ما بعد كوفيد-19",
        "الرياض",
        "المديرة التنفيذية",
    )
    assert item["url"] == (
        "https://summit.example.org/ar/summits/u20-2020/sessions/cities-of-the-future/"
    )


def test_schedule_json_reports_cancelled_status(client, summit):
    make_session(summit=summit, status="cancelled")

    response = client.get(export_url(summit, "schedule.json"))

    assert [item["status"] for item in json.loads(response.content)["sessions"]] == ["cancelled"]


def test_schedule_json_of_summit_without_sessions_is_empty_list(client, summit):
    response = client.get(export_url(summit, "schedule.json"))

    assert json.loads(response.content)["sessions"] == []


# Every export


def _all_export_urls(summit, session, lang="en"):
    return [export_url(summit, name, lang) for name in SCHEDULE_EXPORTS] + [
        f"/{lang}/summits/{summit.slug}/sessions/{session.slug}/session.ics"
    ]


def test_exports_in_arabic_give_arabic_titles(client, summit, session):
    responses = [client.get(url) for url in _all_export_urls(summit, session, "ar")]

    assert [
        (
            "مدن المستقبل: ما بعد كوفيد-19" in r.content.decode(),
            "Cities of the" in r.content.decode(),
        )
        for r in responses
    ] == [(True, False)] * len(responses)


def test_schedule_exports_leave_out_unpublished_sessions(client, summit, session):
    make_session(summit=summit, title_en="Draft session", is_published=False)

    responses = [client.get(export_url(summit, name)) for name in SCHEDULE_EXPORTS]

    assert [(r.status_code, b"Draft session" in r.content) for r in responses] == [
        (200, False)
    ] * len(SCHEDULE_EXPORTS)


def test_exports_never_include_the_join_link(client, summit, session):
    session.join_url = SECRET
    session.save()

    responses = [client.get(url) for url in _all_export_urls(summit, session)]

    assert [(r.status_code, SECRET.encode() in r.content) for r in responses] == [
        (200, False)
    ] * len(responses)
    assert [b"secret-room" in r.content for r in responses] == [False] * len(responses)


@pytest.mark.parametrize("name", SCHEDULE_EXPORTS)
def test_schedule_export_of_unknown_summit_is_404(client, name):
    response = client.get(f"/en/summits/no-such-summit/agenda/{name}")

    assert response.status_code == 404


@pytest.mark.parametrize("name", SCHEDULE_EXPORTS)
def test_schedule_export_of_unpublished_summit_is_404(client, name):
    summit = make_summit(is_published=False)
    make_session(summit=summit)

    response = client.get(export_url(summit, name))

    assert response.status_code == 404


@pytest.mark.parametrize("name", SCHEDULE_EXPORTS)
def test_schedule_export_with_nul_in_summit_slug_is_404(client, name):
    response = client.get(f"/en/summits/x%00/agenda/{name}")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "slug",
    ["no-such-session", "x%00", "cities-of-the-future%00"],
)
def test_session_ics_of_unknown_session_is_404(client, summit, session, slug):
    response = client.get(f"/en/summits/{summit.slug}/sessions/{slug}/session.ics")

    assert response.status_code == 404


def test_session_ics_of_unpublished_session_is_404(client, summit):
    session = make_session(summit=summit, is_published=False)

    response = client.get(f"/en/summits/{summit.slug}/sessions/{session.slug}/session.ics")

    assert response.status_code == 404


def test_session_ics_of_session_in_unpublished_summit_is_404(client):
    summit = make_summit(is_published=False)
    session = make_session(summit=summit)

    response = client.get(f"/en/summits/{summit.slug}/sessions/{session.slug}/session.ics")

    assert response.status_code == 404


def test_session_ics_of_session_under_other_summit_is_404(client, summit, session):
    other = make_summit()

    response = client.get(f"/en/summits/{other.slug}/sessions/{session.slug}/session.ics")

    assert response.status_code == 404


def test_exports_refuse_post(client, summit, session):
    responses = [client.post(url) for url in _all_export_urls(summit, session)]

    assert [r.status_code for r in responses] == [405] * len(responses)


def test_exports_answer_head(client, summit, session):
    responses = [client.head(url) for url in _all_export_urls(summit, session)]

    assert [(r.status_code, r.content) for r in responses] == [(200, b"")] * len(responses)


# Calendar UIDs


def _uids(response) -> list[str]:
    return [
        str(event["uid"]) for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    ]


def test_calendar_uids_name_the_domain_of_site_url(client, settings, summit, session):
    settings.SITE_URL = "https://u20.riyadh.example:8443"

    uids = [
        _uids(client.get(url))
        for url in (
            export_url(summit, "schedule.ics"),
            export_url(summit, "schedule.ics", "ar"),
            f"/ar/summits/{summit.slug}/sessions/{session.slug}/session.ics",
        )
    ]

    assert uids == [[f"session-{session.pk}@u20.riyadh.example"]] * 3


def test_calendar_uids_of_two_deployments_differ(settings, session):
    settings.SITE_URL = "https://summit.example.org"
    here = session_uid(session)
    settings.SITE_URL = "https://staging.summit.example.org"

    assert (here, session_uid(session)) == (
        f"session-{session.pk}@summit.example.org",
        f"session-{session.pk}@staging.summit.example.org",
    )


# Cache headers: calendar and schedule apps fetch again every few minutes.


def test_exports_tell_caches_five_minutes_and_carry_validators(client, summit, session):
    urls = _all_export_urls(summit, session)
    first = [client.get(url) for url in urls]
    again = [client.get(url) for url in urls]

    assert [
        (r.status_code, r["Cache-Control"], r["ETag"][0], bool(r["Last-Modified"])) for r in first
    ] == [(200, "public, max-age=300", '"', True)] * len(urls)
    assert [r["ETag"] for r in again] == [r["ETag"] for r in first]


def test_exports_answer_a_conditional_get_with_not_modified(client, summit, session):
    urls = _all_export_urls(summit, session)
    first = [client.get(url) for url in urls]

    by_etag = [
        client.get(url, headers={"if-none-match": r["ETag"]})
        for url, r in zip(urls, first, strict=True)
    ]
    by_date = [
        client.get(url, headers={"if-modified-since": r["Last-Modified"]})
        for url, r in zip(urls, first, strict=True)
    ]

    assert [(r.status_code, r.content, r["Cache-Control"]) for r in by_etag] == [
        (304, b"", "public, max-age=300")
    ] * len(urls)
    assert [r.status_code for r in by_date] == [304] * len(urls)


def test_frab_exports_after_a_change_answer_a_conditional_get_anew(client, summit, session):
    urls = [export_url(summit, name) for name in ("schedule.xml", "schedule.frab.json")]
    first = [client.get(url) for url in urls]
    session.title_en = "Cities of Tomorrow"
    session.save()
    pagecache.content_changed()

    again = [
        client.get(url, headers={"if-none-match": r["ETag"]})
        for url, r in zip(urls, first, strict=True)
    ]

    assert [(r.status_code, b"Cities of Tomorrow" in r.content) for r in again] == [(200, True)] * 2


def test_agenda_page_keeps_the_page_cache_lifetime(client, summit):
    response = client.get(f"/en/summits/{summit.slug}/agenda/")

    assert response["Cache-Control"] == "public, max-age=60"


# One summit lookup, the sessions, then one query each for themes, hosts and
# speakers: the same for any number of sessions, and never more than a public
# page may make (tests/test_public_queries.py).
SCHEDULE_QUERIES = 5


@pytest.mark.parametrize("rows", [5, 200])
@pytest.mark.parametrize("name", SCHEDULE_EXPORTS)
def test_schedule_export_runs_fixed_number_of_queries(client, summit, name, rows):
    for _ in range(rows):
        make_full_session(summit=summit, speakers=2, hosts=2)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(export_url(summit, name))

    assert (response.status_code, len(queries)) == (200, SCHEDULE_QUERIES)


# The builders alone


def test_schedule_data_without_request_makes_urls_with_url_for(summit, session):
    with translation.override("en"):
        data = schedule_data(summit, [session], url_for=lambda path: "https://x.test" + path)

    [item] = data["sessions"]
    assert (data["summit"]["url"], item["url"], item["ics_url"]) == (
        "https://x.test/en/summits/u20-2020/",
        "https://x.test/en/summits/u20-2020/sessions/cities-of-the-future/",
        "https://x.test/en/summits/u20-2020/sessions/cities-of-the-future/session.ics",
    )


def test_attendees_table_without_request_lists_confirmed_then_the_queue():
    session = make_upcoming_session(capacity=1)
    confirmed = services.register(session=session, participant=make_participant(full_name="Layla"))
    waiting = services.register(session=session, participant=make_participant(full_name="Ana"))

    with translation.override("en"):
        header, rows = attendees_table(session)
        rows = list(rows)

    assert (header[0], header[6], header[7]) == ("Full name", "Status", "Waitlist position")
    assert [(row[0], row[1], row[6], row[7]) for row in rows] == [
        ("Layla", confirmed.participant.user.email, "Confirmed", None),
        ("Ana", waiting.participant.user.email, "On the waitlist", 1),
    ]
