"""The audit trail: who changed what and when, with each field before and
after, kept by django-auditlog in its LogEntry table.

- Each app registers its own models in its AppConfig.ready() with track(),
  so the core never names a model of a feature app. Secrets (the calendar
  feed token) are never written to the trail.
- auditlog.middleware.AuditlogMiddleware signs the entries a request makes
  with the signed-in user; what the task worker or a command changes has no
  actor. A QuerySet.update() bypasses the trail: a service that makes such a
  change the secretariat must see writes its entry with record().
- Personal data stays in the trail only while the record keeps it: when a
  record is anonymised, or its person deletes their account, forget() erases
  those values from its entries, keeping when, who, the action and which
  fields changed.
- Entries older than AUDIT_RETENTION_DAYS go with prune()
  (`manage.py prune_audit_log`).
"""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst

# What an erased value reads as in an entry.
ERASED = "[erased]"
ACTIONS = {
    LogEntry.Action.CREATE: "create",
    LogEntry.Action.UPDATE: "update",
    LogEntry.Action.DELETE: "delete",
    LogEntry.Action.ACCESS: "access",
}
# auditlog stores values as text: a missing one reads "None".
_EMPTY = (None, "", "None")

# Models whose rows are about one person, with the fields that hold their data.
_PERSONAL: dict[type[models.Model], frozenset[str]] = {}


def track(
    model: type[models.Model],
    *,
    exclude_fields: Iterable[str] = (),
    personal_fields: Iterable[str] = (),
) -> None:
    """Record every creation, change and deletion of model's rows.

    exclude_fields never reach the trail (secrets). personal_fields do, until
    forget() erases them; a model with any is a person's record, which only
    that person's data export shows.
    """
    auditlog.register(model, exclude_fields=list(exclude_fields))
    if personal_fields:
        _PERSONAL[model] = frozenset(personal_fields)


def tracked_models() -> list[type[models.Model]]:
    return auditlog.get_models()


def _of(model: type[models.Model]) -> Q:
    """Entries about rows of model, by a join: no content type lookup."""
    return Q(
        content_type__app_label=model._meta.app_label,
        content_type__model=model._meta.model_name,
    )


def about(model: type[models.Model], object_ids: Iterable[int] | QuerySet) -> Q:
    """Entries about these rows of model; object_ids may be a subquery."""
    return _of(model) & Q(object_id__in=object_ids)


def entries_about(model: type[models.Model], object_ids: Iterable[int] | QuerySet) -> QuerySet:
    return LogEntry.objects.filter(about(model, object_ids))


def activity_of(*, user, own: Q) -> QuerySet:
    """What a person may see of the trail as theirs: entries about their own
    records (own, built with about()), whoever made them, and the entries
    they made that are about no one's personal record: registering can
    promote the next person on the waitlist, and that entry is the other
    person's."""
    personal = Q(pk__in=[])
    for model in _PERSONAL:
        personal |= _of(model)
    return (
        LogEntry.objects.filter(own | (Q(actor=user) & ~personal))
        .select_related("content_type")
        .order_by("timestamp", "pk")
    )


def record(
    instance: models.Model, *, changes: dict[str, list[Any]], action: int = LogEntry.Action.UPDATE
) -> LogEntry:
    """Write the entry of a change made without save() (a QuerySet.update()),
    signed like any other: by the request's user, or by nobody."""
    return LogEntry.objects.log_create(instance, action=action, changes=changes, force_log=True)


def _erase(change: Any) -> Any:
    if isinstance(change, list):
        return [value if value in _EMPTY else ERASED for value in change]
    return ERASED


def forget(*, model: type[models.Model], object_ids: Iterable[int]) -> int:
    """Erase the personal values from the entries about these rows of model:
    they were anonymised, or deleted at their person's request. An entry
    then names a row that still exists as it reads now, else by its model
    and number. Returns how many entries were changed."""
    ids = list(object_ids)
    personal = _PERSONAL.get(model, frozenset())
    names = {row.pk: str(row) for row in model._default_manager.filter(pk__in=ids)}
    entries = list(entries_about(model, ids))
    for entry in entries:
        entry.changes = {
            field: _erase(change) if field in personal else change
            for field, change in (entry.changes or {}).items()
        }
        entry.changes_text = ""
        entry.serialized_data = None
        entry.object_repr = names.get(entry.object_id) or (
            f"{capfirst(model._meta.verbose_name)} {entry.object_id}"
        )
    LogEntry.objects.bulk_update(
        entries, ["changes", "changes_text", "serialized_data", "object_repr"]
    )
    return len(entries)


def forget_actor(*, user_id: int) -> int:
    """Unsign the entries a departing user made: neither their account nor
    their email address stays on them. Call it before deleting the account,
    which would keep the addresses, and after, for the entries the deletion
    itself wrote in their name."""
    return LogEntry.objects.filter(actor_id=user_id).update(actor=None, actor_email=None)


def prune(*, days: int | None = None, now: datetime | None = None) -> int:
    """Delete the entries older than days (AUDIT_RETENTION_DAYS by default).
    Returns how many were deleted."""
    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    if days < 0:
        raise ValueError("days cannot be negative")
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _ = LogEntry.objects.filter(timestamp__lt=cutoff).delete()
    return deleted


def model_choices() -> list[tuple[int, str]]:
    """Each tracked model as (content type id, its name), by name: the log
    list's filter, without scanning the log."""
    types = ContentType.objects.get_for_models(*tracked_models())
    choices = [(ct.pk, str(capfirst(model._meta.verbose_name))) for model, ct in types.items()]
    return sorted(choices, key=lambda choice: choice[1])


def staff_actors() -> QuerySet:
    """Whose changes the log list offers to filter by; an attendee's are found
    by searching their email address."""
    User = get_user_model()
    return User.objects.filter(is_staff=True).order_by(User.USERNAME_FIELD)


def trail_url(instance: models.Model | None) -> str:
    """The log list filtered to one row, or "" when its model is not tracked."""
    if instance is None or instance.pk is None or not auditlog.contains(type(instance)):
        return ""
    content_type = ContentType.objects.get_for_model(instance)
    query = urlencode({"resource_type": content_type.pk, "object_id": instance.pk})
    return f"{reverse('admin:auditlog_logentry_changelist')}?{query}"
