"""Recommendations in the admin have their own list and pages: the list is
filtered by communiqué and area and searched, each page saves one
recommendation with its follow-up updates, and the communiqué's page keeps
a compact table of them. However many recommendations a communiqué has, each
of these pages runs the same number of queries."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from recommendations.models import Recommendation
from tests.factories import make_session, make_summit
from tests.recommendations.factories import (
    add_update,
    make_area,
    make_communique,
    make_full_communique,
    make_recommendation,
)
from tests.recommendations.test_admin import change_form, change_url, inline
from tests.staff import sign_in_with_second_factor
from tests.translations import ui
from tests.u20.role_fixtures import staff
from u20.roles import COMMUNIQUE_EDITORS, PROGRAMME, sync_roles

pytestmark = pytest.mark.django_db

LIST = "/admin/recommendations/recommendation/"
ADD = "/admin/recommendations/recommendation/add/"
# What one page of the admin may cost, whatever the number of rows: the
# session, the user and their permissions, the page's own reads and writes.
LIST_QUERIES = 14
COMMUNIQUE_QUERIES = 35
RECOMMENDATION_QUERIES = 40


def recommendation_url(recommendation) -> str:
    return f"{LIST}{recommendation.pk}/change/"


def listed(communique) -> dict:
    return {"communique__id__exact": communique.pk}


def grow(communique, *, to: int) -> None:
    """More recommendations, like the first ones, in the communiqué's last area."""
    area = communique.areas.order_by("number").last()
    first = communique.recommendations.first()
    for number in range(communique.recommendations.count() + 1, to + 1):
        recommendation = make_recommendation(area=area, number=number)
        recommendation.themes.set(first.themes.all())
        recommendation.sessions.set(first.sessions.all())
        add_update(recommendation, status="acknowledged", day=date(2020, 11, 22))


def recommendation_form(recommendation, **overrides) -> dict:
    """The recommendation's page as the browser sends it back, its follow-up
    updates included."""
    data = {
        "area": recommendation.area_id,
        "text_en": recommendation.text_en,
        "text_ar": recommendation.text_ar,
        "themes": [theme.pk for theme in recommendation.themes.all()],
        "sessions": [session.pk for session in recommendation.sessions.all()],
    }
    updates = recommendation.updates.order_by("date", "pk")
    inline(
        data,
        "updates",
        [
            {
                "id": update.pk,
                "recommendation": recommendation.pk,
                "date": update.date.isoformat(),
                "status": update.status,
                "note_en": update.note_en,
                "note_ar": update.note_ar,
                "source_url": update.source_url,
            }
            for update in updates
        ],
        initial=len(updates),
    )
    return {**data, **overrides}


def count_queries(send) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = send()
    return len(queries), response


def error_list(response, field: str) -> list[str]:
    return list(response.context["adminform"].form.errors.get(field, []))


@pytest.fixture
def communique():
    return make_full_communique(recommendations=27, summit=make_summit(slug="riyadh-2020"))


# Bounded queries, with 27 recommendations and with 200


def test_recommendation_list_costs_the_same_with_27_or_200(admin_client, communique):
    admin_client.get(LIST)
    counts = []
    for size in (27, 200):
        grow(communique, to=size)
        queries, response = count_queries(lambda: admin_client.get(LIST, listed(communique)))
        assert response.context["cl"].result_count == size
        counts.append(queries)

    assert counts[0] == counts[1]
    assert counts[1] <= LIST_QUERIES


def test_saving_a_recommendation_costs_the_same_with_27_or_200(admin_client, communique):
    counts = []
    # Two recommendations alike: one follow-up update each.
    for size, number in ((27, 2), (200, 200)):
        grow(communique, to=size)
        recommendation = communique.recommendations.get(number=number)
        assert recommendation.updates.count() == 1
        data = recommendation_form(recommendation, text_ar=f"نص معدّل {size}.")
        data.update(
            {
                "updates-TOTAL_FORMS": str(int(data["updates-TOTAL_FORMS"]) + 1),
                f"updates-{data['updates-TOTAL_FORMS']}-date": "2022-03-01",
                f"updates-{data['updates-TOTAL_FORMS']}-status": "implemented",
            }
        )
        admin_client.get(recommendation_url(recommendation))

        queries, response = count_queries(
            lambda r=recommendation, d=data: admin_client.post(recommendation_url(r), d)
        )

        assert response.status_code == 302
        recommendation.refresh_from_db()
        assert (recommendation.text_ar, recommendation.status) == (
            f"نص معدّل {size}.",
            "implemented",
        )
        counts.append(queries)

    assert counts[0] == counts[1]
    assert counts[1] <= RECOMMENDATION_QUERIES


def test_saving_the_communique_costs_the_same_with_27_or_200(admin_client, communique):
    counts = []
    for size in (27, 200):
        grow(communique, to=size)
        admin_client.get(change_url(communique))
        data = change_form(communique, endorsements=[])
        data["preamble_en"] = f"Mayors agreed on {size} recommendations."
        data["endorsements-TOTAL_FORMS"] = data["endorsements-INITIAL_FORMS"] = "0"

        page_queries, page = count_queries(lambda: admin_client.get(change_url(communique)))
        queries, response = count_queries(
            lambda d=data: admin_client.post(change_url(communique), d)
        )

        assert (page.status_code, response.status_code) == (200, 302)
        communique.refresh_from_db()
        assert communique.preamble_en == f"Mayors agreed on {size} recommendations."
        counts.append((page_queries, queries))

    assert counts[0] == counts[1]
    assert max(counts[1]) <= COMMUNIQUE_QUERIES


def test_communique_page_with_200_recommendations_is_short(admin_client, communique):
    grow(communique, to=200)

    html = admin_client.get(change_url(communique)).content.decode()

    assert 'name="recommendations-199-number"' in html
    assert "recommendations-0-text_en" not in html
    assert "recommendations-0-themes" not in html
    assert "updates-TOTAL_FORMS" not in html


# The communiqué's page leads to its recommendations


def test_communique_page_links_to_its_recommendations(admin_client, communique):
    html = admin_client.get(change_url(communique)).content.decode()

    assert (
        f'<a href="/admin/recommendations/recommendation/?communique__id__exact={communique.pk}">'
        "Edit the 27 recommendations of this communiqué</a>"
    ) in html
    assert (
        '<a href="/admin/recommendations/recommendation/add/?_changelist_filters='
        f'communique__id__exact%3D{communique.pk}" class="addlink">Add a recommendation</a>'
    ) in html


def test_communique_page_links_in_arabic(admin_client, communique):
    admin_client.cookies["django_language"] = "ar"

    html = admin_client.get(change_url(communique)).content.decode()

    with translation.override("ar"):
        link = translation.ngettext(
            "Edit the %(counter)s recommendation of this communiqué",
            "Edit the %(counter)s recommendations of this communiqué",
            27,
        ) % {"counter": 27}
    assert link != "Edit the 27 recommendations of this communiqué"
    assert f"{link}</a>" in html
    assert f"{ui('ar', 'Add a recommendation')}</a>" in html
    assert '<html lang="ar" dir="rtl"' in html


# The list


def test_recommendation_list_filters_by_communique_then_area(admin_client, communique):
    other = make_full_communique(recommendations=3, areas=1)
    second_area = communique.areas.get(number=2)

    response = admin_client.get(LIST, {**listed(communique), "area": second_area.pk})

    html = response.content.decode()
    assert [r.number for r in response.context["cl"].result_list] == [8, 9, 10, 11, 12, 13, 14]
    assert "By communiqué" in html
    assert "By area" in html
    assert f"?area={second_area.pk}&amp;communique__id__exact={communique.pk}" in html
    # Only this communiqué's areas are offered.
    assert f"area={other.areas.get().pk}" not in html


def test_recommendation_list_offers_areas_once_a_communique_is_chosen(admin_client, communique):
    make_full_communique(recommendations=2, areas=1)

    response = admin_client.get(LIST)

    titles = [spec.title for spec in response.context["cl"].filter_specs]
    assert response.context["cl"].result_count == 29
    assert "area" not in titles
    assert "communiqué" in titles


def test_recommendation_list_in_arabic(admin_client, communique):
    admin_client.cookies["django_language"] = "ar"

    response = admin_client.get(LIST, listed(communique))

    html = response.content.decode()
    with translation.override("ar"):
        by_area = translation.gettext(" By %(filter_title)s ").strip() % {
            "filter_title": translation.gettext("area")
        }
        status = translation.pgettext("recommendation status", "In progress")
    assert '<html lang="ar" dir="rtl"' in html
    assert by_area in html
    assert by_area != "By area"
    assert status in html
    assert communique.areas.get(number=1).title_ar in html
    assert "نص التوصية 1." in html


def test_recommendation_list_searches_number_and_text(admin_client, communique):
    by_number = admin_client.get(LIST, {**listed(communique), "q": "12"})
    by_text = admin_client.get(LIST, {"q": '"نص التوصية 3."'})

    assert [r.number for r in by_number.context["cl"].result_list] == [12]
    assert [r.number for r in by_text.context["cl"].result_list] == [3]


def test_recommendation_list_ignores_filter_values_it_does_not_know(admin_client, communique):
    response = admin_client.get(
        LIST, {"communique__id__exact": "9" * 30, "area": "x", "status": "nope"}
    )

    assert response.status_code in (200, 302)
    response = admin_client.get(LIST, {**listed(communique), "area": "9" * 30})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 27


# Who may open the list and the pages


@pytest.fixture
def roles():
    sync_roles()


def test_staff_without_recommendation_permissions_are_refused(client, communique, roles):
    sign_in_with_second_factor(client, staff(role=PROGRAMME))
    recommendation = communique.recommendations.first()

    responses = [
        client.get(LIST),
        client.get(recommendation_url(recommendation)),
        client.post(recommendation_url(recommendation), recommendation_form(recommendation)),
        client.get(ADD),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403, 403]
    assert Recommendation.objects.get(pk=recommendation.pk).text_en == recommendation.text_en


def test_communique_page_shows_no_recommendation_links_without_their_permissions(
    client, communique
):
    reader = get_user_model().objects.create_user("reader", "reader@example.org", is_staff=True)
    reader.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_communique", "change_communique"])
    )
    sign_in_with_second_factor(client, reader)

    response = client.get(change_url(communique))

    html = response.content.decode()
    assert response.status_code == 200
    assert "recommendations-TOTAL_FORMS" not in html
    assert "/admin/recommendations/recommendation/" not in html


def test_communique_editors_open_the_list_and_a_recommendation(client, communique, roles):
    sign_in_with_second_factor(client, staff(role=COMMUNIQUE_EDITORS))

    listing = client.get(LIST, listed(communique))
    page = client.get(recommendation_url(communique.recommendations.first()))

    assert listing.context["cl"].result_count == 27
    assert page.context["has_change_permission"] is True


# Bad input


def test_emptied_required_text_is_an_error_that_keeps_what_was_typed(admin_client, communique):
    recommendation = communique.recommendations.get(number=2)
    data = recommendation_form(recommendation, text_en="", text_ar="نص كتبه المحرر للتو.")

    response = admin_client.post(recommendation_url(recommendation), data)

    assert response.status_code == 200
    assert error_list(response, "text_en") == ["This field is required."]
    assert "نص كتبه المحرر للتو.</textarea>" in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.text_ar == "نص التوصية 2."


def test_emptied_required_text_is_an_error_in_arabic(admin_client, communique):
    recommendation = communique.recommendations.get(number=2)
    admin_client.cookies["django_language"] = "ar"

    response = admin_client.post(
        recommendation_url(recommendation), recommendation_form(recommendation, text_en="")
    )

    assert error_list(response, "text_en") == [ui("ar", "This field is required.")]
    assert ui("ar", "This field is required.") != "This field is required."


def test_bad_follow_up_update_is_an_error_not_a_500(admin_client, communique):
    recommendation = communique.recommendations.get(number=2)
    before = recommendation.updates.count()
    data = recommendation_form(recommendation)
    index = data["updates-TOTAL_FORMS"]
    data.update(
        {
            "updates-TOTAL_FORMS": str(int(index) + 1),
            f"updates-{index}-date": "not a date",
            f"updates-{index}-status": "invented",
            f"updates-{index}-note_ar": "ملاحظة",
        }
    )

    response = admin_client.post(recommendation_url(recommendation), data)

    formset = response.context["inline_admin_formsets"][0].formset
    assert response.status_code == 200
    assert sorted(formset.forms[int(index)].errors) == ["date", "status"]
    assert "ملاحظة</textarea>" in response.content.decode()
    assert recommendation.updates.count() == before


def new_recommendation(communique, **overrides) -> dict:
    return {
        "communique": communique.pk,
        "number": "28",
        "area": communique.areas.get(number=4).pk,
        "text_en": "Cities should publish their climate budgets.",
        "text_ar": "ينبغي للمدن أن تنشر ميزانياتها المناخية.",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
        **overrides,
    }


def test_new_recommendation_with_a_number_in_use_is_refused(admin_client, communique):
    response = admin_client.post(ADD, new_recommendation(communique, number="3"))

    assert response.status_code == 200
    assert error_list(response, "number") == [
        "Number 3 is already used in this communiqué: the next free number is 28."
    ]
    assert "ينبغي للمدن أن تنشر ميزانياتها المناخية.</textarea>" in response.content.decode()
    assert communique.recommendations.count() == 27


def test_new_recommendation_that_leaves_a_gap_is_refused(admin_client, communique):
    response = admin_client.post(ADD, new_recommendation(communique, number="30"))

    assert error_list(response, "number") == [
        "Recommendations are numbered with no gap: the next free number is 28."
    ]
    assert communique.recommendations.count() == 27


def test_new_recommendation_in_another_communiques_area_is_refused(admin_client, communique):
    elsewhere = make_area(communique=make_communique())

    response = admin_client.post(ADD, new_recommendation(communique, area=elsewhere.pk))

    assert response.status_code == 200
    assert error_list(response, "area") == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert communique.recommendations.count() == 27


def test_new_recommendation_is_saved_and_the_list_shown_again(admin_client, communique):
    filters = f"communique__id__exact={communique.pk}"

    response = admin_client.post(
        f"{ADD}?_changelist_filters={filters.replace('=', '%3D')}", new_recommendation(communique)
    )

    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?{filters}"
    assert communique.recommendations.get(number=28).text_en == (
        "Cities should publish their climate budgets."
    )


def test_new_recommendation_with_sessions_of_another_summit_is_refused(admin_client, communique):
    elsewhere = make_session(summit=make_summit())

    response = admin_client.post(ADD, new_recommendation(communique, sessions=[elsewhere.pk]))

    assert error_list(response, "sessions") == [
        f"Select a valid choice. {elsewhere.pk} is not one of the available choices."
    ]
    assert communique.recommendations.count() == 27


def test_new_recommendation_form_names_each_areas_communique_until_one_is_chosen(
    admin_client, communique
):
    response = admin_client.get(ADD)

    field = response.context["adminform"].form.fields["area"]
    labels = [label for value, label in field.choices if value]
    assert labels[0] == f"{communique} – 1. Area 1"
    assert len(labels) == 4


def test_compact_table_refuses_a_recommendation_of_another_communique(admin_client, communique):
    stranger = make_full_communique(recommendations=1, areas=1).recommendations.get()
    data = change_form(communique)
    data["recommendations-0-id"] = stranger.pk

    response = admin_client.post(change_url(communique), data)

    assert response.status_code == 200
    assert Recommendation.objects.get(pk=stranger.pk).communique_id != communique.pk
    assert communique.recommendations.count() == 27


def test_deleting_a_recommendation_on_its_page_closes_the_gap(admin_client, communique):
    doomed = communique.recommendations.get(number=5)

    response = admin_client.post(f"{LIST}{doomed.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert list(communique.recommendations.values_list("number", flat=True)) == list(range(1, 27))
    assert not Recommendation.objects.filter(pk=doomed.pk).exists()


def test_deleting_recommendations_from_the_list_closes_the_gaps(admin_client, communique):
    doomed = list(
        communique.recommendations.filter(number__in=[2, 10]).values_list("pk", flat=True)
    )

    response = admin_client.post(
        LIST, {"action": "delete_selected", "_selected_action": list(doomed), "post": "yes"}
    )

    assert response.status_code == 302
    assert list(communique.recommendations.values_list("number", flat=True)) == list(range(1, 26))
