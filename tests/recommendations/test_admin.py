from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from recommendations.models import Area, Communique, Endorsement, FollowUpUpdate, Recommendation
from tests.factories import make_city, make_session, make_summit, make_theme
from tests.recommendations.factories import (
    add_update,
    make_area,
    make_communique,
    make_endorsement,
    make_recommendation,
)
from tests.staff import sign_in_with_second_factor

pytestmark = pytest.mark.django_db

ADD = "/admin/recommendations/communique/add/"
ADD_RECOMMENDATION = "/admin/recommendations/recommendation/add/"


def change_url(communique) -> str:
    return f"/admin/recommendations/communique/{communique.pk}/change/"


def inline(data: dict, prefix: str, rows: list[dict], initial: int = 0) -> None:
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(initial)
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value


def communique_form(summit, **overrides) -> dict:
    data = {
        "summit": summit.pk,
        "title_en": "Communiqué of the U20 Mayors Summit, Riyadh 2020",
        "title_ar": "البيان الختامي لقمة عمداء مجموعة تواصل المجتمع الحضري U20، الرياض 2020",
        "is_published": "on",
        "is_summary": "on",
        "preamble_en": "Mayors agreed on 27 recommendations.",
        "preamble_ar": "اتفق العمداء على 27 توصية.",
        "handed_over_on": "2020-10-02",
        "handed_over_to_en": "the Saudi G20 Presidency",
        "handed_over_to_ar": "رئاسة المملكة العربية السعودية لمجموعة العشرين",
    }
    inline(data, "areas", [])
    inline(data, "endorsements", [])
    return {**data, **overrides}


@pytest.fixture
def communique():
    """Saved with two areas and three recommendations numbered 1..3."""
    communique = make_communique(summit=make_summit(slug="riyadh-2020"))
    first, second = make_area(communique=communique), make_area(communique=communique)
    for area in (first, first, second):
        make_recommendation(area=area)
    return communique


def change_form(communique, *, recommendations=None, areas=None, endorsements=None) -> dict:
    """The change form as the browser sends it back, with edits."""
    data = communique_form(communique.summit)
    area_rows = areas or [
        {
            "id": area.pk,
            "communique": communique.pk,
            "number": area.number,
            "title_en": area.title_en,
            "title_ar": area.title_ar,
            "introduction_en": area.introduction_en,
            "introduction_ar": area.introduction_ar,
        }
        for area in communique.areas.all()
    ]
    inline(data, "areas", area_rows, initial=communique.areas.count())
    recommendation_rows = recommendations or [
        {"id": r.pk, "communique": communique.pk, "number": r.number}
        for r in communique.recommendations.all()
    ]
    inline(
        data,
        "recommendations",
        recommendation_rows,
        initial=communique.recommendations.count(),
    )
    inline(data, "endorsements", endorsements or [], initial=communique.endorsements.count())
    return data


def errors_of(response) -> list[str]:
    return [
        str(error)
        for formset in response.context["inline_admin_formsets"]
        for error in formset.formset.non_form_errors()
    ]


def test_admin_adds_a_communique_with_areas_and_endorsements(admin_client):
    summit = make_summit()
    barcelona, seoul = make_city(membership="observer"), make_city()
    data = communique_form(summit)
    inline(
        data,
        "areas",
        [
            {"number": "1", "title_en": "Recovery", "title_ar": "التعافي"},
            {"number": "2", "title_en": "Nature", "title_ar": "الطبيعة"},
        ],
    )
    inline(
        data,
        "endorsements",
        [
            {"city": barcelona.pk, "signatory_name_en": "Ada", "signatory_name_ar": "آدا"},
            {"city": seoul.pk, "endorsed_on": "2020-10-02"},
        ],
    )

    response = admin_client.post(ADD, data)

    communique = Communique.objects.get()
    assert response.status_code == 302
    assert (communique.title_ar, communique.is_summary) == (
        "البيان الختامي لقمة عمداء مجموعة تواصل المجتمع الحضري U20، الرياض 2020",
        True,
    )
    assert list(communique.areas.values_list("number", "title_ar")) == [
        (1, "التعافي"),
        (2, "الطبيعة"),
    ]
    assert sorted(communique.endorsements.values_list("city_id", flat=True)) == sorted(
        [barcelona.pk, seoul.pk]
    )


def test_admin_add_page_asks_for_areas_before_recommendations(admin_client):
    html = admin_client.get(ADD).content.decode()

    assert 'name="areas-TOTAL_FORMS"' in html
    assert 'name="recommendations-TOTAL_FORMS"' not in html
    assert "Save and continue editing" in html


def test_admin_change_page_edits_areas_side_by_side(admin_client, communique):
    make_endorsement(communique=communique)

    response = admin_client.get(change_url(communique))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<input type="text" name="areas-1-title_ar"' in html
    assert 'lang="ar" dir="rtl"' in html
    # The city is chosen with the admin's autocomplete.
    assert 'data-model-name="endorsement" data-field-name="city"' in html
    assert "admin-autocomplete" in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_admin_change_page_lists_recommendations_compactly(admin_client, communique):
    first = communique.recommendations.get(number=1)

    response = admin_client.get(change_url(communique))

    html = response.content.decode()
    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "recommendations"
    )
    assert list(formset.forms[0].fields) == ["number", "id", "DELETE", "communique"]
    assert 'name="recommendations-0-text_en"' not in html
    assert "<p>Recommendation text 1.</p>" in html
    assert f'href="/admin/recommendations/recommendation/{first.pk}/change/"' in html
    # Each cell's input is named after its row, for screen readers.
    assert 'name="recommendations-0-number" value="1" class="vIntegerField"' in html
    assert 'aria-label="Number of Recommendation 1"' in html
    assert 'aria-label="Delete Recommendation 1"' in html


def test_admin_adds_a_recommendation_with_themes_and_sessions_on_its_own_page(
    admin_client, communique
):
    theme = make_theme()
    session = make_session(summit=communique.summit)
    area = communique.areas.get(number=2)
    data = {
        "communique": communique.pk,
        "number": "4",
        "area": area.pk,
        "text_en": "Plant trees.",
        "text_ar": "زراعة الأشجار.",
        "themes": [theme.pk],
        "sessions": [session.pk],
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
    }

    response = admin_client.post(ADD_RECOMMENDATION, data)

    added = Recommendation.objects.get(number=4)
    assert response.status_code == 302
    assert (added.communique, added.area, added.text_ar) == (communique, area, "زراعة الأشجار.")
    assert (list(added.themes.all()), list(added.sessions.all())) == ([theme], [session])


def rows_with_numbers(communique, numbers: list[int]) -> list[dict]:
    return [
        {"id": r.pk, "communique": communique.pk, "number": str(number)}
        for r, number in zip(communique.recommendations.order_by("number"), numbers, strict=True)
    ]


def test_admin_numbering_gap_is_a_form_error(admin_client, communique):
    data = change_form(communique, recommendations=rows_with_numbers(communique, [1, 2, 5]))

    response = admin_client.post(change_url(communique), data)

    assert response.status_code == 200
    assert errors_of(response) == [
        "Recommendations are numbered 1 to N across all areas, with no gap: numbers 3, 4 are "
        "missing."
    ]
    assert list(communique.recommendations.values_list("number", flat=True)) == [1, 2, 3]


def test_admin_duplicate_number_is_a_form_error_on_the_rows(admin_client, communique):
    data = change_form(communique, recommendations=rows_with_numbers(communique, [1, 2, 2]))

    response = admin_client.post(change_url(communique), data)

    message = (
        "Recommendation number 2 is used more than once: give each recommendation its own number."
    )
    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "recommendations"
    )
    assert response.status_code == 200
    assert errors_of(response) == [message]
    assert [form.errors.get("number") for form in formset.forms] == [None, [message], [message]]


def test_admin_numbering_error_is_in_the_organisers_language(admin_client, communique):
    data = change_form(communique, recommendations=rows_with_numbers(communique, [1, 2, 2]))

    response = admin_client.post(change_url(communique), data, headers={"accept-language": "ar"})

    with translation.override("ar"):
        expected = translation.ngettext(
            "Recommendation number %(numbers)s is used more than once: give each "
            "recommendation its own number.",
            "Recommendation numbers %(numbers)s are used more than once: give each "
            "recommendation its own number.",
            1,
        ) % {"numbers": "2"}
    assert errors_of(response) == [expected]


def test_admin_swaps_two_recommendation_numbers(admin_client, communique):
    first, second, third = communique.recommendations.order_by("number")
    data = change_form(communique, recommendations=rows_with_numbers(communique, [2, 1, 3]))

    response = admin_client.post(change_url(communique), data)

    numbers = dict(Recommendation.objects.values_list("pk", "number"))
    assert response.status_code == 302
    assert [numbers[first.pk], numbers[second.pk], numbers[third.pk]] == [2, 1, 3]


def test_admin_deleting_a_recommendation_and_renumbering_in_one_go(admin_client, communique):
    rows = rows_with_numbers(communique, [1, 2, 2])
    rows[1]["DELETE"] = "on"

    response = admin_client.post(
        change_url(communique), change_form(communique, recommendations=rows)
    )

    assert response.status_code == 302
    assert list(communique.recommendations.values_list("number", flat=True)) == [1, 2]


def test_admin_swaps_two_area_numbers(admin_client, communique):
    first, second = communique.areas.order_by("number")
    areas = [
        {
            "id": area.pk,
            "communique": communique.pk,
            "number": str(number),
            "title_en": "A",
            "title_ar": "أ",
        }
        for area, number in ((first, 2), (second, 1))
    ]

    response = admin_client.post(change_url(communique), change_form(communique, areas=areas))

    assert response.status_code == 302
    assert dict(Area.objects.values_list("pk", "number")) == {first.pk: 2, second.pk: 1}


def test_admin_area_gap_is_a_form_error(admin_client, communique):
    areas = [
        {
            "id": area.pk,
            "communique": communique.pk,
            "number": str(number),
            "title_en": "A",
            "title_ar": "أ",
        }
        for area, number in zip(communique.areas.all(), (1, 3), strict=True)
    ]

    response = admin_client.post(change_url(communique), change_form(communique, areas=areas))

    assert errors_of(response) == [
        "Areas are numbered 1, 2, 3 and so on, with no gap: number 2 is missing."
    ]


def test_admin_deleting_an_area_that_has_recommendations_is_a_form_error(admin_client, communique):
    areas = [
        {
            "id": area.pk,
            "communique": communique.pk,
            "number": area.number,
            "title_en": "A",
            "title_ar": "أ",
        }
        for area in communique.areas.all()
    ]
    areas[1]["DELETE"] = "on"

    response = admin_client.post(change_url(communique), change_form(communique, areas=areas))

    assert response.status_code == 200
    assert "Deleting area" in response.content.decode()
    assert communique.areas.count() == 2


def test_admin_same_city_twice_is_a_form_error(admin_client, communique):
    city = make_city()
    endorsements = [{"city": city.pk}, {"city": city.pk}]

    response = admin_client.post(
        change_url(communique), change_form(communique, endorsements=endorsements)
    )

    assert response.status_code == 200
    assert errors_of(response) == ["A city is listed twice: each city endorses a communiqué once."]
    assert Endorsement.objects.count() == 0


def test_admin_city_that_already_endorsed_is_a_form_error(admin_client, communique):
    existing = make_endorsement(communique=communique)
    endorsements = [
        {"id": existing.pk, "communique": communique.pk, "city": existing.city_id},
        {"city": existing.city_id},
    ]

    response = admin_client.post(
        change_url(communique), change_form(communique, endorsements=endorsements)
    )

    assert response.status_code == 200
    assert "This city has already endorsed this communiqué." in response.content.decode()
    assert Endorsement.objects.count() == 1


def test_admin_records_follow_up_on_the_recommendation_page(admin_client, communique):
    recommendation = communique.recommendations.get(number=1)
    add_update(recommendation, status="acknowledged", day=date(2020, 11, 22))
    url = f"/admin/recommendations/recommendation/{recommendation.pk}/change/"
    data = {
        "area": recommendation.area_id,
        "text_en": recommendation.text_en,
        "text_ar": recommendation.text_ar,
        "updates-TOTAL_FORMS": "2",
        "updates-INITIAL_FORMS": "1",
        "updates-0-id": recommendation.updates.get().pk,
        "updates-0-recommendation": recommendation.pk,
        "updates-0-date": "2020-11-22",
        "updates-0-status": "acknowledged",
        "updates-1-date": "2021-06-30",
        "updates-1-status": "in_progress",
        "updates-1-note_en": "Work has begun.",
        "updates-1-note_ar": "بدأ العمل.",
        "updates-1-source_url": "https://example.org/source",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert recommendation.status == "in_progress"
    assert FollowUpUpdate.objects.count() == 2


def test_admin_recommendation_page_offers_only_its_communiques_areas(admin_client, communique):
    make_area(communique=make_communique(), title_en="Somebody else's area")
    recommendation = communique.recommendations.get(number=1)

    response = admin_client.get(
        f"/admin/recommendations/recommendation/{recommendation.pk}/change/"
    )

    assert list(response.context["adminform"].form.fields["area"].queryset) == list(
        communique.areas.all()
    )
    assert "Somebody else" not in response.content.decode()


def test_admin_new_recommendation_form_starts_from_the_communique_it_was_opened_for(
    admin_client, communique
):
    make_area(communique=make_communique(), title_en="Somebody else's area")
    listed = f"communique__id__exact={communique.pk}"

    response = admin_client.get(ADD_RECOMMENDATION, {"_changelist_filters": listed})

    form = response.context["adminform"].form
    assert (form.initial["communique"], form.initial["number"]) == (communique.pk, 4)
    assert list(form.fields["area"].queryset) == list(communique.areas.all())


def test_admin_recommendation_list_filters_by_current_status(admin_client, communique):
    add_update(communique.recommendations.get(number=2), status="implemented")

    response = admin_client.get("/admin/recommendations/recommendation/", {"status": "implemented"})

    assert [r.number for r in response.context["cl"].result_list] == [2]


def test_admin_renumber_action_closes_gaps(admin_client, communique):
    communique.recommendations.filter(number=3).update(number=9)

    response = admin_client.post(
        "/admin/recommendations/communique/",
        {"action": "renumber", "_selected_action": [communique.pk]},
    )

    assert response.status_code == 302
    assert list(communique.recommendations.values_list("number", flat=True)) == [1, 2, 3]


def test_renumber_action_needs_permission_to_change_the_communique(client, communique):
    reader = get_user_model().objects.create_user("reader", "reader@example.org", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_communique"))
    communique.recommendations.filter(number=3).update(number=9)
    sign_in_with_second_factor(client, reader)

    response = client.post(
        "/admin/recommendations/communique/",
        {"action": "renumber", "_selected_action": [communique.pk]},
    )

    assert response.status_code == 200  # the list again: no such action for this reader
    assert list(communique.recommendations.values_list("number", flat=True)) == [1, 2, 9]


def test_admin_refuses_a_pdf_that_is_not_one(admin_client):

    data = communique_form(
        make_summit(), pdf=SimpleUploadedFile("communique.pdf", b"<html>not a pdf</html>")
    )

    response = admin_client.post(ADD, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["pdf"] == ["This file is not a PDF document."]
    assert Communique.objects.count() == 0
