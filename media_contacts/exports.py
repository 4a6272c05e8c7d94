"""The media team's interview requests as a table for a spreadsheet.

Nothing here knows about HTTP: a CSV builder returns a header and rows, which
the caller turns into a download with u20.spreadsheets.csv_response.
"""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext

from media_contacts.models import InterviewRequest, press_zone


def _csv_time(moment, zone) -> str:
    return moment.astimezone(zone).isoformat(timespec="minutes") if moment else ""


def interview_requests_table(
    requests: QuerySet[InterviewRequest],
) -> tuple[list[str], Iterable[tuple]]:
    """The requests as a header in the active
    language and one row each, times in the media team's zone."""
    zone = press_zone()
    header = [
        gettext("Reference"),
        gettext("Received"),
        gettext("Status"),
        gettext("Assignee"),
        gettext("Name"),
        gettext("Media outlet"),
        gettext("Role"),
        gettext("Email"),
        gettext("Phone"),
        gettext("Country"),
        gettext("Preferred language"),
        gettext("Request type"),
        gettext("Wants to interview"),
        gettext("Related session"),
        gettext("Format"),
        gettext("Available from"),
        gettext("Available until"),
        gettext("Deadline"),
        gettext("Scheduled for"),
        gettext("Message"),
    ]
    rows = (
        (
            r.reference,
            _csv_time(r.created_at, zone),
            r.get_status_display(),
            r.assignee.get_username() if r.assignee else "",
            r.name,
            r.outlet,
            r.role,
            r.email,
            r.phone,
            r.country,
            r.get_language_display(),
            r.get_kind_display(),
            r.wanted,
            r.session.title if r.session else "",
            r.get_format_display(),
            _csv_time(r.window_start, zone),
            _csv_time(r.window_end, zone),
            _csv_time(r.deadline, zone),
            _csv_time(r.scheduled_for, zone),
            r.message,
        )
        for r in requests.select_related("assignee", "speaker", "session")
    )
    return header, rows
