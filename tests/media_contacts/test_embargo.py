"""Releases under embargo: hidden from everyone but accredited journalists
until the second the embargo ends, on every surface that lists or shows a
release, public at that second with nothing having to run, and every
accredited reading logged."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from media_contacts.models import EmbargoAccess, PressKit, PressRelease
from tests.conftest import _empty_cache
from tests.factories import make_participant
from tests.media_contacts.factories import make_accreditation, make_release

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
LIFT = timezone.now().replace(microsecond=0) + timedelta(days=1)
SLUG = "water-plan"


@pytest.fixture
def clock(monkeypatch):
    """The moment every part of the site reads as now. The caches count
    their entries' lives in real seconds, so a jump of the clock empties
    them, as that much time would have; that the entries kept before the
    lift live no longer than until it is test_cached_public_pages_expire_
    when_the_embargo_lifts's to show."""
    state = {"now": LIFT - timedelta(hours=1)}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])

    def set_to(moment):
        state["now"] = moment
        _empty_cache()

    return set_to


@pytest.fixture
def embargoed(journalist):
    accreditation, _client = journalist
    return make_release(
        slug=SLUG,
        summit=accreditation.summit,
        title_en="Cities agree a water plan",
        title_ar="المدن تتفق على خطة للمياه",
        published_at=LIFT - timedelta(hours=3),
        embargo_until=LIFT,
    )


@pytest.fixture
def journalist():
    accreditation = make_accreditation()
    # Expiry from the real clock is days after LIFT.
    client = Client()
    client.force_login(accreditation.user)
    return accreditation, client


def feed_titles(content: bytes) -> list[str]:
    feed = ET.fromstring(content)  # noqa: S314 - our own feed
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


def api_slugs(response) -> list[str]:
    return [row["slug"] for row in response.json()["results"]]


def surfaces(client: Client, headers: dict | None = None) -> dict:
    """What one reader is shown of the release on each surface."""
    headers = headers or {}
    return {
        "newsroom": "Cities agree a water plan" in client.get("/en/media/").content.decode(),
        "page": client.get(f"/en/media/releases/{SLUG}/").status_code == 200,
        "feed": "Cities agree a water plan"
        in feed_titles(client.get("/en/media/feed.atom").content),
        "api list": SLUG
        in api_slugs(client.get("/api/v1/press-releases?lang=en", headers=headers)),
        "api detail": client.get(f"/api/v1/press-releases/{SLUG}", headers=headers).status_code
        == 200,
    }


def test_querysets_change_at_the_boundary_second(embargoed):
    before, at = LIFT - timedelta(seconds=1), LIFT

    assert list(PressRelease.objects.published(now=before)) == []
    assert list(PressRelease.objects.published(now=at)) == [embargoed]
    assert list(PressRelease.objects.released(now=before)) == [embargoed]
    assert list(PressRelease.objects.under_embargo(now=before)) == [embargoed]
    assert list(PressRelease.objects.under_embargo(now=at)) == []
    assert PressRelease.objects.next_change(now=before) == LIFT


def test_anonymous_visitors_see_nothing_until_the_second_it_lifts(client, clock, embargoed):
    clock(LIFT - timedelta(seconds=1))
    assert surfaces(client) == dict.fromkeys(surfaces(Client()), False)

    clock(LIFT)
    assert surfaces(Client()) == dict.fromkeys(surfaces(Client()), True)


def test_an_accredited_journalist_sees_it_everywhere_before_it_lifts(clock, embargoed, journalist):
    accreditation, client = journalist
    clock(LIFT - timedelta(seconds=1))
    token = {"Authorization": f"Bearer {accreditation.feed_token}"}

    seen = surfaces(client, headers=token)
    private_feed = feed_titles(
        Client().get(f"/en/media/feed/{accreditation.feed_token}.atom").content
    )

    # The public feed stays public, whoever asks for it.
    assert seen == {
        "newsroom": True,
        "page": True,
        "feed": False,
        "api list": True,
        "api detail": True,
    }
    assert any("Cities agree a water plan" in title for title in private_feed)
    assert any(title.startswith("[EMBARGOED UNTIL") for title in private_feed)


def test_before_publication_time_not_even_accredited_journalists_see_it(clock, journalist):
    _accreditation, client = journalist
    make_release(slug=SLUG, published_at=LIFT - timedelta(hours=1), embargo_until=LIFT)
    clock(LIFT - timedelta(hours=2))

    assert client.get(f"/en/media/releases/{SLUG}/").status_code == 404


def test_the_embargoed_page_says_so_in_both_languages_and_is_private(clock, embargoed, journalist):
    _accreditation, client = journalist
    clock(LIFT - timedelta(minutes=5))

    for lang in ("en", "ar"):
        response = client.get(f"/{lang}/media/releases/{SLUG}/")
        html = response.content.decode()
        assert "EMBARGOED UNTIL" in html
        with translation.override("ar"):
            assert translation.gettext("EMBARGOED UNTIL %(when)s").split("%")[0].strip() in html
        assert "Riyadh time" in html or "الرياض" in html
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert 'name="robots" content="noindex' in html


def test_a_guessed_url_gets_the_same_404_as_a_missing_release(clock, embargoed):
    clock(LIFT - timedelta(minutes=5))
    client = Client()

    with CaptureQueriesContext(connection) as hidden_queries:
        hidden = client.get(f"/en/media/releases/{SLUG}/")
    with CaptureQueriesContext(connection) as missing_queries:
        missing = client.get("/en/media/releases/no-such-release/")

    assert hidden.status_code == missing.status_code == 404
    # The same page, but for the address it names (its language links).
    assert hidden.content.decode().replace(SLUG, "x") == missing.content.decode().replace(
        "no-such-release", "x"
    )
    # The same work both ways: the same queries, so the same time.
    assert len(hidden_queries) == len(missing_queries)
    api_hidden = client.get(f"/api/v1/press-releases/{SLUG}")
    api_missing = client.get("/api/v1/press-releases/no-such-release")
    assert api_hidden.status_code == api_missing.status_code == 404
    assert api_hidden.json()["detail"].replace(SLUG, "x") == api_missing.json()["detail"].replace(
        "no-such-release", "x"
    )


def test_a_journalist_without_a_valid_accreditation_sees_what_everyone_sees(clock, embargoed):
    clock(LIFT - timedelta(minutes=5))
    waiting = make_accreditation(status="submitted")
    client = Client()
    client.force_login(waiting.user)

    assert client.get(f"/en/media/releases/{SLUG}/").status_code == 404
    assert client.get(f"/en/media/feed/{waiting.feed_token}.atom").status_code == 404
    refused = client.get(
        "/api/v1/press-releases", headers={"Authorization": f"Bearer {waiting.feed_token}"}
    )
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")


def test_every_accredited_reading_is_logged(clock, embargoed, journalist):
    accreditation, client = journalist
    clock(LIFT - timedelta(minutes=5))

    client.get("/en/media/")
    client.get(f"/en/media/releases/{SLUG}/")
    Client().get(f"/en/media/feed/{accreditation.feed_token}.atom")
    Client().get(
        f"/api/v1/press-releases/{SLUG}",
        headers={"Authorization": f"Bearer {accreditation.feed_token}"},
    )
    clock(LIFT + timedelta(seconds=1))
    client.get(f"/en/media/releases/{SLUG}/")  # public now: not logged

    log = EmbargoAccess.objects.filter(release=embargoed, accreditation=accreditation)
    assert sorted(log.values_list("via", flat=True)) == ["api", "feed", "newsroom", "page"]
    assert all(entry.at < LIFT for entry in log)


def test_accredited_api_answers_are_never_cached_for_others(clock, embargoed, journalist):
    accreditation, _client = journalist
    clock(LIFT - timedelta(minutes=5))

    private = Client().get(
        "/api/v1/press-releases", headers={"Authorization": f"Bearer {accreditation.feed_token}"}
    )
    public = Client().get("/api/v1/press-releases")

    assert SLUG in api_slugs(private)
    assert "no-store" in private["Cache-Control"]
    assert "Authorization" in private["Vary"]
    assert SLUG not in api_slugs(public)
    assert private.json()["results"][0]["embargo_until"] is not None


def max_age(response) -> int:
    return int(response["Cache-Control"].split("max-age=")[1].split(",")[0])


def test_cached_public_pages_expire_when_the_embargo_lifts(clock, embargoed, settings):
    settings.PAGE_CACHE_SECONDS = 3600
    settings.API_CACHE_SECONDS = 3600
    clock(LIFT - timedelta(minutes=10))

    response = Client().get("/en/media/")
    feed = Client().get("/en/media/feed.atom")
    api = Client().get("/api/v1/press-releases")

    assert "max-age=600" in response["Cache-Control"]
    assert max_age(feed) <= 600
    assert 0 < max_age(api) <= 600
    clock(LIFT)
    assert "Cities agree a water plan" in Client().get("/en/media/").content.decode()


def test_the_newsroom_runs_the_same_queries_for_5_and_100_releases(clock, journalist):
    _accreditation, client = journalist
    clock(LIFT - timedelta(minutes=5))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/media/").status_code == 200
        return len(queries)

    count()  # the session is read once, then kept
    for n in range(5):
        make_release(published_at=LIFT - timedelta(hours=n + 2), embargo_until=LIFT)
    few = count()
    for n in range(95):
        make_release(published_at=LIFT - timedelta(hours=n + 10), embargo_until=LIFT)
    many = count()

    assert few == many


def test_the_release_page_runs_the_same_queries_with_one_or_many_corrections(
    clock, embargoed, journalist
):
    _accreditation, client = journalist
    clock(LIFT - timedelta(minutes=5))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/en/media/releases/{SLUG}/").status_code == 200
        return len(queries)

    count()  # the session is read once, then kept
    embargoed.corrections.create(note_en="A figure fixed.", note_ar="تصحيح رقم.")
    few = count()
    for n in range(20):
        embargoed.corrections.create(note_en=f"Fix {n}.", note_ar=f"تصحيح {n}.")
    many = count()

    assert few == many


def test_a_participant_who_is_not_a_journalist_sees_the_public_newsroom(clock, embargoed):
    clock(LIFT - timedelta(minutes=5))
    client = Client()
    client.force_login(make_participant().user)

    assert "Cities agree a water plan" not in client.get("/en/media/").content.decode()


@pytest.mark.parametrize("path", [f"/en/media/releases/{SLUG}/", "/en/media/press-kits/kit/"])
def test_the_release_and_press_kit_pages_run_the_same_queries_for_5_and_100_releases(
    clock, embargoed, journalist, path
):
    _accreditation, client = journalist
    clock(LIFT - timedelta(minutes=5))
    PressKit.objects.create(release=embargoed, slug="kit", title_en="Kit", title_ar="حقيبة")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    count()  # the session is read once, then kept
    for n in range(4):
        make_release(published_at=LIFT - timedelta(hours=n + 5), embargo_until=LIFT)
    few = count()
    for n in range(95):
        make_release(published_at=LIFT - timedelta(hours=n + 10), embargo_until=LIFT)
    many = count()

    assert few == many
