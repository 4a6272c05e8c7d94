import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from certificates import services
from certificates.models import Certificate, CertificateRelease, parse_code
from sessions import services as session_services
from sessions.models import Registration
from tests.certificates.factories import attend, make_registration, make_sessions
from tests.factories import make_participant, make_summit
from tests.translations import translated
from u20.models import AttendanceRule, OutgoingEmail

pytestmark = pytest.mark.django_db

CODE = re.compile(r"U20-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}")


def holders(summit) -> dict[str, list[str]]:
    """Each holder's name and the titles of the sessions on their certificate."""
    return {
        certificate.name: sorted(session.title for session in certificate.sessions.all())
        for certificate in Certificate.objects.filter(summit=summit).prefetch_related("sessions")
    }


@pytest.fixture
def organiser():
    return get_user_model().objects.create_user(
        username="organiser", email="organiser@example.org", is_staff=True
    )


def test_release_under_the_joined_rule_counts_a_join_click_or_any_minutes(organiser):
    summit = make_summit(attendance_rule=AttendanceRule.JOINED)
    first, second = make_sessions(summit, 2)
    attend(first, make_participant(full_name="Clicked"))
    attend(second, make_participant(full_name="Reported"), joined=False, minutes=5)
    attend(first, make_participant(full_name="Zero minutes"), joined=False, minutes=0)
    make_registration(first, make_participant(full_name="Never came"))
    cancelled = make_registration(
        second, make_participant(full_name="Cancelled"), status=Registration.Status.CANCELLED
    )
    Registration.objects.filter(pk=cancelled.pk).update(minutes_attended=50)

    issued = services.release(summit=summit, by=organiser)

    assert holders(summit) == {"Clicked": [first.title], "Reported": [second.title]}
    assert sorted(certificate.name for certificate in issued) == ["Clicked", "Reported"]


def test_release_under_the_minutes_rule_needs_the_threshold_from_a_report(organiser):
    summit = make_summit(attendance_rule=AttendanceRule.MINUTES, attendance_minutes=30)
    (session,) = make_sessions(summit, 1)
    attend(session, make_participant(full_name="Thirty"), joined=False, minutes=30)
    attend(session, make_participant(full_name="Twenty-nine"), joined=True, minutes=29)
    attend(session, make_participant(full_name="Only clicked"), joined=True)

    services.release(summit=summit, by=organiser)

    assert holders(summit) == {"Thirty": [session.title]}


def test_release_lists_every_session_attended_and_only_those(organiser):
    summit = make_summit()
    first, second, third = make_sessions(summit, 3)
    person = make_participant(full_name="Amal")
    attend(first, person)
    attend(third, person)
    make_registration(second, person)
    other_summit_session = make_sessions(make_summit(), 1)[0]
    attend(other_summit_session, person)

    services.release(summit=summit, by=organiser)

    assert holders(summit) == {"Amal": sorted([first.title, third.title])}


def test_release_marks_the_summit_released_once(organiser):
    summit = make_summit()

    services.release(summit=summit, by=organiser)
    first = CertificateRelease.objects.get(summit=summit)
    services.release(summit=summit, by=None)

    release = CertificateRelease.objects.get(summit=summit)
    assert (release.released_by, release.released_at) == (organiser, first.released_at)


def test_release_again_adds_newcomers_and_new_sessions_and_never_duplicates(organiser):
    summit = make_summit()
    first, second = make_sessions(summit, 2)
    early, late = make_participant(full_name="Early"), make_participant(full_name="Late")
    attend(first, early)
    services.release(summit=summit, by=organiser)
    code = Certificate.objects.get().code

    attend(second, early)
    attend(second, late)
    issued = services.release(summit=summit, by=organiser)
    again = services.release(summit=summit, by=organiser)

    assert [certificate.name for certificate in issued] == ["Late"]
    assert again == []
    assert holders(summit) == {"Early": sorted([first.title, second.title]), "Late": [second.title]}
    assert Certificate.objects.get(participant=early).code == code


def test_release_again_leaves_a_revoked_certificate_as_it_is(organiser):
    summit = make_summit()
    first, second = make_sessions(summit, 2)
    person = make_participant(full_name="Revoked")
    attend(first, person)
    services.release(summit=summit, by=organiser)
    services.revoke(certificate=Certificate.objects.get(), reason="Counted twice.", by=organiser)

    attend(second, person)
    issued = services.release(summit=summit, by=organiser)

    certificate = Certificate.objects.get()
    assert issued == []
    assert (certificate.is_revoked, holders(summit)) == (True, {"Revoked": [first.title]})


def test_certificates_get_distinct_codes_easy_to_type(organiser):
    summit = make_summit()
    (session,) = make_sessions(summit, 1)
    for _ in range(20):
        attend(session)

    services.release(summit=summit, by=organiser)

    codes = list(Certificate.objects.values_list("code", flat=True))
    assert len(set(codes)) == 20
    assert all(CODE.fullmatch(code) for code in codes)


def test_the_name_is_kept_as_issued(organiser):
    summit = make_summit()
    person = make_participant(full_name="Name Then")
    attend(make_sessions(summit, 1)[0], person)
    services.release(summit=summit, by=organiser)

    person.full_name = "Name Now"
    person.save()

    assert Certificate.objects.get().name == "Name Then"


def test_each_new_holder_is_told_once_in_their_language(organiser):
    summit = make_summit(name_en="Riyadh 2020", name_ar="الرياض 2020")
    (session,) = make_sessions(summit, 1)
    person = make_participant(language="ar")
    attend(session, person)

    services.release(summit=summit, by=organiser)
    services.release(summit=summit, by=organiser)

    email = OutgoingEmail.objects.get(kind="certificate.ready")
    certificate = Certificate.objects.get()
    subject = translated("ar", "Your certificate of attendance is ready: %(summit)s") % {
        "summit": "الرياض 2020"
    }
    assert (email.to, email.language, email.subject) == (person.user.email, "ar", subject)
    assert "https://summit.example.org/ar/me/" in email.body
    assert f"https://summit.example.org/ar/certificates/{certificate.code}/" in email.body


def test_revoke_records_when_why_and_who(organiser):
    summit = make_summit()
    attend(make_sessions(summit, 1)[0])
    services.release(summit=summit, by=organiser)
    certificate = Certificate.objects.get()

    services.revoke(certificate=certificate, reason="  Not the attendee.  ", by=organiser)

    assert certificate.is_revoked
    assert (certificate.revoked_reason, certificate.revoked_by) == ("Not the attendee.", organiser)


def test_revoke_twice_keeps_the_first_date_and_reason(organiser):
    summit = make_summit()
    attend(make_sessions(summit, 1)[0])
    services.release(summit=summit, by=organiser)
    certificate = services.revoke(
        certificate=Certificate.objects.get(), reason="First.", by=organiser
    )
    revoked_at = certificate.revoked_at

    services.revoke(certificate=certificate, reason="Second.", by=None)

    assert (certificate.revoked_at, certificate.revoked_reason) == (revoked_at, "First.")


def test_revoke_without_a_reason_is_refused(organiser):
    summit = make_summit()
    attend(make_sessions(summit, 1)[0])
    services.release(summit=summit, by=organiser)
    certificate = Certificate.objects.get()

    with pytest.raises(ValidationError) as error:
        services.revoke(certificate=certificate, reason="   ", by=organiser)

    assert error.value.message_dict == {"reason": ["Say why the certificate is revoked."]}
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_deleting_the_account_deletes_its_certificates_and_keeps_no_name_in_the_trail(
    organiser,
):
    summit = make_summit()
    person = make_participant(full_name="Gone Person")
    attend(make_sessions(summit, 1)[0], person)
    services.release(summit=summit, by=organiser)

    session_services.delete_account(participant=person)

    assert Certificate.objects.count() == 0
    entries = LogEntry.objects.filter(content_type__model="certificate")
    assert entries.count() == 2  # issued, then deleted with the account
    assert not any("Gone Person" in str(entry.changes) for entry in entries)


@pytest.mark.parametrize(
    "typed",
    ["U20-7KQ2-M9XD", "u20-7kq2-m9xd", " u20 7kq2 m9xd ", "7KQ2M9XD", "7kq2-m9xd", "U20‐7KQ2‐M9XD"],
)
def test_parse_code_tolerates_case_spaces_and_dashes(typed):
    assert parse_code(typed) == "U20-7KQ2-M9XD"


@pytest.mark.parametrize("typed", ["", "U20-7KQ2", "U20-7KQ2-M9XD-1", "U20-0KQ2-M9XD", "hello"])
def test_parse_code_refuses_what_cannot_be_a_code(typed):
    assert parse_code(typed) is None
