"""The accreditation workflow: applying, the media team's review, expiry at
the end of the summit, and what a journalist's account keeps of it."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from media_contacts import accreditation as service
from media_contacts.models import Accreditation, AccreditationChange, accreditation_expiry
from sessions import services as sessions_services
from sessions.selectors import participant_data
from tests.factories import make_participant, make_summit
from tests.media_contacts.factories import (
    application,
    make_accreditation,
    make_open_summit,
    make_staff,
)
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db
Status = Accreditation.Status


def emails_to(address):
    return list(OutgoingEmail.objects.filter(to=address).order_by("pk"))


def test_applying_saves_a_reference_history_and_queues_both_emails(settings):
    journalist = make_participant(email="layla@example.org")
    summit = make_open_summit()

    accreditation = service.apply(user=journalist.user, summit=summit, **application())

    assert accreditation.reference.startswith("PRESS-")
    assert accreditation.status == Status.SUBMITTED
    assert accreditation.email == "layla@example.org"
    assert [(c.from_status, c.to_status) for c in accreditation.history.all()] == [
        ("", "submitted")
    ]
    assert [e.kind for e in emails_to("layla@example.org")] == ["media.accreditation.submitted"]
    team = emails_to(settings.MEDIA_TEAM_EMAIL)
    assert [e.kind for e in team] == ["media.accreditation.team"]
    assert accreditation.reference in team[0].subject
    assert f"/admin/media_contacts/accreditation/{accreditation.pk}/change/" in team[0].body


def test_applying_twice_for_one_summit_is_refused_with_the_reference():
    journalist = make_participant()
    summit = make_open_summit()
    first = service.apply(user=journalist.user, summit=summit, **application())

    with pytest.raises(ValidationError) as error:
        service.apply(user=journalist.user, summit=summit, **application(outlet="Other"))

    assert first.reference in error.value.messages[0]
    assert Accreditation.objects.count() == 1


def test_a_summit_that_is_over_or_unpublished_takes_no_applications():
    journalist = make_participant()
    past = make_summit()  # 2020
    hidden = make_open_summit(is_published=False)

    for summit in (past, hidden):
        with pytest.raises(ValidationError) as error:
            service.apply(user=journalist.user, summit=summit, **application())
        assert "closed" in error.value.message_dict["summit"][0]
    assert not Accreditation.objects.exists()


def test_an_application_needs_a_link_or_a_press_card():
    journalist = make_participant()

    with pytest.raises(ValidationError):
        service.apply(user=journalist.user, summit=make_open_summit(), **application(work_link=""))

    card = ContentFile(b"%PDF-1.4 card", name="press-card.pdf")
    accepted = service.apply(
        user=journalist.user,
        summit=make_open_summit(),
        press_card=card,
        **application(work_link=""),
    )
    assert accepted.press_card.name.startswith("press-cards/")


def test_approving_sets_the_expiry_to_the_end_of_the_summit_and_emails_the_journalist():
    editor = make_staff()
    journalist = make_participant(email="sami@example.org")
    summit = make_open_summit()
    accreditation = service.apply(user=journalist.user, summit=summit, **application())

    service.review(accreditation=accreditation, to=Status.APPROVED, by=editor, message="Welcome")

    accreditation.refresh_from_db()
    assert accreditation.status == Status.APPROVED
    assert accreditation.expires_at == accreditation_expiry(summit)
    # Midnight after the last day, in the summit's zone (Riyadh, UTC+3).
    assert accreditation.expires_at.astimezone(summit.zone).date() == summit.end_date + timedelta(1)
    assert accreditation.expires_at.astimezone(summit.zone).hour == 0
    last = accreditation.history.last()
    assert (last.from_status, last.to_status, last.by, last.emailed) == (
        "submitted",
        "approved",
        editor,
        True,
    )
    approved = emails_to("sami@example.org")[-1]
    assert approved.kind == "media.accreditation.approved"
    assert "Welcome" in approved.body


def test_accreditation_is_valid_until_the_last_second_of_the_summit():
    accreditation = make_accreditation()
    end = accreditation.expires_at
    user = accreditation.user

    assert service.valid_for(user, now=end - timedelta(seconds=1)) == accreditation
    assert service.valid_for(user, now=end) is None
    assert accreditation.is_valid_at(end - timedelta(seconds=1))
    assert not accreditation.is_valid_at(end)


def test_asking_for_more_needs_a_message_and_the_answer_goes_back_to_review():
    editor = make_staff()
    journalist = make_participant(email="omar@example.org")
    summit = make_open_summit()
    accreditation = service.apply(user=journalist.user, summit=summit, **application())

    with pytest.raises(ValidationError) as error:
        service.review(accreditation=accreditation, to=Status.MORE_INFO, by=editor, message=" ")
    assert "message" in error.value.message_dict

    service.review(
        accreditation=accreditation,
        to=Status.MORE_INFO,
        by=editor,
        message="Please add a link to an article you wrote this year.",
    )
    asked = emails_to("omar@example.org")[-1]
    assert asked.kind == "media.accreditation.more_info"
    assert "article you wrote this year" in asked.body

    again = service.apply(
        user=journalist.user,
        summit=summit,
        **application(work_link="https://news.example.org/omar/2026"),
    )

    assert again.pk == accreditation.pk
    assert again.status == Status.SUBMITTED
    assert again.work_link == "https://news.example.org/omar/2026"
    assert [c.to_status for c in again.history.all()] == ["submitted", "more_info", "submitted"]
    assert emails_to("omar@example.org")[-1].kind == "media.accreditation.resubmitted"


def test_declining_quietly_sends_nothing_and_records_that():
    editor = make_staff()
    journalist = make_participant(email="quiet@example.org")
    accreditation = service.apply(user=journalist.user, summit=make_open_summit(), **application())
    before = len(emails_to("quiet@example.org"))

    service.review(accreditation=accreditation, to=Status.DECLINED, by=editor, notify=False)

    assert len(emails_to("quiet@example.org")) == before
    assert accreditation.history.last().emailed is False


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Status.DECLINED, Status.APPROVED),
        (Status.APPROVED, Status.MORE_INFO),
        (Status.SUBMITTED, Status.SUBMITTED),
    ],
)
def test_the_workflow_refuses_moves_it_does_not_allow(start, to):
    accreditation = make_accreditation(status=start)

    with pytest.raises(service.ReviewError):
        service.review(accreditation=accreditation, to=to, by=None, message="x")

    accreditation.refresh_from_db()
    assert accreditation.status == start


def test_withdrawing_an_approved_accreditation_ends_it_at_once():
    accreditation = make_accreditation()

    service.review(accreditation=accreditation, to=Status.DECLINED, by=None, message="Withdrawn")

    assert service.valid_for(accreditation.user) is None


def test_a_new_feed_address_retires_the_old_one():
    accreditation = make_accreditation()
    old = accreditation.feed_token

    accreditation.new_feed_token()

    assert service.by_feed_token(old) is None
    assert service.by_feed_token(accreditation.feed_token) == accreditation


def test_an_expired_accreditation_opens_no_feed():
    past = make_summit()
    accreditation = make_accreditation(summit=past)

    assert service.by_feed_token(accreditation.feed_token) is None


def test_the_data_download_lists_accreditations_and_deleting_the_account_removes_the_scan():
    journalist = make_participant()
    card = ContentFile(b"%PDF-1.4 card", name="press-card.pdf")
    accreditation = service.apply(
        user=journalist.user, summit=make_open_summit(), press_card=card, **application()
    )
    storage, name = accreditation.press_card.storage, accreditation.press_card.name
    assert storage.exists(name)

    data = participant_data(sessions_services.participant_for(user=journalist.user))
    assert [entry["reference"] for entry in data["accreditations"]] == [accreditation.reference]
    assert data["accreditations"][0]["outlet"] == "Gulf Cities Review"

    sessions_services.delete_account(participant=journalist)

    assert not Accreditation.objects.exists()
    assert not AccreditationChange.objects.exists()
    assert not storage.exists(name)


def test_the_audit_trail_keeps_the_review_but_not_what_the_journalist_gave():
    accreditation = make_accreditation(status="submitted")
    service.review(accreditation=accreditation, to=Status.APPROVED, by=None)

    changes = [entry.changes for entry in LogEntry.objects.get_for_object(accreditation)]
    assert any("status" in change for change in changes)
    text = repr(changes)
    for secret in ("Layla Haddad", "Gulf Cities Review", accreditation.feed_token, "+962"):
        assert secret not in text


def test_accreditation_expiry_is_computed_in_the_summit_zone():
    summit = make_open_summit(time_zone="America/New_York")

    expiry = accreditation_expiry(summit)

    assert expiry.utcoffset() in (timedelta(hours=-5), timedelta(hours=-4))
    assert expiry > timezone.now()


def test_a_new_press_card_in_an_update_replaces_the_old_scan(django_capture_on_commit_callbacks):
    journalist = make_participant()
    summit = make_open_summit()
    first = ContentFile(b"%PDF-1.4 first", name="press-card.pdf")
    accreditation = service.apply(
        user=journalist.user, summit=summit, press_card=first, **application()
    )
    old = accreditation.press_card.name
    service.review(
        accreditation=accreditation, to=Status.MORE_INFO, by=None, message="A newer card?"
    )

    with django_capture_on_commit_callbacks(execute=True):
        again = service.apply(
            user=journalist.user,
            summit=summit,
            press_card=ContentFile(b"%PDF-1.4 second", name="press-card.pdf"),
            **application(),
        )

    storage = again.press_card.storage
    assert again.press_card.name != old
    assert storage.open(again.press_card.name).read() == b"%PDF-1.4 second"
    assert not storage.exists(old)
