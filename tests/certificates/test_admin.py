import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from certificates.models import Certificate, CertificateRelease
from tests.certificates.factories import attend, make_sessions, released_certificate
from tests.factories import make_participant, make_summit
from tests.staff import sign_in_with_second_factor
from tests.translations import translated, ui

pytestmark = pytest.mark.django_db

CERTIFICATES = "/admin/certificates/certificate/"
RELEASES = "/admin/certificates/certificaterelease/"


def revoke_post(client, certificates, lang="en", **fields):
    return client.post(
        CERTIFICATES,
        {
            "action": "revoke_certificates",
            "_selected_action": [certificate.pk for certificate in certificates],
            **fields,
        },
        HTTP_ACCEPT_LANGUAGE=lang,
    )


def staff_with(*codenames):
    user = get_user_model().objects.create_user(
        username="desk", email="desk@example.org", password="a-long-passphrase-42", is_staff=True
    )
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = Client()
    sign_in_with_second_factor(client, user)
    return client


def test_certificate_list_finds_a_code_typed_any_way_and_a_name(admin_client):
    wanted = released_certificate(participant=make_participant(full_name="Nadia Karim"))
    released_certificate(participant=make_participant(full_name="Omar Said"))
    typed = wanted.code.lower().replace("-", " ")

    by_code = admin_client.get(CERTIFICATES, {"q": typed}).content.decode()
    by_name = admin_client.get(CERTIFICATES, {"q": "Nadia"}).content.decode()

    for html in (by_code, by_name):
        assert "Nadia Karim" in html
        assert "Omar Said" not in html


def test_certificate_list_filters_by_summit_and_revoked(admin_client):
    kept = released_certificate(participant=make_participant(full_name="Kept Person"))
    gone = released_certificate(participant=make_participant(full_name="Gone Person"))
    revoke_post(admin_client, [gone], confirm="yes", reason="Duplicate.")

    revoked = admin_client.get(CERTIFICATES, {"revoked": "yes"}).content.decode()
    of_summit = admin_client.get(CERTIFICATES, {"summit__id__exact": kept.summit_id})

    assert "Gone Person" in revoked and "Kept Person" not in revoked
    assert "Kept Person" in of_summit.content.decode()
    assert "Gone Person" not in of_summit.content.decode()


def test_revoke_action_asks_for_a_reason_first(admin_client):
    certificate = released_certificate()

    response = revoke_post(admin_client, [certificate])

    html = response.content.decode()
    assert response.status_code == 200
    assert certificate.code in html
    assert 'name="reason"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_revoke_action_without_a_reason_shows_the_page_again(admin_client):
    certificate = released_certificate()

    response = revoke_post(admin_client, [certificate], confirm="yes", reason="  ")

    assert response.status_code == 200
    assert ui("en", "This field is required.") in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_revoke_action_revokes_with_the_reason_and_who(admin_client, admin_user):
    first, second = released_certificate(), released_certificate()

    response = revoke_post(admin_client, [first, second], confirm="yes", reason="Not attended.")

    assert response.status_code == 302
    revoked = Certificate.objects.filter(revoked_at__isnull=False)
    assert sorted(revoked.values_list("pk", flat=True)) == sorted([first.pk, second.pk])
    assert set(revoked.values_list("revoked_reason", "revoked_by")) == {
        ("Not attended.", admin_user.pk)
    }


def test_revoke_action_refuses_a_post_without_its_csrf_token(admin_user):
    certificate = released_certificate()
    client = Client(enforce_csrf_checks=True)
    sign_in_with_second_factor(client, admin_user)

    response = revoke_post(client, [certificate], confirm="yes", reason="Forged.")

    assert response.status_code == 403
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_staff_who_may_only_view_cannot_revoke():
    certificate = released_certificate()
    client = staff_with("view_certificate")

    response = revoke_post(client, [certificate], confirm="yes", reason="No right.")

    assert response.status_code in (200, 302)
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_release_page_counts_the_attendees_before_releasing(admin_client):
    summit = make_summit(name_en="Tokyo Summit")
    first, second = make_sessions(summit, 2)
    person = make_participant()
    attend(first, person)
    attend(second, person)
    attend(second)

    choose = admin_client.get(f"{RELEASES}add/")
    confirm = admin_client.post(f"{RELEASES}add/", {"summit": summit.pk})

    assert "Tokyo Summit" in choose.content.decode()
    html = confirm.content.decode()
    assert "2 people attended at least one session of Tokyo Summit" in html
    assert 'name="confirm"' in html
    assert not CertificateRelease.objects.exists()


def test_release_page_releases_after_confirming(admin_client, admin_user):
    summit = make_summit(name_en="Tokyo Summit")
    attend(make_sessions(summit, 1)[0])

    response = admin_client.post(f"{RELEASES}add/", {"summit": summit.pk, "confirm": "yes"})

    assert response.status_code == 302
    assert CertificateRelease.objects.get().released_by == admin_user
    assert Certificate.objects.filter(summit=summit).count() == 1
    listing = admin_client.get(RELEASES).content.decode()
    assert "Tokyo Summit" in listing


def test_release_again_issues_to_people_counted_since(admin_client):
    summit = make_summit()
    (session,) = make_sessions(summit, 1)
    attend(session)
    admin_client.post(f"{RELEASES}add/", {"summit": summit.pk, "confirm": "yes"})
    attend(session)

    response = admin_client.post(
        RELEASES,
        {
            "action": "release_again",
            "_selected_action": [CertificateRelease.objects.get(summit=summit).pk],
        },
        follow=True,
    )

    assert "1 new certificate issued." in response.content.decode()
    assert Certificate.objects.filter(summit=summit).count() == 2


def test_release_page_is_refused_to_staff_without_the_permission():
    summit = make_summit()
    client = staff_with("view_certificaterelease")

    response = client.post(f"{RELEASES}add/", {"summit": summit.pk, "confirm": "yes"})

    assert response.status_code == 403
    assert not CertificateRelease.objects.exists()


def test_admin_pages_in_arabic(admin_client):
    certificate = released_certificate()

    listing = admin_client.get(CERTIFICATES, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    revoke = revoke_post(admin_client, [certificate], lang="ar").content.decode()
    release = admin_client.get(f"{RELEASES}add/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()

    assert '<html lang="ar" dir="rtl"' in listing
    assert translated("ar", "Revoke the selected certificates") in listing
    assert translated("ar", "Revoke these certificates") in revoke
    assert translated("ar", "Release the certificates of a summit") in release
