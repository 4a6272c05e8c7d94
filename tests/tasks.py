"""Running the task queue inside a test: what `manage.py db_worker` does,
without closing the test's database connection."""

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def run_due_tasks() -> list:
    """Run every task that is due, in order, including tasks they enqueue
    that are due at once; return what each returned."""
    results = []
    while (job := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        job.claim("tests")
        task, call = job.task, job.task_result
        try:
            value = task.call(*call.args, **call.kwargs)
        except Exception as error:  # recorded like the worker does, and surfaced
            job.set_failed(error)
            raise
        job.set_successful(value)
        results.append(value)
    return results


def bring_forward_delayed_tasks() -> None:
    """As if the time of every delayed task (a retry, a reminder) had come."""
    DBTaskResult.objects.filter(status="READY").update(
        run_after=timezone.now() - timedelta(seconds=1)
    )
