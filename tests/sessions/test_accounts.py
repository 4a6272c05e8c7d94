"""The account pages (django-allauth inside our layout) and sign-up: the
participant profile, bad input, and mandatory email verification. Each in
English and Arabic."""

import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.contrib.auth import get_user_model

from sessions.models import Participant
from tests.hashers import CountingHasher
from tests.sessions.account_pages import (
    DIRECTION,
    LANGUAGES,
    PAGES,
    PageParts,
    link_in,
    page_path,
    signup_data,
)
from tests.translations import ui
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_account_page_is_complete_in_each_language(client, lang, name, unverified, verified):
    path, user = page_path(name, unverified=unverified, verified=verified)
    if user is not None:
        client.force_login(user.user)

    response = client.get(f"/{lang}/{path}", follow=True)

    parts = PageParts(response.content.decode())
    assert response.status_code == 200
    assert (parts.html_attrs["lang"], parts.html_attrs["dir"]) == (lang, DIRECTION[lang])
    assert parts.h1_count == 1
    assert [control for control in parts.controls if control not in parts.labels] == []
    assert (parts.inline_styles, parts.inline_scripts, parts.event_handlers) == ([], 0, [])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signup_shows_account_and_profile_fields(client, lang):
    response = client.get(f"/{lang}/accounts/signup/")

    form = response.context["form"]
    assert [field.name for field in form.visible_fields()] == [
        "email",
        "full_name",
        "organisation",
        "role",
        "country",
        "language",
        "time_zone",
        "password1",
        "password2",
    ]
    assert (form["language"].value(), form["time_zone"].value()) == (lang, "UTC")
    assert 'data-detect-time-zone=""' in response.content.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signup_creates_participant_and_queues_verification_without_login(
    client, lang, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/{lang}/accounts/signup/", signup_data(language=lang))

    user = get_user_model().objects.get(email="amal@example.org")
    participant = Participant.objects.get(user=user)
    email = OutgoingEmail.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/accounts/confirm-email/"
    assert (
        participant.full_name,
        participant.organisation,
        participant.role,
        participant.country,
        participant.language,
        participant.time_zone,
    ) == ("أمل الحربي", "Riyadh Municipality", "city_official", "Saudi Arabia", lang, "Asia/Riyadh")
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("amal@example.org", False)
    ]
    assert (email.to, email.language, email.kind) == (
        "amal@example.org",
        lang,
        "email_confirmation_signup",
    )
    assert email.subject == "U20 · " + ui(lang, "Please Confirm Your Email Address")
    assert email.body.splitlines()[0] == ui(lang, "Hello from %(site_name)s!") % {
        "site_name": ui(lang, "U20 Mayors Summit")
    }
    assert link_in(email.body).startswith(f"/{lang}/accounts/confirm-email/")
    assert "_auth_user_id" not in client.session
    assert client.get(f"/{lang}/me/")["Location"] == f"/{lang}/accounts/login/?next=/{lang}/me/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_verification_sent_page_follows_signup(client, lang):
    response = client.post(f"/{lang}/accounts/signup/", signup_data(), follow=True)

    html = response.content.decode()
    assert response.redirect_chain == [(f"/{lang}/accounts/confirm-email/", 302)]
    assert f"<h1>{ui(lang, 'Verify Your Email Address')}</h1>" in re.sub(r"\s*\n\s*", "", html)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "You must type the same password each time."),
        ("ar", "يجب إدخال كلمة المرور نفسها في المرتين."),
    ],
)
def test_signup_with_mismatched_passwords_explains_and_keeps_what_was_typed(client, lang, message):
    response = client.post(
        f"/{lang}/accounts/signup/", signup_data(password2="a-different-passphrase-13")
    )

    html = response.content.decode()
    parts = PageParts(html)
    assert response.status_code == 200
    assert response.context["form"].errors == {"password2": [message]}
    assert parts.errors == {"id_password2_error": message}
    assert 'value="amal@example.org"' in html
    assert 'value="أمل الحربي"' in html
    assert get_user_model().objects.count() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signup_with_unknown_time_zone_explains_and_keeps_what_was_typed(client, lang):
    response = client.post(f"/{lang}/accounts/signup/", signup_data(time_zone="Mars/Olympus"))

    expected = ui(lang, "Choose a time zone from the list.")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {"time_zone": [expected]}
    assert PageParts(html).errors == {"id_time_zone_error": expected}
    assert 'value="amal@example.org"' in html
    assert 'value="أمل الحربي"' in html
    assert 'aria-describedby="id_time_zone_helptext id_time_zone_error"' in html
    assert get_user_model().objects.count() == 0


def test_signup_error_is_arabic_on_arabic_page(client):
    response = client.post("/ar/accounts/signup/", signup_data(time_zone="Mars/Olympus"))

    assert response.context["form"].errors == {"time_zone": ["اختر منطقة زمنية من القائمة."]}


@pytest.mark.parametrize(
    ("lang", "message"), [("en", "This field is required."), ("ar", "هذا الحقل مطلوب.")]
)
def test_signup_without_full_name_asks_for_it(client, lang, message):
    response = client.post(f"/{lang}/accounts/signup/", signup_data(full_name=""))

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {"full_name": [message]}
    assert PageParts(html).errors == {"id_full_name_error": message}
    assert 'value="Riyadh Municipality"' in html
    assert Participant.objects.count() == 0


NAME_MESSAGES = {
    ("en", "direction"): (
        "Remove the invisible characters that change the direction of the text (such as U+202E)."
    ),
    ("ar", "direction"): "احذف الأحرف غير المرئية التي تغيّر اتجاه النص (مثل U+202E).",
    ("en", "invisible"): "Enter visible text, not only spaces or invisible characters.",
    ("ar", "invisible"): "أدخل نصًا ظاهرًا، لا مسافات أو أحرفًا غير مرئية فقط.",
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("typed", "problem"), [("\u202eevil", "direction"), ("\u200b \u200b", "invisible")]
)
@pytest.mark.parametrize("field", ["full_name", "organisation", "country"])
def test_signup_refuses_a_name_that_reorders_or_shows_nothing(client, lang, typed, problem, field):
    response = client.post(f"/{lang}/accounts/signup/", signup_data(**{field: typed}))

    message = NAME_MESSAGES[lang, problem]
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert PageParts(html).errors == {f"id_{field}_error": message}
    assert 'value="amal@example.org"' in html
    assert f'value="{typed}"' in html
    assert get_user_model().objects.count() == 0


def test_signup_keeps_an_arabic_name_with_its_joiners_and_marks(client):
    name = "عبد\u200cالله الحربي\u200f"

    response = client.post("/ar/accounts/signup/", signup_data(full_name=name))

    assert response.status_code == 302
    assert Participant.objects.get().full_name == name


@pytest.mark.parametrize(
    "data",
    [
        {"email": "not-an-address"},
        {"role": "mayor-of-everything"},
        {"language": "fr"},
        {"time_zone": "x" * 500},
        {"full_name": "x" * 5000},
    ],
)
def test_signup_with_bad_input_never_fails(client, data):
    response = client.post("/en/accounts/signup/", signup_data(**data))

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == sorted(data)
    assert get_user_model().objects.count() == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_verification_link_in_email_confirms_and_lands_on_my_page(
    client, lang, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/{lang}/accounts/signup/", signup_data(language=lang))
    confirm_path = link_in(OutgoingEmail.objects.get().body)

    page = client.get(confirm_path)
    response = client.post(confirm_path, follow=True)

    assert page.status_code == 200
    assert response.redirect_chain == [(f"/{lang}/me/", 302)]
    assert response.context["participant"].full_name == "أمل الحربي"
    assert EmailAddress.objects.get(email="amal@example.org").verified is True
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get().pk)


def test_verification_link_does_not_confirm_on_get(client, unverified):
    key = EmailConfirmationHMAC(EmailAddress.objects.get(user=unverified.user)).key

    client.get(f"/en/accounts/confirm-email/{key}/")

    assert EmailAddress.objects.get(user=unverified.user).verified is False


def signup_work(client, settings, email: str) -> tuple[int, list[str], str]:
    """Password hashes, emails queued and the page a sign-up with email gives."""
    settings.PASSWORD_HASHERS = ["tests.hashers.CountingHasher"]
    CountingHasher.hashed = 0
    before = set(OutgoingEmail.objects.values_list("pk", flat=True))
    response = client.post("/en/accounts/signup/", signup_data(email=email), follow=True)
    queued = OutgoingEmail.objects.exclude(pk__in=before).values_list("to", flat=True)
    return CountingHasher.hashed, list(queued), response.redirect_chain[-1][0]


def test_signup_does_the_same_work_for_a_new_and_a_known_address(client, settings, verified):
    new = signup_work(client, settings, "new-person@example.org")
    client.logout()
    known = signup_work(client, settings, verified.user.email)

    assert new == (1, ["new-person@example.org"], "/en/accounts/confirm-email/")
    assert known == (1, [verified.user.email], "/en/accounts/confirm-email/")
