import pytest

from demo.loader import load_demo
from recommendations import demo
from recommendations.models import Area, Communique, Endorsement, FollowUpUpdate, Recommendation
from tests.demo.shared_load import demo_loaded_once

pytestmark = pytest.mark.django_db

# The endorsing cities FACTS.md names for 2020 ("among them"), and the 30
# signatories of the Tokyo communiqué of 2019.
RIYADH_2020_CITIES = [
    "barcelona",
    "berlin",
    "buenos-aires",
    "london",
    "los-angeles",
    "madrid",
    "montreal",
    "osaka",
    "paris",
    "rome",
    "seoul",
    "tokyo",
]
TOKYO_2019_CITIES = [
    "amsterdam",
    "berlin",
    "brussels",
    "buenos-aires",
    "chicago",
    "christchurch",
    "durban",
    "hamburg",
    "helsinki",
    "houston",
    "jakarta",
    "johannesburg",
    "london",
    "los-angeles",
    "madrid",
    "mexico-city",
    "milan",
    "montreal",
    "new-york",
    "osaka",
    "paris",
    "port-vila",
    "rio-de-janeiro",
    "rome",
    "rotterdam",
    "sao-paulo",
    "seoul",
    "sydney",
    "tokyo",
    "tshwane",
]


def _counts() -> dict[str, int]:
    return {
        "communiques": Communique.objects.count(),
        "areas": Area.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "endorsements": Endorsement.objects.count(),
        "updates": FollowUpUpdate.objects.count(),
    }


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """One demo load for the module, rolled back after it (see tests/demo/shared_load.py)."""
    with demo_loaded_once(django_db_blocker, tmp_path_factory.mktemp("demo-media")):
        yield


@pytest.fixture
def loaded(demo_loaded):
    return Communique.objects.get(summit__slug="riyadh-2020")


def test_demo_2020_has_27_recommendations_in_4_areas_numbered_1_to_27(loaded):
    recommendations = loaded.recommendations.select_related("area").order_by("number")

    assert list(loaded.areas.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert [r.number for r in recommendations] == list(range(1, 28))
    assert [r.area.number for r in recommendations] == sorted(
        r.area.number for r in recommendations
    )
    assert all(r.text_en and r.text_ar for r in recommendations)


def test_demo_2020_first_area_is_the_green_and_just_recovery(loaded):
    first = loaded.areas.get(number=1)

    assert first.title_en == "Partner by investing in a green and just COVID-19 recovery"
    assert first.title_ar


def test_demo_says_in_both_languages_that_it_is_a_summary(loaded):
    for communique in Communique.objects.all():
        assert communique.is_summary is True
        assert "summary in our own words" in communique.preamble_en
        assert "ملخص" in communique.preamble_ar
        assert "بصياغتنا الخاصة" in communique.preamble_ar


def test_demo_endorsements_are_the_cities_facts_names(loaded):
    tokyo = Communique.objects.get(summit__slug="tokyo-2019")

    assert sorted(loaded.endorsements.values_list("city__slug", flat=True)) == RIYADH_2020_CITIES
    assert sorted(tokyo.endorsements.values_list("city__slug", flat=True)) == TOKYO_2019_CITIES
    assert tokyo.handed_over_to_en == "Prime Minister Shinzo Abe of Japan"


def test_demo_has_follow_up_for_the_overview(loaded):
    statuses = set(
        Recommendation.objects.filter(communique=loaded)
        .with_status()
        .values_list("current_status", flat=True)
    )

    assert statuses == {"not_started", "acknowledged", "in_progress", "implemented", "not_taken_up"}


def test_demo_links_recommendations_to_2020_sessions_and_themes(loaded):
    recommendation = loaded.recommendations.get(number=17)

    assert list(recommendation.sessions.values_list("slug", flat=True)) == [
        "public-transport-building-back-better"
    ]
    assert recommendation.themes.count() == 2


def test_demo_load_twice_keeps_counts(loaded):
    first = _counts()

    demo.load()
    load_demo()

    assert first == {
        "communiques": 2,
        "areas": 7,
        "recommendations": 33,
        "endorsements": 42,
        "updates": 7,
    }
    assert _counts() == first


def test_demo_communique_pages_show_in_both_languages(client, loaded):
    english = client.get("/en/summits/riyadh-2020/communique/").content.decode()
    arabic = client.get("/ar/summits/tokyo-2019/communique/").content.decode()

    assert 'id="r-27"' in english
    assert "Endorsed by 12 cities." in english
    assert "يوريكو كويكي" in arabic
