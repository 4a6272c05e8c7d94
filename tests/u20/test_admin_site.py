"""Signing in to the admin: through the accounts pages and their limits, then
a second factor, for every staff member."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages

from tests.factories import make_participant
from tests.staff import (
    STAFF_PASSWORD,
    TOTP_SECRET,
    add_authenticator_app,
    sign_in_with_second_factor,
    totp_code,
    verify_email,
)
from tests.translations import ui

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar"]


@pytest.fixture
def staff():
    user = get_user_model().objects.create_user(
        username="maha", email="maha@example.org", password=STAFF_PASSWORD, is_staff=True
    )
    verify_email(user)
    return user


def sign_in_with_password(client, user, lang="en"):
    return client.post(
        f"/{lang}/accounts/login/?next=/admin/",
        {"login": user.email, "password": STAFF_PASSWORD},
    )


def test_admin_sends_a_visitor_to_the_accounts_sign_in(client):
    response = client.get("/admin/", follow=True)

    assert [url for url, _status in response.redirect_chain] == [
        "/admin/login/?next=/admin/",
        "/en/accounts/login/?next=%2Fadmin%2F",
    ]
    assert response.context["form"].__class__.__name__ == "LoginForm"


def test_admin_login_page_never_offers_its_own_password_form(client):
    response = client.get("/admin/login/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fadmin%2F"


def test_admin_login_ignores_a_next_address_on_another_site(client):
    response = client.get("/admin/login/", {"next": "https://evil.example/admin/"})

    assert response["Location"] == "/en/accounts/login/?next=%2Fadmin%2F"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_without_a_second_factor_is_sent_to_set_one_up(client, staff, lang):
    sign_in_with_password(client, staff, lang)

    response = client.get("/admin/", follow=True, HTTP_ACCEPT_LANGUAGE=lang)

    # Setting up a second factor asks for the password again first.
    assert [url for url, _status in response.redirect_chain] == [
        "/admin/login/?next=/admin/",
        f"/{lang}/accounts/2fa/totp/activate/?next=%2Fadmin%2F",
        f"/{lang}/accounts/reauthenticate/?next=%2F{lang}%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"
        "%3Fnext%3D%252Fadmin%252F",
    ]
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == ui(
        lang, "Staff accounts need a second factor. Set up an authenticator app to continue."
    )


def test_staff_with_an_app_must_enter_a_code_before_the_admin(client, staff):
    add_authenticator_app(staff)
    sign_in_with_password(client, staff)
    client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})

    refused = client.get("/admin/")
    signed_in = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(TOTP_SECRET)})
    admitted = client.get("/admin/")

    assert refused.status_code == 302
    assert signed_in.status_code == 302
    assert admitted.status_code == 200


def test_staff_signed_in_before_setting_up_an_app_confirms_a_code(client, staff):
    sign_in_with_password(client, staff)
    add_authenticator_app(staff)

    response = client.get("/admin/login/", {"next": "/admin/agenda/session/"})

    assert (
        response["Location"]
        == "/en/accounts/2fa/reauthenticate/?next=%2Fadmin%2Fagenda%2Fsession%2F"
    )


def test_password_and_code_let_staff_into_the_admin(client, staff):
    add_authenticator_app(staff)

    password_step = sign_in_with_password(client, staff)
    code_step = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(TOTP_SECRET)})
    admin = client.get("/admin/")

    assert password_step["Location"] == "/en/accounts/2fa/authenticate/"
    assert code_step["Location"] == "/admin/"
    assert admin.status_code == 200


@pytest.mark.parametrize("lang", LANGUAGES)
def test_wrong_code_says_so_in_the_visitors_language_and_counts_toward_the_limit(
    client, staff, lang
):
    add_authenticator_app(staff)
    sign_in_with_password(client, staff, lang)
    authenticate = f"/{lang}/accounts/2fa/authenticate/"

    first = client.post(authenticate, {"code": "000000"})
    for _ in range(4):
        client.post(authenticate, {"code": "000000"})
    locked = client.post(authenticate, {"code": totp_code(TOTP_SECRET)})

    assert first.context["form"].errors == {"code": [ui(lang, "Incorrect code.")]}
    assert locked.context["form"].errors == {
        "code": [ui(lang, "Too many failed login attempts. Try again later.")]
    }
    assert client.get("/admin/").status_code == 302


def test_eleven_wrong_passwords_lock_the_account_out_of_the_admin(client, staff):
    add_authenticator_app(staff)
    answers = [
        client.post(
            "/en/accounts/login/?next=/admin/", {"login": staff.email, "password": f"guess-{n}"}
        )
        for n in range(11)
    ]

    right_password = sign_in_with_password(client, staff)

    errors = [answer.context["form"].non_field_errors() for answer in answers]
    assert (
        errors[:5]
        == [[ui("en", "The email address and/or password you specified are not correct.")]] * 5
    )
    assert errors[5:] == [[ui("en", "Too many failed login attempts. Try again later.")]] * 6
    assert right_password.context["form"].non_field_errors() == [
        ui("en", "Too many failed login attempts. Try again later.")
    ]
    assert "_auth_user_id" not in client.session


def test_signed_in_attendee_is_refused_the_admin(client):
    attendee = make_participant()
    client.force_login(attendee.user)

    response = client.get("/admin/login/")

    assert response.status_code == 403


def test_staff_signed_in_with_a_second_factor_sees_the_admin(client, staff):
    sign_in_with_second_factor(client, staff)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "Organisers’ desk" in response.content.decode()


def test_admin_login_form_takes_no_password_at_all(client, staff):
    add_authenticator_app(staff)
    answers = [
        client.post("/admin/login/", {"username": "maha", "password": f"guess-{n}"})
        for n in range(11)
    ]
    right = client.post("/admin/login/", {"username": "maha", "password": STAFF_PASSWORD})

    assert {(a.status_code, a["Location"]) for a in [*answers, right]} == {
        (302, "/en/accounts/login/?next=%2Fadmin%2F")
    }
    assert "_auth_user_id" not in client.session
