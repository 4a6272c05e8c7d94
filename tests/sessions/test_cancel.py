"""Cancelling a place: the attendee confirms first, only their own place is
touched, they get one email saying so in their language, and the person
the freed place goes to is still told."""

from datetime import date, datetime, timedelta

import pytest
from django.test import Client

from sessions import services
from sessions.models import Registration, Session
from sessions.notifications import MESSAGES, Kind
from tests.factories import (
    RIYADH,
    make_participant,
    make_session,
    make_summit,
    make_upcoming_session,
)
from tests.translations import translated
from u20 import outbox
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def kinds(to: str | None = None) -> list[str]:
    emails = OutgoingEmail.objects.order_by("pk")
    if to is not None:
        emails = emails.filter(to=to)
    return list(emails.values_list("kind", flat=True))


def late_session(**fields) -> Session:
    """23:30 to 00:30 in Riyadh on 2 October 2030: 05:30 on the 3rd in Tokyo."""
    summit = make_summit(year=2030, start_date=date(2030, 10, 1), end_date=date(2030, 10, 3))
    return make_session(
        summit=summit, starts_at=datetime(2030, 10, 2, 23, 30, tzinfo=RIYADH), **fields
    )


# The service


def test_cancel_queues_one_email_in_the_attendee_language_with_the_moment_in_their_zone(
    mailoutbox,
):
    session = late_session(title_en="Water Security", title_ar="الأمن المائي")
    participant = make_participant(language="en", time_zone="Asia/Tokyo", full_name="Amal")
    registration = services.register(session=session, participant=participant)

    services.cancel(registration=registration)
    services.cancel(registration=registration)

    email = OutgoingEmail.objects.get(kind="registration.cancelled")
    assert (email.to, email.language) == (participant.user.email, "en")
    assert email.subject == "Your place is cancelled: Water Security"
    lines = email.body.splitlines()
    (yours,) = [line for line in lines if line.startswith("When (your time):")]
    (summits,) = [line for line in lines if line.startswith("When (summit time):")]
    assert yours.startswith("When (your time): Thursday 3 October 2030, 05:30–06:30, ")
    assert yours.endswith("UTC+9")
    assert summits.startswith("When (summit time): Wednesday 2 October 2030, 23:30–00:30")
    assert email.attachments == []
    outbox.send(email.pk)
    assert [m.subject for m in mailoutbox] == ["Your place is cancelled: Water Security"]


def test_cancel_email_is_in_arabic_for_an_arabic_speaker():
    session = late_session(title_en="Water Security", title_ar="الأمن المائي")
    participant = make_participant(language="ar", time_zone="Asia/Tokyo")

    services.cancel(registration=services.register(session=session, participant=participant))

    email = OutgoingEmail.objects.get(kind="registration.cancelled")
    assert email.language == "ar"
    assert email.subject == "أُلغي مقعدك: الأمن المائي"
    assert translated("ar", MESSAGES[Kind.CANCELLED][1]) in email.body
    # Thursday in Tokyo, where it is already the next day.
    (yours,) = [
        line
        for line in email.body.splitlines()
        if line.startswith(translated("ar", "When (your time):"))
    ]
    assert "الخميس" in yours
    assert 'dir="rtl"' in email.html


def test_leaving_the_waitlist_says_so():
    session = make_upcoming_session(capacity=1, title_en="Small room")
    services.register(session=session, participant=make_participant())
    waiting = services.register(session=session, participant=make_participant())

    promoted = services.cancel(registration=waiting)

    email = OutgoingEmail.objects.get(kind="registration.left_waitlist")
    assert promoted == []
    assert email.subject == "You have left the waitlist: Small room"
    assert "Your place in the queue" not in email.body


def test_cancel_still_tells_the_person_promoted_and_the_one_who_left_once_each():
    session = make_upcoming_session(capacity=1)
    leaving, next_in_line = make_participant(), make_participant()
    mine = services.register(session=session, participant=leaving)
    services.register(session=session, participant=next_in_line)
    OutgoingEmail.objects.all().delete()

    services.cancel(registration=mine)
    services.cancel(registration=mine)

    assert kinds(leaving.user.email) == ["registration.cancelled"]
    assert kinds(next_in_line.user.email) == ["registration.promoted"]


def test_an_organiser_cancelling_sends_the_organiser_message_only():
    participant = make_participant()
    registration = services.register(session=make_upcoming_session(), participant=participant)

    services.cancel(registration=registration, by_organiser=True)

    assert kinds(participant.user.email) == [
        "registration.confirmed",
        "registration.cancelled_by_organiser",
    ]


def test_a_quiet_cancel_tells_the_attendee_nothing_and_still_promotes():
    session = make_upcoming_session(capacity=1)
    leaving, next_in_line = make_participant(), make_participant()
    mine = services.register(session=session, participant=leaving)
    services.register(session=session, participant=next_in_line)

    services.cancel(registration=mine, quietly=True)

    assert kinds(leaving.user.email) == ["registration.confirmed"]
    assert kinds(next_in_line.user.email) == ["registration.waitlisted", "registration.promoted"]


# The pages


def login(client, participant):
    client.force_login(participant.user)
    return client


def cancel_url(session, lang="en", query=""):
    return f"/{lang}/summits/{session.summit.slug}/sessions/{session.slug}/cancel/{query}"


def session_url(session, lang="en"):
    return f"/{lang}{session.get_absolute_url()[3:]}"


@pytest.fixture
def session():
    return make_upcoming_session(capacity=5, slug="practice", title_en="Practice", title_ar="تجربة")


def question(lang: str, title: str) -> str:
    """The start of the confirmation's question, up to the session's moment."""
    text = translated(lang, "Cancel your place at <bdi>%(title)s</bdi> on %(when)s?")
    return text.split("%(when)s")[0] % {"title": title}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_confirmation_page_asks_first_and_changes_nothing(client, session, lang):
    participant = make_participant(language=lang)
    registration = services.register(session=session, participant=participant)

    response = login(client, participant).get(cancel_url(session, lang))

    html = response.content.decode()
    assert response.status_code == 200
    assert question(lang, session.title_en if lang == "en" else session.title_ar) in html
    assert f'<time datetime="{session.starts_at.isoformat()}"' in html
    assert '<input type="hidden" name="confirm" value="yes">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'<a href="{session_url(session, lang)}">' in html
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def test_confirmation_page_from_my_page_leads_back_there(client, session):
    participant = make_participant()
    services.register(session=session, participant=participant)

    html = login(client, participant).get(cancel_url(session, query="?next=me")).content.decode()

    assert '<a href="/en/me/">Keep my place</a>' in html
    assert '<input type="hidden" name="next" value="me">' in html


def test_confirmation_page_for_a_waitlist_place_speaks_of_the_queue(client):
    session = make_upcoming_session(capacity=1, title_en="Small room")
    services.register(session=session, participant=make_participant())
    participant = make_participant()
    services.register(session=session, participant=participant)

    html = login(client, participant).get(cancel_url(session)).content.decode()

    assert "Leave the waitlist of <bdi>Small room</bdi> on " in html
    assert "You are number 1 on the waitlist." in html
    assert "Yes, leave the waitlist" in html


def test_a_post_without_the_confirmation_shows_the_confirmation_page(client, session):
    participant = make_participant()
    registration = services.register(session=session, participant=participant)
    sent = OutgoingEmail.objects.count()

    response = login(client, participant).post(cancel_url(session), {"next": "me"})

    assert response.status_code == 200
    assert question("en", "Practice") in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    assert OutgoingEmail.objects.count() == sent


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_confirmed_cancel_cancels_queues_the_email_and_offers_to_register_again(
    client, session, lang
):
    message = translated(
        lang, "Your registration is cancelled. A confirmation is on its way by email."
    )
    participant = make_participant(language=lang)
    registration = services.register(session=session, participant=participant)

    response = login(client, participant).post(
        cancel_url(session, lang), {"confirm": "yes"}, follow=True
    )

    assert response.redirect_chain == [(session_url(session, lang), 302)]
    assert [str(m) for m in response.context["messages"]] == [message]
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"
    assert kinds(participant.user.email) == ["registration.confirmed", "registration.cancelled"]
    assert translated(lang, "Register again") in response.content.decode()


def test_confirmed_cancel_from_my_page_returns_there(client, session):
    participant = make_participant()
    services.register(session=session, participant=participant)

    response = login(client, participant).post(
        cancel_url(session), {"confirm": "yes", "next": "me"}, follow=True
    )

    assert response.redirect_chain == [("/en/me/", 302)]
    assert "You have not registered for any session yet." in response.content.decode()


def test_leaving_the_waitlist_through_the_page_says_so(client):
    session = make_upcoming_session(capacity=1)
    services.register(session=session, participant=make_participant())
    participant = make_participant()
    services.register(session=session, participant=participant)

    response = login(client, participant).post(cancel_url(session), {"confirm": "yes"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "You have left the waitlist. A confirmation is on its way by email."
    ]
    assert kinds(participant.user.email)[-1] == "registration.left_waitlist"


def test_cancelling_twice_sends_one_email_and_explains_the_second_time(client, session):
    participant = make_participant()
    services.register(session=session, participant=participant)
    login(client, participant).post(cancel_url(session), {"confirm": "yes"}, follow=True)

    response = client.post(cancel_url(session), {"confirm": "yes"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "You have no place in this session to cancel."
    ]
    assert kinds(participant.user.email).count("registration.cancelled") == 1


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_cancelling_without_a_place_explains_in_the_visitor_language(client, session, lang, method):
    message = translated(lang, "You have no place in this session to cancel.")
    someone = make_participant()
    theirs = services.register(session=session, participant=someone)

    response = getattr(login(client, make_participant()), method)(
        cancel_url(session, lang), {"confirm": "yes"}, follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain == [(session_url(session, lang), 302)]
    assert [str(m) for m in response.context["messages"]] == [message]
    assert Registration.objects.get(pk=theirs.pk).status == "confirmed"


def test_a_place_at_a_session_that_has_ended_cannot_be_cancelled(client):
    participant = make_participant()
    session = make_upcoming_session()
    registration = services.register(session=session, participant=participant)
    Session.objects.filter(pk=session.pk).update(
        starts_at=session.starts_at - timedelta(days=3),
        ends_at=session.starts_at - timedelta(days=3, hours=-1),
    )

    response = login(client, participant).post(
        cancel_url(session), {"confirm": "yes", "next": "me"}, follow=True
    )

    assert response.redirect_chain == [("/en/me/", 302)]
    assert [str(m) for m in response.context["messages"]] == ["This session has ended."]
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_an_unknown_session_is_not_found(client, session):
    participant = make_participant()
    services.register(session=session, participant=participant)

    response = login(client, participant).post(
        f"/en/summits/{session.summit.slug}/sessions/no-such-session/cancel/", {"confirm": "yes"}
    )

    assert response.status_code == 404


def test_only_my_page_is_a_place_to_go_back_to(client, session):
    participant = make_participant()
    services.register(session=session, participant=participant)

    response = login(client, participant).post(
        cancel_url(session), {"confirm": "yes", "next": "https://evil.example.org/"}
    )

    assert response["Location"] == session_url(session)


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in(client, session, method):
    registration = services.register(session=session, participant=make_participant())

    response = getattr(client, method)(cancel_url(session), {"confirm": "yes"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_the_confirmation_needs_a_csrf_token(session):
    participant = make_participant()
    registration = services.register(session=session, participant=participant)
    client = login(Client(enforce_csrf_checks=True), participant)

    response = client.post(cancel_url(session), {"confirm": "yes"})

    assert response.status_code == 403
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_session_page_cancel_button_leads_to_the_confirmation_page(client, session):
    participant = make_participant()
    services.register(session=session, participant=participant)

    html = login(client, participant).get(session_url(session)).content.decode()

    assert f'<form method="get" action="{cancel_url(session)}">' in html
    assert f'<form method="post" action="{cancel_url(session)}">' not in html
