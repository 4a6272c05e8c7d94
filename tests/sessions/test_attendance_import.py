"""Reading a meeting platform's attendance report, previewing it against a
session's registrants, and writing the minutes: all or nothing."""

import time

import pytest
from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from django.core import signing

from sessions import services
from sessions.attendance import attendance_by_session, record_join
from sessions.attendance_import import (
    MAX_BYTES,
    MAX_ROWS,
    Encoding,
    ImportProblem,
    import_minutes,
    parse_minutes,
    preview,
    read_report,
    sign_preview,
    unsign_preview,
)
from sessions.models import Registration, Session
from tests.factories import make_participant
from tests.sessions.admin_fixtures import upcoming_session
from u20.models import AttendanceRule

UTF8 = Encoding.UTF8
CP1256 = Encoding.WINDOWS_1256

# What Zoom's participants report looks like: the meeting above, a blank
# line, then one row per stretch of time someone was in the meeting.
ZOOM = (
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
    "812 3456 7890,Cities of the Future,09/30/2020 10:00,09/30/2020 11:00,host@example.org,60,3\n"
    "\n"
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Ana Silva,ana@example.org,09/30/2020 10:01,09/30/2020 10:50,49,No\n"
    "Noura,NOURA@Example.org ,09/30/2020 10:05,09/30/2020 10:20,15,No\n"
    "Noura,noura@example.org,09/30/2020 10:30,09/30/2020 10:55,25,No\n"
)
ARABIC = (
    "الاسم,البريد الإلكتروني,الدقائق\nنورة القحطاني,noura@example.org,45\nمحمد,mo@example.org,30\n"
)


def rows(report) -> list[tuple]:
    return [(row.line, row.email, row.minutes, row.error) for row in report.rows]


# Reading -------------------------------------------------------------------------


def test_read_report_finds_the_header_below_the_meeting_summary():
    report = read_report(ZOOM.encode(), UTF8)

    assert (report.email_header, report.minutes_header) == ("User Email", "Duration (Minutes)")
    assert rows(report) == [
        (5, "ana@example.org", 49, ""),
        (6, "noura@example.org", 15, ""),
        (7, "noura@example.org", 25, ""),
    ]


def test_read_report_accepts_utf8_with_a_byte_order_mark():
    data = ("\ufeffEmail,Minutes\nana@example.org,12\n").encode()

    report = read_report(data, UTF8)

    assert report.email_header == "Email"
    assert rows(report) == [(2, "ana@example.org", 12, "")]


def test_read_report_reads_windows_1256_with_arabic_headers_and_digits():
    report = read_report(ARABIC.encode("cp1256"), CP1256)

    assert (report.email_header, report.minutes_header) == ("البريد الإلكتروني", "الدقائق")
    assert rows(report) == [(2, "noura@example.org", 45, ""), (3, "mo@example.org", 30, "")]


def test_read_report_reads_arabic_headers_in_utf8_without_hamza():
    data = "البريد الالكتروني;المدة (بالدقائق)\nana@example.org;20\n".encode()

    report = read_report(data, UTF8)

    assert report.minutes_header == "المدة (بالدقائق)"
    assert rows(report) == [(2, "ana@example.org", 20, "")]


@pytest.mark.parametrize(
    "header",
    ["email,minutes", "E-mail,Total duration (minutes)", "User Email\tDuration (Minutes)"],
)
def test_read_report_knows_common_header_names_and_separators(header):
    separator = "\t" if "\t" in header else ","
    data = f"{header}\nana@example.org{separator}7\n".encode()

    assert rows(read_report(data, UTF8)) == [(2, "ana@example.org", 7, "")]


def test_read_report_says_a_windows_1256_file_is_not_utf8():
    with pytest.raises(ImportProblem) as raised:
        read_report(ARABIC.encode("cp1256"), UTF8)

    assert raised.value.message == (
        "This file is not valid UTF-8. If it was saved by an older Excel in Arabic, "
        "choose Windows-1256 and upload it again."
    )


def test_read_report_says_a_utf8_file_looks_like_utf8_when_windows_1256_is_chosen():
    with pytest.raises(ImportProblem) as raised:
        read_report(ARABIC.encode(), CP1256)

    assert "looks like UTF-8" in raised.value.message


def test_read_report_takes_an_ascii_file_in_windows_1256():
    report = read_report(b"Email,Minutes\nana@example.org,12\n", CP1256)

    assert rows(report) == [(2, "ana@example.org", 12, "")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"Email,Joined at\nana@example.org,10:00\n",
            "The file has an email column (“Email”) but no column for the minutes attended. "
            "Name it “Minutes”, “Duration (Minutes)” or “الدقائق”.",
        ),
        (
            b"Name,Duration (Minutes)\nAna,12\n",
            "The file has a minutes column (“Duration (Minutes)”) but no email column. "
            "Name it “Email”, “User Email” or “البريد الإلكتروني”.",
        ),
        (
            b"Name,Organisation\nAna,UITP\n",
            "No header row was found. One of the first 20 rows must name the email column "
            "(such as “Email”, “User Email” or “البريد الإلكتروني”) and the minutes column "
            "(such as “Minutes”, “Duration (Minutes)” or “الدقائق”).",
        ),
        (b"  \n\n", "The file is empty."),
    ],
)
def test_read_report_names_the_column_that_is_missing(data, expected):
    with pytest.raises(ImportProblem) as raised:
        read_report(data, UTF8)

    assert raised.value.message == expected


def test_read_report_refuses_a_workbook_or_utf16():
    with pytest.raises(ImportProblem) as raised:
        read_report("Email,Minutes\n".encode("utf-16"), UTF8)

    assert "not a CSV text file" in raised.value.message


def test_read_report_checks_each_row_and_passes_over_empty_ones():
    data = (
        b"Email,Minutes\n"
        b"a@example.org,abc\n"
        b",,\n"
        b"b@example.org,-5\n"
        b"c@example.org,\n"
        b"\n"
        b"d@example.org,2000\n"
        b"e@example.org,45.9\n"
        b"f@example.org\n"
    )

    report = read_report(data, UTF8)

    assert report.empty_rows == 2
    assert rows(report) == [
        (2, "a@example.org", None, "“abc” is not a number of minutes."),
        (4, "b@example.org", None, "Minutes cannot be negative (-5)."),
        (5, "c@example.org", None, "No minutes are given."),
        (7, "d@example.org", None, "2000 minutes is more than a day: is this the minutes column?"),
        (8, "e@example.org", 45, ""),
        (9, "f@example.org", None, "No minutes are given."),
    ]


def test_read_report_counts_lines_across_quoted_line_breaks():
    data = b'Name,Email,Minutes\n"Ana\nSilva",ana@example.org,3\nBo,bo@example.org,4\n'

    assert [row.line for row in read_report(data, UTF8).rows] == [2, 4]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("45", 45), (" ٤٥ ", 45), ("۱۲", 12), ("٤٥٫٥", 45), ("0", 0), ("1440", 1440)],
)
def test_parse_minutes_reads_digits_as_typed_in_arabic(text, expected):
    assert parse_minutes(text) == (expected, "")


def test_read_report_refuses_a_file_over_the_size_limit():
    data = b"Email,Minutes\n" + b"x" * MAX_BYTES

    with pytest.raises(ImportProblem) as raised:
        read_report(data, UTF8)

    assert raised.value.message == (
        "The file is 2.0\xa0MB; the largest that can be imported is 2.0\xa0MB."
    )


def test_read_report_refuses_more_rows_than_the_limit():
    lines = [f"p{n}@example.org,5" for n in range(MAX_ROWS + 1)]
    data = ("Email,Minutes\n" + "\n".join(lines)).encode()

    with pytest.raises(ImportProblem) as raised:
        read_report(data, UTF8)

    assert "more than 5000 rows" in raised.value.message


def test_read_report_takes_exactly_the_row_limit():
    lines = [f"p{n}@example.org,5" for n in range(MAX_ROWS)]
    data = ("Email,Minutes\n" + "\n".join(lines)).encode()

    assert len(read_report(data, UTF8).rows) == MAX_ROWS


# Previewing ---------------------------------------------------------------------


@pytest.fixture
def session(db) -> Session:
    return upcoming_session()


def register(session, email: str, name: str = "", **fields) -> Registration:
    participant = make_participant(email=email, full_name=name or email.split("@")[0], **fields)
    return services.register(session=session, participant=participant)


def report_of(*lines: str):
    return read_report(("Email,Minutes\n" + "\n".join(lines)).encode(), UTF8)


def minutes_of(*registrations) -> list:
    return [Registration.objects.get(pk=r.pk).minutes_attended for r in registrations]


@pytest.mark.django_db
def test_preview_matches_emails_trimmed_and_in_any_case(session):
    ana = register(session, "Ana@Example.org", "Ana Silva")

    result = preview(session, report_of("  ANA@example.ORG , 40"))

    assert [(m.registration.pk, m.minutes, m.lines) for m in result.matched] == [(ana.pk, 40, [2])]
    assert result.can_import


@pytest.mark.django_db
def test_preview_matches_another_verified_address_but_not_an_unverified_one(session):
    ana = register(session, "ana@example.org")
    EmailAddress.objects.create(user=ana.participant.user, email="ana@city.gov.sa", verified=True)
    EmailAddress.objects.create(user=ana.participant.user, email="ana@typo.org", verified=False)

    result = preview(session, report_of("ana@city.gov.sa,20", "ana@typo.org,5"))

    assert [(m.registration.pk, m.minutes) for m in result.matched] == [(ana.pk, 20)]
    assert [(u.email, u.reason) for u in result.unknown] == [("ana@typo.org", "Not registered")]


@pytest.mark.django_db
def test_preview_lists_unknown_and_unconfirmed_rows_as_skipped(session):
    session.capacity = 1
    session.save()
    register(session, "ana@example.org")
    register(session, "waiting@example.org")
    other = upcoming_session(summit=session.summit)
    register(other, "elsewhere@example.org")

    result = preview(
        session,
        report_of("ana@example.org,30", "waiting@example.org,10", "elsewhere@example.org,5", ",12"),
    )

    assert [(u.line, u.email, u.minutes, u.reason) for u in result.unknown] == [
        (3, "waiting@example.org", 10, "Registered, but without a confirmed place"),
        (4, "elsewhere@example.org", 5, "Not registered"),
        (5, "", 12, "No email address"),
    ]
    assert result.can_import


@pytest.mark.django_db
def test_preview_adds_up_a_registrants_rows_and_lists_them_as_duplicates(session):
    noura = register(session, "noura@example.org")
    EmailAddress.objects.create(user=noura.participant.user, email="n@city.gov.sa", verified=True)

    result = preview(
        session, report_of("noura@example.org,15", "NOURA@example.org,25", "n@city.gov.sa,5")
    )

    [match] = result.duplicates
    assert (match.minutes, match.lines, match.row_minutes) == (45, [2, 3, 4], [15, 25, 5])
    assert match.emails == ["noura@example.org", "n@city.gov.sa"]


@pytest.mark.django_db
def test_preview_with_an_error_row_cannot_be_imported(session):
    register(session, "ana@example.org")

    result = preview(session, report_of("ana@example.org,30", "someone@example.org,lots"))

    assert [(e.line, e.message) for e in result.errors] == [
        (3, "“lots” is not a number of minutes.")
    ]
    assert not result.can_import


@pytest.mark.django_db
def test_preview_of_only_unknown_emails_has_nothing_to_import(session):
    result = preview(session, report_of("nobody@example.org,30"))

    assert not result.can_import


@pytest.mark.django_db
def test_preview_writes_nothing(session, django_assert_max_num_queries):
    ana = register(session, "ana@example.org")
    report = report_of("ana@example.org,30")

    with django_assert_max_num_queries(3):
        preview(session, report)

    assert minutes_of(ana) == [None]


@pytest.mark.django_db
def test_preview_counts_attended_by_minutes_at_the_summits_threshold(session):
    summit = session.summit
    summit.attendance_rule, summit.attendance_minutes = AttendanceRule.MINUTES, 30
    summit.save()
    short, enough = register(session, "short@example.org"), register(session, "ok@example.org")
    record_join(short, channel="en")

    result = preview(session, report_of("short@example.org,29", "ok@example.org,30"))

    assert [(m.registration.pk, m.counts) for m in result.matched] == [
        (short.pk, False),
        (enough.pk, True),
    ]
    assert result.attended == 1


@pytest.mark.django_db
def test_preview_counts_attended_on_a_join_or_any_minutes_by_default(session):
    joined, nothing, some = (
        register(session, "joined@example.org"),
        register(session, "zero@example.org"),
        register(session, "some@example.org"),
    )
    record_join(joined, channel="en")

    result = preview(
        session, report_of("joined@example.org,0", "zero@example.org,0", "some@example.org,1")
    )

    assert [(m.registration.pk, m.counts) for m in result.matched] == [
        (joined.pk, True),
        (nothing.pk, False),
        (some.pk, True),
    ]


# Signing and writing ---------------------------------------------------------------


@pytest.mark.django_db
def test_signed_preview_round_trips_for_its_session(session):
    ana, bo = register(session, "ana@example.org"), register(session, "bo@example.org")
    result = preview(
        session, report_of("ana@example.org,30", "bo@example.org,5", "x@example.org,1")
    )

    signed = unsign_preview(sign_preview(result), session=session)

    assert (signed.minutes, signed.skipped) == ({ana.pk: 30, bo.pk: 5}, 1)


@pytest.mark.django_db
def test_a_tampered_preview_is_refused(session):
    ana = register(session, "ana@example.org")
    token = sign_preview(preview(session, report_of("ana@example.org,30")))
    payload, _, signature = token.rpartition(":")
    forged = signing.dumps({"session": session.pk, "minutes": [[ana.pk, 999]], "skipped": 0})

    for bad in (f"{payload}x:{signature}", forged, "", "not-a-token"):
        with pytest.raises(ImportProblem) as raised:
            unsign_preview(bad, session=session)
        assert raised.value.message == (
            "This preview cannot be verified: it was changed or is for another session. "
            "Upload the file again."
        )


@pytest.mark.django_db
def test_a_preview_for_another_session_is_refused(session):
    register(session, "ana@example.org")
    token = sign_preview(preview(session, report_of("ana@example.org,30")))
    other = upcoming_session(summit=session.summit)

    with pytest.raises(ImportProblem):
        unsign_preview(token, session=other)


@pytest.mark.django_db
def test_a_preview_older_than_an_hour_is_refused(session, monkeypatch):
    register(session, "ana@example.org")
    result = preview(session, report_of("ana@example.org,30"))
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now - 3601)
    token = sign_preview(result)
    monkeypatch.setattr(signing.time, "time", lambda: now)

    with pytest.raises(ImportProblem) as raised:
        unsign_preview(token, session=session)

    assert raised.value.message == "This preview is more than an hour old. Upload the file again."


@pytest.mark.django_db
def test_import_minutes_writes_each_registrant_and_the_audit_trail(session):
    ana, bo = register(session, "ana@example.org"), register(session, "bo@example.org")
    Registration.objects.filter(pk=bo.pk).update(minutes_attended=5)

    written = import_minutes(session=session, minutes={ana.pk: 30, bo.pk: 5})

    assert written == 1
    assert minutes_of(ana, bo) == [30, 5]
    entry = LogEntry.objects.get(object_id=ana.pk, changes__icontains="minutes_attended")
    assert entry.changes_dict == {"minutes_attended": ["None", "30"]}


@pytest.mark.django_db
def test_import_minutes_writes_nothing_when_a_place_was_cancelled_since(session):
    ana, bo = register(session, "ana@example.org"), register(session, "bo@example.org")
    signed = unsign_preview(
        sign_preview(preview(session, report_of("ana@example.org,30", "bo@example.org,40"))),
        session=session,
    )
    services.cancel(registration=bo)

    with pytest.raises(ImportProblem) as raised:
        import_minutes(session=session, minutes=signed.minutes)

    assert "Nothing was imported" in raised.value.message
    assert minutes_of(ana, bo) == [None, None]


@pytest.mark.django_db
def test_import_minutes_refuses_registrations_of_another_session(session):
    ana = register(session, "ana@example.org")
    other = upcoming_session(summit=session.summit)
    stranger = register(other, "someone@example.org")

    with pytest.raises(ImportProblem):
        import_minutes(session=session, minutes={ana.pk: 30, stranger.pk: 30})

    assert minutes_of(ana, stranger) == [None, None]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rule", "attended"), [(AttendanceRule.JOINED, 2), (AttendanceRule.MINUTES, 1)]
)
def test_what_the_preview_counts_is_what_the_report_counts_once_imported(session, rule, attended):
    summit = session.summit
    summit.attendance_rule, summit.attendance_minutes = rule, 20
    summit.save()
    for email in ("long@example.org", "short@example.org", "absent@example.org"):
        register(session, email)
    result = preview(session, report_of("long@example.org,50", "short@example.org,5"))

    import_minutes(session=session, minutes=result.minutes_by_registration())
    [row] = attendance_by_session(summit, Session.objects.filter(pk=session.pk))

    assert result.attended == attended
    assert (row.registered, row.attended, row.no_shows) == (3, attended, 3 - attended)
