"""A communiqué editor goes from the communiqué's page in the admin to its
recommendations, narrows them to one area, and changes one, in each
language."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation
from playwright.sync_api import expect

from recommendations.models import Recommendation
from tests.e2e.conftest import LANGUAGES, assert_accessible, sign_in_to_admin, ui
from tests.recommendations.factories import make_area, make_communique, make_recommendation
from tests.staff import STAFF_PASSWORD
from u20.roles import COMMUNIQUE_EDITORS, sync_roles

pytestmark = pytest.mark.browser

RECOMMENDATIONS = [
    (
        1,
        "Cities should be at the table when recovery plans are written.",
        "ينبغي أن تشارك المدن في إعداد خطط التعافي.",
    ),
    (
        1,
        "Recovery funds should reach local governments directly.",
        "ينبغي أن تصل أموال التعافي إلى الحكومات المحلية مباشرة.",
    ),
    (
        2,
        "Plant trees along every new public transport line.",
        "زراعة الأشجار على امتداد كل خط جديد للنقل العام.",
    ),
    (
        2,
        "Protect the green spaces that cities already have.",
        "حماية المساحات الخضراء القائمة في المدن.",
    ),
]


@pytest.fixture
def editor(live_server):
    # A transactional test elsewhere may have emptied the groups the migration made.
    sync_roles()
    user = get_user_model().objects.create_user(
        "hessa", "hessa@example.org", STAFF_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=COMMUNIQUE_EDITORS))
    return user


@pytest.fixture
def communique(demo):
    communique = make_communique(
        summit=demo.summit,
        title_en="Communiqué of the U20 Mayors Summit, Riyadh 2020",
        title_ar="البيان الختامي لقمة عمداء مجموعة تواصل المجتمع الحضري، الرياض 2020",
    )
    areas = {
        1: make_area(
            communique=communique,
            title_en="A recovery that reaches everyone",
            title_ar="تعافٍ يشمل الجميع",
        ),
        2: make_area(
            communique=communique,
            title_en="Nature in the city",
            title_ar="الطبيعة في المدينة",
        ),
    }
    for area, text_en, text_ar in RECOMMENDATIONS:
        make_recommendation(area=areas[area], text_en=text_en, text_ar=text_ar)
    return communique


def edit_link(lang: str, count: int) -> str:
    with translation.override(lang):
        return translation.ngettext(
            "Edit the %(counter)s recommendation of this communiqué",
            "Edit the %(counter)s recommendations of this communiqué",
            count,
        ) % {"counter": count}


def in_language(lang: str, thing) -> str:
    with translation.override(lang):
        return str(thing)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_editor_filters_a_communiques_recommendations_by_area_and_edits_one(
    page, live_server, editor, communique, lang
):
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    communique_page = f"/admin/recommendations/communique/{communique.pk}/change/"
    nature = communique.areas.get(number=2)
    trees = communique.recommendations.get(number=3)

    sign_in_to_admin(page, editor, goto=communique_page, lang=lang)
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    # The communiqué's page lists its recommendations in a compact table.
    expect(page.locator("#recommendations-group tr.has_original")).to_have_count(4)
    assert_accessible(page)

    page.get_by_role("link", name=edit_link(lang, 4)).click()
    expect(page.locator("#result_list tbody tr")).to_have_count(4)
    assert_accessible(page)

    page.locator("#changelist-filter").get_by_role("link", name=in_language(lang, nature)).click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(getattr(trees, f"text_{lang}"))
    assert_accessible(page)

    rows.first.get_by_role("link", name=getattr(trees, f"text_{lang}")).click()
    expect(page.locator("#id_text_ar")).to_have_value(trees.text_ar)
    assert_accessible(page)
    page.locator("#id_text_en").fill("Plant shade trees along every new public transport line.")
    page.locator("#id_text_ar").fill("زراعة أشجار الظل على امتداد كل خط جديد للنقل العام.")
    page.get_by_role("button", name=ui(lang, "Save"), exact=True).click()

    # Back on the list as it was left: this communiqué, this area.
    expect(page).to_have_url(re.compile(rf"area={nature.pk}"))
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    assert_accessible(page)
    trees = Recommendation.objects.get(pk=trees.pk)
    assert (trees.number, trees.text_ar) == (
        3,
        "زراعة أشجار الظل على امتداد كل خط جديد للنقل العام.",
    )
