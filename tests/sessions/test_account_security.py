"""Signing in to an account and keeping it: log-in and out, password reset
and change, email change behind re-authentication, rate limits, and a mail
server that is down. Each in English and Arabic."""

import pytest
from allauth.account.models import EmailAddress

from sessions.models import Participant
from tests.mail_backends import FlakyBackend
from tests.sessions.account_pages import (
    DIRECTION,
    LANGUAGES,
    NEW_PASSWORD,
    PASSWORD,
    PageParts,
    link_in,
    log_in,
    signup_data,
)
from tests.tasks import run_due_tasks
from tests.translations import ui
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unverified_user_cannot_log_in(client, lang, unverified):
    response = log_in(client, unverified, lang)

    assert response["Location"] == f"/{lang}/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("lang", LANGUAGES)
def test_login_lands_on_my_page_and_logout_needs_post(client, lang, verified):
    logged_in = log_in(client, verified, lang)
    get_logout = client.get(f"/{lang}/accounts/logout/")
    still_in = "_auth_user_id" in client.session
    logged_out = client.post(f"/{lang}/accounts/logout/")

    assert logged_in["Location"] == f"/{lang}/me/"
    assert (get_logout.status_code, still_in) == (200, True)
    assert logged_out["Location"] == f"/{lang}/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("lang", LANGUAGES)
def test_login_with_wrong_password_says_so_in_the_visitors_language(client, lang, verified):
    response = client.post(
        f"/{lang}/accounts/login/", {"login": verified.user.email, "password": "wrong-password"}
    )

    message = ui(lang, "The email address and/or password you specified are not correct.")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert 'value="known@example.org"' in response.content.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_password_reset_queues_email_with_working_link(
    client, lang, verified, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        requested = client.post(f"/{lang}/accounts/password/reset/", {"email": "known@example.org"})
    email = OutgoingEmail.objects.get()
    form_page = client.get(link_in(email.body), follow=True)
    changed = client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    verified.user.refresh_from_db()
    assert requested["Location"] == f"/{lang}/accounts/password/reset/done/"
    assert (email.to, email.language, email.kind) == (
        "known@example.org",
        lang,
        "password_reset_key",
    )
    assert changed["Location"] == f"/{lang}/accounts/password/reset/key/done/"
    assert verified.user.check_password(NEW_PASSWORD) is True


@pytest.mark.parametrize("lang", LANGUAGES)
def test_password_change_sets_new_password(client, lang, verified):
    log_in(client, verified, lang)

    response = client.post(
        f"/{lang}/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    verified.user.refresh_from_db()
    assert response["Location"] == f"/{lang}/accounts/password/change/"
    assert verified.user.check_password(NEW_PASSWORD) is True
    assert client.session["_auth_user_id"] == str(verified.user.pk)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_password_change_with_wrong_current_password_is_refused(client, lang, verified):
    log_in(client, verified, lang)

    response = client.post(
        f"/{lang}/accounts/password/change/",
        {"oldpassword": "not-my-password", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    verified.user.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "oldpassword": [ui(lang, "Please type your current password.")]
    }
    assert verified.user.check_password(PASSWORD) is True


@pytest.mark.parametrize("lang", LANGUAGES)
def test_email_change_asks_for_password_first(
    client, lang, verified, django_capture_on_commit_callbacks
):
    client.force_login(verified.user)  # a session without a recent password check

    asked = client.post(
        f"/{lang}/accounts/email/", {"email": "moved@example.org", "action_add": ""}
    )
    added_before = EmailAddress.objects.filter(email="moved@example.org").exists()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(asked["Location"], {"password": PASSWORD})

    assert (
        asked["Location"]
        == f"/{lang}/accounts/reauthenticate/?next=%2F{lang}%2Faccounts%2Femail%2F"
    )
    assert added_before is False
    assert confirmed["Location"] == f"/{lang}/accounts/email/"
    assert list(
        EmailAddress.objects.filter(user=verified.user)
        .order_by("email")
        .values_list("email", "verified", "primary")
    ) == [("known@example.org", True, True), ("moved@example.org", False, False)]
    assert list(OutgoingEmail.objects.values_list("to", "language", "kind")) == [
        ("moved@example.org", lang, "email_confirmation")
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reauthentication_with_wrong_password_changes_nothing(client, lang, verified):
    client.force_login(verified.user)
    asked = client.post(
        f"/{lang}/accounts/email/", {"email": "moved@example.org", "action_add": ""}
    )

    response = client.post(asked["Location"], {"password": "not-my-password"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"password": [ui(lang, "Incorrect password.")]}
    assert EmailAddress.objects.filter(email="moved@example.org").exists() is False


@pytest.mark.parametrize("lang", LANGUAGES)
def test_repeated_failed_logins_for_one_email_lock_it(client, lang, verified):
    for _ in range(5):
        client.post(f"/{lang}/accounts/login/", {"login": verified.user.email, "password": "guess"})

    response = log_in(client, verified, lang)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        ui(lang, "Too many failed login attempts. Try again later.")
    ]
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("lang", LANGUAGES)
def test_too_many_login_attempts_get_the_429_page_in_the_visitors_language(client, lang):
    for n in range(30):
        client.post(f"/{lang}/accounts/login/", {"login": f"guess{n}@example.org", "password": "x"})

    response = client.post(
        f"/{lang}/accounts/login/", {"login": "guess@example.org", "password": "x"}
    )

    html = response.content.decode()
    parts = PageParts(html)
    assert response.status_code == 429
    assert (parts.html_attrs["lang"], parts.html_attrs["dir"]) == (lang, DIRECTION[lang])
    assert f"<h1>{ui(lang, 'Too many attempts')}</h1>" in html
    assert f'<a href="/{lang}/">{ui(lang, "Go to the home page")}</a>' in html


@pytest.fixture
def mail_server_down(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.mail_backends.FlakyBackend"}}
    FlakyBackend.refused = 0
    FlakyBackend.failures = 1_000
    yield
    FlakyBackend.failures = 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signup_succeeds_and_keeps_the_email_when_the_mail_server_is_down(
    client, lang, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/{lang}/accounts/signup/", signup_data())

    results = run_due_tasks()

    email = OutgoingEmail.objects.get()
    assert response["Location"] == f"/{lang}/accounts/confirm-email/"
    assert Participant.objects.get().full_name == "أمل الحربي"
    assert results == ["retrying"]
    assert (email.sent_at, email.attempts, email.last_error) == (
        None,
        1,
        "ConnectionRefusedError: The mail server is not answering",
    )
