"""The communiqué in Chromium, in English and Arabic: a journalist follows a
link to one recommendation, a reader filters by status and reads the chart's
numbers, and axe-core scans every page visited."""

import re
from datetime import date

import pytest
from django.utils import translation
from playwright.sync_api import expect

from recommendations.models import STATUS_LABELS
from tests.e2e.conftest import LANGUAGES, assert_accessible, ui
from tests.recommendations.factories import (
    add_update,
    make_area,
    make_communique,
    make_endorsement,
    make_recommendation,
)

pytestmark = pytest.mark.browser

IN_PROGRESS = [3, 12, 20]
IMPLEMENTED = [5]


def status_label(lang: str, status: str) -> str:
    with translation.override(lang):
        return str(STATUS_LABELS[status])


def recommendation_name(lang: str, number: int) -> str:
    return ui(lang, "Recommendation %(number)s") % {"number": number}


@pytest.fixture
def communique(demo):
    """The demo summit's communiqué: 27 recommendations in four areas, some
    followed up, endorsed by a G20 city and an observer city."""
    communique = make_communique(
        summit=demo.summit,
        title_en="Communiqué of the U20 Mayors Summit, Riyadh 2020",
        title_ar="البيان الختامي لقمة عمداء مجموعة تواصل المجتمع الحضري U20، الرياض 2020",
        is_summary=True,
    )
    areas = [
        make_area(
            communique=communique,
            title_en="Partner by investing in a green and just COVID-19 recovery",
            title_ar="الشراكة عبر الاستثمار في تعافٍ أخضر وعادل من جائحة كوفيد-19",
        ),
        *[make_area(communique=communique) for _ in range(3)],
    ]
    for number in range(1, 28):
        recommendation = make_recommendation(
            area=areas[(number - 1) // 7],
            number=number,
            text_en=f"Cities ask for action number {number}.",
            text_ar=f"تطلب المدن الإجراء رقم {number}.",
        )
        recommendation.themes.add(demo.themes["nature"])
        if number in IN_PROGRESS + IMPLEMENTED:
            add_update(recommendation, status="acknowledged", day=date(2020, 11, 22))
            status = "in_progress" if number in IN_PROGRESS else "implemented"
            add_update(recommendation, status=status, day=date(2021, 6, 30))
    communique.recommendations.get(number=12).sessions.add(demo.sessions["transport"])
    make_endorsement(communique=communique, city=demo.riyadh)
    return communique


def communique_url(lang: str, communique, rest: str = "") -> str:
    return f"/{lang}/summits/{communique.summit.slug}/communique/{rest}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_link_to_one_recommendation_lands_on_it(page, communique, lang):
    page.goto(communique_url(lang, communique, "#r-12"))

    target = page.locator("#r-12")
    expect(target).to_be_in_viewport()
    expect(target.get_by_role("heading", level=4)).to_have_text(recommendation_name(lang, 12))
    expect(target).to_contain_text(status_label(lang, "in_progress"))
    session = getattr(communique.recommendations.get(number=12).sessions.get(), f"title_{lang}")
    expect(target.get_by_role("link", name=session)).to_be_visible()
    assert_accessible(page)

    target.get_by_role(
        "link", name=ui(lang, "Follow-up of recommendation %(number)s") % {"number": 12}
    ).click()

    expect(page).to_have_url(re.compile(re.escape(communique_url(lang, communique, "r/12/")) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(recommendation_name(lang, 12))
    timeline = page.get_by_role("list", name=ui(lang, "What has become of it"))
    expect(timeline.get_by_role("listitem")).to_have_count(2)
    assert_accessible(page)

    page.get_by_role("navigation", name=ui(lang, "Breadcrumbs")).get_by_role("link").click()

    expect(page).to_have_url(re.compile(r"/communique/#r-12$"))
    expect(page.locator("#r-12")).to_be_in_viewport()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_status_filter_lists_only_that_status(page, communique, lang):
    page.goto(communique_url(lang, communique))
    assert_accessible(page)

    page.get_by_label(ui(lang, "Status"), exact=True).select_option(
        label=status_label(lang, "in_progress")
    )
    page.get_by_role("button", name=ui(lang, "Apply")).click()

    expect(page).to_have_url(re.compile(r"[?&]status=in_progress(&|$)"))
    section = page.locator("#recommendations")
    expect(section.get_by_role("heading", level=4)).to_have_text(
        [recommendation_name(lang, number) for number in IN_PROGRESS]
    )
    expect(page.get_by_label(ui(lang, "Status"), exact=True)).to_have_value("in_progress")
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_follow_up_chart_has_its_numbers_as_text(page, communique, lang):
    page.goto(communique_url(lang, communique))

    chart = page.get_by_role("figure")
    table = chart.get_by_role("table")
    rows = {
        status: table.get_by_role("row").filter(
            has=page.get_by_role("rowheader", name=status_label(lang, status), exact=True)
        )
        for status in STATUS_LABELS
    }
    expected = {
        "not_started": 23,
        "acknowledged": 0,
        "in_progress": 3,
        "implemented": 1,
        "not_taken_up": 0,
    }
    for status, count in expected.items():
        expect(rows[status].get_by_role("cell")).to_have_text(str(count))
    expect(chart.locator("svg[aria-hidden='true']")).to_have_count(5)
    assert_accessible(page)

    rows["implemented"].get_by_role("link").click()

    expect(page).to_have_url(re.compile(r"\?status=implemented#recommendations$"))
    expect(page.locator("#recommendations").get_by_role("heading", level=4)).to_have_text(
        [recommendation_name(lang, 5)]
    )
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bad_filter_keeps_the_page_and_says_why(page, communique, lang):
    page.goto(communique_url(lang, communique, "?status=bogus&theme=%3Cscript%3E"))

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(
        page.get_by_text(ui(lang, "That is not a status we know; all statuses are shown."))
    ).to_be_visible()
    expect(page.locator("#recommendations").get_by_role("heading", level=4)).to_have_count(27)
    assert_accessible(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printing_gives_one_document_without_navigation_or_filters(page, communique, lang):
    page.emulate_media(media="print")

    page.goto(communique_url(lang, communique))

    expect(page.get_by_role("banner")).to_be_hidden()
    expect(page.get_by_role("search")).to_be_hidden()
    expect(page.get_by_role("navigation", name=ui(lang, "Contents"))).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#r-27")).to_be_visible()
    expect(page.get_by_role("figure")).to_be_visible()
    expect(page.locator("#endorsements")).to_be_visible()
