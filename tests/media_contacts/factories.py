"""Factories for the press office: each makes a valid row and takes keyword
overrides."""

import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from media_contacts.models import (
    Accreditation,
    AccreditationChange,
    InterviewRequest,
    MediaContact,
    PressRelease,
    StatusChange,
    accreditation_expiry,
    new_reference,
)
from tests.factories import make_participant, make_summit

_numbers = itertools.count(1)

XSS_PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


def _n() -> int:
    return next(_numbers)


def make_release(**fields) -> PressRelease:
    n = _n()
    defaults = {
        "title_en": f"Release {n}",
        "title_ar": f"بيان {n}",
        "slug": f"release-{n}",
        "summary_en": f"Summary of release {n}.",
        "summary_ar": f"ملخص البيان {n}.",
        "body_en": f"The text of release {n}.",
        "body_ar": f"نص البيان {n}.",
        "published_at": timezone.now() - timedelta(days=n),
    }
    return PressRelease.objects.create(**{**defaults, **fields})


def make_contact(**fields) -> MediaContact:
    n = _n()
    defaults = {
        "name_en": f"Press officer {n}",
        "name_ar": f"مسؤول صحفي {n}",
        "role_en": "Press officer",
        "role_ar": "مسؤول صحفي",
        "email": f"press{n}@example.org",
        "phone": f"+966 11 555 {n:04d}",
        "languages_en": "Arabic, English",
        "languages_ar": "العربية والإنجليزية",
        "order": n,
    }
    return MediaContact.objects.create(**{**defaults, **fields})


def make_request(**fields) -> InterviewRequest:
    """A request as the form saves it, without emails; history starts at new."""
    n = _n()
    now = timezone.now()
    defaults = {
        "reference": new_reference(),
        "name": f"Journalist {n}",
        "outlet": f"Outlet {n}",
        "role": "Correspondent",
        "email": f"journalist{n}@example.org",
        "phone": "+44 20 7946 0000",
        "country": "United Kingdom",
        "language": "en",
        "kind": InterviewRequest.Kind.INTERVIEW,
        "interviewee": "The U20 Chair",
        "format": InterviewRequest.Format.RECORDED,
        "deadline": now + timedelta(days=3),
        "message": "I would like to ask about public transport.",
        "consented_at": now,
    }
    interview = InterviewRequest.objects.create(**{**defaults, **fields})
    StatusChange.objects.create(request=interview, from_status="", to_status="new")
    return interview


def make_staff(username: str | None = None, *, superuser: bool = True):
    n = _n()
    username = username or f"staff{n}"
    users = get_user_model().objects
    if superuser:
        return users.create_superuser(username, f"{username}@example.org", "a-long-passphrase-42")
    return users.create_user(
        username, f"{username}@example.org", "a-long-passphrase-42", is_staff=True
    )


def form_data(**fields) -> dict:
    """What a journalist's browser posts, valid unless told otherwise."""
    deadline = (timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "name": "Layla Haddad",
        "outlet": "Gulf Evening News",
        "role": "Correspondent",
        "email": "layla@example.org",
        "phone": "+971 4 555 0199",
        "country": "United Arab Emirates",
        "language": "en",
        "kind": "interview",
        "speaker": "",
        "interviewee": "The U20 Chair",
        "session": "",
        "format": "live_video",
        "window_start": "",
        "window_end": "",
        "deadline": deadline,
        "message": "Ten minutes on the recovery of cities after COVID-19.",
        "consent": "on",
        "website": "",
    }
    return {**data, **fields}


def make_open_summit(**fields):
    """A summit journalists can still be accredited to: it ends next week."""
    today = timezone.localdate()
    defaults = {"start_date": today + timedelta(days=5), "end_date": today + timedelta(days=7)}
    return make_summit(**{**defaults, **fields})


def application(**fields) -> dict:
    """What the accreditation service takes from a journalist, valid unless told."""
    defaults = {
        "name": "Layla Haddad",
        "outlet": "Gulf Cities Review",
        "role": "Urban affairs correspondent",
        "country": "Jordan",
        "phone": "+962 6 555 0142",
        "work_link": "https://news.example.org/layla-haddad",
        "language": "en",
    }
    return {**defaults, **fields}


def make_accreditation(*, participant=None, summit=None, status="approved", **fields):
    """An accreditation as the workflow leaves it: approved ones expire at
    the end of their summit, which is open unless told."""
    participant = participant or make_participant()
    summit = summit or make_open_summit()
    values = application(**{k: v for k, v in fields.items() if k in application()})
    others = {k: v for k, v in fields.items() if k not in values}
    accreditation = Accreditation.objects.create(
        user=participant.user,
        summit=summit,
        reference=new_reference(prefix="PRESS"),
        email=participant.user.email,
        status=status,
        expires_at=accreditation_expiry(summit) if status == "approved" else None,
        **values,
        **others,
    )
    AccreditationChange.objects.create(
        accreditation=accreditation, from_status="", to_status="submitted"
    )
    return accreditation
