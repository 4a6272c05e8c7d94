"""The time zone on the profile form (/me/ and sign-up) and in the admin: a
list of zones by city and offset in the page's language, the current one
selected, a chosen one saved, and a zone the list does not have refused
with a message in the visitor's language."""

import re

import pytest
from django.contrib.auth import get_user_model

from sessions.models import Participant
from tests.factories import make_participant, make_summit
from tests.sessions.account_pages import LANGUAGES, signup_data
from tests.translations import ui

pytestmark = pytest.mark.django_db

TOKYO = {"en": "Tokyo time (UTC+9)", "ar": "بتوقيت طوكيو (UTC+9)"}
UTC_LABEL = {"en": "Coordinated Universal Time (UTC)", "ar": "التوقيت العالمي المنسق (UTC)"}


def zone_select(html: str) -> str:
    (select,) = re.findall(r'<select name="time_zone".*?</select>', html, flags=re.S)
    return select


def selected(select: str) -> list[tuple[str, str]]:
    return re.findall(r'<option value="([^"]*)" selected>([^<]*)</option>', select)


def profile_data(**overrides) -> dict:
    data = {
        "full_name": "Amal",
        "organisation": "Riyadh Municipality",
        "role": "public",
        "country": "Saudi Arabia",
        "language": "en",
        "time_zone": "Asia/Riyadh",
    }
    return {**data, **overrides}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_me_lists_zones_by_city_with_mine_selected(client, lang):
    client.force_login(make_participant(time_zone="Asia/Tokyo").user)

    select = zone_select(client.get(f"/{lang}/me/").content.decode())

    assert selected(select) == [("Asia/Tokyo", TOKYO[lang])]
    assert f'data-zone-search-label="{ui(lang, "Find a time zone")}"' in select
    assert select.count("<option") > 400


@pytest.mark.parametrize("lang", LANGUAGES)
def test_me_saves_the_zone_chosen(client, lang):
    participant = make_participant(time_zone="Asia/Riyadh")
    client.force_login(participant.user)

    response = client.post(
        f"/{lang}/me/", profile_data(language=lang, time_zone="America/Los_Angeles")
    )

    participant.refresh_from_db()
    assert response.status_code == 302
    assert participant.time_zone == "America/Los_Angeles"


def test_me_saves_a_legacy_alias_as_the_zone_it_stands_for(client):
    participant = make_participant(time_zone="Asia/Riyadh")
    client.force_login(participant.user)

    client.post("/en/me/", profile_data(time_zone="Asia/Calcutta"))

    participant.refresh_from_db()
    assert participant.time_zone == "Asia/Kolkata"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_me_refuses_a_zone_not_in_the_list_and_keeps_the_rest(client, lang):
    participant = make_participant(time_zone="Asia/Riyadh", full_name="Amal")
    client.force_login(participant.user)

    response = client.post(
        f"/{lang}/me/", profile_data(full_name="Amal Al-Harbi", time_zone="Mars/Olympus")
    )

    html = response.content.decode()
    participant.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "time_zone": [ui(lang, "Choose a time zone from the list.")]
    }
    assert 'value="Amal Al-Harbi"' in html
    assert selected(zone_select(html)) == []
    assert (participant.full_name, participant.time_zone) == ("Amal", "Asia/Riyadh")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signup_offers_the_list_with_utc_selected_for_the_script_to_replace(client, lang):
    html = client.get(f"/{lang}/accounts/signup/").content.decode()

    select = zone_select(html)
    assert selected(select) == [("UTC", UTC_LABEL[lang])]
    assert 'data-detect-time-zone=""' in select
    assert 'data-detect-time-zone-replace="UTC"' in html
    assert f'<option value="Asia/Tokyo">{TOKYO[lang]}</option>' in select


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signup_saves_the_zone_chosen(client, lang):
    response = client.post(
        f"/{lang}/accounts/signup/", signup_data(language=lang, time_zone="Asia/Tokyo")
    )

    assert response.status_code == 302
    assert Participant.objects.get(user__email="amal@example.org").time_zone == "Asia/Tokyo"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signup_refuses_a_zone_not_in_the_list_and_keeps_the_rest(client, lang):
    response = client.post(f"/{lang}/accounts/signup/", signup_data(time_zone="Etc/GMT+3"))

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "time_zone": [ui(lang, "Choose a time zone from the list.")]
    }
    assert 'value="Riyadh Municipality"' in html
    # The form was sent, so the script must not replace what it holds.
    assert "data-detect-time-zone-replace" not in html
    assert get_user_model().objects.count() == 0


def test_admin_picks_a_summit_zone_from_the_list(admin_client):
    summit = make_summit(time_zone="Asia/Riyadh")

    html = admin_client.get(f"/admin/u20/summit/{summit.pk}/change/").content.decode()

    assert selected(zone_select(html)) == [("Asia/Riyadh", "Riyadh time (UTC+3)")]
    assert "js/zone-select.js" in html


def test_admin_shows_a_participant_zone_from_the_list(admin_client):
    participant = make_participant(time_zone="Asia/Tokyo")

    html = admin_client.get(f"/admin/agenda/participant/{participant.pk}/change/").content.decode()

    assert selected(zone_select(html)) == [("Asia/Tokyo", TOKYO["en"])]
