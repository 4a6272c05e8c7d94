"""What the admin tests of registrations share: sessions around today,
people registered through the service, and readers of admin responses."""

import csv
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.utils import timezone

from sessions import services
from sessions.models import Registration, Session
from tests.factories import make_participant, make_session, make_summit

RIYADH = ZoneInfo("Asia/Riyadh")


def upcoming_session(**fields) -> Session:
    """A session tomorrow at a round hour, in a summit around today."""
    today = timezone.now().astimezone(RIYADH).date()
    summit = fields.pop("summit", None) or make_summit(
        start_date=today - timedelta(days=1), end_date=today + timedelta(days=5)
    )
    tomorrow = timezone.now().astimezone(RIYADH) + timedelta(days=1)
    starts_at = tomorrow.replace(hour=10, minute=0, second=0, microsecond=0)
    return make_session(summit=summit, starts_at=starts_at, **fields)


def register_people(session: Session, n: int, **fields) -> list[Registration]:
    return [
        services.register(session=session, participant=make_participant(**fields)) for _ in range(n)
    ]


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))


def staff_user(username: str, *permissions: str):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="x", is_staff=True
    )
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    return user


# The management forms of the session's inlines, with no rows.
EMPTY_INLINES = {
    f"{prefix}-{name}": "0"
    for prefix in ("hosts", "session_speakers", "languages", "recordings")
    for name in ("TOTAL_FORMS", "INITIAL_FORMS")
}


def change_form(session: Session, **overrides) -> dict:
    """The session's change form as the admin posts it, times in summit time."""
    zone = session.summit.zone
    starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    data = {
        "summit": session.summit_id,
        "title_en": session.title_en,
        "title_ar": session.title_ar,
        "slug": session.slug,
        "kind": session.kind,
        "status": session.status,
        "is_published": "on",
        "starts_at_0": starts.date().isoformat(),
        "starts_at_1": starts.strftime("%H:%M:%S"),
        "ends_at_0": ends.date().isoformat(),
        "ends_at_1": ends.strftime("%H:%M:%S"),
        "description_en": session.description_en,
        "description_ar": session.description_ar,
        "capacity": "" if session.capacity is None else str(session.capacity),
        "join_url": session.join_url,
        "livestream_url": session.livestream_url,
        "floor_language": session.floor_language,
        **EMPTY_INLINES,
    }
    return {**data, **overrides}
