import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from media_contacts.models import REFERENCE_PATTERN, InterviewRequest, MediaContact
from tests.factories import add_speaker, make_session, make_summit
from tests.media_contacts.factories import (
    XSS_PAYLOADS,
    form_data,
    make_contact,
    make_release,
)
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

FORM = "/{lang}/media/interview-request/"
THANKS = "/{lang}/media/interview-request/thanks/"
ATOM = "{http://www.w3.org/2005/Atom}"
NEXT_MONTH = (timezone.now() + timedelta(days=30)).strftime("%Y-%m-%d")


def in_arabic(message: str) -> str:
    with translation.override("ar"):
        return translation.gettext(message)


def release_titles(response) -> list[str]:
    return [release.title for release in response.context["releases"]]


def test_newsroom_lists_published_releases_newest_first(client):
    now = timezone.now()
    make_release(title_en="Older", published_at=now - timedelta(days=2))
    make_release(title_en="Newer", published_at=now - timedelta(hours=1))
    make_release(title_en="Embargoed", published_at=now + timedelta(hours=1))

    response = client.get("/en/media/")

    assert release_titles(response) == ["Newer", "Older"]
    assert "Embargoed" not in response.content.decode()


def test_newsroom_in_arabic_shows_arabic_titles_right_to_left(client):
    make_release(title_en="First day", title_ar="اليوم الأول")

    html = client.get("/ar/media/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "اليوم الأول" in html
    assert "First day" not in html


def test_newsroom_shows_the_general_address_and_the_team(client):
    make_contact(kind=MediaContact.Kind.DESK, name_en="Media team", email="media@example.org")
    make_contact(name_en="Noura Al-Qahtani", email="noura@example.org", phone="+966 11 555 0101")
    make_contact(name_en="Hidden Person", is_published=False)

    html = client.get("/en/media/").content.decode()

    assert 'href="mailto:media@example.org"' in html
    assert "<bdi>Noura Al-Qahtani</bdi>" in html
    assert 'href="tel:+966115550101"' in html
    assert "Hidden Person" not in html


def test_newsroom_pages_through_releases(client):
    now = timezone.now()
    for n in range(12):
        make_release(title_en=f"Release {n:02d}", published_at=now - timedelta(hours=n + 1))

    first = client.get("/en/media/")
    second = client.get("/en/media/?page=2")

    assert release_titles(first) == [f"Release {n:02d}" for n in range(10)]
    assert release_titles(second) == ["Release 10", "Release 11"]
    assert 'href="?page=2"' in first.content.decode()


@pytest.mark.parametrize(
    ("page", "expected"), [("abc", 1), ("", 1), ("0", 2), ("99", 2), ("-1", 2)]
)
def test_newsroom_with_a_bad_page_number_shows_a_page_never_an_error(client, page, expected):
    for _ in range(11):
        make_release()

    response = client.get(f"/en/media/?page={page}")

    assert response.status_code == 200
    assert response.context["page"].number == expected


def newsroom_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/media/")
    count = len(queries)
    assert response.status_code == 200
    return count


def test_newsroom_runs_the_same_number_of_queries_for_5_and_100_releases(client, cold_pages):
    summit = make_summit()
    for _ in range(3):
        make_contact()
    for _ in range(5):
        make_release(summit=summit)
    few = newsroom_queries(client)
    for _ in range(95):
        make_release(summit=make_summit())

    many = newsroom_queries(client)

    assert few > 0
    assert many == few


def test_release_page_shows_the_text_as_sanitised_markdown(client):
    release = make_release(
        slug="first-day",
        title_en="First day",
        body_en="## Sessions\n\nEight **side events**.\n\n<script>alert(1)</script>"
        "\n\n[bad](javascript:alert(1))",
    )

    html = client.get("/en/media/releases/first-day/").content.decode()

    assert release.get_absolute_url() == "/en/media/releases/first-day/"
    assert "<h2>Sessions</h2>" in html
    assert "Eight <strong>side events</strong>." in html
    assert "<script>alert(1)</script>" not in html
    assert "javascript:" not in html


def test_release_page_in_arabic(client):
    make_release(slug="first-day", title_ar="اليوم الأول", body_ar="نص **البيان**.")

    html = client.get("/ar/media/releases/first-day/").content.decode()

    assert "<h1>اليوم الأول</h1>" in html
    assert "نص <strong>البيان</strong>." in html


def test_release_with_an_arabic_slug_has_its_page(client):
    release = make_release(slug="اليوم-الأول", title_en="First day")

    response = client.get(release.get_absolute_url())

    assert response.status_code == 200
    assert "<h1>First day</h1>" in response.content.decode()


def test_release_not_yet_published_is_not_found(client):
    make_release(slug="embargoed", published_at=timezone.now() + timedelta(days=1))

    assert client.get("/en/media/releases/embargoed/").status_code == 404
    assert client.get("/en/media/releases/no-such-release/").status_code == 404


def test_release_texts_are_escaped_on_pages(client):
    payload = XSS_PAYLOADS[1]
    make_release(
        slug="x",
        title_en=payload,
        summary_en=payload,
        image_caption_en=payload,
    )

    newsroom = client.get("/en/media/").content.decode()
    page = client.get("/en/media/releases/x/").content.decode()

    for html in (newsroom, page):
        assert "<img src=x" not in html
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_atom_feed_parses_and_lists_published_releases_in_its_language(client, lang):
    now = timezone.now()
    make_release(title_en="Newer", title_ar="الأحدث", published_at=now - timedelta(hours=1))
    make_release(
        title_en="Older",
        title_ar="الأقدم",
        summary_en="<b>x</b>",
        published_at=now - timedelta(days=1),
    )
    make_release(title_en="Embargoed", title_ar="محظور", published_at=now + timedelta(hours=1))

    response = client.get(f"/{lang}/media/feed.atom")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == (["Newer", "Older"] if lang == "en" else ["الأحدث", "الأقدم"])
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.startswith(f"https://summit.example.org/{lang}/media/releases/")


def test_atom_feed_summary_is_escaped_html(client):
    make_release(summary_en=XSS_PAYLOADS[0], body_en="<script>alert(2)</script>Text")

    feed = ET.fromstring(client.get("/en/media/feed.atom").content)  # noqa: S314
    summary = feed.find(f"{ATOM}entry/{ATOM}summary").text

    assert summary == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>Text</p>"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_form_page_offers_agenda_speakers_and_the_visitors_language(client, lang):
    summit = make_summit(is_current=True)
    session = make_session(summit=summit, title_en="Public transport", title_ar="النقل العام")
    add_speaker(session, role="speaker")

    response = client.get(FORM.format(lang=lang))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in html
    checked = re.findall(r'name="language" value="(\w+)"[^>]*checked', html)
    assert checked == [lang]
    assert list(response.context["form"].fields["session"].queryset) == [session]
    assert response["Cache-Control"].startswith("max-age=0")


def test_submit_shows_the_reference_on_the_thank_you_page(client):
    response = client.post(FORM.format(lang="en"), form_data(), follow=True)

    interview = InterviewRequest.objects.get()
    assert response.redirect_chain == [(THANKS.format(lang="en"), 302)]
    assert REFERENCE_PATTERN.match(interview.reference) is not None
    assert interview.reference in response.content.decode()
    assert (interview.name, interview.status, interview.language) == (
        "Layla Haddad",
        "new",
        "en",
    )


def test_submit_reads_times_in_the_current_summits_zone(client):
    make_summit(is_current=True, time_zone="Asia/Riyadh")
    deadline = timezone.now() + timedelta(days=3)
    typed = deadline.astimezone(timezone.get_fixed_timezone(180)).strftime("%Y-%m-%dT%H:%M")

    client.post(FORM.format(lang="en"), form_data(deadline=typed))

    saved = InterviewRequest.objects.get().deadline
    assert saved == deadline.replace(second=0, microsecond=0)


def test_thank_you_page_without_a_request_goes_back_to_the_form(client):
    response = client.get(THANKS.format(lang="en"))

    assert response.status_code == 302
    assert response["Location"] == FORM.format(lang="en")


def test_another_visitor_never_sees_someone_elses_reference(client, django_user_model):
    client.post(FORM.format(lang="en"), form_data())
    reference = InterviewRequest.objects.get().reference

    other = Client().get(THANKS.format(lang="en"), follow=True)

    assert reference not in other.content.decode()


def test_errors_are_in_arabic_and_the_form_keeps_what_was_typed(client):
    response = client.post(
        FORM.format(lang="ar"), form_data(name="", outlet="صحيفة الرياض", language="ar")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "هذا الحقل مطلوب." in html
    assert 'value="صحيفة الرياض"' in html
    assert InterviewRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"deadline": "2020-01-01T10:00"}, "deadline", "Choose a date and time in the future."),
        ({"deadline": "2090-01-01T10:00"}, "deadline", "Choose a date within the next two years."),
        (
            {"window_start": f"{NEXT_MONTH}T10:00", "window_end": f"{NEXT_MONTH}T09:00"},
            "window_end",
            "The end of the time window must come after its start.",
        ),
        ({"consent": ""}, "consent", "Tick this box so that we may handle your request."),
        (
            {"phone": "call me maybe"},
            "phone",
            "Enter a phone number of 6 to 20 digits, such as "
            '<bdi dir="ltr">+966 11 555 0100</bdi>. Use only digits, spaces, +, - and brackets.',
        ),
        ({"phone": "12345"}, "phone", None),
        ({"phone": "+1 " + "2" * 21}, "phone", None),
        ({"message": "x" * 3001}, "message", None),
        ({"name": "x" * 121}, "name", None),
        ({"email": "layla@"}, "email", "Enter a valid email address."),
        ({"kind": "bribe"}, "kind", None),
    ],
)
def test_bad_input_gets_a_clear_error_and_nothing_is_saved(client, fields, field, message):
    response = client.post(FORM.format(lang="en"), form_data(**fields))

    errors = response.context["form"].errors
    assert response.status_code == 200
    assert list(errors) == [field]
    if message:
        assert errors[field] == [message]
    assert InterviewRequest.objects.count() == 0


@pytest.mark.parametrize("time_zone", ["America/Los_Angeles", "Pacific/Kiritimati"])
@pytest.mark.parametrize("typed", ["9999-12-31T23:59", "0001-01-01T00:00"])
def test_dates_at_the_ends_of_the_calendar_get_an_error_not_a_crash(client, time_zone, typed):
    make_summit(is_current=True, time_zone=time_zone)

    response = client.post(
        FORM.format(lang="en"), form_data(deadline=typed, window_start=typed, window_end=typed)
    )

    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["deadline", "window_end", "window_start"]
    assert InterviewRequest.objects.count() == 0


def test_phone_typed_with_arabic_digits_is_kept_in_latin_digits(client):
    client.post(FORM.format(lang="ar"), form_data(phone="+٩٦٦ ١١ ٥٥٥ ٠١٩٩"))

    assert InterviewRequest.objects.get().phone == "+966 11 555 0199"


def test_a_statement_needs_nobody_named(client):
    client.post(FORM.format(lang="en"), form_data(kind="statement", interviewee=""))

    assert InterviewRequest.objects.get().kind == "statement"


def test_honeypot_filled_shows_the_same_thank_you_page_and_keeps_nothing(client):
    response = client.post(
        FORM.format(lang="en"), form_data(website="https://spam.example"), follow=True
    )

    html = response.content.decode()
    assert response.redirect_chain == [(THANKS.format(lang="en"), 302)]
    assert REFERENCE_PATTERN.search(re.search(r"U20-[0-9A-Z-]{14}", html).group(0)) is not None
    assert InterviewRequest.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_honeypot_wins_even_over_invalid_input(client):
    response = client.post(FORM.format(lang="en"), {"website": "x"})

    assert response.status_code == 302
    assert InterviewRequest.objects.count() == 0


def test_rate_limit_answers_429_in_the_visitors_language(client, settings):
    settings.INTERVIEW_REQUEST_RATE = "2/h"
    client.post(FORM.format(lang="ar"), form_data(email="a@example.org"))
    client.post(FORM.format(lang="ar"), form_data(name=""))  # invalid: counts too

    response = client.post(FORM.format(lang="ar"), form_data(email="c@example.org"))

    html = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert '<html lang="ar" dir="rtl">' in html
    assert in_arabic("Too many attempts") in html
    assert list(InterviewRequest.objects.values_list("email", flat=True)) == ["a@example.org"]


def test_rate_limit_counts_honeypot_posts(client, settings):
    settings.INTERVIEW_REQUEST_RATE = "2/h"
    client.post(FORM.format(lang="en"), form_data(website="spam"))
    client.post(FORM.format(lang="en"), form_data(website="spam"))

    response = client.post(FORM.format(lang="en"), form_data())

    assert response.status_code == 429
    assert InterviewRequest.objects.count() == 0


def test_rate_limit_is_per_address(client, settings):
    settings.INTERVIEW_REQUEST_RATE = "1/h"
    client.post(FORM.format(lang="en"), form_data(), REMOTE_ADDR="192.0.2.1")

    refused = client.post(FORM.format(lang="en"), form_data(), REMOTE_ADDR="192.0.2.1")
    other = client.post(FORM.format(lang="en"), form_data(), REMOTE_ADDR="192.0.2.2")

    assert (refused.status_code, other.status_code) == (429, 302)
    assert InterviewRequest.objects.count() == 2


def test_rate_limit_ignores_a_forged_forwarded_for_header(client, settings):
    settings.INTERVIEW_REQUEST_RATE = "1/h"
    client.post(FORM.format(lang="en"), form_data(), HTTP_X_FORWARDED_FOR="198.51.100.1")

    response = client.post(FORM.format(lang="en"), form_data(), HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert response.status_code == 429


def test_reading_the_form_is_never_limited(client, settings):
    settings.INTERVIEW_REQUEST_RATE = "1/h"

    statuses = {client.get(FORM.format(lang="en")).status_code for _ in range(5)}

    assert statuses == {200}


TEXT_FIELDS = ["name", "outlet", "role", "country", "interviewee", "message"]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_in_every_text_field_is_escaped_when_the_form_comes_back(client, payload):
    data = form_data(consent="", **dict.fromkeys(TEXT_FIELDS, payload))

    html = client.post(FORM.format(lang="en"), data).content.decode()

    assert payload not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html or "&quot;&gt;&lt;img" in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_in_every_text_field_never_reaches_the_thank_you_page(client, payload):
    response = client.post(
        FORM.format(lang="en"), form_data(**dict.fromkeys(TEXT_FIELDS, payload)), follow=True
    )

    html = response.content.decode()
    assert InterviewRequest.objects.get().message == payload
    assert payload not in html
    assert "<img src=x" not in html
