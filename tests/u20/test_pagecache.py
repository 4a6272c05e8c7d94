"""Whole public pages kept for anonymous visitors: served again without a
query, stale from the next request after any content change, never for a
signed-in visitor, and told apart by language, path and filters."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from sessions import services
from tests.factories import (
    make_full_session,
    make_participant,
    make_session,
    make_summit,
    make_upcoming_session,
)
from tests.recommendations.factories import make_full_communique
from tests.sessions.admin_fixtures import change_form
from u20 import pagecache

pytestmark = pytest.mark.django_db

AGENDA = "/{lang}/summits/riyadh-2020/agenda/"


@pytest.fixture
def summit():
    return make_summit(slug="riyadh-2020", is_current=True)


def queries_of(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def test_a_page_seen_again_is_served_without_a_query(client, summit):
    make_session(summit=summit, title_en="Opening")
    first, built = queries_of(client, AGENDA.format(lang="en"))

    again, served = queries_of(client, AGENDA.format(lang="en"))

    assert built > 0
    assert served == 0
    assert again.content == first.content
    assert "Opening" in again.content.decode()


@pytest.mark.parametrize("rows", [5, 200])
def test_a_cached_agenda_costs_no_query_however_long(client, summit, rows):
    for _ in range(rows):
        make_session(summit=summit)
    client.get(AGENDA.format(lang="en"))

    assert queries_of(client, AGENDA.format(lang="en"))[1] == 0


def test_anonymous_pages_tell_caches_they_are_public_with_validators(client, summit):
    response = client.get(AGENDA.format(lang="en"))
    again = client.get(AGENDA.format(lang="en"))

    for answer in (response, again):
        assert answer["Cache-Control"] == "public, max-age=60"
        assert "Cookie" in answer["Vary"]
        assert answer["ETag"].startswith('"')
        assert answer["Last-Modified"]
    assert again["ETag"] == response["ETag"]


def test_a_conditional_get_answers_not_modified(client, summit):
    response = client.get(AGENDA.format(lang="en"))

    by_etag = client.get(AGENDA.format(lang="en"), headers={"if-none-match": response["ETag"]})
    by_date = client.get(
        AGENDA.format(lang="en"), headers={"if-modified-since": response["Last-Modified"]}
    )
    changed = client.get(AGENDA.format(lang="en"), headers={"if-none-match": '"other"'})

    assert (by_etag.status_code, by_etag.content) == (304, b"")
    assert by_date.status_code == 304
    assert changed.status_code == 200


def test_a_conditional_get_after_a_change_gets_the_new_page(client, summit):
    session = make_session(summit=summit, title_en="Opening")
    response = client.get(AGENDA.format(lang="en"))
    session.title_en = "Opening plenary"
    session.save()
    pagecache.content_changed()

    again = client.get(
        AGENDA.format(lang="en"),
        headers={"if-none-match": response["ETag"], "if-modified-since": http_date()},
    )

    assert again.status_code == 200
    assert "Opening plenary" in again.content.decode()


def test_an_edit_in_the_admin_shows_on_the_next_request(client, admin_client, summit):
    session = make_session(summit=summit, title_en="Opening")
    assert "Opening plenary" not in client.get(AGENDA.format(lang="en")).content.decode()

    saved = admin_client.post(
        f"/admin/agenda/session/{session.pk}/change/",
        change_form(session, title_en="Opening plenary"),
    )

    assert saved.status_code == 302
    assert "Opening plenary" in client.get(AGENDA.format(lang="en")).content.decode()


def test_languages_paths_and_filters_are_kept_apart(client, summit):
    make_session(summit=summit, title_en="Opening", title_ar="الافتتاح")

    english = client.get(AGENDA.format(lang="en")).content.decode()
    arabic = client.get(AGENDA.format(lang="ar")).content.decode()
    filtered = client.get(AGENDA.format(lang="en") + "?day=2020-10-01").content.decode()

    assert "Opening" in english and "الافتتاح" not in english
    assert "الافتتاح" in arabic
    assert "Opening" not in filtered


def test_filters_in_any_order_share_one_entry(client, summit):
    client.get(AGENDA.format(lang="en") + "?day=2020-09-30&tz=Asia/Tokyo")

    _, served = queries_of(client, AGENDA.format(lang="en") + "?tz=Asia/Tokyo&day=2020-09-30")

    assert served == 0


@pytest.mark.parametrize("query", ["?q=opening", "?utm_source=mail", "?tz=" + "x" * 200])
def test_searches_and_unknown_parameters_are_built_each_time(client, summit, query):
    client.get(AGENDA.format(lang="en") + query)

    response, built = queries_of(client, AGENDA.format(lang="en") + query)

    assert response.status_code == 200
    assert built > 0


def test_a_signed_in_visitor_is_never_served_the_cached_page(client, summit):
    session = make_upcoming_session(summit=summit, join_url="https://meet.example.org/room")
    participant = make_participant(full_name="Layla Haddad")
    services.register(session=session, participant=participant)
    url = f"/en{session.get_absolute_url()[3:]}"
    anonymous = client.get(url)

    client.force_login(participant.user)
    signed_in = client.get(url)
    client.logout()
    again = client.get(url)

    assert anonymous["Cache-Control"] == "public, max-age=60"
    assert "private" in signed_in["Cache-Control"]
    assert "Your place is confirmed." in signed_in.content.decode()
    assert "Your place is confirmed." not in again.content.decode()
    assert "meet.example.org" not in again.content.decode()


def test_a_visitor_with_a_message_to_see_gets_a_page_of_their_own(client, summit):
    client.get(AGENDA.format(lang="en"))
    client.cookies["messages"] = "something to say"

    _, built = queries_of(client, AGENDA.format(lang="en"))

    assert built > 0


def test_a_page_with_a_form_token_is_not_kept():
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True

    assert pagecache._storable(request, HttpResponse("<form>")) is False
    assert pagecache._storable(RequestFactory().get("/"), HttpResponse("<p>")) is True


def test_entries_expire_so_time_alone_changes_show(client, summit, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(AGENDA.format(lang="en"))

    _, built = queries_of(client, AGENDA.format(lang="en"))

    assert built > 0


def test_a_lost_version_starts_again_above_every_earlier_one(summit):
    first = pagecache.content_version()
    pagecache.content_changed()
    bumped = pagecache.content_version()
    cache.delete(pagecache.VERSION_KEY)

    assert bumped > first
    assert pagecache.content_version() > bumped


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        "/en/summits/",
        "/en/summits/riyadh-2020/",
        "/ar/summits/riyadh-2020/speakers/",
        "/en/summits/riyadh-2020/partners/",
        "/en/summits/riyadh-2020/agenda/schedule.ics",
        "/en/summits/riyadh-2020/agenda/schedule.json",
        "/en/summits/riyadh-2020/agenda/schedule.xml",
        "/ar/media/",
        "/en/media/feed.atom",
    ],
)
def test_every_public_page_and_export_is_kept(client, summit, path):
    make_full_session(summit=summit, starts_at=timezone.now() + timedelta(days=2))
    first = client.get(path)

    again, served = queries_of(client, path)

    assert first.status_code == 200
    assert served == 0
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("suffix", ["", "r/1/", "communique.json", "communique.csv", "?theme=x"])
def test_the_communique_its_recommendations_and_downloads_are_kept(client, summit, suffix):
    make_full_communique(summit=summit, recommendations=3, areas=1, cities=2)
    path = f"/en/summits/riyadh-2020/communique/{suffix}"
    first = client.get(path)

    again, served = queries_of(client, path)

    assert first.status_code == 200
    assert (served, again.content) == (0, first.content)
