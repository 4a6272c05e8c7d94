"""/me/data.json holds what attendance and certificates keep about a person:
the channel they listen in, their joins, imported minutes, and their
certificates."""

import json

import pytest

from tests.certificates.factories import released_certificate
from tests.factories import make_participant

pytestmark = pytest.mark.django_db


def test_data_download_has_my_channel_joins_minutes_and_certificate(client):
    me = make_participant()
    certificate = released_certificate(participant=me, sessions=1)
    registration = me.registrations.get()
    registration.minutes_attended = 42
    registration.save()
    client.force_login(me.user)

    data = json.loads(client.get("/en/me/data.json").content)

    [place] = data["registrations"]
    assert (place["channel"], place["minutes_attended"]) == ("en", 42)
    assert [join["channel"] for join in place["joins"]] == ["en"]
    assert data["certificates"] == [
        {
            "summit": certificate.summit.slug,
            "code": certificate.code,
            "name": me.full_name,
            "issued_at": certificate.issued_at.isoformat(),
            "revoked_at": None,
            "sessions": [registration.session.slug],
        }
    ]


def test_data_download_has_no_one_elses_certificate(client):
    released_certificate()
    me = make_participant()
    client.force_login(me.user)

    data = json.loads(client.get("/en/me/data.json").content)

    assert data["certificates"] == []
