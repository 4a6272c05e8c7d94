"""The attendance pages of the admin: a session's page with the import of
the meeting platform's report (upload, preview, confirm), and a summit's
attendance report, in English and Arabic, for the staff allowed to see them."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sessions import services
from sessions.attendance import record_join
from sessions.attendance_admin import ReportUploadHandler
from sessions.attendance_import import MAX_BYTES
from sessions.models import Registration, SessionLanguage
from tests.factories import make_participant, make_session, make_summit
from tests.sessions.admin_fixtures import RIYADH, message_texts, staff_user, upcoming_session
from tests.staff import sign_in_with_second_factor
from u20.models import AttendanceRule
from u20.roles import PROGRAMME, REGISTRATIONS, sync_roles

pytestmark = pytest.mark.django_db

REPORT = "/admin/agenda/session/attendance/"


def page_of(session) -> str:
    return f"/admin/agenda/session/{session.pk}/attendance/"


def upload(client, session, data: bytes, *, encoding="utf-8", lang="en", name="report.csv"):
    return client.post(
        page_of(session),
        {"report": SimpleUploadedFile(name, data, "text/csv"), "encoding": encoding},
        HTTP_ACCEPT_LANGUAGE=lang,
    )


def confirm(client, token: str, session, *, lang="en", follow=True):
    return client.post(
        page_of(session), {"preview": token}, follow=follow, HTTP_ACCEPT_LANGUAGE=lang
    )


def token_of(response) -> str:
    return re.search(r'name="preview" value="([^"]+)"', response.content.decode()).group(1)


def register(session, email: str, name: str, **fields) -> Registration:
    participant = make_participant(email=email, full_name=name, **fields)
    return services.register(session=session, participant=participant)


def minutes_of(*registrations) -> list:
    return [Registration.objects.get(pk=r.pk).minutes_attended for r in registrations]


def text(response) -> str:
    """The page's text, tags dropped and spaces collapsed."""
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html)


@pytest.fixture
def session():
    return upcoming_session(title_en="Cities of the Future", title_ar="مدن المستقبل")


@pytest.fixture
def people(session):
    return {
        "ana": register(session, "ana@example.org", "Ana Silva"),
        "noura": register(session, "noura@example.org", "نورة القحطاني", language="ar"),
        "absent": register(session, "absent@example.org", "Bo Absent"),
    }


def role_member(username: str, *roles: str):
    sync_roles()
    user = staff_user(username)
    user.groups.add(*Group.objects.filter(name__in=roles))
    return user


def signed_in(user) -> Client:
    client = Client()
    sign_in_with_second_factor(client, user)
    return client


CSV = b"Name,Email,Minutes\nAna,ANA@example.org ,45\nNoura,noura@example.org,10\n"


# The import ------------------------------------------------------------------------


def test_session_page_shows_the_numbers_and_the_import_form(admin_client, session, people):
    record_join(people["ana"], channel="en")

    response = admin_client.get(page_of(session))

    assert response.status_code == 200
    page = text(response)
    assert "Attendance: Cities of the Future" in page
    assert "Cities of the Future" in page
    assert re.search(
        r"Cities of the Future \d+ \w+ \d+, [\d:]+ UTC\+3 3 1 2 67% English: 1 of 3 attended", page
    )
    assert 'type="file" name="report"' in response.content.decode()
    assert '<option value="utf-8" selected>' in response.content.decode()


def test_upload_shows_a_preview_and_writes_nothing(admin_client, session, people):
    response = upload(admin_client, session, CSV)

    assert response.status_code == 200
    page = text(response)
    assert "Preview: nothing has been imported yet" in page
    assert "2 confirmed registrants found. 2 of them would count as attended." in page
    assert "Ana Silva ana@example.org 45 — Yes" in page
    assert "نورة القحطاني noura@example.org 10 — Yes" in page
    assert 'value="Import these minutes"' in response.content.decode()
    assert minutes_of(*people.values()) == [None, None, None]


def test_confirming_writes_exactly_what_was_previewed(admin_client, session, people):
    token = token_of(upload(admin_client, session, CSV))

    response = confirm(admin_client, token, session)

    assert response.redirect_chain == [(page_of(session), 302)]
    assert message_texts(response) == ["Minutes imported for 2 registrants."]
    assert minutes_of(people["ana"], people["noura"], people["absent"]) == [45, 10, None]
    assert re.search(r"UTC\+3 3 2 1 33%", text(response))


def test_confirming_twice_says_nothing_changed(admin_client, session, people):
    token = token_of(upload(admin_client, session, CSV))
    confirm(admin_client, token, session)

    response = confirm(admin_client, token, session)

    assert message_texts(response) == [
        "Minutes imported for 2 registrants. 2 of them already had these minutes."
    ]


def test_unknown_emails_are_skipped_and_listed(admin_client, session, people):
    data = CSV + b"Guest,guest@example.org,30\n,,\nNo email,,12\n"

    response = upload(admin_client, session, data)

    page = text(response)
    assert "2 rows match no confirmed registrant: they will be skipped." in page
    assert "1 empty row was passed over." in page
    assert "4 guest@example.org 30 Not registered" in page
    assert "6 — 12 No email address" in page
    response = confirm(admin_client, token_of(response), session)
    assert message_texts(response) == [
        "Minutes imported for 2 registrants. 2 rows with an unknown email were skipped."
    ]
    assert minutes_of(people["ana"], people["noura"]) == [45, 10]


def test_duplicates_are_added_up_and_reported(admin_client, session, people):
    data = b"Email,Minutes\nnoura@example.org,15\nana@example.org,5\nNOURA@example.org,25\n"

    response = upload(admin_client, session, data)

    page = text(response)
    assert "1 registrant appears on several rows: their minutes are added up." in page
    assert "نورة القحطاني 2, 4 15 + 25 40" in page
    confirm(admin_client, token_of(response), session)
    assert minutes_of(people["noura"]) == [40]


def test_a_row_with_an_error_blocks_the_whole_import(admin_client, session, people):
    data = CSV + b"Bo,absent@example.org,-3\n"

    response = upload(admin_client, session, data)

    page = text(response)
    assert "1 row has an error." in page
    assert "Nothing can be imported while a row has an error." in page
    assert "4 absent@example.org Minutes cannot be negative (-3)." in page
    assert 'name="preview"' not in response.content.decode()
    assert minutes_of(*people.values()) == [None, None, None]


def test_a_tampered_preview_is_refused_and_nothing_written(admin_client, session, people):
    token = token_of(upload(admin_client, session, CSV))
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    response = confirm(admin_client, forged, session, follow=False)

    assert response.status_code == 200
    assert message_texts(response) == [
        "This preview cannot be verified: it was changed or is for another session. "
        "Upload the file again."
    ]
    assert minutes_of(*people.values()) == [None, None, None]


def test_a_preview_of_another_session_is_refused(admin_client, session, people):
    token = token_of(upload(admin_client, session, CSV))
    other = upcoming_session(summit=session.summit)
    register(other, "ana@example.org.other", "Ana elsewhere")

    response = confirm(admin_client, token, other, follow=False)

    assert "This preview cannot be verified" in message_texts(response)[0]
    assert minutes_of(*people.values()) == [None, None, None]


def test_a_cancelled_place_since_the_preview_makes_the_import_write_nothing(
    admin_client, session, people
):
    token = token_of(upload(admin_client, session, CSV))
    services.cancel(registration=people["noura"])

    response = confirm(admin_client, token, session, follow=False)

    assert message_texts(response) == [
        "Some of these registrations changed since the preview (a place was cancelled). "
        "Nothing was imported: upload the file again."
    ]
    assert minutes_of(people["ana"], people["noura"]) == [None, None]


def test_a_windows_1256_file_with_arabic_headers_imports(admin_client, session, people):
    data = "الاسم,البريد الإلكتروني,الدقائق\nنورة القحطاني,noura@example.org,50\n".encode("cp1256")

    response = upload(admin_client, session, data, encoding="cp1256")

    page = text(response)
    assert "Columns read: “ البريد الإلكتروني ” for the email address" in page
    assert "نورة القحطاني noura@example.org 50 — Yes" in page


@pytest.mark.parametrize(
    ("data", "encoding", "message"),
    [
        (
            "البريد الإلكتروني,الدقائق\n".encode("cp1256"),
            "utf-8",
            "This file is not valid UTF-8. If it was saved by an older Excel in Arabic, "
            "choose Windows-1256 and upload it again.",
        ),
        (
            "البريد الإلكتروني,الدقائق\n".encode(),
            "cp1256",
            "This file looks like UTF-8, not Windows-1256: its Arabic would come out "
            "garbled. Choose UTF-8 and upload it again.",
        ),
        (b"Name,Joined\nAna,10:00\n", "utf-8", "No header row was found."),
        (b"", "utf-8", "The submitted file is empty."),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_keeps_the_encoding(
    admin_client, session, people, data, encoding, message
):
    response = upload(admin_client, session, data, encoding=encoding)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in text(response).replace("“ ", "“").replace(" ”", "”")
    assert f'<option value="{encoding}" selected>' in html
    assert "Preview: nothing has been imported yet" not in html


def test_a_file_over_the_limit_is_refused(admin_client, session, people):
    data = b"Email,Minutes\n" + b"a@example.org,1\n" * (MAX_BYTES // 16 + 1)

    response = upload(admin_client, session, data)

    assert response.status_code == 200
    assert "the largest that can be imported is 2.0 MB." in text(response)
    assert minutes_of(*people.values()) == [None, None, None]


@pytest.mark.parametrize(("size", "kept"), [(MAX_BYTES, MAX_BYTES), (MAX_BYTES + 1, 0)])
def test_the_upload_is_kept_in_memory_and_only_up_to_the_limit(size, kept):
    request = RequestFactory().post(
        "/", {"report": SimpleUploadedFile("r.csv", b"x" * size), "encoding": "utf-8"}
    )
    request.upload_handlers = [ReportUploadHandler(request)]

    upload = request.FILES["report"]

    assert isinstance(upload, InMemoryUploadedFile)
    assert (upload.size, len(upload.read())) == (size, kept)


def test_missing_fields_and_an_unknown_encoding_are_reported(admin_client, session):
    response = admin_client.post(page_of(session), {"encoding": "latin-1"})

    page = text(response)
    assert response.status_code == 200
    assert "This field is required." in page
    assert "Select a valid choice. latin-1 is not one of the available choices." in page


def test_the_import_form_is_protected_against_cross_site_posts(admin_user, session, people):
    client = Client(enforce_csrf_checks=True)
    sign_in_with_second_factor(client, admin_user)

    response = client.post(
        page_of(session),
        {"report": SimpleUploadedFile("r.csv", CSV, "text/csv"), "encoding": "utf-8"},
    )

    assert response.status_code == 403
    assert minutes_of(*people.values()) == [None, None, None]


def test_the_import_form_accepts_its_own_csrf_token(admin_user, session, people):
    client = Client(enforce_csrf_checks=True)
    sign_in_with_second_factor(client, admin_user)
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"',
        client.get(page_of(session)).content.decode(),
    ).group(1)

    response = client.post(
        page_of(session),
        {
            "report": SimpleUploadedFile("r.csv", CSV, "text/csv"),
            "encoding": "utf-8",
            "csrfmiddlewaretoken": token,
        },
    )

    assert response.status_code == 200
    assert "Preview: nothing has been imported yet" in text(response)


def test_a_session_that_does_not_exist_is_not_found(admin_client):
    assert admin_client.get("/admin/agenda/session/999999/attendance/").status_code == 404


# Rules -----------------------------------------------------------------------------


def test_the_minutes_rule_shows_in_the_preview_and_the_numbers(admin_client, session, people):
    summit = session.summit
    summit.attendance_rule, summit.attendance_minutes = AttendanceRule.MINUTES, 30
    summit.save()
    record_join(people["noura"], channel="ar")

    response = upload(admin_client, session, CSV)

    page = text(response)
    assert "Counted as attended: 30 minutes or more in an imported report." in page
    assert "2 confirmed registrants found. 1 of them would count as attended." in page
    assert "نورة القحطاني noura@example.org 10 — No" in page
    response = confirm(admin_client, token_of(response), session)
    assert re.search(r"UTC\+3 3 1 2 67%", text(response))


def test_the_joined_rule_counts_a_join_without_minutes(admin_client, session, people):
    record_join(people["absent"], channel="en")

    response = admin_client.get(page_of(session))

    page = text(response)
    assert (
        "Counted as attended: anyone who opened the join link, or who has any minutes in an "
        "imported report." in page
    )
    assert re.search(r"UTC\+3 3 1 2 67%", page)


# Permissions -----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, session):
    for url in (page_of(session), REPORT):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/admin/login/?next={url}"


def test_staff_without_a_second_factor_are_sent_to_pass_one(client, session):
    user = staff_user("no-mfa", "view_session", "change_session", "view_registration")
    client.force_login(user)

    response = client.get(REPORT)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_who_may_not_see_sessions_are_refused(session):
    client = signed_in(staff_user("press", "view_pressrelease"))

    assert client.get(REPORT).status_code == 403
    assert client.get(page_of(session)).status_code == 403


def test_staff_who_may_only_view_see_the_numbers_but_cannot_import(session, people):
    client = signed_in(role_member("viewer", REGISTRATIONS))

    page = client.get(page_of(session))
    response = upload(client, session, CSV)

    assert page.status_code == 200
    assert 'type="file"' not in page.content.decode()
    assert "Importing a report needs permission to change the session" in text(page)
    assert response.status_code == 403
    assert client.get(REPORT).status_code == 200


def test_changing_sessions_without_seeing_registrations_cannot_import(session, people):
    client = signed_in(staff_user("editor", "view_session", "change_session"))

    assert upload(client, session, CSV).status_code == 403
    assert minutes_of(*people.values()) == [None, None, None]


def test_the_programme_team_imports(session, people):
    client = signed_in(role_member("programme", PROGRAMME))

    token = token_of(upload(client, session, CSV))
    confirm(client, token, session)

    assert minutes_of(people["ana"]) == [45]


def test_a_confirm_post_needs_the_change_permission_too(admin_client, session, people):
    token = token_of(upload(admin_client, session, CSV))
    client = signed_in(role_member("viewer", REGISTRATIONS))

    assert confirm(client, token, session, follow=False).status_code == 403
    assert minutes_of(*people.values()) == [None, None, None]


# The report ------------------------------------------------------------------------


@pytest.fixture
def summit_with_channels():
    today = timezone.now().astimezone(RIYADH).date()
    summit = make_summit(
        is_current=True, start_date=today - timedelta(days=1), end_date=today + timedelta(days=5)
    )
    plenary = upcoming_session(summit=summit, title_en="Plenary", floor_language="en")
    SessionLanguage.objects.create(
        session=plenary, kind="interpretation", language="ar", join_url="https://example.org/ar"
    )
    people = {
        "ana": register(plenary, "ana@example.org", "Ana"),
        "noura": services.register(
            session=plenary, participant=make_participant(email="n@example.org"), channel="ar"
        ),
        "sara": services.register(
            session=plenary, participant=make_participant(email="s@example.org"), channel="ar"
        ),
    }
    record_join(people["noura"], channel="ar")
    Registration.objects.filter(pk=people["ana"].pk).update(minutes_attended=50)
    upcoming_session(summit=summit, title_en="Empty workshop")
    return summit


def test_report_lists_every_session_with_its_numbers_channels_and_chart(
    admin_client, summit_with_channels
):
    response = admin_client.get(REPORT)

    assert response.status_code == 200
    page = text(response)
    assert f"Attendance: {summit_with_channels.name}" in page
    assert re.search(
        r"Plenary [^|]*?UTC\+3 3 2 1 33% English: 1 of 1 attended Arabic: 1 of 2 attended", page
    )
    assert re.search(r"Empty workshop [^|]*?UTC\+3 0 0 0 — —", page)
    assert "All sessions 3 2 1 33%" in page
    html = response.content.decode()
    assert html.count('<svg class="attendance-bar"') == 2
    assert '<rect class="bar-registered" x="0" y="0" width="100.00" height="10"/>' in html
    assert '<rect class="bar-attended" x="0" y="2" width="66.67" height="6"/>' in html
    assert re.search(r'<svg class="attendance-bar"[^>]*aria-hidden="true"', html)


def test_report_follows_the_summits_rule(admin_client, summit_with_channels):
    summit_with_channels.attendance_rule = AttendanceRule.MINUTES
    summit_with_channels.attendance_minutes = 45
    summit_with_channels.save()

    page = text(admin_client.get(REPORT))

    assert "Counted as attended: 45 minutes or more in an imported report." in page
    assert re.search(
        r"Plenary [^|]*?UTC\+3 3 1 2 67% English: 1 of 1 attended Arabic: 0 of 2 attended", page
    )


def test_report_shows_the_summit_chosen(admin_client, summit_with_channels):
    other = make_summit(name_en="Tokyo 2019")
    make_session(summit=other, title_en="Tokyo session")

    response = admin_client.get(f"{REPORT}?summit={other.pk}")

    page = text(response)
    assert "Attendance: Tokyo 2019" in page
    assert "Tokyo session" in page
    assert "Plenary" not in page


def test_report_says_so_when_the_summit_chosen_does_not_exist(admin_client):
    response = admin_client.get(f"{REPORT}?summit=not-a-summit")

    assert response.status_code == 200
    assert "Select a valid choice." in text(response)


def report_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT)
    assert response.status_code == 200
    return len(queries)


def add_sessions(summit, count: int) -> None:
    for _ in range(count):
        session = upcoming_session(summit=summit)
        register(session, f"p{session.pk}@example.org", "Someone")


def test_report_makes_the_same_number_of_queries_with_5_and_200_sessions(admin_client):
    summit = upcoming_session().summit
    add_sessions(summit, 4)
    admin_client.get(REPORT)  # the first request of a staff session writes it
    few = report_queries(admin_client)

    add_sessions(summit, 195)
    many = report_queries(admin_client)

    assert few == many
    assert many <= 10


# Links -----------------------------------------------------------------------------


def test_the_session_summit_and_list_pages_link_to_attendance(admin_client, session):
    summit = session.summit

    session_page = admin_client.get(f"/admin/agenda/session/{session.pk}/change/")
    summit_page = admin_client.get(f"/admin/u20/summit/{summit.pk}/change/")
    sessions = admin_client.get(f"/admin/agenda/session/?summit__id__exact={summit.pk}")

    assert f'href="{page_of(session)}"' in session_page.content.decode()
    assert f'href="{REPORT}?summit={summit.pk}"' in summit_page.content.decode()
    assert f'href="{REPORT}?summit={summit.pk}"' in sessions.content.decode()


def test_the_summit_page_does_not_link_the_report_for_staff_who_cannot_see_it():
    summit = make_summit()
    client = signed_in(staff_user("press", "view_summit"))

    html = client.get(f"/admin/u20/summit/{summit.pk}/change/").content.decode()

    assert REPORT not in html


# Arabic ----------------------------------------------------------------------------


def test_the_arabic_admin_shows_the_pages_right_to_left_with_languages_named_in_arabic(
    admin_client, summit_with_channels
):
    response = admin_client.get(REPORT, HTTP_ACCEPT_LANGUAGE="ar")

    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "الإنجليزية" in html
    assert "العربية" in html
    # Django's own breadcrumb, from Django's catalogue.
    assert "الرئيسية" in html


def test_the_admin_follows_the_language_cookie_as_organisers_switch_it(
    admin_client, summit_with_channels
):
    # The admin has no language prefix: /admin/ speaks the organiser's language.
    admin_client.cookies["django_language"] = "ar"

    html = admin_client.get(REPORT).content.decode()

    assert '<html lang="ar" dir="rtl"' in html


# The tests below read our own Arabic strings: they pass once the catalogue
# entries of this feature are merged into locale/ar/LC_MESSAGES/django.po.


def test_an_arabic_organiser_gets_the_encoding_message_in_arabic(admin_client, session):
    data = "البريد الإلكتروني,الدقائق\n".encode("cp1256")

    response = upload(admin_client, session, data, lang="ar")

    page = text(response)
    assert (
        "هذا الملف ليس بترميز UTF-8 صالح. إن كان قد حُفظ ببرنامج Excel قديم بالعربية، فاختر "
        "Windows-1256 وارفعه مرة أخرى."
    ) in page
    assert "معاينة: لم يُستورد" not in page


def test_an_arabic_organiser_sees_the_preview_and_the_result_in_arabic(
    admin_client, session, people
):
    response = upload(admin_client, session, CSV, lang="ar")

    assert "معاينة: لم يُستورد شيء بعد" in text(response)
    response = confirm(admin_client, token_of(response), session, lang="ar")
    assert message_texts(response) == ["استُوردت الدقائق لمسجَّلَين."]
