from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sessions.models import Session, SessionHost
from tests.factories import add_host, make_city, make_organisation, make_session, make_summit

pytestmark = pytest.mark.django_db

RIYADH = ZoneInfo("Asia/Riyadh")


def test_session_must_end_after_it_starts_in_the_database():
    session = make_session()

    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(ends_at=session.starts_at)


def test_session_capacity_cannot_be_negative_in_the_database():
    session = make_session()

    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(capacity=-1)


def test_session_status_must_be_known_to_the_database():
    session = make_session()

    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(status="postponed")


def test_session_slug_is_unique_within_a_summit():
    summit = make_summit()
    make_session(summit=summit, slug="opening")

    with pytest.raises(IntegrityError), transaction.atomic():
        make_session(summit=summit, slug="opening")


def test_same_slug_is_allowed_in_another_summit():
    make_session(slug="opening")

    assert make_session(slug="opening").slug == "opening"


def test_host_is_a_city_or_an_organisation_not_both():
    session = make_session()

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionHost.objects.create(
            session=session, city=make_city(), organisation=make_organisation()
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionHost.objects.create(session=session)


def test_host_appears_once_per_session():
    session = make_session()
    city = make_city()
    add_host(session, city)

    with pytest.raises(IntegrityError), transaction.atomic():
        add_host(session, city, order=1)


def test_clean_reports_end_before_start_on_the_end_field():
    session = make_session()
    session.ends_at = session.starts_at - timedelta(minutes=30)

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.message_dict["ends_at"] == ["The session must end after it starts."]


def test_clean_reports_a_session_outside_the_summit_days():
    session = make_session(summit=make_summit())
    session.starts_at = datetime(2020, 10, 5, 10, tzinfo=RIYADH)
    session.ends_at = session.starts_at + timedelta(hours=1)

    with pytest.raises(ValidationError) as error:
        session.full_clean()

    assert error.value.message_dict["starts_at"] == [
        "The session must start during the summit, between 30 September 2020 and 2 October 2020."
    ]


def test_clean_uses_the_summit_time_zone_for_the_first_day():
    # 23:30 on 29 September in UTC is already 30 September in Riyadh.
    session = make_session(summit=make_summit())
    session.starts_at = datetime(2020, 9, 29, 23, 30, tzinfo=ZoneInfo("UTC"))
    session.ends_at = session.starts_at + timedelta(hours=1)

    session.full_clean()


def test_published_excludes_drafts_and_sessions_of_unpublished_summits():
    visible = make_session()
    make_session(is_published=False)
    make_session(summit=make_summit(is_published=False))

    assert list(Session.objects.published()) == [visible]


def test_upcoming_keeps_sessions_not_yet_over():
    make_session()  # in 2020
    soon = make_session(
        summit=make_summit(
            start_date=datetime.now().date(), end_date=datetime.now().date() + timedelta(days=3)
        ),
        starts_at=datetime.now(tz=RIYADH) + timedelta(days=1),
    )

    assert list(Session.objects.upcoming()) == [soon]


def test_session_url_uses_both_slugs():
    session = make_session(summit=make_summit(slug="riyadh-2020"), slug="opening")

    assert session.get_absolute_url() == "/en/summits/riyadh-2020/sessions/opening/"
