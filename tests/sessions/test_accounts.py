"""The account pages (django-allauth inside our layout): sign-up with the
participant profile, mandatory email verification, log-in and out, password
reset and change, email change behind re-authentication, rate limits, and a
mail server that is down. Each in English and Arabic."""

import re
from html.parser import HTMLParser

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.utils import translation

from sessions.models import Participant
from tests.factories import make_participant
from tests.mail_backends import FlakyBackend
from tests.tasks import run_due_tasks
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar"]
DIRECTION = {"en": "ltr", "ar": "rtl"}
PASSWORD = "a-long-passphrase-42"  # the one tests.factories.make_participant sets
NEW_PASSWORD = "another-long-passphrase-77"


def ui(lang: str, message: str) -> str:
    """A message as the site shows it in lang (Django's, allauth's or ours)."""
    with translation.override(lang):
        return translation.gettext(message)


class PageParts(HTMLParser):
    """What the checks below need from a page: the html element, headings,
    form controls and their labels, and anything the CSP would refuse."""

    CONTROLS = {"input", "select", "textarea"}
    UNLABELLED_INPUTS = {"hidden", "submit", "button", "reset", "image"}

    def __init__(self, html: str):
        super().__init__()
        self.html_attrs: dict = {}
        self.h1_count = 0
        self.controls: list[str] = []
        self.labels: set[str] = set()
        self.inline_styles: list[str] = []
        self.inline_scripts = 0
        self.event_handlers: list[str] = []
        self.errors: dict[str, str] = {}
        self._error_id = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_attrs = attributes
        if tag == "h1":
            self.h1_count += 1
        if tag == "label" and attributes.get("for"):
            self.labels.add(attributes["for"])
        if tag in self.CONTROLS and attributes.get("type") not in self.UNLABELLED_INPUTS:
            self.controls.append(attributes.get("id", f"<{tag} name={attributes.get('name')}>"))
        if tag == "script" and not attributes.get("src"):
            self.inline_scripts += 1
        if "style" in attributes:
            self.inline_styles.append(tag)
        self.event_handlers += [name for name in attributes if name.startswith("on")]
        if tag == "ul" and "errorlist" in (attributes.get("class") or ""):
            self._error_id = attributes.get("id", "")
            self.errors[self._error_id] = ""

    def handle_endtag(self, tag):
        if tag == "ul":
            self._error_id = None

    def handle_data(self, data):
        if self._error_id is not None:
            self.errors[self._error_id] += data


def signup_data(**overrides) -> dict:
    data = {
        "email": "amal@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "full_name": "أمل الحربي",
        "organisation": "Riyadh Municipality",
        "role": "city_official",
        "country": "Saudi Arabia",
        "language": "ar",
        "time_zone": "Asia/Riyadh",
    }
    return {**data, **overrides}


def link_in(body: str) -> str:
    """The path of the (only) site link in an email body."""
    (url,) = re.findall(r"https?://testserver(/\S+)", body)
    return url


def log_in(client, participant, lang="en"):
    return client.post(
        f"/{lang}/accounts/login/", {"login": participant.user.email, "password": PASSWORD}
    )


@pytest.fixture
def unverified():
    return make_participant(verified=False, email="new@example.org")


@pytest.fixture
def verified():
    return make_participant(email="known@example.org")


def page_path(name: str, *, unverified, verified) -> tuple[str, object]:
    """Each account page, and who has to be logged in to see it."""
    address = EmailAddress.objects.get(user=unverified.user)
    reset_key = (
        f"{user_pk_to_url_str(verified.user)}-{default_token_generator.make_token(verified.user)}"
    )
    return {
        "signup": ("accounts/signup/", None),
        "login": ("accounts/login/", None),
        "verification_sent": ("accounts/confirm-email/", None),
        "confirm_email": (f"accounts/confirm-email/{EmailConfirmationHMAC(address).key}/", None),
        "password_reset": ("accounts/password/reset/", None),
        "password_reset_done": ("accounts/password/reset/done/", None),
        "password_reset_from_key": (f"accounts/password/reset/key/{reset_key}/", None),
        "password_reset_from_key_done": ("accounts/password/reset/key/done/", None),
        "password_change": ("accounts/password/change/", verified),
        "email": ("accounts/email/", verified),
        "logout": ("accounts/logout/", verified),
        "reauthenticate": ("accounts/reauthenticate/", verified),
        "reauthenticate_by_code": ("accounts/reauthenticate/code/", verified),
    }[name]


PAGES = [
    "signup",
    "login",
    "verification_sent",
    "confirm_email",
    "password_reset",
    "password_reset_done",
    "password_reset_from_key",
    "password_reset_from_key_done",
    "password_change",
    "email",
    "logout",
    "reauthenticate",
    "reauthenticate_by_code",
]


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
        ("ar", "يجب عليك كتابة كلمة المرور نفسها في كل مرة\u202a."),
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

    expected = ui(lang, "“%(value)s” is not a known time zone, such as Asia/Riyadh.") % {
        "value": "Mars/Olympus"
    }
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {"time_zone": [expected]}
    assert PageParts(html).errors == {"id_time_zone_error": expected}
    assert 'value="Mars/Olympus"' in html
    assert 'aria-describedby="id_time_zone_helptext id_time_zone_error"' in html
    assert get_user_model().objects.count() == 0


def test_signup_error_is_arabic_on_arabic_page(client):
    response = client.post("/ar/accounts/signup/", signup_data(time_zone="Mars/Olympus"))

    assert response.context["form"].errors == {
        "time_zone": [
            "«Mars/Olympus» ليست منطقة زمنية معروفة؛ أدخل اسم منطقة صحيحًا مثل Asia/Riyadh."
        ]
    }


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
