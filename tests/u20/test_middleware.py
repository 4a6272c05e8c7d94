"""Headers on every response, short staff sessions, the site's own port, and
the endpoint that logs what the Content Security Policy refused."""

import json
import logging
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_participant, make_summit
from tests.staff import sign_in_with_second_factor
from tests.translations import ui
from u20.middleware import SEEN, SINCE

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return get_user_model().objects.create_user(
        "maha", "maha@example.org", "a-long-passphrase-42", is_staff=True
    )


def set_session(client, **values) -> None:
    session = client.session
    session.update(values)
    session.save()


def test_every_page_turns_off_browser_features_and_keeps_resources_to_the_site(client):
    make_summit(is_current=True)

    response = client.get("/en/")

    assert response.status_code == 200
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_csp_reports_violations_to_our_endpoint(client):
    response = client.get("/en/accounts/login/")

    policy = response["Content-Security-Policy"]
    assert "report-uri /csp-report" in policy
    assert "report-to csp" in policy
    assert "'unsafe-inline'" not in policy
    assert response["Reporting-Endpoints"] == 'csp="/csp-report"'


def test_signed_in_pages_are_private_and_anonymous_ones_are_not(client):
    make_summit(is_current=True)
    anonymous = client.get("/en/")
    client.force_login(make_participant().user)
    signed_in = client.get("/en/")

    assert "private" not in anonymous.get("Cache-Control", "")
    assert "private" in signed_in["Cache-Control"]


def test_csp_report_is_logged_and_answered_with_no_content(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://summit.example.org/en/",
            "violated-directive": "script-src-elem",
            "blocked-uri": "inline",
        }
    }

    with caplog.at_level(logging.WARNING, logger="u20.views"):
        response = client.post(
            "/csp-report", json.dumps(report), content_type="application/csp-report"
        )

    assert response.status_code == 204
    assert caplog.messages == [
        "CSP refused inline on https://summit.example.org/en/ (script-src-elem)"
    ]


def test_csp_report_from_the_reporting_api_is_logged_too(client, caplog):
    reports = [
        {
            "type": "csp-violation",
            "body": {
                "documentURL": "https://summit.example.org/ar/",
                "effectiveDirective": "style-src-attr",
                "blockedURL": "inline",
            },
        }
    ]

    with caplog.at_level(logging.WARNING, logger="u20.views"):
        client.post("/csp-report", json.dumps(reports), content_type="application/reports+json")

    assert caplog.messages == [
        "CSP refused inline on https://summit.example.org/ar/ (style-src-attr)"
    ]


@pytest.mark.parametrize(
    "body", [b"", b"not json", b"[1, 2]", b'{"csp-report": "x"}', b"\xff" * 10]
)
def test_csp_report_with_nonsense_is_ignored_without_error(client, body):
    response = client.post("/csp-report", body, content_type="application/csp-report")

    assert response.status_code == 204


def test_csp_reports_over_the_rate_are_not_logged(client, caplog):
    report = json.dumps({"csp-report": {"blocked-uri": "inline"}})

    with caplog.at_level(logging.WARNING, logger="u20.views"):
        answers = {
            client.post("/csp-report", report, content_type="application/csp-report").status_code
            for _ in range(70)
        }

    assert answers == {204}
    assert len(caplog.messages) == 60


def test_csp_report_takes_only_post(client):
    assert client.get("/csp-report").status_code == 405


def test_staff_session_is_short_and_attendee_session_long(client, staff, settings):
    sign_in_with_second_factor(client, staff)
    client.get("/admin/")
    staff_age = client.session.get_expiry_age()
    client.logout()
    client.force_login(make_participant().user)
    client.get("/en/")
    attendee_age = client.session.get_expiry_age()

    assert staff_age == 30 * 60
    assert attendee_age == settings.SESSION_COOKIE_AGE


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_staff_idle_for_more_than_thirty_minutes_is_signed_out(client, staff, lang):
    sign_in_with_second_factor(client, staff)
    set_session(client, **{SINCE: time.time() - 3600, SEEN: time.time() - 31 * 60})

    response = client.get(f"/{lang}/")

    assert "_auth_user_id" not in client.session
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        ui(lang, "Your staff session has ended. Sign in again to continue.")
    ]


def test_staff_active_for_more_than_twelve_hours_is_signed_out(client, staff):
    sign_in_with_second_factor(client, staff)
    set_session(client, **{SINCE: time.time() - 12 * 3600 - 60, SEEN: time.time() - 60})

    response = client.get("/admin/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_active_within_the_limits_stays_signed_in(client, staff):
    sign_in_with_second_factor(client, staff)
    set_session(client, **{SINCE: time.time() - 11 * 3600, SEEN: time.time() - 29 * 60})

    response = client.get("/admin/")

    assert response.status_code == 200


def test_staff_limits_are_settings(client, staff, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    sign_in_with_second_factor(client, staff)
    set_session(client, **{SINCE: time.time() - 60, SEEN: time.time() - 6 * 60})

    client.get("/admin/")

    assert "_auth_user_id" not in client.session


def test_attendee_idle_for_a_day_stays_signed_in(client):
    client.force_login(make_participant().user)
    set_session(client, **{SINCE: time.time() - 48 * 3600, SEEN: time.time() - 24 * 3600})

    client.get("/en/")

    assert "_auth_user_id" in client.session


def test_a_request_for_the_site_on_another_port_is_refused(client, settings):
    make_summit(is_current=True)
    settings.SITE_URL = "https://summit.example.org:8443"
    settings.ALLOWED_HOSTS = ["summit.example.org"]

    other_port = client.get("/en/", HTTP_HOST="summit.example.org:9000")
    no_port = client.get("/en/", HTTP_HOST="summit.example.org")
    right_port = client.get("/en/", HTTP_HOST="summit.example.org:8443")

    assert (other_port.status_code, no_port.status_code, right_port.status_code) == (400, 400, 200)


def test_staff_requests_within_a_minute_do_not_write_the_session(client, staff):
    sign_in_with_second_factor(client, staff)
    client.get("/admin/")
    seen = client.session[SEEN]

    with CaptureQueriesContext(connection) as queries:
        client.get("/en/")

    assert client.session[SEEN] == seen
    assert [
        q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]
    ] == []
