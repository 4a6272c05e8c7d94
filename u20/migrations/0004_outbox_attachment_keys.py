"""Queued emails name their attachment builder by a registered key instead
of a Python path, and the delivery task moved from u20.tasks to u20.outbox,
taking its email id as a keyword. Rows written before are converted, both
ways, so that nothing already queued is lost."""

from django.db import migrations

OLD_BUILD = "sessions.notifications.registration_calendar"
NEW_BUILDER = "agenda.registration_calendar"
OLD_TASK = "u20.tasks.deliver_email"
NEW_TASK = "u20.outbox.deliver_email"
UNFINISHED = ["READY", "RUNNING"]


def _convert_attachments(apps, old_key, old_value, new_key, new_value):
    OutgoingEmail = apps.get_model("u20", "OutgoingEmail")
    for email in OutgoingEmail.objects.filter(sent_at__isnull=True).exclude(attachments=[]):
        changed = False
        for attachment in email.attachments:
            if attachment.get(old_key) == old_value:
                del attachment[old_key]
                attachment[new_key] = new_value
                changed = True
        if changed:
            email.save(update_fields=["attachments"])


def _convert_tasks(apps, old_path, new_path, *, to_keywords):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for job in DBTaskResult.objects.filter(task_path=old_path, status__in=UNFINISHED):
        args, kwargs = job.args_kwargs.get("args", []), job.args_kwargs.get("kwargs", {})
        if to_keywords and args:
            kwargs = {"email_id": args[0], **kwargs}
            args = []
        elif not to_keywords and "email_id" in kwargs:
            args = [kwargs.pop("email_id"), *args]
        job.task_path = new_path
        job.args_kwargs = {"args": args, "kwargs": kwargs}
        job.save(update_fields=["task_path", "args_kwargs"])


def forwards(apps, schema_editor):
    _convert_attachments(apps, "build", OLD_BUILD, "builder", NEW_BUILDER)
    _convert_tasks(apps, OLD_TASK, NEW_TASK, to_keywords=True)


def backwards(apps, schema_editor):
    _convert_attachments(apps, "builder", NEW_BUILDER, "build", OLD_BUILD)
    _convert_tasks(apps, NEW_TASK, OLD_TASK, to_keywords=False)


class Migration(migrations.Migration):
    dependencies = [
        ("u20", "0003_outgoingemail"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
