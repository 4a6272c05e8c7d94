"""The interview request form: whom the journalist wants (a speaker, or a
person they name), and the left-to-right fragments it shows on Arabic pages."""

import pytest

from media_contacts.models import InterviewRequest
from tests.factories import add_speaker, make_session, make_summit
from tests.media_contacts.factories import form_data

pytestmark = pytest.mark.django_db

FORM = "/{lang}/media/interview-request/"
THANKS = "/{lang}/media/interview-request/thanks/"

WHOM_MISSING = {
    "en": "Choose a speaker from the agenda, or write the name of the person you want to "
    "interview: an interview request needs one of the two.",
    "ar": "اختر متحدثًا من جدول الأعمال، أو اكتب اسم الشخص الذي تودّ مقابلته: يلزم أحدهما "
    "لطلب المقابلة.",
}
WHOM_HINT = {
    "en": "For an interview, choose a speaker from the agenda or write the name of the person "
    "you want to interview.",
    "ar": "لطلب مقابلة، اختر متحدثًا من جدول الأعمال أو اكتب اسم الشخص الذي تودّ مقابلته.",
}
TWO_FIELDS_MARKED = {
    "en": "Please correct the 2 fields marked below.",
    "ar": "يُرجى تصحيح الحقلين المحدَّدين أدناه.",
}
PHONE_HINT = {
    "en": 'With the country code, such as <bdi dir="ltr">+966 11 555 0100</bdi>.',
    "ar": 'مع رمز الدولة، مثل <bdi dir="ltr">+966 11 555 0100</bdi>.',
}
PHONE_ERROR = {
    "en": 'Enter a phone number of 6 to 20 digits, such as <bdi dir="ltr">+966 11 555 0100</bdi>. '
    "Use only digits, spaces, +, - and brackets.",
    "ar": 'أدخل رقم هاتف من 6 إلى 20 رقمًا، مثل <bdi dir="ltr">+966 11 555 0100</bdi>. '
    "استخدم الأرقام والمسافات والرمزين + و- والأقواس فقط.",
}


def label_of(html: str, field_id: str) -> str:
    start = html.index(f'<label for="{field_id}">') + len(f'<label for="{field_id}">')
    return html[start : html.index("</label>", start)]


def tag_of(html: str, field_id: str) -> str:
    """The opening tag of the control with this id."""
    position = html.index(f'id="{field_id}"')
    return html[html.rindex("<", 0, position) : html.index(">", position) + 1]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_neither_speaker_nor_person_is_refused_with_both_fields_named_and_typing_kept(client, lang):
    typed = form_data(
        speaker="",
        interviewee="",
        outlet="صحيفة الرياض",
        message="Ten minutes on public transport.",
        language=lang,
    )

    response = client.post(FORM.format(lang=lang), typed)

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "speaker": [WHOM_MISSING[lang]],
        "interviewee": [WHOM_MISSING[lang]],
    }
    for field_id in ("id_speaker", "id_interviewee"):
        assert (
            f'<ul class="errorlist" id="{field_id}_error"><li>{WHOM_MISSING[lang]}</li></ul>'
            in html
        )
        assert f"{field_id}_error" in tag_of(html, field_id).split("aria-describedby=")[1]
        assert 'aria-invalid="true"' in tag_of(html, field_id)
    assert f"<p>{TWO_FIELDS_MARKED[lang]}</p>" in html
    assert 'value="Layla Haddad"' in html
    assert 'value="صحيفة الرياض"' in html
    assert "\nTen minutes on public transport.</textarea>" in html
    assert "checked" in tag_of(html, "id_format_0")
    assert 'value="live_video"' in tag_of(html, "id_format_0")
    assert InterviewRequest.objects.count() == 0


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_speaker_and_person_are_not_called_optional_and_the_hint_before_them_describes_both(
    client, lang
):
    response = client.get(FORM.format(lang=lang))

    html = response.content.decode()
    form = response.context["form"]
    hint = f'<p class="helptext person-hint" id="person-hint">{WHOM_HINT[lang]}</p>'
    assert label_of(html, "id_speaker") == f"{form.fields['speaker'].label}:"
    assert label_of(html, "id_interviewee") == f"{form.fields['interviewee'].label}:"
    assert "(" not in label_of(html, "id_speaker") + label_of(html, "id_interviewee")
    # Fields that may be left empty still say so.
    assert label_of(html, "id_session").endswith("(optional):" if lang == "en" else "(اختياري):")
    assert html.index(hint) < html.index('<label for="id_speaker">')
    assert 'aria-describedby="person-hint"' in tag_of(html, "id_speaker")
    assert 'aria-describedby="person-hint id_interviewee_helptext"' in tag_of(
        html, "id_interviewee"
    )


def test_a_speaker_from_the_agenda_is_enough_without_a_name(client):
    summit = make_summit(is_current=True)
    speaker = add_speaker(make_session(summit=summit)).speaker

    client.post(FORM.format(lang="en"), form_data(speaker=speaker.pk, interviewee=""))

    assert InterviewRequest.objects.get().speaker == speaker


def test_a_statement_needs_neither_field(client):
    response = client.post(
        FORM.format(lang="en"), form_data(kind="statement", speaker="", interviewee="")
    )

    assert response.status_code == 302
    assert InterviewRequest.objects.get().kind == "statement"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_phone_example_is_kept_left_to_right_in_the_hint(client, lang):
    html = client.get(FORM.format(lang=lang)).content.decode()

    assert f'<div class="helptext" id="id_phone_helptext">{PHONE_HINT[lang]}</div>' in html


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_phone_example_is_kept_left_to_right_in_the_error_and_the_typing_kept(client, lang):
    response = client.post(FORM.format(lang=lang), form_data(phone="call <me> maybe"))

    html = response.content.decode()
    assert response.context["form"].errors == {"phone": [PHONE_ERROR[lang]]}
    assert f'<ul class="errorlist" id="id_phone_error"><li>{PHONE_ERROR[lang]}</li></ul>' in html
    assert 'value="call &lt;me&gt; maybe"' in html


def test_address_and_phone_are_typed_left_to_right_on_the_arabic_form(client):
    html = client.get(FORM.format(lang="ar")).content.decode()

    assert 'dir="ltr"' in tag_of(html, "id_email")
    assert 'dir="ltr"' in tag_of(html, "id_phone")
    assert 'type="tel"' in tag_of(html, "id_phone")
    assert "dir=" not in tag_of(html, "id_outlet")


def test_time_zone_note_keeps_the_zone_and_offset_left_to_right(client):
    make_summit(is_current=True, time_zone="America/Argentina/Buenos_Aires")

    html = client.get(FORM.format(lang="ar")).content.decode()

    assert (
        '<p class="helptext">الأوقات وفق المنطقة الزمنية للقمة، '
        '<bdi dir="ltr">America/Argentina/Buenos_Aires</bdi> (<bdi dir="ltr">UTC-3</bdi>).</p>'
    ) in html


def test_reference_on_the_arabic_thank_you_page_is_isolated_left_to_right(client):
    client.post(FORM.format(lang="ar"), form_data(language="ar"))
    reference = InterviewRequest.objects.get().reference

    html = client.get(THANKS.format(lang="ar")).content.decode()

    assert f'<p class="reference" translate="no"><bdi dir="ltr">{reference}</bdi></p>' in html
