from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError

from recommendations.models import (
    Communique,
    FollowUpUpdate,
    Recommendation,
    pdf_upload_to,
    validate_pdf,
)
from tests.factories import make_city, make_summit
from tests.pdfs import clean_pdf
from tests.recommendations.factories import (
    add_update,
    make_area,
    make_communique,
    make_endorsement,
    make_recommendation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def communique():
    return make_communique(summit=make_summit(slug="riyadh-2020"))


@pytest.fixture
def area(communique):
    return make_area(communique=communique)


def test_recommendation_number_is_unique_within_a_communique(area):
    make_recommendation(area=area, number=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_recommendation(area=make_area(communique=area.communique), number=1)


def test_recommendation_number_may_repeat_in_another_communique(area):
    make_recommendation(area=area, number=1)
    other = make_area(communique=make_communique())

    make_recommendation(area=other, number=1)

    assert Recommendation.objects.filter(number=1).count() == 2


def test_recommendation_number_zero_is_refused(area):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_recommendation(area=area, number=0)


def test_area_number_is_unique_within_a_communique(communique):
    make_area(communique=communique, number=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_area(communique=communique, number=1)


def test_one_summit_has_one_communique(communique):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_communique(summit=communique.summit)


def test_city_endorses_a_communique_once(communique):
    city = make_city()
    make_endorsement(communique=communique, city=city)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_endorsement(communique=communique, city=city)


def test_city_may_endorse_two_communiques(communique):
    city = make_city()
    make_endorsement(communique=communique, city=city)

    make_endorsement(communique=make_communique(), city=city)

    assert city.endorsements.count() == 2


def test_unknown_follow_up_status_is_refused_by_the_database(area):
    recommendation = make_recommendation(area=area)

    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUpUpdate.objects.create(
            recommendation=recommendation, date=date(2021, 1, 1), status="done"
        )


def test_recommendation_without_updates_is_not_started(area):
    recommendation = make_recommendation(area=area)

    annotated = Recommendation.objects.with_status().get()

    assert (recommendation.status, annotated.current_status) == ("not_started", "not_started")


def test_current_status_is_the_latest_update_whatever_the_order_entered(area):
    recommendation = make_recommendation(area=area)
    add_update(recommendation, status="in_progress", day=date(2022, 3, 1))
    add_update(recommendation, status="acknowledged", day=date(2020, 11, 22))

    annotated = Recommendation.objects.with_status().get()

    assert (recommendation.status, annotated.current_status) == ("in_progress", "in_progress")
    assert annotated.get_status_display() == "In progress"


def test_two_updates_on_one_day_the_later_entry_wins(area):
    recommendation = make_recommendation(area=area)
    add_update(recommendation, status="in_progress", day=date(2022, 3, 1))
    add_update(recommendation, status="implemented", day=date(2022, 3, 1))

    assert Recommendation.objects.with_status().get().current_status == "implemented"


def test_published_communiques_need_a_published_summit():
    shown = make_communique()
    make_communique(is_published=False)
    make_communique(summit=make_summit(is_published=False))

    assert list(Communique.objects.published()) == [shown]


def test_recommendation_from_a_published_communique_is_published(area):
    shown = make_recommendation(area=area)
    make_recommendation(area=make_area(communique=make_communique(is_published=False)))

    assert list(Recommendation.objects.published()) == [shown]


def test_urls_are_stable_and_anchored(area):
    recommendation = make_recommendation(area=area, number=12)

    assert (
        area.communique.get_absolute_url(),
        recommendation.get_absolute_url(),
        recommendation.anchor_url(),
    ) == (
        "/en/summits/riyadh-2020/communique/",
        "/en/summits/riyadh-2020/communique/r/12/",
        "/en/summits/riyadh-2020/communique/#r-12",
    )


def test_str_of_each_model(area):
    recommendation = make_recommendation(area=area, number=3)
    update = add_update(recommendation, status="implemented", day=date(2022, 5, 1))
    endorsement = make_endorsement(communique=area.communique, city=make_city(name_en="Seoul"))

    assert [str(area), str(recommendation), str(update), str(endorsement)] == [
        "1. Area 1",
        "Recommendation 3",
        "Recommendation 3 · 2022-05-01 · Implemented",
        f"Seoul – {area.communique.title}",
    ]


def test_recommendation_area_must_belong_to_its_communique(area):
    stranger = make_area(communique=make_communique())
    recommendation = Recommendation(
        communique=area.communique, area=stranger, number=1, text_en="x", text_ar="س"
    )

    with pytest.raises(ValidationError) as error:
        recommendation.full_clean()

    assert error.value.message_dict["area"] == ["Choose an area of this communiqué."]


def test_deleting_a_communique_takes_its_areas_and_recommendations(area):
    add_update(make_recommendation(area=area), status="in_progress")

    area.communique.delete()

    assert (Recommendation.objects.count(), FollowUpUpdate.objects.count()) == (0, 0)


def test_pdf_must_start_like_a_pdf():
    png = SimpleUploadedFile("communique.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)

    with pytest.raises(ValidationError) as error:
        validate_pdf(png)

    assert error.value.messages == ["This file is not a PDF document."]


def test_real_pdf_is_accepted_and_left_readable_from_the_start():
    # validate_pdf parses the whole file: a bare header would be refused.
    pdf = SimpleUploadedFile("communique.pdf", clean_pdf())

    validate_pdf(pdf)

    assert pdf.read(5) == b"%PDF-"


def test_pdf_over_the_limit_is_refused(settings):
    settings.PDF_MAX_BYTES = 1024 * 1024
    pdf = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024))

    with pytest.raises(ValidationError) as error:
        validate_pdf(pdf)

    assert error.value.messages == ["The PDF is too large: the limit is 1 MB."]


def test_pdf_gets_a_server_made_name(communique):
    name = pdf_upload_to(communique, "../../etc/passwd résumé.exe")

    assert name.startswith("communiques/")
    assert name.endswith(".pdf")
    assert len(name) == len("communiques/") + 32 + len(".pdf")


def test_area_with_recommendations_cannot_be_deleted_alone(area):
    make_recommendation(area=area)

    with pytest.raises(RestrictedError), transaction.atomic():
        area.delete()


def test_deleting_a_summit_takes_its_communique(area):
    make_recommendation(area=area)

    area.communique.summit.delete()

    assert (Communique.objects.count(), Recommendation.objects.count()) == (0, 0)
