from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from sessions import selectors, services
from sessions.models import Registration
from tests.factories import make_participant, make_upcoming_session
from u20 import pagecache
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"


def statuses(session) -> list[str]:
    return list(
        Registration.objects.filter(session=session).order_by("pk").values_list("status", flat=True)
    )


def kinds() -> list[str]:
    return list(OutgoingEmail.objects.order_by("pk").values_list("kind", flat=True))


def test_register_confirms_while_places_are_left():
    session = make_upcoming_session(capacity=2)

    registration = services.register(session=session, participant=make_participant())

    assert registration.status == CONFIRMED
    assert kinds() == ["registration.confirmed"]


def test_register_on_a_full_session_joins_the_waitlist_with_a_position():
    session = make_upcoming_session(capacity=1)
    services.register(session=session, participant=make_participant())

    second = services.register(session=session, participant=make_participant())
    third = services.register(session=session, participant=make_participant())

    assert (second.status, second.waitlist_position()) == (WAITLISTED, 1)
    assert (third.status, third.waitlist_position()) == (WAITLISTED, 2)
    assert kinds() == [
        "registration.confirmed",
        "registration.waitlisted",
        "registration.waitlisted",
    ]


def test_register_without_a_limit_always_confirms():
    session = make_upcoming_session(capacity=None)

    results = [
        services.register(session=session, participant=make_participant()).status for _ in range(5)
    ]

    assert results == [CONFIRMED] * 5


def test_register_twice_keeps_the_one_registration():
    session = make_upcoming_session(capacity=5)
    participant = make_participant()
    first = services.register(session=session, participant=participant)

    again = services.register(session=session, participant=participant)

    assert again.pk == first.pk
    assert Registration.objects.count() == 1
    assert kinds() == ["registration.confirmed"]


def test_register_needs_a_verified_email():
    session = make_upcoming_session()

    with pytest.raises(services.RegistrationError) as error:
        services.register(session=session, participant=make_participant(verified=False))

    assert str(error.value.message) == "Confirm your email address before you register."
    assert Registration.objects.count() == 0


def test_register_refuses_a_cancelled_session():
    session = make_upcoming_session(status="cancelled")

    with pytest.raises(services.RegistrationError) as error:
        services.register(session=session, participant=make_participant())

    assert str(error.value.message) == "This session has been cancelled."


def test_register_refuses_a_session_that_has_ended():
    session = make_upcoming_session(starts_in=timedelta(hours=-2))

    with pytest.raises(services.RegistrationError) as error:
        services.register(session=session, participant=make_participant())

    assert str(error.value.message) == "This session has ended."


def test_register_is_allowed_while_the_session_is_running():
    session = make_upcoming_session(starts_in=timedelta(minutes=-10))

    assert services.register(session=session, participant=make_participant()).status == CONFIRMED


def test_cancel_gives_the_place_to_the_first_on_the_waitlist():
    session = make_upcoming_session(capacity=1)
    first = services.register(session=session, participant=make_participant())
    second = services.register(session=session, participant=make_participant())
    services.register(session=session, participant=make_participant())

    promoted = services.cancel(registration=first)

    assert [r.pk for r in promoted] == [second.pk]
    assert statuses(session) == [CANCELLED, CONFIRMED, WAITLISTED]
    assert kinds()[-1] == "registration.promoted"


def test_cancel_from_the_waitlist_promotes_no_one():
    session = make_upcoming_session(capacity=1)
    services.register(session=session, participant=make_participant())
    waiting = services.register(session=session, participant=make_participant())

    assert services.cancel(registration=waiting) == []
    assert statuses(session) == [CONFIRMED, CANCELLED]


def test_cancel_twice_does_nothing_the_second_time():
    session = make_upcoming_session(capacity=1)
    registration = services.register(session=session, participant=make_participant())
    services.cancel(registration=registration)

    assert services.cancel(registration=registration) == []


def test_registering_again_after_cancelling_goes_to_the_back_of_the_queue():
    session = make_upcoming_session(capacity=1)
    services.register(session=session, participant=make_participant())
    returning = make_participant()
    first_try = services.register(session=session, participant=returning)
    other = services.register(session=session, participant=make_participant())
    services.cancel(registration=first_try)

    again = services.register(session=session, participant=returning)

    assert again.pk == first_try.pk
    assert (again.status, again.waitlist_position()) == (WAITLISTED, 2)
    assert Registration.objects.get(pk=other.pk).waitlist_position() == 1


def test_raising_capacity_promotes_in_queue_order():
    session = make_upcoming_session(capacity=1)
    for _ in range(4):
        services.register(session=session, participant=make_participant())
    session.capacity = 3
    session.save()

    promoted = services.promote_waitlist(session=session)

    assert len(promoted) == 2
    assert statuses(session) == [CONFIRMED, CONFIRMED, CONFIRMED, WAITLISTED]


def test_lowering_capacity_never_unconfirms_anyone():
    session = make_upcoming_session(capacity=3)
    for _ in range(3):
        services.register(session=session, participant=make_participant())
    session.capacity = 1
    session.save()

    services.session_changed(session=session, changed={"capacity"})
    late = services.register(session=session, participant=make_participant())

    assert statuses(session) == [CONFIRMED, CONFIRMED, CONFIRMED, WAITLISTED]
    assert late.waitlist_position() == 1


def test_a_place_freed_below_a_lowered_capacity_is_not_given_away():
    session = make_upcoming_session(capacity=2)
    first = services.register(session=session, participant=make_participant())
    services.register(session=session, participant=make_participant())
    services.register(session=session, participant=make_participant())
    session.capacity = 1
    session.save()

    services.cancel(registration=first)

    assert statuses(session) == [CANCELLED, CONFIRMED, WAITLISTED]


def test_promote_by_hand_makes_room_when_full():
    session = make_upcoming_session(capacity=1)
    services.register(session=session, participant=make_participant())
    waiting = services.register(session=session, participant=make_participant())

    services.promote(registration=waiting)

    session.refresh_from_db()
    assert (session.capacity, statuses(session)) == (2, [CONFIRMED, CONFIRMED])


def test_promote_by_hand_that_raises_capacity_makes_cached_pages_stale():
    session = make_upcoming_session(capacity=1)
    services.register(session=session, participant=make_participant())
    waiting = services.register(session=session, participant=make_participant())
    before = pagecache.content_version()

    services.promote(registration=waiting)

    assert pagecache.content_version() > before


def test_promote_by_hand_only_from_the_waitlist():
    session = make_upcoming_session(capacity=1)
    confirmed = services.register(session=session, participant=make_participant())

    with pytest.raises(services.RegistrationError):
        services.promote(registration=confirmed)


def test_cancelling_a_session_tells_everyone_registered():
    session = make_upcoming_session(capacity=1)
    services.register(session=session, participant=make_participant())
    services.register(session=session, participant=make_participant())
    OutgoingEmail.objects.all().delete()
    session.status = "cancelled"
    session.save()

    services.session_changed(session=session, changed={"status"})

    assert kinds() == ["registration.session_cancelled"] * 2


def test_a_new_time_is_sent_to_confirmed_registrants_only():
    session = make_upcoming_session(capacity=1)
    services.register(session=session, participant=make_participant())
    services.register(session=session, participant=make_participant())
    OutgoingEmail.objects.all().delete()
    session.starts_at += timedelta(hours=1)
    session.ends_at += timedelta(hours=1)
    session.save()

    services.session_changed(session=session, changed={"starts_at", "ends_at"})

    assert kinds() == ["registration.session_changed"]


def test_deleting_an_account_frees_its_place_and_its_data():
    session = make_upcoming_session(capacity=1)
    leaving = make_participant(email="leaving@example.org")
    services.register(session=session, participant=leaving)
    waiting = services.register(session=session, participant=make_participant())

    services.delete_account(participant=leaving)

    assert Registration.objects.get(pk=waiting.pk).status == CONFIRMED
    assert OutgoingEmail.objects.filter(to="leaving@example.org").count() == 0

    assert get_user_model().objects.filter(email="leaving@example.org").count() == 0


def test_join_window_opens_before_the_start_and_closes_at_the_end(settings):
    settings.JOIN_WINDOW_MINUTES = 15
    session = make_upcoming_session(
        starts_in=timedelta(minutes=30), join_url="https://meet.example.org/r"
    )
    start = session.starts_at

    assert selectors.can_join_now(session, now=start - timedelta(minutes=16)) is False
    assert selectors.can_join_now(session, now=start - timedelta(minutes=15)) is True
    assert selectors.can_join_now(session, now=session.ends_at - timedelta(seconds=1)) is True
    assert selectors.can_join_now(session, now=session.ends_at) is False


def test_join_window_needs_a_link_and_a_session_not_cancelled():
    now = timezone.now()
    no_link = make_upcoming_session(starts_in=timedelta(minutes=5))
    cancelled = make_upcoming_session(
        starts_in=timedelta(minutes=5), join_url="https://x.example/r", status="cancelled"
    )

    assert (
        selectors.can_join_now(no_link, now=now),
        selectors.can_join_now(cancelled, now=now),
    ) == (
        False,
        False,
    )


def test_places_left_counts_confirmed_only():
    session = make_upcoming_session(capacity=2)
    services.register(session=session, participant=make_participant())

    assert selectors.places_left(session) == 1
    assert selectors.places_left(make_upcoming_session(capacity=None)) is None


def test_promote_by_hand_after_capacity_was_lowered_stays_within_capacity():
    session = make_upcoming_session(capacity=4)
    for _ in range(4):
        services.register(session=session, participant=make_participant())
    waiting = services.register(session=session, participant=make_participant())
    session.capacity = 2
    session.save()

    services.promote(registration=waiting)

    session.refresh_from_db()
    confirmed = Registration.objects.confirmed().filter(session=session).count()
    assert (session.capacity, confirmed) == (5, 5)


def test_promote_by_hand_refuses_a_cancelled_session():
    session = make_upcoming_session(capacity=1)
    services.register(session=session, participant=make_participant())
    waiting = services.register(session=session, participant=make_participant())
    session.status = "cancelled"
    session.save()

    with pytest.raises(services.RegistrationError):
        services.promote(registration=waiting)


def test_cancel_by_an_organiser_tells_the_person():
    session = make_upcoming_session(capacity=1)
    registration = services.register(session=session, participant=make_participant())

    services.cancel(registration=registration, by_organiser=True)

    assert kinds() == ["registration.confirmed", "registration.cancelled_by_organiser"]


def test_bringing_a_cancelled_session_back_tells_confirmed_registrants():
    session = make_upcoming_session(capacity=5)
    services.register(session=session, participant=make_participant())
    OutgoingEmail.objects.all().delete()

    services.session_changed(session=session, changed={"status"})

    assert kinds() == ["registration.session_changed"]
