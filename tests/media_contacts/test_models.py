from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from media_contacts.models import (
    REFERENCE_ALPHABET,
    REFERENCE_PATTERN,
    InterviewRequest,
    MediaContact,
    PressRelease,
    new_reference,
    validate_phone,
)
from tests.images import jpeg_with_gps_and_html
from tests.media_contacts.factories import make_contact, make_release, make_request
from u20.ratelimit import parse_rate

pytestmark = pytest.mark.django_db


def test_reference_is_grouped_and_free_of_ambiguous_characters():
    references = {new_reference() for _ in range(200)}

    assert len(references) == 200
    assert all(REFERENCE_PATTERN.match(reference) for reference in references)
    assert set("0O1IL").isdisjoint("".join(references).replace("U20-", ""))
    assert set("0O1IL").isdisjoint(REFERENCE_ALPHABET)


def test_reference_is_unique_in_the_database():
    make_request(reference="U20-AAAA-BBBB-CCCC")

    with pytest.raises(IntegrityError):
        make_request(reference="U20-AAAA-BBBB-CCCC")


@pytest.mark.parametrize(
    ("field", "value"),
    [("status", "lost"), ("kind", "bribe"), ("format", "pigeon"), ("language", "fr")],
)
def test_database_refuses_values_the_code_does_not_know(field, value):
    with pytest.raises(IntegrityError):
        make_request(**{field: value})


def test_database_refuses_a_window_that_ends_before_it_starts():
    start = timezone.now() + timedelta(days=1)

    with pytest.raises(IntegrityError):
        make_request(window_start=start, window_end=start - timedelta(hours=1))


def test_database_refuses_a_scheduled_request_without_a_time():
    with pytest.raises(IntegrityError):
        make_request(status="scheduled", scheduled_for=None)


def test_only_one_general_media_address():
    make_contact(kind=MediaContact.Kind.DESK)

    with pytest.raises(IntegrityError):
        make_contact(kind=MediaContact.Kind.DESK)


@pytest.mark.parametrize(
    "number", ["+966 11 555 0100", "(020) 7946-0000", "+1-202-555-0143", "123456", "+" + "1" * 20]
)
def test_plausible_phone_numbers_pass(number):
    validate_phone(number)


@pytest.mark.parametrize(
    "number", ["12345", "+" + "1" * 21, "call me", "+966 11 555 0100 ext 2", "0100+966", "٠١٢٣٤٥٦٧"]
)
def test_implausible_phone_numbers_are_refused(number):
    with pytest.raises(ValidationError):
        validate_phone(number)


def test_published_releases_are_those_whose_time_has_come():
    now = timezone.now()
    past = make_release(published_at=now - timedelta(minutes=1))
    make_release(published_at=now + timedelta(minutes=1))

    assert list(PressRelease.objects.published()) == [past]


def test_release_reads_as_its_title_and_links_to_its_page():
    release = make_release(title_en="First day", slug="first-day")

    assert str(release) == "First day"
    assert release.get_absolute_url() == "/en/media/releases/first-day/"


def test_request_reads_as_its_reference_and_counts_days_open():
    now = timezone.now()
    open_request = make_request(reference="U20-AAAA-BBBB-CCCC", created_at=now - timedelta(days=4))
    closed = make_request(
        status="done", created_at=now - timedelta(days=10), closed_at=now - timedelta(days=8)
    )

    assert str(open_request) == "U20-AAAA-BBBB-CCCC"
    assert (open_request.days_open(now=now), closed.days_open(now=now)) == (4, 2)
    assert (open_request.is_open, closed.is_open) == (True, False)


def test_requests_are_listed_newest_first():
    now = timezone.now()
    old = make_request(created_at=now - timedelta(days=2))
    new = make_request(created_at=now)

    assert list(InterviewRequest.objects.all()) == [new, old]


@pytest.mark.parametrize(
    ("rate", "expected"), [("5/h", (5, 3600)), ("10/m", (10, 60)), ("20/day", (20, 86400))]
)
def test_parse_rate(rate, expected):
    assert parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["five/h", "5", "5/fortnight", "0/h"])
def test_parse_rate_refuses_nonsense(rate):
    with pytest.raises(ValueError):
        parse_rate(rate)


def test_release_image_is_stored_upright_with_the_dimensions_of_what_is_stored():
    release = make_release(image=jpeg_with_gps_and_html(size=(400, 300), orientation=6))

    release.refresh_from_db()
    assert (release.image_width, release.image_height) == (300, 400)
    assert (release.image.width, release.image.height) == (300, 400)


def test_request_full_clean_refuses_a_name_with_a_direction_override():
    interview = make_request()
    interview.name = "\u202eevil"

    with pytest.raises(ValidationError) as error:
        interview.full_clean()

    assert error.value.message_dict == {
        "name": [
            "Remove the invisible characters that change the direction of the text "
            "(such as U+202E)."
        ]
    }
