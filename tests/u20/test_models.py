from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from tests.factories import make_city, make_summit
from u20.models import City, Summit

pytestmark = pytest.mark.django_db


def test_only_one_summit_is_current():
    make_summit(is_current=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        make_summit(is_current=True)


def test_summit_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_summit(start_date=date(2020, 10, 2), end_date=date(2020, 9, 30))


def test_summit_time_zone_must_be_a_known_iana_name():
    summit = make_summit()
    summit.time_zone = "Riyadh"

    with pytest.raises(ValidationError) as error:
        summit.full_clean()

    assert error.value.message_dict["time_zone"] == [
        "“Riyadh” is not a known time zone, such as Asia/Riyadh."
    ]


def test_city_membership_must_be_known_to_the_database():
    city = make_city()

    with pytest.raises(IntegrityError), transaction.atomic():
        City.objects.filter(pk=city.pk).update(membership="member")


def test_summit_days_cover_first_to_last_day():
    summit = make_summit(start_date=date(2020, 9, 30), end_date=date(2020, 10, 2))

    assert [day.isoformat() for day in summit.days()] == ["2020-09-30", "2020-10-01", "2020-10-02"]


def test_current_is_only_a_published_summit():
    make_summit(is_current=True, is_published=False)

    assert list(Summit.objects.current()) == []


def test_translated_name_follows_the_active_language():

    summit = make_summit(
        name_en="U20 Mayors Summit", name_ar="قمة عمداء مجموعة تواصل المجتمع الحضري"
    )

    with translation.override("ar"):
        arabic = summit.name
    with translation.override("en"):
        english = summit.name

    assert (english, arabic) == ("U20 Mayors Summit", "قمة عمداء مجموعة تواصل المجتمع الحضري")
