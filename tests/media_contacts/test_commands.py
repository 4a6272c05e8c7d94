from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from media_contacts.models import InterviewRequest
from tests.media_contacts.factories import make_request
from tests.tasks import run_due_tasks

pytestmark = pytest.mark.django_db


def closed_days_ago(days: int, **fields):
    return make_request(status="done", closed_at=timezone.now() - timedelta(days=days), **fields)


def anonymised() -> list[str]:
    return sorted(
        InterviewRequest.objects.filter(anonymised_at__isnull=False).values_list(
            "outlet", flat=True
        )
    )


def test_command_anonymises_requests_closed_longer_than_the_setting(settings):
    settings.INTERVIEW_RETENTION_DAYS = 365
    closed_days_ago(400, outlet="Old")
    closed_days_ago(30, outlet="Recent")
    out = StringIO()

    call_command("anonymise_requests", stdout=out)

    assert out.getvalue() == "1 closed interview request(s) anonymised.\n"
    assert anonymised() == ["Old"]


def test_command_takes_the_number_of_days():
    closed_days_ago(400, outlet="Old")
    closed_days_ago(30, outlet="Recent")

    call_command("anonymise_requests", "--days", "7", stdout=StringIO())

    assert anonymised() == ["Old", "Recent"]


def test_command_refuses_negative_days():
    with pytest.raises(CommandError):
        call_command("anonymise_requests", "--days", "-1", stdout=StringIO())


def test_command_can_hand_the_run_to_the_task_worker(django_capture_on_commit_callbacks):
    closed_days_ago(400, outlet="Old")

    call_command("anonymise_requests", "--enqueue", "--days", "100", stdout=StringIO())
    results = run_due_tasks()

    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "media_contacts.tasks.anonymise_requests"
    ]
    assert results == [1]
    assert anonymised() == ["Old"]
