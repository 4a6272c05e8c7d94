"""What the account-page tests share: the pages, who may see each, the
form a sign-up posts, and a reader of the parts of a page they check."""

import re
from html.parser import HTMLParser

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str

LANGUAGES = ["en", "ar"]
DIRECTION = {"en": "ltr", "ar": "rtl"}
PASSWORD = "a-long-passphrase-42"  # the one tests.factories.make_participant sets
NEW_PASSWORD = "another-long-passphrase-77"


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
    (url,) = re.findall(r"https://summit\.example\.org(/\S+)", body)
    return url


def log_in(client, participant, lang="en"):
    return client.post(
        f"/{lang}/accounts/login/", {"login": participant.user.email, "password": PASSWORD}
    )


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
