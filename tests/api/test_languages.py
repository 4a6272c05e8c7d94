"""The language of an answer: `?lang=` first, then Accept-Language, never a
cookie; `?lang=all` gives each translated text, label and page address in
both languages; codes never change; the answer names its language."""

from datetime import datetime

import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import RIYADH, add_host, add_speaker, make_city, make_session, make_summit
from tests.translations import ui

pytestmark = pytest.mark.django_db

SITE = "https://summit.example.org"


@pytest.fixture
def session():
    summit = make_summit(
        slug="riyadh-2020", name_en="U20 Mayors Summit 2020", name_ar="قمة عمداء المدن 2020"
    )
    session = make_session(
        summit=summit,
        slug="cities-of-the-future",
        kind="plenary",
        title_en="Cities of the Future",
        title_ar="مدن المستقبل",
        description_en="How ready cities are for the next crisis.",
        description_ar="",
        starts_at=datetime(2020, 9, 30, 10, 0, tzinfo=RIYADH),
    )
    add_host(session, make_city(slug="riyadh", name_en="Riyadh", name_ar="الرياض"))
    add_speaker(session)
    return session


def label(lang: str, context: str, text: str) -> str:
    with translation.override(lang):
        return translation.pgettext(context, text)


def get_session(client, session, query: str = "", **headers):
    return client.get(f"/api/v1/sessions/{session.pk}{query}", headers=headers)


def test_lang_ar_gives_arabic_texts_labels_and_pages(client, session):
    response = get_session(client, session, "?lang=ar")

    data = response.json()
    assert response["Content-Language"] == "ar"
    assert (data["title"], data["summit"]["name"], data["hosts"][0]["name"]) == (
        "مدن المستقبل",
        "قمة عمداء المدن 2020",
        "الرياض",
    )
    assert data["kind_label"] == label("ar", "session kind", "Plenary")
    assert data["page_url"] == f"{SITE}/ar/summits/riyadh-2020/sessions/cities-of-the-future/"
    assert data["summit"]["page_url"] == f"{SITE}/ar/summits/riyadh-2020/"


@pytest.mark.parametrize(
    ("header", "expected"),
    [("ar-SA,ar;q=0.9,en;q=0.8", "ar"), ("fr-FR, ar;q=0.5", "ar"), ("fr", "en"), ("", "en")],
)
def test_accept_language_chooses_without_lang(client, session, header, expected):
    response = get_session(client, session, accept_language=header)

    assert response["Content-Language"] == expected
    assert response.json()["title"] == getattr(session, f"title_{expected}")
    assert "Accept-Language" in response["Vary"]


def test_lang_wins_over_accept_language_and_a_cookie_plays_no_part(client, session):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"

    asked = get_session(client, session, "?lang=en", accept_language="ar")
    cookie_only = get_session(client, session)

    assert (asked["Content-Language"], asked.json()["title"]) == ("en", "Cities of the Future")
    assert (cookie_only["Content-Language"], cookie_only.json()["title"]) == (
        "en",
        "Cities of the Future",
    )


def test_lang_all_gives_every_language_and_no_fallback(client, session):
    response = get_session(client, session, "?lang=all")

    data = response.json()
    assert response["Content-Language"] == "en, ar"
    assert data["title"] == {"en": "Cities of the Future", "ar": "مدن المستقبل"}
    # Not written in Arabic: lang=all says so, where lang=ar falls back to English.
    assert data["description"] == {"en": "How ready cities are for the next crisis.", "ar": ""}
    assert data["kind_label"] == {
        "en": "Plenary",
        "ar": label("ar", "session kind", "Plenary"),
    }
    assert data["page_url"] == {
        code: f"{SITE}/{code}/summits/riyadh-2020/sessions/cities-of-the-future/"
        for code in ("en", "ar")
    }
    assert data["api_url"] == f"{SITE}/api/v1/sessions/{session.pk}"


def test_lang_ar_falls_back_to_english_where_arabic_is_missing(client, session):
    data = get_session(client, session, "?lang=ar").json()

    assert data["description"] == "How ready cities are for the next crisis."


def test_codes_and_times_are_the_same_in_every_language(client, session):
    answers = [get_session(client, session, f"?lang={lang}").json() for lang in ("en", "ar")]

    fields = ("id", "slug", "kind", "status", "starts_at", "starts_at_local", "time_zone")
    assert [{name: answer[name] for name in fields} for answer in answers] == [
        {
            "id": session.pk,
            "slug": "cities-of-the-future",
            "kind": "plenary",
            "status": "scheduled",
            "starts_at": "2020-09-30T07:00:00Z",
            "starts_at_local": "2020-09-30T10:00:00+03:00",
            "time_zone": "Asia/Riyadh",
        }
    ] * 2


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_unknown_lang_is_refused_in_the_accepted_language(client, session, lang):
    response = get_session(client, session, "?lang=fr", accept_language=lang)

    assert response.status_code == 422
    assert response["Content-Language"] == lang
    assert response.json() == {
        "detail": ui(lang, "Some values in the request cannot be used."),
        "errors": [
            {
                "location": "query",
                "parameter": "lang",
                "message": ui(lang, "Choose one of: %(choices)s.") % {"choices": "en, ar, all"},
            }
        ],
    }
