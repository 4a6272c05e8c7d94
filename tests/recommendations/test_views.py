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

PAGE = "/{lang}/summits/riyadh-2020/communique/"


@pytest.fixture
def summit():
    return make_summit(slug="riyadh-2020", name_en="U20 Mayors Summit 2020")


@pytest.fixture
def communique(summit):
    """Two areas, three recommendations, one with a theme, a session and a
    timeline; Rome (G20) and Madrid (observer) endorse it."""
    communique = make_communique(
        summit=summit,
        title_en="Riyadh Communiqué",
        title_ar="بيان الرياض",
        preamble_en="Mayors of the G20 cities agreed on this.",
        preamble_ar="اتفق عمداء مدن مجموعة العشرين على ما يلي.",
        is_summary=True,
    )
    first = make_area(
        communique=communique,
        title_en="Partner by investing in a green and just COVID-19 recovery",
        title_ar="الشراكة عبر الاستثمار في تعافٍ أخضر وعادل",
    )
    second = make_area(communique=communique, title_en="Nature in cities", title_ar="الطبيعة")
    theme = make_theme(name_en="Nature-based Urban Solutions", name_ar="حلول قائمة على الطبيعة")
    session = make_session(
        summit=summit, slug="public-transport", title_en="Public Transport", title_ar="النقل العام"
    )
    green = make_recommendation(area=first, text_en="Fund green jobs.", text_ar="تمويل الوظائف.")
    make_recommendation(area=first, text_en="Fund housing.", text_ar="تمويل الإسكان.")
    trees = make_recommendation(area=second, text_en="Plant trees.", text_ar="زراعة الأشجار.")
    trees.themes.add(theme)
    trees.sessions.add(session)
    add_update(green, status="acknowledged", day=date(2020, 11, 22))
    add_update(trees, status="acknowledged", day=date(2020, 11, 22))
    add_update(
        trees,
        status="in_progress",
        day=date(2021, 6, 30),
        note_en="Work has begun.",
        note_ar="بدأ العمل.",
        source_url="https://example.org/trees",
    )
    make_endorsement(
        communique=communique,
        city=make_city(
            name_en="Rome", name_ar="روما", country_en="Italy", country_ar="إيطاليا", slug="rome"
        ),
        signatory_name_en="Virginia Raggi",
        signatory_name_ar="فيرجينيا راجي",
    )
    make_endorsement(
        communique=communique,
        city=make_city(
            name_en="Madrid",
            name_ar="مدريد",
            country_en="Spain",
            country_ar="إسبانيا",
            slug="madrid",
            membership="observer",
        ),
    )
    return communique


def numbers_shown(response) -> list[int]:
    return [r.number for group in response.context["areas"] for r in group.recommendations]


@pytest.mark.parametrize(
    ("lang", "title", "area", "text", "session"),
    [
        (
            "en",
            "Riyadh Communiqué",
            "Area 1: Partner by investing",
            "Plant trees.",
            "Public Transport",
        ),
        ("ar", "بيان الرياض", "الشراكة عبر الاستثمار", "زراعة الأشجار.", "النقل العام"),
    ],
)
def test_communique_page_in_each_language(client, communique, lang, title, area, text, session):
    response = client.get(PAGE.format(lang=lang))

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in html
    assert area in html
    assert '<li class="recommendation" id="r-3">' in html
    assert text in html
    assert f'href="/{lang}/summits/riyadh-2020/sessions/public-transport/">{session}</a>' in html
    assert f'href="/{lang}/summits/riyadh-2020/communique/r/3/"' in html
    assert numbers_shown(response) == [1, 2, 3]


def test_communique_page_says_it_is_a_summary_and_when_it_was_handed_over(client, communique):
    html = client.get(PAGE.format(lang="en")).content.decode()

    assert "A summary in our own words." in html
    assert (
        'Handed over to the G20 Presidency on <time datetime="2020-10-02">2 October 2020</time>.'
        in html
    )
    assert "Mayors of the G20 cities agreed on this." in html


def test_communique_page_shows_theme_labels_linking_to_the_filter(client, communique):
    html = client.get(PAGE.format(lang="ar")).content.decode()

    theme = communique.recommendations.get(number=3).themes.get()
    assert f'<a href="?theme={theme.slug}">حلول قائمة على الطبيعة</a>' in html


def test_endorsing_cities_are_counted_and_grouped_by_membership_and_country(client, communique):
    response = client.get(PAGE.format(lang="en"))

    groups = response.context["endorsement_groups"]
    html = response.content.decode()
    assert [(g.membership, g.count, [c.country for c in g.countries]) for g in groups] == [
        ("g20", 1, ["Italy"]),
        ("observer", 1, ["Spain"]),
    ]
    assert "Endorsed by 2 cities." in html
    assert "1 city of a G20 member country" in html
    assert "1 observer city" in html
    assert "<bdi>Virginia Raggi</bdi>" in html


def test_status_chart_counts_every_status_as_text(client, communique):
    response = client.get(PAGE.format(lang="en"))

    rows = [(row.status, row.count, row.share) for row in response.context["status_counts"]]
    html = response.content.decode()
    assert rows == [
        ("not_started", 1, "100.0"),
        ("acknowledged", 1, "100.0"),
        ("in_progress", 1, "100.0"),
        ("implemented", 0, "0.0"),
        ("not_taken_up", 0, "0.0"),
    ]
    assert '<a href="?status=in_progress#recommendations">In progress</a>' in html
    assert 'aria-hidden="true"' in html


def test_status_filter_shows_only_that_status(client, communique):
    response = client.get(PAGE.format(lang="en"), {"status": "acknowledged"})

    assert numbers_shown(response) == [1]
    assert "Showing 1 recommendation of 3." in response.content.decode()


def test_not_started_filter_includes_recommendations_without_updates(client, communique):
    response = client.get(PAGE.format(lang="ar"), {"status": "not_started"})

    assert numbers_shown(response) == [2]


def test_theme_filter_shows_only_that_theme(client, communique):
    theme = communique.recommendations.get(number=3).themes.get()

    response = client.get(PAGE.format(lang="en"), {"theme": theme.slug})

    assert numbers_shown(response) == [3]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"status": "bogus"}, "That is not a status we know; all statuses are shown."),
        ({"theme": "<script>alert(1)</script>"}, "That is not a theme of this communiqué"),
        ({"status": "\x00"}, "That is not a status we know"),
        ({"theme": "a\x00b", "status": "in_progress\x00"}, "That is not a theme"),
    ],
)
def test_bad_filter_is_reported_and_the_page_still_shows(client, communique, query, message):
    response = client.get(PAGE.format(lang="en"), query)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "<script>alert" not in html
    assert numbers_shown(response) == [1, 2, 3]


def test_filter_that_matches_nothing_says_so(client, communique):
    response = client.get(PAGE.format(lang="en"), {"status": "implemented"})

    assert "No recommendation matches these filters." in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/en/summits/nowhere/communique/",
        "/en/summits/nowhere/communique/r/1/",
        "/en/summits/nowhere/communique/communique.json",
        "/en/summits/nowhere/communique/communique.csv",
        "/en/summits/riyadh-2020/communique/r/4/",
        "/en/summits/riyadh-2020/communique/r/0/",
        "/en/summits/riyadh-2020/communique/r/99999999999999999999999999/",
        "/en/summits/riyadh-2020/communique/r/-1/",
        "/en/summits/riyadh-2020/communique/r/one/",
        "/en/summits/riyadh%002020/communique/",
        "/ar/summits/riyadh-2020/communique/r/%00/",
    ],
)
def test_unknown_summit_or_number_is_not_found(client, communique, path):
    assert client.get(path).status_code == 404


def test_unpublished_communique_is_not_found(client, communique):
    communique.is_published = False
    communique.save()

    assert client.get(PAGE.format(lang="en")).status_code == 404


def test_communique_of_unpublished_summit_is_not_found(client, communique):
    communique.summit.is_published = False
    communique.summit.save()

    assert client.get(PAGE.format(lang="en")).status_code == 404


def test_summit_without_communique_has_no_communique_page(client, summit):
    assert client.get(PAGE.format(lang="en")).status_code == 404


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_recommendation_page_shows_its_timeline_in_order(client, communique, lang):
    response = client.get(f"/{lang}/summits/riyadh-2020/communique/r/3/")

    html = response.content.decode()
    assert response.status_code == 200
    assert [(u.date, u.status) for u in response.context["updates"]] == [
        (date(2020, 11, 22), "acknowledged"),
        (date(2021, 6, 30), "in_progress"),
    ]
    assert response.context["recommendation"].current_status == "in_progress"
    assert ("Work has begun." if lang == "en" else "بدأ العمل.") in html
    assert 'href="https://example.org/trees" rel="noopener noreferrer"' in html
    assert f'href="/{lang}/summits/riyadh-2020/communique/#r-3"' in html


def test_recommendation_page_without_updates_says_not_started(client, communique):
    response = client.get("/en/summits/riyadh-2020/communique/r/2/")

    html = response.content.decode()
    assert "No follow-up has been recorded yet" in html
    assert (response.context["previous"], response.context["next"]) == (1, 3)


def test_recommendation_page_links_to_the_endorsing_cities(client, communique):
    html = client.get("/en/summits/riyadh-2020/communique/r/1/").content.decode()

    assert '<a href="/en/summits/riyadh-2020/communique/#endorsements">2 cities</a>' in html


@pytest.mark.parametrize("path", ["", "?status=in_progress", "?theme=theme-x&status=bogus", "r/5/"])
def test_communique_pages_make_the_same_few_queries_for_27_and_200_recommendations(client, path):
    counts = []
    for size in (27, 200):
        communique = make_full_communique(recommendations=size, cities=size // 5)
        url = f"{communique.get_absolute_url()}{path}"
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts.append(len(queries))
        assert response.status_code == 200

    assert counts[0] == counts[1]
    assert 0 < counts[0] <= 8


def test_communique_page_lists_every_recommendation_of_200(client):
    communique = make_full_communique(recommendations=200)

    response = client.get(communique.get_absolute_url())

    assert numbers_shown(response) == list(range(1, 201))


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_session_page_links_to_the_recommendations_discussed_there(client, communique, lang):
    response = client.get(f"/{lang}/summits/riyadh-2020/sessions/public-transport/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="/{lang}/summits/riyadh-2020/communique/r/3/">' in html
    assert ("Plant trees." if lang == "en" else "زراعة الأشجار.") in html


def test_session_page_hides_recommendations_of_an_unpublished_communique(client, communique):
    communique.is_published = False
    communique.save()

    html = client.get("/en/summits/riyadh-2020/sessions/public-transport/").content.decode()

    assert "/communique/r/3/" not in html


def test_session_page_makes_the_same_queries_for_1_and_30_recommendations(client):
    counts = []
    for size in (1, 30):
        communique = make_full_communique(recommendations=size, areas=1)
        session = communique.recommendations.first().sessions.get()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(session.get_absolute_url())
        counts.append(len(queries))
        assert len(response.context["recommendations"]) == size

    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "path",
    [
        "/en/summits/riyadh-2020/",
        "/en/summits/riyadh-2020/agenda/",
        "/en/summits/riyadh-2020/speakers/",
        "/en/summits/riyadh-2020/sessions/public-transport/",
        "/en/summits/riyadh-2020/communique/",
    ],
)
def test_navigation_links_to_a_published_communique(client, communique, path):
    html = client.get(path).content.decode()

    assert '<a href="/en/summits/riyadh-2020/communique/"' in html


def test_navigation_leaves_out_an_unpublished_communique(client, communique):
    communique.is_published = False
    communique.save()

    html = client.get("/en/summits/riyadh-2020/").content.decode()

    assert "/communique/" not in html


def test_archive_links_each_edition_to_its_communique(client, communique):
    make_summit(
        slug="buenos-aires-2018", start_date=date(2018, 10, 29), end_date=date(2018, 10, 30)
    )

    html = client.get("/en/summits/").content.decode()

    assert (
        '<a href="/en/summits/riyadh-2020/communique/">Communiqué of the U20 Mayors Summit 2020</a>'
        in html
    )
    assert "/buenos-aires-2018/communique/" not in html


def test_summit_page_offers_its_communique(client, communique):
    html = client.get("/ar/summits/riyadh-2020/").content.decode()

    assert 'class="button" href="/ar/summits/riyadh-2020/communique/"' in html
