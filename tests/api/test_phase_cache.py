"""An API answer that gives a session's phase is kept, in the shared cache
and by caches on the way, no longer than that phase lasts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_session, make_summit

pytestmark = pytest.mark.django_db


def max_age(response) -> int:
    [value] = [part for part in response["Cache-Control"].split(", ") if part.startswith("max-age")]
    return int(value.split("=")[1])


@pytest.fixture
def live():
    now = timezone.now()
    summit = make_summit(
        start_date=now.date() - timedelta(days=1), end_date=now.date() + timedelta(days=1)
    )
    return make_session(
        summit=summit, starts_at=now - timedelta(minutes=10), ends_at=now + timedelta(seconds=20)
    )


def test_a_live_sessions_answer_lasts_until_its_end(client, settings, live):
    settings.API_CACHE_SECONDS = 60

    first = client.get("/api/v1/sessions")
    kept = client.get("/api/v1/sessions")

    assert first.json()["results"][0]["phase"] == "live"
    assert 0 < max_age(first) <= 20
    assert 0 < max_age(kept) <= 20


def test_an_answer_without_sessions_keeps_the_usual_lifetime(client, settings):
    settings.API_CACHE_SECONDS = 60
    make_summit()

    assert max_age(client.get("/api/v1/summits")) == 60
