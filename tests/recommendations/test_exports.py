import csv
import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_city, make_session, make_summit, make_theme
from tests.recommendations.factories import (
    add_update,
    make_area,
    make_communique,
    make_endorsement,
    make_full_communique,
    make_recommendation,
)

pytestmark = pytest.mark.django_db

JSON_URL = "/{lang}/summits/riyadh-2020/communique/communique.json"
CSV_URL = "/{lang}/summits/riyadh-2020/communique/communique.csv"


@pytest.fixture
def communique():
    summit = make_summit(slug="riyadh-2020")
    communique = make_communique(
        summit=summit, title_en="Riyadh Communiqué", title_ar="بيان الرياض", is_summary=True
    )
    area = make_area(communique=communique, title_en="Recovery", title_ar="التعافي")
    first = make_recommendation(area=area, text_en="Fund green jobs.", text_ar="تمويل الوظائف.")
    first.themes.add(make_theme(name_en="Nature", name_ar="الطبيعة", slug="nature"))
    first.sessions.add(
        make_session(summit=summit, slug="opening", title_en="Opening", title_ar="الافتتاح")
    )
    add_update(
        first, status="in_progress", day=date(2021, 6, 30), source_url="https://example.org/1"
    )
    # What an organiser typed that a spreadsheet would run as a formula.
    make_recommendation(area=area, text_en='=HYPERLINK("http://x")', text_ar="نص")
    make_endorsement(
        communique=communique,
        city=make_city(name_en="Seoul", name_ar="سول", slug="seoul", country_en="Korea"),
        signatory_title_en="Mayor",
        signatory_title_ar="عمدة",
        endorsed_on=date(2020, 10, 2),
    )
    return communique


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_json_export_parses_and_holds_both_languages(client, communique, lang):
    response = client.get(JSON_URL.format(lang=lang))

    data = json.loads(response.content)
    [area] = data["areas"]
    first = area["recommendations"][0]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (data["communique"]["title_en"], data["communique"]["title_ar"]) == (
        "Riyadh Communiqué",
        "بيان الرياض",
    )
    assert data["communique"]["is_summary"] is True
    assert data["communique"]["handed_over_on"] == "2020-10-02"
    assert (area["number"], area["title_en"], area["title_ar"]) == (1, "Recovery", "التعافي")
    assert (first["number"], first["text_en"], first["text_ar"], first["status"]) == (
        1,
        "Fund green jobs.",
        "تمويل الوظائف.",
        "in_progress",
    )
    assert first["url"] == f"https://summit.example.org/{lang}/summits/riyadh-2020/communique/#r-1"
    assert first["themes"] == [{"slug": "nature", "name_en": "Nature", "name_ar": "الطبيعة"}]
    assert first["sessions"][0]["title_ar"] == "الافتتاح"
    assert first["updates"][0]["source_url"] == "https://example.org/1"
    assert area["recommendations"][1]["status"] == "not_started"
    assert data["statuses"]["in_progress"]["en"] == "In progress"
    assert data["endorsements"] == [
        {
            "city": {
                "slug": "seoul",
                "name_en": "Seoul",
                "name_ar": "سول",
                "country_en": "Korea",
                "country_ar": "دولة",
                "membership": "g20",
            },
            "signatory_name_en": "",
            "signatory_name_ar": "",
            "signatory_title_en": "Mayor",
            "signatory_title_ar": "عمدة",
            "date": "2020-10-02",
        }
    ]


def test_csv_export_is_utf8_with_bom_and_one_row_per_recommendation(client, communique):
    response = client.get(CSV_URL.format(lang="ar"))

    text = response.content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert text.startswith("\ufeffnumber,area_number,")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="riyadh-2020-communique.csv"' in response["Content-Disposition"]
    assert [(row["number"], row["text_en"], row["text_ar"], row["status"]) for row in rows] == [
        ("1", "Fund green jobs.", "تمويل الوظائف.", "in_progress"),
        ("2", '\'=HYPERLINK("http://x")', "نص", "not_started"),
    ]
    assert (rows[0]["themes_en"], rows[0]["themes_ar"], rows[0]["status_date"]) == (
        "Nature",
        "الطبيعة",
        "2021-06-30",
    )
    assert rows[0]["url"] == "https://summit.example.org/ar/summits/riyadh-2020/communique/#r-1"


@pytest.mark.parametrize("url", [JSON_URL, CSV_URL])
def test_exports_of_an_unpublished_communique_are_not_found(client, communique, url):
    communique.is_published = False
    communique.save()

    assert client.get(url.format(lang="en")).status_code == 404


@pytest.mark.parametrize("url", [JSON_URL, CSV_URL])
def test_exports_make_the_same_queries_for_27_and_200_recommendations(client, url):
    counts = []
    for size in (27, 200):
        communique = make_full_communique(recommendations=size)
        path = url.replace("riyadh-2020", communique.summit.slug).format(lang="en")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        counts.append(len(queries))
        assert response.status_code == 200

    assert counts[0] == counts[1]
