"""media_contacts.exports called directly, with no request: the table the
admin's CSV action downloads."""

import pytest
from django.utils import translation

from media_contacts.exports import interview_requests_table
from media_contacts.models import InterviewRequest, press_zone
from tests.media_contacts.factories import make_request

pytestmark = pytest.mark.django_db


def test_interview_requests_table_has_a_row_per_request_with_times_in_press_zone():
    first = make_request(name="ليلى حداد", outlet='=HYPERLINK("http://evil")')
    second = make_request(name="Omar")

    with translation.override("en"):
        header, rows = interview_requests_table(InterviewRequest.objects.order_by("pk"))
        rows = list(rows)

    assert header[:6] == ["Reference", "Received", "Status", "Assignee", "Name", "Media outlet"]
    # Keeping a cell from running as a formula is the download's job
    # (u20.spreadsheets), so the table holds what the journalist typed.
    assert [(row[0], row[4], row[5], row[17]) for row in rows] == [
        (
            first.reference,
            "ليلى حداد",
            '=HYPERLINK("http://evil")',
            first.deadline.astimezone(press_zone()).isoformat(timespec="minutes"),
        ),
        (
            second.reference,
            "Omar",
            second.outlet,
            second.deadline.astimezone(press_zone()).isoformat(timespec="minutes"),
        ),
    ]
