"""The reminder task takes its registration id and start time as keywords;
reminders queued before are converted, both ways."""

from django.db import migrations

TASK = "sessions.tasks.send_reminder"
NAMES = ("registration_id", "starts_at")


def forwards(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for job in DBTaskResult.objects.filter(task_path=TASK, status__in=["READY", "RUNNING"]):
        args = job.args_kwargs.get("args", [])
        if args:
            kwargs = {**dict(zip(NAMES, args, strict=False)), **job.args_kwargs.get("kwargs", {})}
            job.args_kwargs = {"args": [], "kwargs": kwargs}
            job.save(update_fields=["args_kwargs"])


def backwards(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for job in DBTaskResult.objects.filter(task_path=TASK, status__in=["READY", "RUNNING"]):
        kwargs = dict(job.args_kwargs.get("kwargs", {}))
        if all(name in kwargs for name in NAMES):
            args = [kwargs.pop(name) for name in NAMES]
            job.args_kwargs = {"args": args, "kwargs": kwargs}
            job.save(update_fields=["args_kwargs"])


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0002_participant_registration_and_more"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
