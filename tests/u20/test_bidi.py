"""Left-to-right fragments in right-to-left pages (u20.bidi): isolated with
markup, never with invisible control characters."""

from pathlib import Path

import allauth
import polib
import pytest
from django import forms
from django.conf import settings

from media_contacts.models import MediaContact
from tests.factories import make_session, make_summit
from tests.media_contacts.factories import make_contact
from tests.translations import ui
from u20.bidi import BIDI_CONTROLS, FormRenderer, ltr, with_ltr

ROOT = Path(settings.BASE_DIR)
CATALOGUE = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"
ALLAUTH_ARABIC = Path(allauth.__file__).parent / "locale" / "ar" / "LC_MESSAGES" / "django.po"
# allauth messages of features the site does not use: usernames, phone
# numbers as a sign-in method, sign-up closed.
ALLAUTH_UNUSED = {
    "Username can not be used. Please use other username.",
    "Enter a phone number including country code (e.g. +1 for the US).",
    "We are sorry, but the sign up is currently closed.",
}


def translations(entry: polib.POEntry) -> list[str]:
    return [entry.msgstr, *entry.msgstr_plural.values()]


def test_no_translation_in_our_catalogue_holds_a_bidi_control_character():
    found = [
        entry.msgid
        for entry in polib.pofile(str(CATALOGUE))
        if any(BIDI_CONTROLS.search(text) for text in translations(entry))
    ]

    assert found == []


def test_no_template_holds_a_bidi_control_character():
    found = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "templates").rglob("*"))
        if path.is_file() and BIDI_CONTROLS.search(path.read_text(encoding="utf-8"))
    ]

    assert found == []


def test_allauth_messages_the_site_shows_come_without_allauths_control_characters():
    with_controls = [
        entry.msgid
        for entry in polib.pofile(str(ALLAUTH_ARABIC))
        if not entry.obsolete and any(BIDI_CONTROLS.search(text) for text in translations(entry))
    ]
    shown = [msgid for msgid in with_controls if msgid not in ALLAUTH_UNUSED]

    served = {msgid: ui("ar", msgid) for msgid in shown}

    assert "You must type the same password each time." in shown
    assert [msgid for msgid, text in served.items() if BIDI_CONTROLS.search(text)] == []
    assert [msgid for msgid, text in served.items() if text == msgid] == []


def test_ltr_escapes_and_isolates():
    assert ltr("<b>+966 11 555 0100</b>") == (
        '<bdi dir="ltr">&lt;b&gt;+966 11 555 0100&lt;/b&gt;</bdi>'
    )


def test_with_ltr_escapes_the_message_and_isolates_each_value():
    text = with_ltr(
        "Call <us> on %(phone)s & quote %(reference)s.", phone="+1 202", reference="<x>"
    )

    assert text == (
        'Call &lt;us&gt; on <bdi dir="ltr">+1 202</bdi> &amp; quote <bdi dir="ltr">&lt;x&gt;</bdi>.'
    )


class ContactForm(forms.Form):
    email = forms.EmailField()
    website = forms.URLField()
    phone = forms.CharField(widget=forms.TextInput(attrs={"type": "tel"}))
    name = forms.CharField()
    handle = forms.EmailField(widget=forms.EmailInput(attrs={"dir": "auto"}))


def test_form_renderer_writes_email_link_and_phone_inputs_left_to_right():
    form = ContactForm(renderer=FormRenderer())

    directions = {name: form[name].as_widget().count('dir="ltr"') for name in form.fields}

    assert directions == {"email": 1, "website": 1, "phone": 1, "name": 0, "handle": 0}
    assert 'dir="auto"' in form["handle"].as_widget()


@pytest.mark.django_db
def test_sign_in_address_is_typed_left_to_right_on_the_arabic_page(client):
    html = client.get("/ar/accounts/login/").content.decode()

    assert 'type="email"' in html
    assert all('dir="ltr"' in tag for tag in html.split("<input")[1:] if 'type="email"' in tag)


@pytest.mark.django_db
def test_calendar_file_link_and_schedule_formats_are_isolated_on_arabic_pages(client):
    summit = make_summit(is_current=True)
    session = make_session(summit=summit)

    session_html = client.get(f"/ar/summits/{summit.slug}/sessions/{session.slug}/").content
    agenda_html = client.get(f"/ar/summits/{summit.slug}/agenda/").content

    assert 'download>أضف إلى تقويمي (<bdi dir="ltr">.ics</bdi>)</a>' in session_html.decode()
    assert "><bdi>JSON</bdi></a>" in agenda_html.decode()


@pytest.mark.django_db
def test_media_desk_address_and_phone_read_left_to_right_in_the_arabic_newsroom(client):
    make_contact(kind=MediaContact.Kind.DESK, email="media@example.org", phone="+966 11 555 0100")

    html = client.get("/ar/media/").content.decode()

    assert '<a href="mailto:media@example.org" dir="ltr">media@example.org</a>' in html
    assert '<a href="tel:+966115550100" dir="ltr">+966 11 555 0100</a>' in html
