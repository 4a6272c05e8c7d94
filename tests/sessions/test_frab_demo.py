"""The frab exports of the demo's summits, the 2020 edition and the practice
edition, in both languages: valid against the published schemas, and read
back as a frab importer reads schedule.xml. One demo load is shared by the
module (see tests/demo/shared_load.py)."""

import json

import pytest
from django.utils import translation
from lxml import etree

from sessions.models import Session
from tests.demo.shared_load import demo_loaded_once
from tests.sessions.frab_fixtures import frab_json_validator, import_frab_xml, json_errors
from tests.sessions.schedule_fixtures import frab_schema
from u20.models import Summit
from u20.times import day_bounds

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_loaded")]

SCHEMA = frab_schema()
VALIDATOR = frab_json_validator()
SUMMITS = ["riyadh-2020", "practice"]
LANGUAGES = ["en", "ar"]


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    with demo_loaded_once(django_db_blocker, tmp_path_factory.mktemp("demo-media")):
        yield


def _get(client, slug, name, lang):
    response = client.get(f"/{lang}/summits/{slug}/agenda/{name}")
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", SUMMITS)
def test_demo_schedule_xml_validates_against_frab_schema(client, slug, lang):
    document = etree.fromstring(_get(client, slug, "schedule.xml", lang))

    assert SCHEMA.validate(document), SCHEMA.error_log
    assert (
        len(document.findall("day/room/event"))
        == Session.objects.filter(summit__slug=slug, is_published=True).count()
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", SUMMITS)
def test_demo_schedule_frab_json_validates_against_frab_json_schema(client, slug, lang):
    document = json.loads(_get(client, slug, "schedule.frab.json", lang))

    assert json_errors(VALIDATOR, document) == []


@pytest.mark.parametrize("slug", SUMMITS)
def test_demo_schedule_xml_reads_as_a_frab_importer_reads_it(client, slug):
    summit = Summit.objects.get(slug=slug)
    sessions = {s.pk: s for s in Session.objects.filter(summit=summit, is_published=True)}
    english, arabic = (
        import_frab_xml(_get(client, slug, "schedule.xml", lang)) for lang in LANGUAGES
    )

    days = summit.days()
    assert english["version"] == arabic["version"]
    assert (english["acronym"], english["start"], english["end"], english["days"]) == (
        slug.replace("-", "_"),
        days[0],
        days[-1],
        len(days),
    )
    assert (english["title"], arabic["title"]) == (summit.name_en, summit.name_ar)
    assert english["time_zone"] == summit.time_zone
    assert [(d["index"], d["date"], d["start"], d["end"]) for d in english["day_list"]] == [
        (index, day, *day_bounds(day, summit.zone)) for index, day in enumerate(days, start=1)
    ]
    # Rooms and tracks are the same in both languages, told apart by guid and slug.
    rooms = [
        [[guid for _name, guid in day["rooms"]] for day in i["day_list"]] for i in (english, arabic)
    ]
    assert rooms[0] == rooms[1]
    assert rooms[0][0] != []
    assert [t.get("slug") for t in english["tracks"]] == [t.get("slug") for t in arabic["tracks"]]
    assert english["events"].keys() == arabic["events"].keys()
    assert len(english["events"]) == len(sessions) > 0
    for guid, event in english["events"].items():
        session = sessions[event["id"]]
        other = arabic["events"][guid]
        with translation.override("en"):
            page = f"https://summit.example.org{session.get_absolute_url()}"
        assert event["starts_at"] == session.starts_at
        assert event["starts_at"] + event["duration"] == session.ends_at
        assert event["room"] == event["room_field"]
        assert (event["slug"], event["day"], event["duration"]) == (
            other["slug"],
            other["day"],
            other["duration"],
        )
        # Each event names the language its session is held in, in both schedules.
        assert (event["language"], other["language"]) == (session.floor_language,) * 2
        assert [p[0] for p in event["persons"]] == [p[0] for p in other["persons"]]
        assert len(event["persons"]) == session.session_speakers.count()
        assert [href for href, _text in event["links"]] == [page]
