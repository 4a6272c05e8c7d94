"""The account pages in Arabic speak our catalogue's Arabic, not allauth's.

allauth's own Arabic has misspellings and wrong verb forms, and calls the
reader "the user"; our catalogue (locale/ar) holds corrected translations of
every allauth string the site shows, listed in u20/catalogue_allauth.py so
that makemessages keeps them."""

import re

import polib
import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.utils import translation

from tests.factories import make_participant
from u20 import catalogue_allauth

pytestmark = pytest.mark.django_db

# What allauth's Arabic catalogue gets wrong: "غضون" misspelt, "لم ترى" and
# "لم تتلقى" where the jussive drops the final letter, "the user" where the
# reader is meant, "كود" for a code, and stray direction marks.
MISTAKES = ["غضو ", "لم ترى", "لم تتلقى", "المستخدم", "كود", "\u202a", "\u202c"]

LISTED = catalogue_allauth.ACCOUNT + catalogue_allauth.TWO_FACTOR
LISTED += catalogue_allauth.ACCOUNT_EMAILS + catalogue_allauth.ADMIN
OUR_CATALOGUE = polib.pofile(str(settings.BASE_DIR / "locale/ar/LC_MESSAGES/django.po"))
OUR_MSGIDS = {e.msgid for e in OUR_CATALOGUE.translated_entries()} | {
    e.msgid_plural for e in OUR_CATALOGUE.translated_entries() if e.msgid_plural
}


def page(client, path: str) -> str:
    response = client.get(f"/ar/{path}")
    assert response.status_code == 200
    return response.content.decode()


def mistakes_in(text: str) -> list[str]:
    return [mistake for mistake in MISTAKES if mistake in text]


def test_sign_in_page_in_arabic_uses_our_wording(client):
    html = page(client, "accounts/login/")

    assert mistakes_in(html) == []
    assert "إذا لم يكن لديك حساب بعد، فيُرجى" in html
    assert "تذكُّر بيانات الدخول" in html
    assert 'placeholder="عنوان البريد الإلكتروني"' in html


def test_sign_up_page_in_arabic_uses_our_wording(client):
    html = page(client, "accounts/signup/")

    assert mistakes_in(html) == []
    assert "لديك حساب بالفعل؟ يُرجى" in html
    assert "كلمة المرور (مرة أخرى)" in html


def test_password_reset_pages_in_arabic_use_our_wording(client):
    form = page(client, "accounts/password/reset/")
    done = page(client, "accounts/password/reset/done/")

    assert mistakes_in(form + done) == []
    assert "هل نسيت كلمة المرور؟ أدخل عنوان بريدك الإلكتروني أدناه" in form
    assert "وإن لم تتلقَّها في غضون بضع دقائق فتواصل معنا." in done


def test_verify_your_email_page_in_arabic_uses_our_wording(client):
    html = page(client, "accounts/confirm-email/")

    assert mistakes_in(html) == []
    assert "إذا لم ترَ رسالة التحقق في صندوق الوارد الرئيسي" in html
    assert "إذا لم تتلقَّ رسالة التحقق في غضون بضع دقائق." in html


def test_confirm_email_page_in_arabic_names_the_person_not_a_user(client):
    participant = make_participant(verified=False, full_name="أمل الحربي")
    key = EmailConfirmationHMAC(EmailAddress.objects.get(user=participant.user)).key

    html = page(client, f"accounts/confirm-email/{key}/")

    assert mistakes_in(html) == []
    assert re.search(r"عنوان بريد إلكتروني يخص\s+أمل الحربي", html)


def test_two_factor_page_in_arabic_uses_our_wording(client):
    participant = make_participant()
    client.force_login(participant.user)

    html = page(client, "accounts/2fa/")

    assert mistakes_in(html) == []
    assert "<h1>المصادقة الثنائية</h1>" in re.sub(r"\s*\n\s*", "", html)
    assert "تطبيق المصادقة غير مفعَّل." in html


def _shown(item, lang: str) -> str:
    """A listed string as the site shows it in lang. A plural has no text
    until it is given a number."""
    with translation.override(lang):
        text = translation.gettext(item) if isinstance(item, str) else str(item)
        return text or str(item % 3)


@pytest.mark.parametrize("item", LISTED, ids=lambda item: _shown(item, "en")[:40])
def test_every_listed_allauth_string_has_our_arabic(item):
    english, arabic = _shown(item, "en"), _shown(item, "ar")

    assert english in OUR_MSGIDS
    assert arabic != english
    assert re.search(r"[\u0600-\u06ff]", arabic)
    assert mistakes_in(arabic) == []
