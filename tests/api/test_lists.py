"""Lists: pages that together hold every row exactly once, in a stable
order, with links to the pages either side; the sessions' filters; and
values the API cannot use, refused as JSON in the language asked for."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from sessions.models import Session
from tests.factories import (
    RIYADH,
    add_host,
    add_speaker,
    make_city,
    make_organisation,
    make_session,
    make_summit,
    make_theme,
)
from tests.media_contacts.factories import make_release
from tests.translations import ui

pytestmark = pytest.mark.django_db

SITE = "https://summit.example.org"


def ids(response) -> list:
    return [row["id"] for row in response.json()["results"]]


def test_pages_hold_every_row_once_in_start_order_with_ties_by_id(client):
    summit = make_summit(slug="riyadh-2020")
    start = datetime(2020, 9, 30, 10, 0, tzinfo=RIYADH)
    # Three share a start: the id decides between them, on every page.
    sessions = [make_session(summit=summit, starts_at=start) for _ in range(3)]
    sessions += [
        make_session(summit=summit, starts_at=start - timedelta(hours=n)) for n in (2, 1, 3, 4)
    ]
    expected = [s.pk for s in sorted(sessions, key=lambda s: (s.starts_at, s.pk))]

    seen, url, pages = [], "/api/v1/sessions?page_size=3&lang=ar", []
    while url:
        response = client.get(url.removeprefix(SITE))
        data = response.json()
        pages.append((data["page"], data["pages"], data["count"], data["previous"]))
        seen += ids(response)
        url = data["next"]

    assert seen == expected
    assert pages == [
        (1, 3, 7, None),
        (2, 3, 7, f"{SITE}/api/v1/sessions?page_size=3&lang=ar&page=1"),
        (3, 3, 7, f"{SITE}/api/v1/sessions?page_size=3&lang=ar&page=2"),
    ]


def test_page_past_the_end_is_empty_and_points_back_to_the_last(client):
    make_session()

    data = client.get("/api/v1/sessions?page=5").json()

    assert (data["count"], data["pages"], data["results"], data["next"]) == (1, 1, [], None)
    assert data["previous"] == f"{SITE}/api/v1/sessions?page=1"


def test_press_releases_published_together_keep_one_order(client):
    moment = timezone.now() - timedelta(days=1)
    releases = [make_release(published_at=moment) for _ in range(4)]

    first = client.get("/api/v1/press-releases?page_size=2").json()
    second = client.get("/api/v1/press-releases?page_size=2&page=2").json()

    slugs = [row["slug"] for row in first["results"] + second["results"]]
    assert slugs == [release.slug for release in sorted(releases, key=lambda r: -r.pk)]


# Filters ------------------------------------------------------------------------


@pytest.fixture
def agenda():
    """Two summits in different zones, and sessions near midnight."""
    riyadh = make_summit(slug="riyadh-2020", time_zone="Asia/Riyadh")
    new_york = make_summit(slug="new-york-2020", time_zone="America/New_York")
    theme, city = make_theme(slug="nature"), make_city(slug="rome")
    organisation = make_organisation(slug="iclei")
    late = make_session(summit=riyadh, starts_at=datetime(2020, 9, 30, 23, 30, tzinfo=RIYADH))
    late.themes.add(theme)
    add_host(late, city)
    # Still 30 September in UTC, already 1 October in Riyadh.
    after_midnight = make_session(
        summit=riyadh,
        starts_at=datetime(2020, 10, 1, 0, 30, tzinfo=RIYADH),
        status=Session.Status.CANCELLED,
    )
    add_host(after_midnight, organisation)
    # 1 October in UTC, 30 September in New York.
    evening = make_session(summit=new_york, starts_at=datetime(2020, 10, 1, 2, 0, tzinfo=UTC))
    evening.themes.add(theme)
    return {"late": late, "after_midnight": after_midnight, "evening": evening}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("summit=riyadh-2020", ["late", "after_midnight"]),
        ("summit=nowhere", []),
        ("day=2020-09-30", ["late", "evening"]),
        ("day=2020-10-01", ["after_midnight"]),
        ("day=2020-09-30&summit=new-york-2020", ["evening"]),
        ("theme=nature", ["late", "evening"]),
        ("host=rome", ["late"]),
        ("host=iclei", ["after_midnight"]),
        ("status=cancelled", ["after_midnight"]),
        ("status=scheduled&theme=nature&summit=riyadh-2020", ["late"]),
        ("day=0001-01-01", []),
        ("day=9999-12-31", []),
    ],
)
def test_session_filters(client, agenda, query, expected):
    response = client.get(f"/api/v1/sessions?{query}")

    assert response.status_code == 200
    assert ids(response) == [agenda[key].pk for key in expected]


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        ("2021-01-01T00:00:00+03:00", ["late", "evening"]),
        # No offset: UTC, three hours later than the moment above.
        ("2021-01-01T00:00:00", ["evening"]),
        ("2021-06-01T00:00:00Z", ["evening"]),
        ("2022-01-01T00:00:00Z", []),
        ("0001-01-01T00:00:00+14:00", ["late", "after_midnight", "evening"]),
        ("9999-12-31T23:59:59-12:00", []),
    ],
)
def test_updated_since_lists_sessions_saved_from_that_moment(client, agenda, since, expected):
    saved = {
        "after_midnight": datetime(2020, 12, 1, tzinfo=UTC),
        "late": datetime(2020, 12, 31, 21, 0, tzinfo=UTC),
        "evening": datetime(2021, 6, 1, tzinfo=UTC),
    }
    for key, moment in saved.items():
        Session.objects.filter(pk=agenda[key].pk).update(updated_at=moment)

    response = client.get("/api/v1/sessions", {"updated_since": since})

    assert response.status_code == 200
    assert ids(response) == [agenda[key].pk for key in expected]


def test_speakers_filter_by_summit(client):
    here, elsewhere = make_session(), make_session()
    speaker = add_speaker(here).speaker
    add_speaker(elsewhere)

    data = client.get(f"/api/v1/speakers?summit={here.summit.slug}").json()

    assert [row["slug"] for row in data["results"]] == [speaker.slug]


# Values the API cannot use ------------------------------------------------------

REFUSED = [
    (
        "/api/v1/sessions?updated_since=yesterday",
        "updated_since",
        "Give a date and time in ISO 8601, such as 2020-09-30T10:00:00+03:00.",
        {},
    ),
    (
        "/api/v1/sessions?day=2020-13-45",
        "day",
        "Give a date as YYYY-MM-DD, such as 2020-09-30.",
        {},
    ),
    (
        "/api/v1/sessions?status=postponed",
        "status",
        "Choose one of: %(choices)s.",
        {"choices": "scheduled, cancelled"},
    ),
    (
        "/api/v1/sessions?summit=riyadh%202020",
        "summit",
        "Give a slug: letters, digits and hyphens, such as riyadh-2020.",
        {},
    ),
    ("/api/v1/summits?page=0", "page", "Give a page number from 1 to %(max)s.", {"max": 10000}),
    (
        "/api/v1/cities?page_size=1000",
        "page_size",
        "Give a page size from 1 to %(max)s.",
        {"max": 100},
    ),
    ("/api/v1/sessions/abc", "id", "Give a whole number of 1 or more, such as 12.", {}),
    (
        "/api/v1/communiques/riyadh-2020/recommendations/99999",
        "number",
        "Give a whole number from 1 to %(max)s.",
        {"max": 32767},
    ),
]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("url", "parameter", "message", "values"), REFUSED)
def test_values_that_cannot_be_used_are_refused_in_the_language_asked(
    client, lang, url, parameter, message, values
):
    join = "&" if "?" in url else "?"

    response = client.get(f"{url}{join}lang={lang}")

    assert (response.status_code, response["Content-Type"]) == (
        422,
        "application/json; charset=utf-8",
    )
    data = response.json()
    assert data["detail"] == ui(lang, "Some values in the request cannot be used.")
    assert data["errors"] == [
        {
            "location": "path" if "?" not in url else "query",
            "parameter": parameter,
            "message": ui(lang, message) % values if values else ui(lang, message),
        }
    ]
