"""Only what the public pages show: an unpublished summit takes its
sessions, speakers, partners, host city and themes with it; an unpublished
session, communiqué or an embargoed press release is nowhere; and whatever
is listed says which public page shows it."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    add_host,
    add_partner,
    add_speaker,
    make_city,
    make_organisation,
    make_session,
    make_speaker,
    make_summit,
    make_theme,
)
from tests.media_contacts.factories import make_release
from tests.recommendations.factories import (
    make_area,
    make_communique,
    make_endorsement,
    make_recommendation,
)

pytestmark = pytest.mark.django_db

SITE = "https://summit.example.org"


@pytest.fixture
def site():
    shown = make_summit(slug="shown", host_city=make_city(slug="host-shown"))
    hidden = make_summit(
        slug="hidden",
        is_published=False,
        host_city=make_city(slug="host-hidden"),
        start_date=date(2031, 1, 1),
        end_date=date(2031, 1, 2),
    )
    shown.themes.add(make_theme(slug="theme-shown"))
    hidden.themes.add(make_theme(slug="theme-hidden"))
    add_partner(shown, make_organisation(slug="partner-shown"))
    add_partner(hidden, make_organisation(slug="partner-hidden"))

    public = make_session(summit=shown, slug="public")
    draft = make_session(summit=shown, slug="draft", is_published=False)
    inside_hidden = make_session(summit=hidden, slug="inside-hidden")
    add_speaker(
        public, make_speaker(slug="speaks-shown", organisation=make_organisation(slug="employer"))
    )
    add_speaker(draft, make_speaker(slug="speaks-in-draft-only"))
    add_speaker(inside_hidden, make_speaker(slug="speaks-hidden-only"))
    add_host(public, make_city(slug="hosts-shown"))
    add_host(draft, make_city(slug="hosts-draft-only"))
    add_host(inside_hidden, make_organisation(slug="hosts-hidden-only"))
    public.themes.add(make_theme(slug="session-theme"))
    inside_hidden.themes.add(make_theme(slug="hidden-session-theme"))

    communique = make_communique(summit=shown)
    recommendation = make_recommendation(area=make_area(communique=communique))
    recommendation.sessions.add(public, draft)
    recommendation.themes.add(make_theme(slug="recommendation-theme"))
    make_endorsement(communique=communique, city=make_city(slug="endorses-shown"))
    unpublished = make_communique(
        summit=make_summit(slug="pending", host_city=make_city(slug="host-pending")),
        is_published=False,
    )
    make_endorsement(communique=unpublished, city=make_city(slug="endorses-pending-only"))

    make_release(slug="released", summit=hidden)
    make_release(slug="embargoed", published_at=timezone.now() + timedelta(hours=1))
    return {"public": public, "draft": draft, "inside_hidden": inside_hidden}


def slugs(client, path: str) -> list[str]:
    return [row["slug"] for row in client.get(f"{path}?page_size=100").json()["results"]]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/summits", ["pending", "shown"]),
        ("/api/v1/speakers", ["speaks-shown"]),
        ("/api/v1/organisations", ["employer", "partner-shown"]),
        ("/api/v1/cities", ["endorses-shown", "host-pending", "host-shown", "hosts-shown"]),
        ("/api/v1/themes", ["recommendation-theme", "session-theme", "theme-shown"]),
        ("/api/v1/press-releases", ["released"]),
    ],
)
def test_lists_hold_only_what_public_pages_show(client, site, path, expected):
    assert slugs(client, path) == expected


def test_sessions_and_communiques_hold_only_published_ones(client, site):
    sessions = client.get("/api/v1/sessions").json()["results"]
    communiques = client.get("/api/v1/communiques").json()["results"]

    assert [row["slug"] for row in sessions] == ["public"]
    assert [row["summit"]["slug"] for row in communiques] == ["shown"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/summits/hidden",
        "/api/v1/speakers/speaks-in-draft-only",
        "/api/v1/speakers/speaks-hidden-only",
        "/api/v1/organisations/partner-hidden",
        "/api/v1/organisations/hosts-hidden-only",
        "/api/v1/cities/host-hidden",
        "/api/v1/cities/hosts-draft-only",
        "/api/v1/cities/endorses-pending-only",
        "/api/v1/themes/theme-hidden",
        "/api/v1/themes/hidden-session-theme",
        "/api/v1/communiques/pending",
        "/api/v1/communiques/hidden",
        "/api/v1/press-releases/embargoed",
    ],
)
def test_what_is_not_public_is_not_found(client, site, path):
    response = client.get(path)

    assert response.status_code == 404
    assert set(response.json()) == {"detail", "errors"}


def test_unpublished_sessions_are_not_found(client, site):
    for key in ("draft", "inside_hidden"):
        assert client.get(f"/api/v1/sessions/{site[key].pk}").status_code == 404


def test_published_things_name_only_published_things(client, site):
    release = client.get("/api/v1/press-releases/released").json()
    recommendation = client.get("/api/v1/communiques/shown/recommendations/1").json()
    speaker = client.get("/api/v1/speakers/speaks-shown").json()

    # The release's summit is not published: no link to a page that is not there.
    assert release["summit"] is None
    assert [session["slug"] for session in recommendation["sessions"]] == ["public"]
    assert [a["session"]["slug"] for a in speaker["appearances"]] == ["public"]


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/api/v1/speakers/speaks-shown", "/en/summits/shown/speakers/#speaker-speaks-shown"),
        ("/api/v1/organisations/partner-shown", "/en/summits/shown/partners/"),
        ("/api/v1/organisations/employer", None),
        ("/api/v1/cities/host-shown", "/en/summits/shown/"),
        ("/api/v1/cities/hosts-shown", "/en/summits/shown/agenda/?host=hosts-shown"),
        ("/api/v1/cities/endorses-shown", "/en/summits/shown/communique/"),
        ("/api/v1/themes/theme-shown", "/en/summits/shown/agenda/?theme=theme-shown"),
        (
            "/api/v1/themes/recommendation-theme",
            "/en/summits/shown/communique/?theme=recommendation-theme",
        ),
        ("/api/v1/themes/session-theme", None),
        ("/api/v1/communiques/shown/recommendations/1", "/en/summits/shown/communique/r/1/"),
        ("/api/v1/press-releases/released", "/en/media/releases/released/"),
    ],
)
def test_each_object_names_the_public_page_that_shows_it(client, site, path, page):
    data = client.get(path).json()

    assert data["page_url"] == (f"{SITE}{page}" if page else None)
    assert data["api_url"] == f"{SITE}{path}"
