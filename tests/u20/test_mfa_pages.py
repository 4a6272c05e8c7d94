"""Every two-factor page a signed-in person can open answers, in both
languages."""

import pytest

from tests.factories import make_participant

pytestmark = pytest.mark.django_db

PAGES = ["2fa/", "2fa/totp/activate/", "2fa/webauthn/", "2fa/webauthn/add/"]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", PAGES)
def test_two_factor_pages_open(client, lang, path):
    client.force_login(make_participant().user)

    response = client.get(f"/{lang}/accounts/{path}", follow=True)

    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.content.decode()
