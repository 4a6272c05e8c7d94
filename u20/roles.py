"""Staff roles: one Django group each, holding exactly the permissions listed
here. The data migration u20 0005_roles creates them; `manage.py sync_roles`
brings the database back to this list after it changes (or after someone
edited a group by hand). Group names are identifiers, in English.

Models are named by app label and model name, never imported: the core
imports no feature app. The outbox (u20.OutgoingEmail) holds every attendee's
and journalist's mail, so it is for superusers only and no role may name it.

A role that comes to name a model created by a later migration needs a data
migration of its own that runs sync_roles after that one: the earlier
migration grants only what exists at its point in the history.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, transaction

MANAGE = ("view", "add", "change", "delete")
VIEW = ("view",)
# The admin's cancel and promote actions need `change`; it refuses to delete
# a registration whatever the permissions.
VIEW_AND_CHANGE = ("view", "change")

Grant = tuple[str, str, Sequence[str]]  # (app label, model name, actions)

PROGRAMME = "Programme"
MEDIA_TEAM = "Media team"
COMMUNIQUE_EDITORS = "Communiqué editors"
REGISTRATIONS = "Registrations"

ROLES: dict[str, list[Grant]] = {
    PROGRAMME: [
        ("u20", "summit", MANAGE),
        ("u20", "summitpartner", MANAGE),
        ("u20", "organisation", MANAGE),
        ("u20", "city", MANAGE),
        ("u20", "theme", MANAGE),
        ("agenda", "session", MANAGE),
        ("agenda", "sessionhost", MANAGE),
        ("agenda", "sessionspeaker", MANAGE),
        ("agenda", "speaker", MANAGE),
        ("agenda", "sessionlanguage", MANAGE),
        ("agenda", "recording", MANAGE),
        # Importing attendance writes minutes on registrations (change).
        ("agenda", "registration", VIEW_AND_CHANGE),
        ("agenda", "participant", VIEW),
        ("agenda", "join", VIEW),
        # Certificates are released and revoked, never edited or deleted.
        ("certificates", "certificate", VIEW_AND_CHANGE),
        ("certificates", "certificaterelease", ("view", "add")),
    ],
    MEDIA_TEAM: [
        ("media_contacts", "pressrelease", MANAGE),
        ("media_contacts", "mediacontact", MANAGE),
        # Requests come only from journalists and are never deleted by hand.
        ("media_contacts", "interviewrequest", VIEW_AND_CHANGE),
        # Notes are added on a request's page, never edited.
        ("media_contacts", "internalnote", ("view", "add")),
        ("media_contacts", "statuschange", VIEW),
        # Applications come only from journalists; the team reviews them.
        ("media_contacts", "accreditation", VIEW_AND_CHANGE),
        ("media_contacts", "accreditationchange", VIEW),
        # Corrections are written by changing a release; accesses by reading one.
        ("media_contacts", "releasecorrection", VIEW),
        ("media_contacts", "embargoaccess", VIEW),
        ("media_contacts", "presskit", MANAGE),
        ("media_contacts", "presskititem", MANAGE),
        # Subscribers sign themselves up; the team may forget an address.
        ("media_contacts", "alertsubscription", ("view", "delete")),
        # A press release picks its summit from an autocomplete field.
        ("u20", "summit", VIEW),
    ],
    COMMUNIQUE_EDITORS: [
        ("recommendations", "communique", MANAGE),
        ("recommendations", "area", MANAGE),
        ("recommendations", "recommendation", MANAGE),
        ("recommendations", "endorsement", MANAGE),
        ("recommendations", "followupupdate", MANAGE),
        # What a communiqué refers to; the summit and city fields are
        # autocompletes, which answer only to a view permission.
        ("u20", "summit", VIEW),
        ("u20", "city", VIEW),
        ("u20", "theme", VIEW),
        ("agenda", "session", VIEW),
    ],
    REGISTRATIONS: [
        # Viewing registrations is also what the attendees' CSV asks for.
        ("agenda", "registration", VIEW),
        ("agenda", "participant", VIEW),
        ("agenda", "session", VIEW),
        ("agenda", "join", VIEW),
    ],
}

SUPERUSERS_ONLY = frozenset({("u20", "outgoingemail")})


@dataclass(frozen=True)
class RoleChange:
    role: str
    created: bool
    added: tuple[str, ...]  # "app_label.codename", sorted
    removed: tuple[str, ...]

    def __str__(self) -> str:
        parts = ["created"] if self.created else []
        if self.added:
            parts.append("added " + ", ".join(self.added))
        if self.removed:
            parts.append("removed " + ", ".join(self.removed))
        return f"{self.role}: {'; '.join(parts)}"


def sync_roles(
    *,
    roles: Mapping[str, Sequence[Grant]] = ROLES,
    apps=global_apps,
    using: str = DEFAULT_DB_ALIAS,
    skip_missing_models: bool = False,
) -> list[RoleChange]:
    """Create each role's group if missing and give it exactly its listed
    permissions, taking away any other. Groups that are not roles are left
    alone. Returns what changed, nothing when all was up to date.

    `apps` is a migration's historical registry when a migration calls it;
    there, with skip_missing_models, a model that a later migration creates
    is passed over. Anywhere else an unknown model or permission is a mistake
    in the list and raises ImproperlyConfigured."""

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    changes = []
    with transaction.atomic(using=using):
        known = {
            (app_label, model, codename): pk
            for pk, app_label, model, codename in Permission.objects.using(using).values_list(
                "pk", "content_type__app_label", "content_type__model", "codename"
            )
        }
        label = {pk: f"{app_label}.{codename}" for (app_label, _, codename), pk in known.items()}
        for name, grants in roles.items():
            wanted = _permission_ids(grants, known, apps=apps, skip=skip_missing_models)
            group, created = Group.objects.using(using).get_or_create(name=name)
            current = set(group.permissions.values_list("pk", flat=True))
            added, removed = wanted - current, current - wanted
            group.permissions.add(*added)
            group.permissions.remove(*removed)
            if created or added or removed:
                changes.append(
                    RoleChange(
                        role=name,
                        created=created,
                        added=tuple(sorted(label[pk] for pk in added)),
                        removed=tuple(sorted(label[pk] for pk in removed)),
                    )
                )
    return changes


def _permission_ids(grants: Sequence[Grant], known: Mapping, *, apps, skip: bool) -> set[int]:
    ids = set()
    for app_label, model, actions in grants:
        if (app_label, model) in SUPERUSERS_ONLY:
            raise ImproperlyConfigured(f"{app_label}.{model} is for superusers only, not a role.")
        try:
            apps.get_model(app_label, model)
        except LookupError:
            if skip:
                continue
            raise ImproperlyConfigured(
                f"A role names {app_label}.{model}: no such model."
            ) from None
        for action in actions:
            key = (app_label, model, f"{action}_{model}")
            if key not in known:
                raise ImproperlyConfigured(
                    f"A role names {app_label}.{action}_{model}: no such permission."
                )
            ids.add(known[key])
    return ids


def sync_roles_in_migration(apps, schema_editor) -> None:
    """A data migration's step: the roles with the permissions of every
    model that exists at that point of the history. Django creates
    permissions after the last migration (post_migrate); on a fresh database
    the roles need them now. A historical app config has no models module,
    which create_permissions takes for "nothing to do"."""
    using = schema_editor.connection.alias
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        app_config.models_module = None
    sync_roles(apps=apps, using=using, skip_missing_models=True)
