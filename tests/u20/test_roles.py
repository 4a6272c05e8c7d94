"""Staff roles: the groups the migration makes, `manage.py sync_roles`, and
what a staff member in each role can open, change and export in the admin."""

import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from media_contacts.models import InternalNote
from recommendations.models import Recommendation
from sessions.models import Session
from tests.sessions.admin_fixtures import change_form
from tests.staff import sign_in_with_second_factor
from tests.u20.role_fixtures import (
    access,
    autocomplete,
    make_world,
    pages,
    staff,
)
from u20.models import OutgoingEmail
from u20.roles import sync_roles

ACTIONS = ("view", "add", "change", "delete")


def every(app_label: str, *models: str) -> set[str]:
    return {f"{app_label}.{action}_{model}" for model in models for action in ACTIONS}


EXPECTED = {
    "Programme": every("u20", "summit", "summitpartner", "organisation", "city", "theme")
    | every(
        "agenda",
        "session",
        "sessionhost",
        "sessionspeaker",
        "speaker",
        "sessionlanguage",
        "recording",
    )
    | {
        "agenda.view_registration",
        "agenda.change_registration",
        "agenda.view_participant",
        "agenda.view_join",
        "certificates.view_certificate",
        "certificates.change_certificate",
        "certificates.view_certificaterelease",
        "certificates.add_certificaterelease",
    },
    "Media team": every("media_contacts", "pressrelease", "mediacontact")
    | {
        "media_contacts.view_interviewrequest",
        "media_contacts.change_interviewrequest",
        "media_contacts.view_internalnote",
        "media_contacts.add_internalnote",
        "media_contacts.view_statuschange",
        "media_contacts.view_accreditation",
        "media_contacts.change_accreditation",
        "media_contacts.view_accreditationchange",
        "media_contacts.view_releasecorrection",
        "media_contacts.view_embargoaccess",
        "media_contacts.view_alertsubscription",
        "media_contacts.delete_alertsubscription",
        "u20.view_summit",
    }
    | every("media_contacts", "presskit", "presskititem"),
    "Communiqué editors": every(
        "recommendations", "communique", "area", "recommendation", "endorsement", "followupupdate"
    )
    | {"u20.view_summit", "u20.view_city", "u20.view_theme", "agenda.view_session"},
    "Registrations": {
        "agenda.view_registration",
        "agenda.view_participant",
        "agenda.view_session",
        "agenda.view_join",
    },
}
# What exists when u20 0005 runs: the models added later are granted by
# certificates 0002, which runs sync_roles again.
LATER = (
    {
        "agenda.view_join",
        "certificates.view_certificate",
        "certificates.change_certificate",
        "certificates.view_certificaterelease",
        "certificates.add_certificaterelease",
        "media_contacts.view_accreditation",
        "media_contacts.change_accreditation",
        "media_contacts.view_accreditationchange",
        "media_contacts.view_releasecorrection",
        "media_contacts.view_embargoaccess",
        "media_contacts.view_alertsubscription",
        "media_contacts.delete_alertsubscription",
    }
    | every("agenda", "sessionlanguage", "recording")
    | every("media_contacts", "presskit", "presskititem")
)


def role_permissions() -> dict[str, set[str]]:
    return {
        group.name: {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        for group in Group.objects.all()
    }


def permission(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def sync_output() -> str:
    out = io.StringIO()
    call_command("sync_roles", stdout=out)
    return out.getvalue()


# The migration


@pytest.mark.django_db(transaction=True)
def test_migration_creates_the_four_roles_with_exactly_their_permissions():
    # As on a fresh database: no groups, and no permissions yet, since Django
    # creates those only after the last migration.
    Group.objects.all().delete()
    Permission.objects.all().delete()
    MigrationExecutor(connection).migrate([("u20", "0004_outbox_attachment_keys")])

    MigrationExecutor(connection).migrate([("u20", "0005_roles")])
    created = role_permissions()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    # 0005 grants what exists at its point of the history: all but some of
    # the later models, which certificates 0002 and media_contacts 0004
    # grant once they exist.
    assert set(created) == set(EXPECTED)
    assert all(created[role] <= EXPECTED[role] for role in EXPECTED)
    assert all(EXPECTED[role] - created[role] <= LATER for role in EXPECTED)
    assert role_permissions() == EXPECTED


# sync_roles


@pytest.mark.django_db
def test_sync_roles_run_twice_changes_nothing():
    sync_output()
    before = role_permissions()

    output = sync_output()

    assert (output, role_permissions()) == ("The roles are up to date.\n", before)
    assert before == EXPECTED


@pytest.mark.django_db
def test_sync_roles_restores_a_removed_permission_and_removes_an_extra_one():
    sync_roles()
    Group.objects.get(name="Programme").permissions.remove(permission("agenda.change_session"))
    Group.objects.get(name="Media team").permissions.add(permission("agenda.view_registration"))

    output = sync_output()

    assert output == (
        "Programme: added agenda.change_session\nMedia team: removed agenda.view_registration\n"
    )
    assert role_permissions() == EXPECTED


@pytest.mark.django_db
def test_sync_roles_recreates_a_deleted_role_and_leaves_other_groups_alone():
    sync_roles()
    Group.objects.get(name="Registrations").delete()
    interns = Group.objects.create(name="Interns")
    interns.permissions.add(permission("agenda.view_speaker"))

    output = sync_output()

    assert output == (
        "Registrations: created; added agenda.view_join, agenda.view_participant, "
        "agenda.view_registration, agenda.view_session\n"
    )
    assert role_permissions() == {**EXPECTED, "Interns": {"agenda.view_speaker"}}


@pytest.mark.django_db
def test_sync_roles_refuses_an_unknown_permission_and_changes_nothing():
    sync_roles()
    Group.objects.get(name="Programme").permissions.remove(permission("agenda.change_session"))
    before = role_permissions()

    with pytest.raises(ImproperlyConfigured) as error:
        sync_roles(
            roles={
                "Programme": [("agenda", "session", ("view", "change"))],
                "Interns": [("agenda", "session", ("export",))],
            }
        )

    assert str(error.value) == "A role names agenda.export_session: no such permission."
    assert role_permissions() == before


@pytest.mark.django_db
def test_sync_roles_refuses_a_role_with_the_outbox():
    with pytest.raises(ImproperlyConfigured) as error:
        sync_roles(roles={"Interns": [("u20", "outgoingemail", ("view",))]})

    assert str(error.value) == "u20.outgoingemail is for superusers only, not a role."
    assert Group.objects.filter(name="Interns").exists() is False


# What each role can open


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def as_role(client, db):
    """Signs the test client in (with a second factor, as the admin requires)
    as a staff member in one role only. The roles
    are synced first: a transactional test elsewhere may have emptied the
    tables the migration filled."""
    sync_roles()

    def log_in(role: str):
        sign_in_with_second_factor(client, staff(role=role))
        return client

    return log_in


REFUSED_BY_ALL_ROLES = {"outbox": "403", "email": "403", "users": "403", "groups": "403"}

ACCESS = {
    "Programme": {
        "summit": "edit",
        "session": "edit",
        "speaker": "edit",
        "registrations": "open",
        # One registration's page is for reading; the list's actions change it.
        "registration": "read",
        "participant": "read",
        "attendees.csv": "open",
        "communique": "403",
        "recommendation": "403",
        "press release": "403",
        "media contact": "403",
        "interview request": "403",
    },
    "Media team": {
        "summit": "read",
        "session": "403",
        "speaker": "403",
        "registrations": "403",
        "registration": "403",
        "participant": "403",
        "attendees.csv": "403",
        "communique": "403",
        "recommendation": "403",
        "press release": "edit",
        "media contact": "edit",
        "interview request": "edit",
    },
    "Communiqué editors": {
        "summit": "read",
        "session": "read",
        "speaker": "403",
        "registrations": "403",
        "registration": "403",
        "participant": "403",
        "attendees.csv": "403",
        "communique": "edit",
        "recommendation": "edit",
        "press release": "403",
        "media contact": "403",
        "interview request": "403",
    },
    "Registrations": {
        "summit": "403",
        "session": "read",
        "speaker": "403",
        "registrations": "open",
        "registration": "read",
        "participant": "read",
        "attendees.csv": "open",
        "communique": "403",
        "recommendation": "403",
        "press release": "403",
        "media contact": "403",
        "interview request": "403",
    },
}


@pytest.mark.parametrize("role", list(ACCESS))
def test_role_opens_exactly_its_own_pages(as_role, world, role):
    client = as_role(role)

    found = {name: access(client, url) for name, url in pages(world).items()}

    assert found == {**ACCESS[role], **REFUSED_BY_ALL_ROLES}


INDEX = {
    "Programme": {
        "agenda": ["Participant", "Registration", "Session", "Speaker"],
        "certificates": ["Certificate", "CertificateRelease"],
        "u20": ["City", "Organisation", "Summit", "Theme"],
    },
    "Media team": {
        "media_contacts": [
            "Accreditation",
            "AlertSubscription",
            "InterviewRequest",
            "MediaContact",
            "PressKit",
            "PressRelease",
        ],
        "u20": ["Summit"],
    },
    "Communiqué editors": {
        "agenda": ["Session"],
        "recommendations": ["Communique", "Recommendation"],
        "u20": ["City", "Summit", "Theme"],
    },
    "Registrations": {"agenda": ["Participant", "Registration", "Session"]},
}


@pytest.mark.parametrize("role", list(INDEX))
def test_role_admin_index_lists_only_its_models(as_role, role):
    client = as_role(role)

    app_list = client.get("/admin/").context["app_list"]

    assert {
        app["app_label"]: sorted(model["object_name"] for model in app["models"])
        for app in app_list
    } == INDEX[role]


# What each role can change and export


def test_programme_changes_a_session_but_not_the_communique(as_role, world):
    client = as_role("Programme")
    session, communique = world["session"], world["communique"]

    changed = client.post(
        f"/admin/agenda/session/{session.pk}/change/", change_form(session, title_en="Renamed")
    )
    refused = client.post(
        f"/admin/recommendations/communique/{communique.pk}/change/", {"title_en": "Renamed"}
    )

    assert (changed.status_code, refused.status_code) == (302, 403)
    session.refresh_from_db()
    communique.refresh_from_db()
    assert (session.title_en, communique.title_en) == ("Renamed", world["communique"].title_en)


def test_programme_cancels_a_registration_but_registrations_role_cannot(as_role, world):
    registration = world["registration"]
    cancel = {"action": "cancel_registrations", "_selected_action": [registration.pk]}

    as_role("Registrations").post("/admin/agenda/registration/", cancel)
    registration.refresh_from_db()
    status_after_registrations_role = registration.status
    as_role("Programme").post("/admin/agenda/registration/", cancel)
    registration.refresh_from_db()

    assert (status_after_registrations_role, registration.status) == ("confirmed", "cancelled")


def test_registrations_role_exports_attendees_but_cannot_change_a_session(as_role, world):
    client = as_role("Registrations")
    session = world["session"]

    export = client.get(f"/admin/agenda/session/{session.pk}/attendees.csv")
    change = client.post(
        f"/admin/agenda/session/{session.pk}/change/", change_form(session, title_en="Renamed")
    )

    assert (export.status_code, export["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert world["registration"].participant.user.email in export.content.decode()
    assert change.status_code == 403
    assert Session.objects.get(pk=session.pk).title_en == session.title_en


def test_media_team_moves_a_request_on_and_adds_a_note(as_role, world):
    client = as_role("Media team")
    interview = world["interview"]
    url = f"/admin/media_contacts/interviewrequest/{interview.pk}/change/"
    page = client.get(url).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))

    response = client.post(
        url,
        {**hidden, "assignee": "", "transition": "in_progress", "notes-0-text": "Call back"},
    )

    interview.refresh_from_db()
    assert (response.status_code, interview.status) == (302, "in_progress")
    assert list(InternalNote.objects.values_list("request", "text")) == [
        (interview.pk, "Call back")
    ]


def test_communique_editors_change_a_recommendation_but_not_a_press_release(as_role, world):
    client = as_role("Communiqué editors")
    recommendation, release = world["recommendation"], world["release"]

    changed = client.post(
        f"/admin/recommendations/recommendation/{recommendation.pk}/change/",
        {
            "area": recommendation.area_id,
            "text_en": "Cities should share open data.",
            "text_ar": "ينبغي للمدن أن تتشارك البيانات المفتوحة.",
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
        },
    )
    refused = client.post(
        f"/admin/media_contacts/pressrelease/{release.pk}/change/", {"title_en": "Renamed"}
    )

    assert (changed.status_code, refused.status_code) == (302, 403)
    assert Recommendation.objects.get(pk=recommendation.pk).text_en == (
        "Cities should share open data."
    )
    release.refresh_from_db()
    assert release.title_en == world["release"].title_en


def test_communique_editors_pick_the_summit_and_cities_from_autocompletes(as_role, world):
    client = as_role("Communiqué editors")
    summit = world["session"].summit

    summits = autocomplete(client, "recommendations", "communique", "summit")
    cities = autocomplete(client, "recommendations", "endorsement", "city")

    assert (summits, cities) == ([str(summit.pk)], [str(summit.host_city_id)])


def test_media_team_picks_a_press_releases_summit_from_the_autocomplete(as_role, world):
    client = as_role("Media team")

    summits = autocomplete(client, "media_contacts", "pressrelease", "summit")

    assert summits == [str(world["session"].summit_id)]


# The outbox: superusers only


def test_outbox_refuses_staff_given_every_outbox_permission_by_hand(client, world):
    user = staff()
    user.user_permissions.add(*Permission.objects.filter(codename__endswith="_outgoingemail"))
    sign_in_with_second_factor(client, user)
    email = world["email"]

    statuses = [
        client.get("/admin/u20/outgoingemail/").status_code,
        client.get(f"/admin/u20/outgoingemail/{email.pk}/change/").status_code,
        client.get(f"/admin/u20/outgoingemail/{email.pk}/delete/").status_code,
        client.post(
            "/admin/u20/outgoingemail/", {"action": "send_again", "_selected_action": [email.pk]}
        ).status_code,
    ]

    assert user.get_all_permissions() == {
        "u20.add_outgoingemail",
        "u20.change_outgoingemail",
        "u20.delete_outgoingemail",
        "u20.view_outgoingemail",
    }
    assert statuses == [403, 403, 403, 403]
    assert client.get("/admin/").context["app_list"] == []
    assert OutgoingEmail.objects.filter(pk=email.pk).exists() is True


def test_superuser_reads_the_outbox(client, world):
    sign_in_with_second_factor(client, staff(superuser=True))

    statuses = [
        access(client, "/admin/u20/outgoingemail/"),
        access(client, f"/admin/u20/outgoingemail/{world['email'].pk}/change/"),
    ]

    assert statuses == ["open", "read"]
