"""Minutes attended, from the attendance report a meeting platform exports.

An organiser uploads the report of one session; nothing is written until
they have seen what the import would do and confirmed it:

1. read_report() decodes and parses the file: it finds the header row (the
   platforms put a meeting summary above it), the email column and the
   minutes column, in English or Arabic, and checks every row. What makes
   the whole file unreadable is an ImportProblem.
2. preview() matches each row to a confirmed registration of the session, by
   the address the participant signs in with or another address they have
   verified, and says what would be written and who would count as attended
   under the summit's rule.
3. The preview travels to the confirming request signed (sign_preview,
   unsign_preview): bound to the session, and only for PREVIEW_MAX_AGE.
4. import_minutes() writes exactly that, in one transaction, or nothing.

A report lists a person once per stretch of time they were in the meeting:
who drops out and rejoins has several rows. Rows of one registrant are
therefore added up, and listed as duplicates so the organiser sees it.
Rows whose email matches no confirmed registrant are skipped and listed;
any other problem in a row blocks the import until the file is fixed.
The file itself is never stored: only the minutes are.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django import forms
from django.core import signing
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sessions.models import Join, Registration, Session
from u20 import audit
from u20.models import AttendanceRule, Summit
from u20.text import fold

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# A longer value is a wrong column (seconds, a timestamp), not a session.
MAX_MINUTES = 24 * 60
# The platforms write a few lines about the meeting above the participants.
HEADER_SEARCH_ROWS = 20
DELIMITERS = (",", ";", "\t")
PREVIEW_MAX_AGE = timedelta(hours=1)
_SALT = "agenda.attendance-import.session-%d"


class Encoding(models.TextChoices):
    UTF8 = "utf-8", _("UTF-8 (most platforms, and Excel’s “CSV UTF-8”)")
    WINDOWS_1256 = "cp1256", _("Windows-1256 (Arabic, from older versions of Excel)")


def _header_key(text: str) -> str:
    """A header as compared: no invisible marks, folded like search text."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return fold(visible.strip().strip("\"'").strip())


EMAIL_HEADERS = frozenset(
    _header_key(name)
    for name in (
        "email",
        "e-mail",
        "email address",
        "e-mail address",
        "user email",
        "attendee email",
        "participant email",
        "registrant email",
        "البريد الإلكتروني",
        "عنوان البريد الإلكتروني",
        "بريد المستخدم الإلكتروني",
        "البريد",
    )
)
MINUTES_HEADERS = frozenset(
    _header_key(name)
    for name in (
        "minutes",
        "duration",
        "duration (minutes)",
        "duration (mins)",
        "duration in minutes",
        "total duration (minutes)",
        "time in session (minutes)",
        "attendance duration (minutes)",
        "minutes attended",
        "attended minutes",
        "total minutes",
        "الدقائق",
        "عدد الدقائق",
        "دقائق الحضور",
        "المدة",
        "المدة (بالدقائق)",
        "المدة بالدقائق",
        "مدة الحضور (بالدقائق)",
        "إجمالي المدة (بالدقائق)",
    )
)
# Digits as Arabic and Persian keyboards type them, and the Arabic decimal point.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


class ImportProblem(Exception):
    """The file cannot be read as an attendance report at all."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReportRow:
    line: int
    email: str  # trimmed, lower case; "" when the row has none
    minutes: int | None
    error: str = ""


@dataclass(frozen=True)
class Report:
    email_header: str
    minutes_header: str
    rows: list[ReportRow]
    empty_rows: int


# Reading -------------------------------------------------------------------------


def decode(data: bytes, encoding: str) -> str:
    """The file's text in the encoding chosen, or an ImportProblem that says
    which encoding it seems to be in."""
    if not data.strip():
        raise ImportProblem(gettext("The file is empty."))
    if b"\x00" in data:
        raise ImportProblem(
            gettext(
                "This is not a CSV text file (it may be an Excel workbook, or text in "
                "UTF-16). Save the report as “CSV UTF-8” and upload that file."
            )
        )
    if encoding == Encoding.WINDOWS_1256:
        if _looks_like_utf8(data):
            raise ImportProblem(
                gettext(
                    "This file looks like UTF-8, not Windows-1256: its Arabic would come "
                    "out garbled. Choose UTF-8 and upload it again."
                )
            )
        # Every byte is a character in Windows-1256: this cannot fail.
        return data.decode("cp1256")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem(
            gettext(
                "This file is not valid UTF-8. If it was saved by an older Excel in "
                "Arabic, choose Windows-1256 and upload it again."
            )
        ) from None


def _looks_like_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


def read_report(data: bytes, encoding: str) -> Report:
    """Parse the report: its header row, then one ReportRow per line that is
    not empty, each checked on its own."""
    if len(data) > MAX_BYTES:
        raise ImportProblem(_too_large(len(data)))
    text = decode(data, encoding)
    found = None
    for delimiter in DELIMITERS:
        rows = _rows(text, delimiter)
        found = _header(rows[:HEADER_SEARCH_ROWS])
        if found:
            break
    if not found:
        raise ImportProblem(_missing_columns(_rows(text, ",")[:HEADER_SEARCH_ROWS]))
    index, email_column, minutes_column = found
    header = rows[index][1]
    data_rows, empty = [], 0
    for line, cells in rows[index + 1 :]:
        if not any(cell.strip() for cell in cells):
            empty += 1
            continue
        if len(data_rows) == MAX_ROWS:
            raise ImportProblem(
                gettext(
                    "The file has more than %(limit)d rows. Split it, keeping each "
                    "person’s rows in the same part, and import the parts one after the other."
                )
                % {"limit": MAX_ROWS}
            )
        data_rows.append(_report_row(line, cells, email_column, minutes_column))
    return Report(
        email_header=header[email_column].strip(),
        minutes_header=header[minutes_column].strip(),
        rows=data_rows,
        empty_rows=empty,
    )


def _too_large(size: int) -> str:
    return gettext("The file is %(size)s; the largest that can be imported is %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(MAX_BYTES),
    }


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Each row with the line it starts on. A row the csv module refuses
    (a field too long) makes the file unreadable, said with its line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 1
    try:
        for cells in reader:
            rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error:
        raise ImportProblem(
            gettext("Line %(line)d cannot be read as CSV. Check the file and upload it again.")
            % {"line": reader.line_num}
        ) from None
    return rows


def _columns(cells: list[str], names: frozenset[str]) -> list[int]:
    return [i for i, cell in enumerate(cells) if _header_key(cell) in names]


def _header(rows) -> tuple[int, int, int] | None:
    """(row index, email column, minutes column) of the header: the last of
    the first rows that names both, since a platform's meeting summary above
    the participants may name them too."""
    found = None
    for index, (_line, cells) in enumerate(rows):
        emails, minutes = _columns(cells, EMAIL_HEADERS), _columns(cells, MINUTES_HEADERS)
        if emails and minutes:
            found = (index, emails[0], minutes[0])
    return found


def _missing_columns(rows) -> str:
    for _line, cells in rows:
        emails, minutes = _columns(cells, EMAIL_HEADERS), _columns(cells, MINUTES_HEADERS)
        if emails:
            return gettext(
                "The file has an email column (“%(header)s”) but no column for the minutes "
                "attended. Name it “Minutes”, “Duration (Minutes)” or “الدقائق”."
            ) % {"header": cells[emails[0]].strip()}
        if minutes:
            return gettext(
                "The file has a minutes column (“%(header)s”) but no email column. Name it "
                "“Email”, “User Email” or “البريد الإلكتروني”."
            ) % {"header": cells[minutes[0]].strip()}
    return gettext(
        "No header row was found. One of the first %(rows)d rows must name the email "
        "column (such as “Email”, “User Email” or “البريد الإلكتروني”) and the minutes "
        "column (such as “Minutes”, “Duration (Minutes)” or “الدقائق”)."
    ) % {"rows": HEADER_SEARCH_ROWS}


def _cell(cells: list[str], column: int) -> str:
    return cells[column].strip() if column < len(cells) else ""


def _report_row(line: int, cells: list[str], email_column: int, minutes_column: int) -> ReportRow:
    email = _cell(cells, email_column).lower()
    minutes, error = parse_minutes(_cell(cells, minutes_column))
    return ReportRow(line=line, email=email, minutes=minutes, error=error)


def parse_minutes(text: str) -> tuple[int | None, str]:
    """Whole minutes from a cell ("45", "45.5", "٤٥"), a part minute left
    out; or None and what is wrong with it."""
    value = text.translate(_DIGITS).replace(" ", "")
    if not value:
        return None, gettext("No minutes are given.")
    if not _NUMBER.fullmatch(value):
        return None, gettext("“%(value)s” is not a number of minutes.") % {"value": text}
    number = Decimal(value)
    if number < 0:
        return None, gettext("Minutes cannot be negative (%(value)s).") % {"value": text}
    if number > MAX_MINUTES:
        return None, gettext(
            "%(value)s minutes is more than a day: is this the minutes column?"
        ) % {"value": text}
    return int(number), ""


# Matching -----------------------------------------------------------------------


@dataclass
class Match:
    """What the import would write for one confirmed registrant."""

    registration: Registration
    minutes: int = 0
    lines: list[int] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    row_minutes: list[int] = field(default_factory=list)
    counts: bool = False

    @property
    def is_duplicate(self) -> bool:
        return len(self.lines) > 1

    @property
    def previous(self) -> int | None:
        return self.registration.minutes_attended


@dataclass(frozen=True)
class Unmatched:
    line: int
    email: str
    minutes: int | None
    reason: str


@dataclass(frozen=True)
class RowError:
    line: int
    email: str
    message: str


@dataclass
class Preview:
    session: Session
    report: Report
    matched: list[Match]
    unknown: list[Unmatched]
    errors: list[RowError]

    @property
    def duplicates(self) -> list[Match]:
        return [match for match in self.matched if match.is_duplicate]

    @property
    def attended(self) -> int:
        return sum(match.counts for match in self.matched)

    @property
    def can_import(self) -> bool:
        return not self.errors and bool(self.matched)

    def minutes_by_registration(self) -> dict[int, int]:
        return {match.registration.pk: match.minutes for match in self.matched}


def counts_as_attended(summit: Summit, *, minutes: int | None, joined: bool) -> bool:
    """Whether a confirmed registrant counts as attended at summit: the rule
    of sessions.attendance.attended_condition, for one that is not saved yet."""
    if summit.attendance_rule == AttendanceRule.MINUTES:
        return minutes is not None and minutes >= summit.attendance_minutes
    return joined or bool(minutes)


def _registrations_by_email(session: Session) -> dict[str, Registration]:
    """Every registration of session by the addresses its person may appear
    under: the one they sign in with, then any other they have verified."""
    registrations = list(
        Registration.objects.filter(session=session).select_related("participant__user")
    )
    by_user = {registration.participant.user_id: registration for registration in registrations}
    found = {
        registration.participant.user.email.strip().lower(): registration
        for registration in registrations
    }
    others = EmailAddress.objects.filter(user_id__in=by_user, verified=True).values_list(
        "user_id", "email"
    )
    for user_id, email in others:
        found.setdefault(email.strip().lower(), by_user[user_id])
    found.pop("", None)
    return found


def preview(session: Session, report: Report) -> Preview:
    """What importing report into session would do, without writing: in
    three queries, whatever the number of rows."""
    by_email = _registrations_by_email(session)
    matches: dict[int, Match] = {}
    unknown, errors = [], []
    for row in report.rows:
        registration = by_email.get(row.email)
        if row.error:
            errors.append(RowError(line=row.line, email=row.email, message=row.error))
        elif registration is None:
            reason = gettext("No email address") if not row.email else gettext("Not registered")
            unknown.append(Unmatched(row.line, row.email, row.minutes, reason))
        elif not registration.is_confirmed:
            reason = gettext("Registered, but without a confirmed place")
            unknown.append(Unmatched(row.line, row.email, row.minutes, reason))
        else:
            match = matches.setdefault(registration.pk, Match(registration=registration))
            match.minutes += row.minutes
            match.lines.append(row.line)
            match.row_minutes.append(row.minutes)
            if row.email not in match.emails:
                match.emails.append(row.email)
    joined = set(
        Join.objects.filter(registration__in=list(matches)).values_list("registration", flat=True)
    )
    summit = session.summit
    for pk, match in matches.items():
        match.counts = counts_as_attended(summit, minutes=match.minutes, joined=pk in joined)
    matched = sorted(matches.values(), key=lambda match: match.lines[0])
    return Preview(session=session, report=report, matched=matched, unknown=unknown, errors=errors)


# The signed preview ----------------------------------------------------------------


@dataclass(frozen=True)
class SignedPreview:
    minutes: dict[int, int]  # registration pk: minutes attended
    skipped: int  # rows with an unknown email


def sign_preview(preview: Preview) -> str:
    """The preview's writes as a token the organiser's browser carries back:
    only a token signed for this very session is ever applied."""
    session = preview.session
    data = {
        "session": session.pk,
        "minutes": sorted(preview.minutes_by_registration().items()),
        "skipped": len(preview.unknown),
    }
    return signing.dumps(data, salt=_SALT % session.pk, compress=True)


def unsign_preview(token: str, *, session: Session) -> SignedPreview:
    """The writes a token carries, if this site signed it for session less
    than PREVIEW_MAX_AGE ago; an ImportProblem otherwise."""
    try:
        data = signing.loads(token, salt=_SALT % session.pk, max_age=PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        raise ImportProblem(
            gettext("This preview is more than an hour old. Upload the file again.")
        ) from None
    except signing.BadSignature:
        raise ImportProblem(
            gettext(
                "This preview cannot be verified: it was changed or is for another "
                "session. Upload the file again."
            )
        ) from None
    if not isinstance(data, dict) or data.get("session") != session.pk:
        raise ImportProblem(gettext("This preview is for another session. Upload the file again."))
    return SignedPreview(
        minutes={int(pk): int(minutes) for pk, minutes in data["minutes"]},
        skipped=int(data["skipped"]),
    )


# Writing -------------------------------------------------------------------------


def import_minutes(*, session: Session, minutes: dict[int, int]) -> int:
    """Write the minutes attended of session's confirmed registrants, all or
    none: when one of them no longer holds a confirmed place, nothing is
    written. Returns how many registrations changed."""
    with transaction.atomic():
        registrations = list(
            Registration.objects.select_for_update(of=("self",))
            .select_related("participant__user", "session")
            .filter(session=session, pk__in=list(minutes))
            .confirmed()
            .order_by("pk")
        )
        if len(registrations) != len(minutes):
            raise ImportProblem(
                gettext(
                    "Some of these registrations changed since the preview (a place was "
                    "cancelled). Nothing was imported: upload the file again."
                )
            )
        changed = [r for r in registrations if r.minutes_attended != minutes[r.pk]]
        for registration in changed:
            before = registration.minutes_attended
            registration.minutes_attended = minutes[registration.pk]
            # bulk_update() bypasses the audit trail: each change gets its entry.
            audit.record(
                registration,
                changes={"minutes_attended": [str(before), str(registration.minutes_attended)]},
            )
        Registration.objects.bulk_update(changed, ["minutes_attended"], batch_size=500)
    return len(changed)


def imported_message(*, written: int, matched: int, skipped: int) -> str:
    """What the organiser is told once an import is written."""
    parts = [
        ngettext(
            "Minutes imported for %(count)d registrant.",
            "Minutes imported for %(count)d registrants.",
            matched,
        )
        % {"count": matched}
    ]
    if written != matched:
        parts.append(
            ngettext(
                "%(count)d of them already had these minutes.",
                "%(count)d of them already had these minutes.",
                matched - written,
            )
            % {"count": matched - written}
        )
    if skipped:
        parts.append(
            ngettext(
                "%(count)d row with an unknown email was skipped.",
                "%(count)d rows with an unknown email were skipped.",
                skipped,
            )
            % {"count": skipped}
        )
    return " ".join(parts)


# Forms -----------------------------------------------------------------------------


class UploadForm(forms.Form):
    """The report and its encoding; a valid form holds the parsed Report."""

    report = forms.FileField(
        label=_("Attendance report (CSV)"),
        help_text=_(
            "The participants’ report the meeting platform exports, with a column for the "
            "email address and one for the minutes attended."
        ),
    )
    encoding = forms.ChoiceField(
        label=_("Encoding"),
        choices=Encoding.choices,
        initial=Encoding.UTF8,
        help_text=_("If the Arabic comes out garbled in the preview, try the other one."),
    )

    def clean(self):
        cleaned = super().clean()
        upload, encoding = cleaned.get("report"), cleaned.get("encoding")
        if upload is None or encoding is None:
            return cleaned
        if upload.size > MAX_BYTES:
            self.add_error("report", _too_large(upload.size))
            return cleaned
        try:
            cleaned["parsed"] = read_report(upload.read(), encoding)
        except ImportProblem as problem:
            self.add_error("report", problem.message)
        return cleaned


class ConfirmForm(forms.Form):
    """The signed preview the organiser confirms."""

    preview = forms.CharField(widget=forms.HiddenInput, max_length=2 * MAX_BYTES)

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session

    def clean_preview(self) -> SignedPreview:
        try:
            return unsign_preview(self.cleaned_data["preview"], session=self.session)
        except ImportProblem as problem:
            raise forms.ValidationError(problem.message) from None
