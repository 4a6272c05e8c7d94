"""Plain factory functions for tests: each makes a valid object with both
languages filled in, and takes keyword overrides."""

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from sessions.models import Participant, Session, SessionHost, SessionSpeaker, Speaker
from u20.models import City, Organisation, Summit, SummitPartner, Theme

_numbers = itertools.count(1)
RIYADH = ZoneInfo("Asia/Riyadh")


def _n() -> int:
    return next(_numbers)


def make_city(**fields) -> City:
    n = _n()
    defaults = {
        "name_en": f"City {n}",
        "name_ar": f"مدينة {n}",
        "slug": f"city-{n}",
        "country_en": "Country",
        "country_ar": "دولة",
    }
    return City.objects.create(**{**defaults, **fields})


def make_theme(**fields) -> Theme:
    n = _n()
    defaults = {"name_en": f"Theme {n}", "name_ar": f"محور {n}", "slug": f"theme-{n}"}
    return Theme.objects.create(**{**defaults, **fields})


def make_organisation(**fields) -> Organisation:
    n = _n()
    defaults = {"name_en": f"Organisation {n}", "name_ar": f"منظمة {n}", "slug": f"org-{n}"}
    return Organisation.objects.create(**{**defaults, **fields})


def make_summit(**fields) -> Summit:
    n = _n()
    defaults = {
        "name_en": f"Summit {n}",
        "name_ar": f"قمة {n}",
        "slug": f"summit-{n}",
        "year": 2020,
        "start_date": date(2020, 9, 30),
        "end_date": date(2020, 10, 2),
        "time_zone": "Asia/Riyadh",
        "is_published": True,
    }
    if "host_city" not in fields:
        defaults["host_city"] = make_city(name_en="Riyadh", name_ar="الرياض")
    return Summit.objects.create(**{**defaults, **fields})


def make_speaker(**fields) -> Speaker:
    n = _n()
    defaults = {"name_en": f"Speaker {n}", "name_ar": f"متحدث {n}", "slug": f"speaker-{n}"}
    return Speaker.objects.create(**{**defaults, **fields})


def make_session(*, summit=None, **fields) -> Session:
    n = _n()
    summit = summit or make_summit()
    start = fields.pop("starts_at", datetime(2020, 9, 30, 10, 0, tzinfo=RIYADH))
    defaults = {
        "summit": summit,
        "slug": f"session-{n}",
        "title_en": f"Session {n}",
        "title_ar": f"جلسة {n}",
        "description_en": "A session about cities.",
        "description_ar": "جلسة عن المدن.",
        "starts_at": start,
        "ends_at": fields.pop("ends_at", start + timedelta(hours=1)),
    }
    return Session.objects.create(**{**defaults, **fields})


def add_host(session: Session, host, order: int = 0) -> SessionHost:
    key = "city" if isinstance(host, City) else "organisation"
    return SessionHost.objects.create(session=session, order=order, **{key: host})


def add_speaker(session: Session, speaker=None, role="speaker", order: int = 0) -> SessionSpeaker:
    return SessionSpeaker.objects.create(
        session=session, speaker=speaker or make_speaker(), role=role, order=order
    )


def add_partner(summit: Summit, organisation=None, role="knowledge") -> SummitPartner:
    return SummitPartner.objects.create(
        summit=summit, organisation=organisation or make_organisation(), role=role
    )


def make_full_session(*, summit, speakers: int = 3, hosts: int = 2, **fields) -> Session:
    """A session as the agenda shows it: speakers, hosts and a theme."""
    session = make_session(summit=summit, **fields)
    for order in range(speakers):
        add_speaker(session, order=order)
    for order in range(hosts):
        add_host(session, make_organisation() if order else make_city(), order=order)
    session.themes.add(make_theme())
    return session


def make_participant(*, verified: bool = True, email: str | None = None, **fields):
    """A user who signed up: an account, its email address (verified unless
    told otherwise) and a participant profile."""

    n = _n()
    email = email or f"person{n}@example.org"
    user = get_user_model().objects.create_user(
        username=f"person{n}", email=email, password="a-long-passphrase-42"
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    defaults = {"full_name": f"Person {n}", "language": "en", "time_zone": "Asia/Riyadh"}
    return Participant.objects.create(user=user, **{**defaults, **fields})


def make_upcoming_session(*, capacity=None, starts_in=timedelta(days=1), **fields) -> Session:
    """A session people can still register for, in a summit around today."""

    starts_at = timezone.now() + starts_in
    if "summit" not in fields:
        today = timezone.now().astimezone(RIYADH).date()
        fields["summit"] = make_summit(
            start_date=today - timedelta(days=1), end_date=today + timedelta(days=5)
        )
    return make_session(
        starts_at=starts_at,
        ends_at=fields.pop("ends_at", starts_at + timedelta(hours=1)),
        capacity=capacity,
        **fields,
    )
