"""Every public page and export costs a few queries, however much it lists.

One site is built with 5 of everything a page lists (sessions with their
speakers and hosts, partners, recommendations and endorsements, press
releases, past editions), every page is fetched without the page cache, then
the same site grows to 200 of each and every page is fetched again: each must
make the same number of queries both times, and at most eight.
"""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    add_partner,
    make_full_session,
    make_summit,
    make_theme,
)
from tests.media_contacts.factories import make_contact, make_release
from tests.recommendations.factories import (
    make_area,
    make_endorsement,
    make_full_communique,
    make_recommendation,
)
from u20.models import Summit

pytestmark = pytest.mark.django_db

BOUND = 8
SUMMIT = "queries-2020"
SESSION = "queries-session"
RELEASE = "queries-release"
THEME = "queries-theme"

PAGES = [
    "/{lang}/",
    "/{lang}/summits/",
    "/{lang}/summits/{summit}/",
    "/{lang}/summits/{summit}/agenda/",
    "/{lang}/summits/{summit}/agenda/?day=2020-09-30&tz=Asia/Tokyo",
    "/{lang}/summits/{summit}/agenda/?q=session",
    "/{lang}/summits/{summit}/agenda/embed/?theme={theme}",
    "/{lang}/summits/{summit}/agenda/schedule.ics",
    "/{lang}/summits/{summit}/agenda/schedule.json",
    "/{lang}/summits/{summit}/agenda/schedule.xml",
    "/{lang}/summits/{summit}/agenda/schedule.frab.json",
    "/{lang}/summits/{summit}/speakers/",
    "/{lang}/summits/{summit}/partners/",
    "/{lang}/summits/{summit}/sessions/{session}/",
    "/{lang}/summits/{summit}/sessions/{session}/session.ics",
    "/{lang}/summits/{summit}/communique/",
    "/{lang}/summits/{summit}/communique/r/1/",
    "/{lang}/summits/{summit}/communique/communique.json",
    "/{lang}/summits/{summit}/communique/communique.csv",
    "/{lang}/media/",
    "/{lang}/media/releases/{release}/",
    "/{lang}/media/feed.atom",
    "/{lang}/media/interview-request/",
]


def grow(summit: Summit, communique, size: int, start: int) -> None:
    """Add rows until the site lists size of each."""
    theme = summit.themes.first()
    area = communique.areas.first()
    for n in range(start, size):
        session = make_full_session(
            summit=summit,
            starts_at=summit_start(summit) + timedelta(minutes=10 * n),
            slug=SESSION if n == 0 else f"queries-session-{n}",
        )
        session.themes.add(theme)
        add_partner(summit)
        if n >= 5:  # the communiqué was made with five of each
            make_recommendation(area=area, number=n + 1)
            make_endorsement(communique=communique)
        make_release(summit=summit, slug=RELEASE if n == 0 else f"queries-release-{n}")
        make_summit(is_current=False)


def summit_start(summit: Summit) -> datetime:
    return datetime.combine(summit.start_date, time(8), tzinfo=summit.zone)


def counts(client) -> dict[str, int]:
    measured = {}
    for lang in ("en", "ar"):
        for page in PAGES:
            url = page.format(
                lang=lang, summit=SUMMIT, session=SESSION, release=RELEASE, theme=THEME
            )
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            measured[url] = len(queries)
    return measured


def test_every_public_page_makes_the_same_few_queries_for_5_and_200_rows(client, cold_pages):
    summit = make_summit(slug=SUMMIT, is_current=True)
    summit.themes.add(make_theme(slug=THEME))
    communique = make_full_communique(recommendations=5, areas=1, cities=5, summit=summit)
    make_area(communique=communique)
    for _ in range(3):
        make_contact()
    grow(summit, communique, 5, 0)
    few = counts(client)

    grow(summit, communique, 200, 5)
    many = counts(client)

    assert communique.recommendations.count() == 200
    changed = {url: (few[url], many[url]) for url in few if few[url] != many[url]}
    over = {url: count for url, count in many.items() if count > BOUND}
    assert (changed, over) == ({}, {})
