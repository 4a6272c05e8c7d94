"""Second factors: every change is emailed to the account, and a superuser
can reset a lost one for another staff member, which is logged."""

import logging

import pytest
from allauth.mfa.models import Authenticator
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from tests.staff import (
    STAFF_PASSWORD,
    TOTP_SECRET,
    add_authenticator_app,
    sign_in_with_second_factor,
    totp_code,
    verify_email,
)
from u20 import security
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

USERS = "/admin/auth/user/"


@pytest.fixture
def chair():
    user = get_user_model().objects.create_superuser("chair", "chair@example.org", STAFF_PASSWORD)
    verify_email(user)
    add_authenticator_app(user)
    return user


@pytest.fixture
def staff():
    user = get_user_model().objects.create_user(
        "maha", "maha@example.org", STAFF_PASSWORD, is_staff=True
    )
    verify_email(user)
    add_authenticator_app(user)
    return user


def reset_through_the_admin(client, *users):
    return client.post(
        USERS,
        {"action": "reset_second_factor", "_selected_action": [u.pk for u in users]},
        follow=True,
    )


def test_superuser_resets_a_lost_second_factor_and_the_person_is_told(client, chair, staff, caplog):
    sign_in_with_second_factor(client, chair)

    with caplog.at_level(logging.WARNING, logger="u20.security"):
        response = reset_through_the_admin(client, staff)

    assert Authenticator.objects.filter(user=staff).count() == 0
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "1 person will set up a new second factor at their next sign-in."
    ]
    email = OutgoingEmail.objects.get(to=staff.email)
    assert (email.kind, email.is_sensitive) == ("second_factor_reset", True)
    assert email.subject == "U20 · Your two-factor authentication was reset"
    assert caplog.messages == [
        f"Second factor of user {staff.pk} reset by user {chair.pk} (1 removed)"
    ]


def test_after_a_reset_the_admin_asks_for_a_new_second_factor(client, chair, staff):
    security.reset_second_factor(user=staff, by=chair)

    client.post("/en/accounts/login/", {"login": staff.email, "password": STAFF_PASSWORD})
    response = client.get("/admin/login/", {"next": "/admin/"})

    assert response["Location"] == "/en/accounts/2fa/totp/activate/?next=%2Fadmin%2F"


def test_staff_who_may_change_users_cannot_reset_a_second_factor(client, staff, chair):
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    sign_in_with_second_factor(client, staff)

    response = reset_through_the_admin(client, chair)

    assert Authenticator.objects.filter(user=chair).count() == 1
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "chair: Only a superuser can reset another person’s second factor."
    ]


def test_a_superuser_cannot_reset_their_own_second_factor_from_the_list(client, chair):
    sign_in_with_second_factor(client, chair)

    response = reset_through_the_admin(client, chair)

    assert Authenticator.objects.filter(user=chair).count() == 1
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "chair: Change your own second factor from your account’s two-factor page."
    ]


def test_resetting_someone_without_a_second_factor_writes_nothing(chair):
    nobody = get_user_model().objects.create_user("omar", "omar@example.org", is_staff=True)

    removed = security.reset_second_factor(user=nobody, by=chair)

    assert (removed, OutgoingEmail.objects.count()) == (0, 0)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_turning_on_an_authenticator_app_is_emailed_to_the_account(
    client, lang, django_capture_on_commit_callbacks
):
    user = get_user_model().objects.create_user("amal", "amal@example.org", STAFF_PASSWORD)
    verify_email(user)
    client.post(f"/{lang}/accounts/login/", {"login": user.email, "password": STAFF_PASSWORD})
    client.post(f"/{lang}/accounts/reauthenticate/", {"password": STAFF_PASSWORD})
    form = client.get(f"/{lang}/accounts/2fa/totp/activate/").context["form"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/{lang}/accounts/2fa/totp/activate/", {"code": totp_code(form.secret)})

    assert Authenticator.objects.filter(user=user, type="totp").count() == 1
    assert list(OutgoingEmail.objects.values_list("to", "kind", "language")) == [
        ("amal@example.org", "totp_activated", lang)
    ]


def test_a_reset_leaves_who_removed_which_second_factor_in_the_audit_trail(client, chair, staff):
    sign_in_with_second_factor(client, chair)

    reset_through_the_admin(client, staff)

    entry = LogEntry.objects.get(
        content_type__app_label="mfa", content_type__model="authenticator", action=2
    )
    assert (entry.actor_id, entry.object_repr) == (chair.pk, "TOTP Authenticator")
    assert "data" not in entry.changes_dict
    assert TOTP_SECRET not in str(entry.changes) + str(entry.serialized_data)
