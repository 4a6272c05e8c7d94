"""What every API address does besides its data: conditional requests and
the shared cache, CORS and its preflight, the rate limit, read-only
methods, HEAD, and JSON errors for addresses that lead nowhere."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import ngettext

from tests.factories import make_summit
from tests.translations import ui
from u20 import pagecache

pytestmark = pytest.mark.django_db

SUMMITS = "/api/v1/summits"


@pytest.fixture
def summit():
    return make_summit(slug="riyadh-2020", name_en="Riyadh 2020")


# Conditional requests and the cache ---------------------------------------------


def test_answer_with_a_matching_etag_is_304_without_a_body(client, summit):
    first = client.get(SUMMITS)

    again = client.get(SUMMITS, headers={"if-none-match": first["ETag"]})

    assert first["ETag"].startswith('"')
    assert (again.status_code, again.content, again["ETag"]) == (304, b"", first["ETag"])
    assert again["Access-Control-Allow-Origin"] == "*"
    assert again["Content-Language"] == "en"


def test_changed_content_has_a_new_etag_and_a_full_answer(client, summit):
    first = client.get(SUMMITS)
    summit.name_en = "Riyadh 2020, renamed"
    summit.save()

    again = client.get(SUMMITS, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.json()["results"][0]["name"] == "Riyadh 2020, renamed"


def test_each_language_has_its_own_etag(client, summit):
    english, arabic = client.get(f"{SUMMITS}?lang=en"), client.get(f"{SUMMITS}?lang=ar")

    assert english["ETag"] != arabic["ETag"]


def test_kept_answer_costs_no_query_until_content_changes(client, summit, settings):
    settings.API_CACHE_SECONDS = 60
    first = client.get(SUMMITS)
    summit.name_en = "Riyadh 2020, renamed"
    summit.save()

    with CaptureQueriesContext(connection) as queries:
        kept = client.get(SUMMITS)
    conditional = client.get(SUMMITS, headers={"if-modified-since": first["Last-Modified"]})
    pagecache.content_changed()
    rebuilt = client.get(SUMMITS)

    assert (len(queries), kept.content) == (0, first.content)
    assert kept["Cache-Control"] == "public, max-age=60"
    assert conditional.status_code == 304
    assert rebuilt.json()["results"][0]["name"] == "Riyadh 2020, renamed"


def test_kept_answers_are_kept_per_language_and_query(client, summit, settings):
    settings.API_CACHE_SECONDS = 60
    client.get(f"{SUMMITS}?lang=en")

    arabic = client.get(SUMMITS, headers={"accept-language": "ar"})
    small = client.get(f"{SUMMITS}?page_size=1")

    assert arabic["Content-Language"] == "ar"
    assert arabic.json()["results"][0]["name"] == summit.name_ar
    assert small.json()["page_size"] == 1


# CORS ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status"),
    [(SUMMITS, 200), ("/api/v1/summits/nowhere", 404), (f"{SUMMITS}?page=0", 422)],
)
def test_any_site_may_read_every_answer(client, summit, path, status):
    response = client.get(path, headers={"origin": "https://other.example.com"})

    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_preflight_for_a_get_is_answered(client):
    response = client.options(
        SUMMITS,
        headers={
            "origin": "https://other.example.com",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match, accept-language",
        },
    )

    assert (response.status_code, response.content) == (204, b"")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert {"If-None-Match", "Accept-Language"} <= {
        name.strip() for name in response["Access-Control-Allow-Headers"].split(",")
    }
    assert int(response["Access-Control-Max-Age"]) > 0


# Rate limit ---------------------------------------------------------------------


def test_past_the_limit_the_answer_is_429_with_retry_after(client, summit, settings):
    settings.API_RATE_LIMIT = "3/m"
    answered = [client.get(SUMMITS).status_code for _ in range(3)]

    refused = client.get(f"{SUMMITS}?lang=ar")
    other_client = client.get(SUMMITS, REMOTE_ADDR="192.0.2.7")

    seconds = int(refused["Retry-After"])
    assert answered == [200, 200, 200]
    assert refused.status_code == 429
    assert 1 <= seconds <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert refused["Cache-Control"] == "no-store"
    with translation.override("ar"):
        expected = ngettext(
            "Too many requests from your address: try again in %(seconds)s second.",
            "Too many requests from your address: try again in %(seconds)s seconds.",
            seconds,
        ) % {"seconds": seconds}
    assert refused.json()["detail"] == expected
    assert "طلبات كثيرة جدًا من عنوانك" in expected
    assert other_client.status_code == 200


def test_rate_limit_counts_every_address_under_the_api(client, summit, settings):
    settings.API_RATE_LIMIT = "2/m"
    client.get("/api/v1/openapi.json")
    client.get("/api/v1/nowhere")

    assert client.get(SUMMITS).status_code == 429


# Methods ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_reading_is_allowed(summit, method):
    # As a browser on another site would send it: no CSRF token.
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, method)(SUMMITS, data={}, content_type="application/json")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["detail"] == ui("en", "The API only reads: send GET or HEAD requests.")


def test_head_answers_the_headers_of_get_without_the_body(client, summit):
    got = client.get(SUMMITS)

    head = client.head(SUMMITS)

    assert (head.status_code, head.content) == (200, b"")
    assert head["Content-Length"] == str(len(got.content))
    assert (head["ETag"], head["Content-Type"]) == (got["ETag"], got["Content-Type"])


# Addresses that lead nowhere -----------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/api/v1/nowhere", "/api/v1/summits/", "/api/v1/sessions/1/extra"]
)
def test_address_the_api_does_not_have_is_a_json_404_pointing_to_the_docs(client, path):
    response = client.get(path)

    assert (response.status_code, response["Content-Type"]) == (
        404,
        "application/json; charset=utf-8",
    )
    assert "https://summit.example.org/api/v1/docs" in response.json()["detail"]


def test_missing_object_says_what_was_not_found(client):
    response = client.get("/api/v1/summits/atlantis?lang=en")

    assert response.json() == {
        "detail": ui("en", "No published summit has the slug “%(slug)s”.") % {"slug": "atlantis"},
        "errors": [],
    }


def test_index_lists_every_resource_and_the_documents(client):
    data = client.get("/api/v1/").json()

    assert data["openapi_url"] == "https://summit.example.org/api/v1/openapi.json"
    assert data["docs_url"] == "https://summit.example.org/api/v1/docs"
    for url in data["resources"].values():
        assert client.get(url.removeprefix("https://summit.example.org")).status_code == 200


def test_docs_page_loads_swagger_from_our_static_files(client):
    response = client.get("/api/v1/docs?lang=ar")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert '<script src="/static/ninja/swagger-ui-bundle.js" defer></script>' in html
    assert "cdn" not in html.lower()
    assert "<script>" not in html
