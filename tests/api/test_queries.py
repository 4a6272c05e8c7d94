"""Every list of the API makes the same few queries for 5 rows as for 200:
each list is grown to 5 of what it lists (with what each row shows of
others: themes, hosts, speakers, appearances), fetched, grown to 200 and
fetched again, a page of 100 each time, in one language and in both."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    RIYADH,
    add_partner,
    add_speaker,
    make_full_session,
    make_organisation,
    make_session,
    make_speaker,
    make_summit,
    make_theme,
)
from tests.media_contacts.factories import make_release
from tests.recommendations.factories import make_communique, make_endorsement

pytestmark = pytest.mark.django_db

BOUND = 8
FIRST_DAY = datetime(2020, 9, 30, 8, 0, tzinfo=RIYADH)


class Site:
    """One published summit with a communiqué and two sessions, which the
    rows each list adds refer to."""

    def __init__(self):
        self.summit = make_summit(slug="queries-2020")
        self.communique = make_communique(summit=self.summit)
        self.sessions = [make_session(summit=self.summit) for _ in range(2)]
        self.theme = make_theme()

    def summits(self):
        summit = make_summit()
        summit.themes.add(self.theme, make_theme())
        make_communique(summit=summit)

    def sessions_(self):
        count = self.summit.sessions.count()
        make_full_session(
            summit=self.summit, speakers=2, hosts=2, starts_at=FIRST_DAY + timedelta(minutes=count)
        )

    def speakers(self):
        speaker = make_speaker(organisation=make_organisation())
        for session in self.sessions:
            add_speaker(session, speaker)

    def organisations(self):
        add_partner(self.summit)

    def cities(self):
        make_endorsement(communique=self.communique)

    def themes(self):
        self.summit.themes.add(make_theme())

    def communiques(self):
        make_endorsement(communique=make_communique())

    def press_releases(self):
        make_release(summit=self.summit)


LISTS = {
    "/api/v1/summits": Site.summits,
    "/api/v1/sessions": Site.sessions_,
    "/api/v1/sessions?summit=queries-2020&day=2020-09-30&status=scheduled": Site.sessions_,
    "/api/v1/speakers": Site.speakers,
    "/api/v1/speakers?summit=queries-2020": Site.speakers,
    "/api/v1/organisations": Site.organisations,
    "/api/v1/cities": Site.cities,
    "/api/v1/themes": Site.themes,
    "/api/v1/communiques": Site.communiques,
    "/api/v1/press-releases": Site.press_releases,
}


def queries(client, url: str) -> dict[str, int]:
    made = {}
    for lang in ("en", "all"):
        join = "&" if "?" in url else "?"
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{url}{join}page_size=100&lang={lang}")
        assert response.status_code == 200, url
        made[lang] = (len(captured), len(response.json()["results"]) >= 5)
    return made


@pytest.mark.parametrize("url", LISTS)
def test_list_makes_the_same_few_queries_for_5_and_200_rows(client, url):
    site, grow = Site(), LISTS[url]
    for _ in range(5):
        grow(site)
    few = queries(client, url)

    for _ in range(195):
        grow(site)
    many = queries(client, url)

    assert many == few
    assert all(count <= BOUND and listed for count, listed in many.values())
