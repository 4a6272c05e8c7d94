"""What the role tests share: staff members, one of everything the roles
are about, and readers of what the admin lets them do."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories import make_speaker
from tests.media_contacts.factories import make_contact, make_release, make_request
from tests.recommendations.factories import make_area, make_communique, make_recommendation
from tests.sessions.admin_fixtures import register_people, upcoming_session
from u20.models import OutgoingEmail

_numbers = itertools.count(1)


def staff(*, role: str | None = None, superuser: bool = False):
    username = f"staff{next(_numbers)}"
    users = get_user_model().objects
    if superuser:
        return users.create_superuser(username, f"{username}@example.org", "x")
    user = users.create_user(username, f"{username}@example.org", "x", is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_world() -> dict:
    """One of everything the roles are about: a session with a registration,
    a communiqué, the press office's rows and an email in the outbox."""
    session = upcoming_session(capacity=10)
    registration = register_people(session, 1)[0]
    communique = make_communique(summit=session.summit)
    recommendation = make_recommendation(area=make_area(communique=communique))
    return {
        "session": session,
        "registration": registration,
        "speaker": make_speaker(),
        "communique": communique,
        "recommendation": recommendation,
        "release": make_release(summit=session.summit),
        "contact": make_contact(),
        "interview": make_request(),
        "email": OutgoingEmail.objects.create(to="amal@example.org", subject="Hi", body="Hi"),
    }


def pages(world) -> dict[str, str]:
    session, registration = world["session"], world["registration"]
    return {
        "summit": f"/admin/u20/summit/{session.summit_id}/change/",
        "session": f"/admin/agenda/session/{session.pk}/change/",
        "speaker": f"/admin/agenda/speaker/{world['speaker'].pk}/change/",
        "registrations": "/admin/agenda/registration/",
        "registration": f"/admin/agenda/registration/{registration.pk}/change/",
        "participant": f"/admin/agenda/participant/{registration.participant_id}/change/",
        "attendees.csv": f"/admin/agenda/session/{session.pk}/attendees.csv",
        "communique": f"/admin/recommendations/communique/{world['communique'].pk}/change/",
        "recommendation": (
            f"/admin/recommendations/recommendation/{world['recommendation'].pk}/change/"
        ),
        "press release": f"/admin/media_contacts/pressrelease/{world['release'].pk}/change/",
        "media contact": f"/admin/media_contacts/mediacontact/{world['contact'].pk}/change/",
        "interview request": (
            f"/admin/media_contacts/interviewrequest/{world['interview'].pk}/change/"
        ),
        "outbox": "/admin/u20/outgoingemail/",
        "email": f"/admin/u20/outgoingemail/{world['email'].pk}/change/",
        "users": "/admin/auth/user/",
        "groups": "/admin/auth/group/",
    }


def access(client, url: str) -> str:
    """403 or 404 as such; a change page as "edit" or "read" (the form shown
    read-only); any other page or download as "open"."""
    response = client.get(url)
    if response.status_code != 200:
        return str(response.status_code)
    context = response.context
    if context is not None and "adminform" in context:
        return "edit" if context["has_change_permission"] else "read"
    return "open"


def autocomplete(client, app_label: str, model_name: str, field_name: str) -> list[str]:
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name},
    )
    assert response.status_code == 200
    return [result["id"] for result in response.json()["results"]]
