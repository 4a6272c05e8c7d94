import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from media_contacts.models import InternalNote, InterviewRequest, PressRelease, StatusChange
from tests.factories import make_speaker
from tests.images import image_upload
from tests.media_contacts.factories import XSS_PAYLOADS, make_request, make_staff
from tests.staff import sign_in_with_second_factor
from u20.models import OutgoingEmail

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/media_contacts/interviewrequest/"
TEXT_FIELDS = ["name", "outlet", "role", "country", "interviewee", "message"]


@pytest.fixture
def maha(client):
    user = make_staff("maha")
    sign_in_with_second_factor(client, user)
    return user


def change_url(interview) -> str:
    return f"{CHANGELIST}{interview.pk}/change/"


def hidden_inputs(html: str) -> dict:
    """The management forms and hidden ids of a change page, as its form posts them."""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def post_change(client, interview, **fields):
    page = client.get(change_url(interview)).content.decode()
    data = {
        **hidden_inputs(page),
        "assignee": str(interview.assignee_id or ""),
        "notes-0-text": "",
        **fields,
    }
    return client.post(change_url(interview), data)


def action(client, name: str, *requests, follow: bool = True):
    return client.post(
        CHANGELIST,
        {"action": name, "_selected_action": [str(r.pk) for r in requests]},
        follow=follow,
    )


def changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST)
    count = len(queries)
    assert response.status_code == 200
    return count


def test_request_list_runs_the_same_number_of_queries_for_5_and_100_rows(client, maha):
    omar = make_staff("omar")
    for n in range(5):
        make_request(assignee=omar if n % 2 else None, speaker=make_speaker())
    # A staff session's first request records when it began; every other
    # request leaves the session alone for a minute. Count those.
    client.get(CHANGELIST)
    few = changelist_queries(client)
    for n in range(95):
        make_request(assignee=make_staff() if n % 2 else maha, speaker=make_speaker())

    many = changelist_queries(client)

    assert few > 0
    assert many == few


def test_request_list_shows_the_queue_with_days_open(client, maha):
    make_request(outlet="Gulf Evening News", created_at=timezone.now() - timedelta(days=3))

    response = client.get(CHANGELIST)

    html = response.content.decode()
    assert "Gulf Evening News" in html
    assert '<td class="field-days_open_display">3</td>' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=new", ["Fresh"]),
        ("status__exact=done", ["Finished"]),
        ("deadline=overdue", ["Late"]),
        ("deadline=day", ["Fresh"]),
        ("kind__exact=statement", ["Finished"]),
        ("q=gulf", ["Late"]),
    ],
)
def test_request_list_filters_and_search(client, maha, query, expected):
    now = timezone.now()
    make_request(outlet="Fresh", deadline=now + timedelta(hours=5))
    make_request(
        outlet="Late",
        name="Gulf reporter",
        status="in_progress",
        deadline=now - timedelta(hours=5),
    )
    make_request(
        outlet="Finished",
        status="done",
        kind="statement",
        deadline=now - timedelta(days=3),
        closed_at=now,
    )

    response = client.get(f"{CHANGELIST}?{query}")

    assert [r.outlet for r in response.context["cl"].result_list] == expected


def test_request_list_filters_by_assignee(client, maha):
    make_request(outlet="Mine", assignee=maha)
    make_request(outlet="Nobody's")

    response = client.get(f"{CHANGELIST}?assignee__id__exact={maha.pk}")

    assert [r.outlet for r in response.context["cl"].result_list] == ["Mine"]


def test_search_finds_a_request_by_its_reference(client, maha):
    interview = make_request(outlet="Found")
    make_request(outlet="Other")

    response = client.get(f"{CHANGELIST}?q={interview.reference}")

    assert [r.outlet for r in response.context["cl"].result_list] == ["Found"]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_in_every_text_field_is_escaped_in_the_admin(client, maha, payload):
    interview = make_request(**dict.fromkeys(TEXT_FIELDS, payload))

    pages = [
        client.get(CHANGELIST).content.decode(),
        client.get(change_url(interview)).content.decode(),
    ]

    for html in pages:
        assert payload not in html
        assert "<img src=x" not in html
    change_page = pages[1]
    escaped = (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        if "script" in payload
        else ("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
    )
    assert change_page.count(escaped) >= len(TEXT_FIELDS)


def test_assign_to_me_action_takes_the_request_and_starts_it(client, maha):
    interview = make_request()

    response = action(client, "assign_to_me", interview)

    interview.refresh_from_db()
    assert (interview.assignee, interview.status) == (maha, "in_progress")
    assert "1 request is assigned to you." in response.content.decode()


def test_decline_politely_writes_to_the_journalist_in_their_language(client, maha):
    interview = make_request(language="ar")
    closed = make_request(status="done")

    response = action(client, "decline_politely", interview, closed)

    interview.refresh_from_db()
    assert interview.status == "declined"
    assert list(OutgoingEmail.objects.values_list("kind", "language")) == [("media.declined", "ar")]
    assert "1 request declined." in response.content.decode()


def test_decline_quietly_writes_to_nobody(client, maha):
    interview = make_request()

    action(client, "decline_quietly", interview)

    assert InterviewRequest.objects.get(pk=interview.pk).status == "declined"
    assert OutgoingEmail.objects.count() == 0


def test_csv_export_is_utf8_with_a_bom_and_formula_safe(client, maha):
    first = make_request(name="ليلى حداد", outlet='=HYPERLINK("http://evil")')
    second = make_request(name="Omar")

    response = action(client, "export_csv", first, second, follow=False)

    content = response.content.decode("utf-8")
    lines = content.splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert content.startswith("\ufeffReference,Received,Status,Assignee,Name,Media outlet")
    assert len(lines) == 3
    assert "ليلى حداد" in content
    assert '"\'=HYPERLINK(""http://evil"")"' in content


def test_change_page_schedules_the_request_and_tells_the_journalist(client, maha):
    interview = make_request(status="in_progress", assignee=maha, language="ar")
    when = timezone.localtime(timezone.now() + timedelta(days=2))

    response = post_change(
        client,
        interview,
        transition="scheduled",
        scheduled_at_0=when.strftime("%Y-%m-%d"),
        scheduled_at_1="15:30",
        schedule_format="live_video",
        details="We will call you on Teams.",
        status_note="Chair agreed",
    )

    interview.refresh_from_db()
    assert response.status_code == 302
    assert (interview.status, interview.format) == ("scheduled", "live_video")
    assert interview.scheduled_for.strftime("%H:%M") == "15:30"
    email = OutgoingEmail.objects.get()
    assert (email.kind, email.language, email.to) == ("media.scheduled", "ar", interview.email)
    assert "We will call you on Teams." in email.body
    assert list(
        StatusChange.objects.filter(request=interview).values_list("to_status", "by", "note")
    )[-1] == (
        "scheduled",
        maha.pk,
        "Chair agreed",
    )


def test_change_page_without_a_date_refuses_to_schedule(client, maha):
    interview = make_request(status="in_progress")

    response = post_change(client, interview, transition="scheduled", schedule_format="phone")

    assert response.status_code == 200
    assert "Give the date and time of the interview." in response.content.decode()
    assert InterviewRequest.objects.get(pk=interview.pk).status == "in_progress"


def test_change_page_refuses_a_date_years_away(client, maha):
    interview = make_request(status="in_progress")

    response = post_change(
        client,
        interview,
        transition="scheduled",
        scheduled_at_0="9999-12-31",
        scheduled_at_1="23:59",
        schedule_format="phone",
    )

    assert response.status_code == 200
    assert "Choose a date within the next two years." in response.content.decode()
    assert InterviewRequest.objects.get(pk=interview.pk).status == "in_progress"


def test_change_page_offers_only_the_allowed_next_steps(client, maha):
    interview = make_request()

    form = client.get(change_url(interview)).context["adminform"].form

    assert [value for value, _label in form.fields["transition"].choices] == [
        "",
        "in_progress",
        "declined",
    ]


def test_change_page_assigns_and_adds_a_signed_note(client, maha):
    omar = make_staff("omar")
    interview = make_request()

    post_change(client, interview, assignee=str(omar.pk), **{"notes-0-text": "Prefers mornings"})

    interview.refresh_from_db()
    assert (interview.assignee, interview.status) == (omar, "in_progress")
    assert list(InternalNote.objects.values_list("author__username", "text")) == [
        ("maha", "Prefers mornings")
    ]


def test_closed_request_page_has_no_next_step(client, maha):
    interview = make_request(status="done", closed_at=timezone.now())

    adminform = client.get(change_url(interview)).context["adminform"]

    assert [fieldset.name for fieldset in adminform] == [
        None,
        "Journalist",
        "Request",
        "Scheduled",
        "Retention",
    ]
    assert "assignee" not in adminform.form.fields


def test_requests_cannot_be_added_or_deleted_in_the_admin(client, maha):
    interview = make_request()

    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert client.get(f"{CHANGELIST}{interview.pk}/delete/").status_code == 403


def test_press_release_admin_makes_the_slug_from_the_title(client, maha):
    response = client.post(
        "/admin/media_contacts/pressrelease/add/",
        {
            "title_en": "Mayors meet online",
            "title_ar": "العمداء يلتقون افتراضياً",
            "slug": "",
            "summary_en": "",
            "summary_ar": "",
            "body_en": "Text",
            "body_ar": "نص",
            "published_at_0": "2020-09-30",
            "published_at_1": "10:00",
            "image_alt_en": "",
            "image_alt_ar": "",
            "image_caption_en": "",
            "image_caption_ar": "",
        },
    )

    assert response.status_code == 302
    assert PressRelease.objects.get().slug == "mayors-meet-online"


def test_press_release_image_needs_alt_text_in_both_languages(client, maha):

    response = client.post(
        "/admin/media_contacts/pressrelease/add/",
        {
            "title_en": "With a picture",
            "title_ar": "مع صورة",
            "slug": "",
            "body_en": "Text",
            "body_ar": "نص",
            "published_at_0": "2020-09-30",
            "published_at_1": "10:00",
            "image": image_upload("photo.jpg", image_format="JPEG"),
            "image_alt_en": "Mayors on a video call",
            "image_alt_ar": "",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["image_alt_ar"] == [
        "Describe the image for people who cannot see it."
    ]
    assert PressRelease.objects.count() == 0
