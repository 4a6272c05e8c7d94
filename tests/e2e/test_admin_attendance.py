"""An organiser imports a session's attendance report in the admin: uploads
the meeting platform's CSV, reads the preview, confirms it, then reads the
summit's attendance report with its chart, in each language."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from sessions import services
from sessions.models import Registration
from tests.e2e.conftest import LANGUAGES, assert_accessible, sign_in_to_admin, ui
from tests.factories import make_participant
from tests.sessions.admin_fixtures import upcoming_session
from tests.staff import STAFF_PASSWORD
from u20.roles import PROGRAMME, sync_roles

pytestmark = pytest.mark.browser

# What each language's organiser has: Zoom's export in UTF-8, or a sheet
# saved by an Arabic Excel in Windows-1256 with Arabic headers.
REPORTS = {
    "en": (
        "utf-8",
        (
            b"Meeting ID,Topic,User Email,Duration (Minutes),Participants\n"
            b"812 3456 7890,Cities of the Future,host@example.org,60,3\n"
            b"\n"
            b"Name (Original Name),User Email,Duration (Minutes),Guest\n"
            b"Ana Silva,ana@example.org,45,No\n"
            b"Noura,noura@example.org,20,No\n"
            b"Noura,noura@example.org,15,No\n"
            b"Guest,guest@example.org,30,Yes\n"
        ),
    ),
    "ar": (
        "cp1256",
        (
            "الاسم,البريد الإلكتروني,الدقائق\n"
            "آنا سيلفا,ana@example.org,45\n"
            "نورة القحطاني,noura@example.org,20\n"
            "نورة القحطاني,noura@example.org,15\n"
            "ضيف,guest@example.org,30\n"
        ).encode("cp1256"),
    ),
}


@pytest.fixture
def organiser(live_server):
    # A transactional test elsewhere may have emptied the groups the migration made.
    sync_roles()
    user = get_user_model().objects.create_user(
        "reem", "reem@example.org", STAFF_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=PROGRAMME))
    return user


@pytest.fixture
def session(live_server):
    session = upcoming_session(
        title_en="Cities of the Future", title_ar="مدن المستقبل", capacity=10
    )
    for email, name in [
        ("ana@example.org", "Ana Silva"),
        ("noura@example.org", "نورة القحطاني"),
        ("absent@example.org", "Bo Absent"),
    ]:
        services.register(
            session=session, participant=make_participant(email=email, full_name=name)
        )
    return session


def in_language(lang: str, message: str, **values) -> str:
    return ui(lang, message) % values if values else ui(lang, message)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_organiser_imports_attendance_and_reads_the_report(
    page, live_server, organiser, session, lang, tmp_path
):
    encoding, data = REPORTS[lang]
    report = tmp_path / "participants.csv"
    report.write_bytes(data)
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    attendance_page = f"/admin/agenda/session/{session.pk}/attendance/"

    sign_in_to_admin(page, organiser, goto=attendance_page, lang=lang)
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert_accessible(page)

    page.get_by_label(ui(lang, "Attendance report (CSV)")).set_input_files(report)
    page.get_by_label(ui(lang, "Encoding")).select_option(encoding)
    page.get_by_role("button", name=ui(lang, "Preview the import")).click()

    preview = page.locator(".attendance-preview")
    expect(preview.get_by_role("heading", level=2)).to_have_text(
        ui(lang, "Preview: nothing has been imported yet")
    )
    noura = preview.get_by_role("row", name=re.compile("نورة القحطاني"))
    expect(noura.first).to_contain_text("noura@example.org")
    expect(noura.last).to_contain_text("20 + 15")
    expect(preview).to_contain_text("guest@example.org")
    assert Registration.objects.filter(minutes_attended__isnull=False).count() == 0
    assert_accessible(page)

    page.get_by_role("button", name=ui(lang, "Import these minutes")).click()

    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator(".attendance-preview")).to_have_count(0)
    minutes = dict(Registration.objects.values_list("participant__user__email", "minutes_attended"))
    assert minutes == {"ana@example.org": 45, "noura@example.org": 35, "absent@example.org": None}
    assert_accessible(page)

    page.get_by_role("link", name=ui(lang, "The summit’s attendance report")).click()
    table = page.locator("table.attendance-table")
    row = table.get_by_role("row", name=re.compile(getattr(session, f"title_{lang}")))
    expect(row.get_by_role("cell")).to_have_text(
        [re.compile(r"."), "3", "2", "1", re.compile(r"33"), re.compile(r"."), ""]
    )
    expect(page.locator("svg.attendance-bar")).to_have_count(1)
    expect(page.locator("svg.attendance-bar rect.bar-attended")).to_have_attribute("width", "66.67")
    assert_accessible(page)
