"""Load the agenda's demo data: the speakers, the sessions of Riyadh 2020 and
the practice edition's sample sessions, with their themes, hosts and
speakers, into the summits, cities, organisations and themes that u20.demo
has loaded (found by slug).

Loading is idempotent: rows are matched on their slug (or natural key for
through rows) and updated in place; the hosts, speakers and themes of a demo
session are set to exactly what the data say.

The practice sessions are the exception to fixed data: they are timed from
the moment the loader runs, so each run moves them, and they must fall on the
practice edition's days, which u20.demo derives from the same moment; updating
them in place keeps the registrations people made. Registrations, users and
emails are never demo data.
"""

from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from sessions.demo_data import SESSIONS, SPEAKERS, practice_sessions
from sessions.models import (
    Recording,
    Session,
    SessionHost,
    SessionLanguage,
    SessionSpeaker,
    Speaker,
)
from u20.demo_data import PRACTICE_SLUG
from u20.models import City, Organisation, Summit, Theme


def _fields(spec: dict, *exclude: str) -> dict:
    return {key: value for key, value in spec.items() if key not in exclude}


def _load_speakers(organisations: dict[str, Organisation]) -> dict[str, Speaker]:
    speakers = {}
    for spec in SPEAKERS:
        defaults = _fields(spec, "organisation")
        defaults["organisation"] = organisations.get(spec["organisation"])
        speakers[spec["slug"]] = Speaker.objects.update_or_create(
            slug=spec["slug"], defaults=defaults
        )[0]
    return speakers


def _load_sessions(
    summit: Summit,
    specs: list[dict],
    *,
    cities: dict[str, City],
    themes: dict[str, Theme],
    organisations: dict[str, Organisation],
    speakers: dict[str, Speaker],
) -> list[Session]:
    sessions = []
    for spec in specs:
        _check_during_summit(summit, spec)
        # A spec may give a join link (the practice sessions do); none is the default.
        defaults = {
            "join_url": "",
            "status": Session.Status.SCHEDULED,
            "is_published": True,
            "floor_language": "en",
            "livestream_url": "",
        }
        defaults.update(
            _fields(spec, "slug", "themes", "hosts", "speakers", "languages", "recordings")
        )
        session, _ = Session.objects.update_or_create(
            summit=summit, slug=spec["slug"], defaults=defaults
        )
        session.themes.set([themes[slug] for slug in spec["themes"]])
        _set_hosts(session, spec["hosts"], cities=cities, organisations=organisations)
        _set_speakers(session, spec["speakers"], speakers)
        _set_languages(session, spec.get("languages", []))
        _set_recordings(session, spec.get("recordings", []))
        sessions.append(session)
    return sessions


def _set_hosts(
    session: Session,
    hosts: list[tuple[str, str]],
    *,
    cities: dict[str, City],
    organisations: dict[str, Organisation],
) -> None:
    kept = []
    for order, (kind, slug) in enumerate(hosts):
        if kind == "city":
            key = {"city": cities[slug], "organisation": None}
        else:
            key = {"organisation": organisations[slug], "city": None}
        host, _ = SessionHost.objects.update_or_create(
            session=session, **key, defaults={"order": order}
        )
        kept.append(host.pk)
    session.hosts.exclude(pk__in=kept).delete()


def _set_speakers(
    session: Session, appearances: list[tuple[str, str]], speakers: dict[str, Speaker]
) -> None:
    kept = []
    for order, (slug, role) in enumerate(appearances):
        appearance, _ = SessionSpeaker.objects.update_or_create(
            session=session, speaker=speakers[slug], defaults={"role": role, "order": order}
        )
        kept.append(appearance.pk)
    session.session_speakers.exclude(pk__in=kept).delete()


def _set_languages(session: Session, offered: list[tuple[str, str, str]]) -> None:
    """offered: (kind, language, join link) in the order shown."""
    kept = []
    for order, (kind, language, join_url) in enumerate(offered):
        item, _ = SessionLanguage.objects.update_or_create(
            session=session,
            kind=kind,
            language=language,
            defaults={"join_url": join_url, "order": order},
        )
        kept.append(item.pk)
    session.languages.exclude(pk__in=kept).delete()


def _set_recordings(session: Session, recordings: list[tuple[str, str, str]]) -> None:
    """recordings: (language, link, WebVTT transcript or ""). A transcript
    is written to storage once, and again only when its text changes."""
    kept = []
    for language, url, transcript in recordings:
        recording, _ = Recording.objects.update_or_create(
            session=session, language=language, defaults={"url": url}
        )
        if transcript and not _holds(recording, transcript):
            if recording.transcript:
                recording.transcript.delete(save=False)
            recording.transcript.save(f"{language}.vtt", ContentFile(transcript.encode()))
        elif not transcript and recording.transcript:
            recording.transcript.delete()
        kept.append(recording.pk)
    for stale in session.recordings.exclude(pk__in=kept):
        if stale.transcript:
            stale.transcript.delete(save=False)
        stale.delete()


def _holds(recording: Recording, text: str) -> bool:
    if not recording.transcript:
        return False
    try:
        with recording.transcript.open("rb") as stored:
            return stored.read() == text.encode()
    except FileNotFoundError:
        return False


def _check_during_summit(summit: Summit, spec: dict) -> None:
    """A demo session starts on one of its summit's days (Session.clean's
    rule), which the loader does not run; say so loudly if the data drift."""
    day = spec["starts_at"].astimezone(summit.zone).date()
    if not summit.start_date <= day <= summit.end_date:
        raise ValueError(
            f"Demo session {spec['slug']!r} starts on {day}, outside {summit.slug!r} "
            f"({summit.start_date} to {summit.end_date})."
        )


def load(*, now: datetime | None = None) -> list[Session]:
    """Create or update the agenda's demo rows, all or nothing. The practice
    sessions are placed around now (by default, this moment), which must be
    the moment u20.demo placed the practice edition's days around."""
    now = now or timezone.now()
    specs_by_summit = {**SESSIONS, PRACTICE_SLUG: practice_sessions(now)}
    with transaction.atomic():
        cities = City.objects.in_bulk(field_name="slug")
        themes = Theme.objects.in_bulk(field_name="slug")
        organisations = Organisation.objects.in_bulk(field_name="slug")
        summits = Summit.objects.in_bulk(list(specs_by_summit), field_name="slug")
        speakers = _load_speakers(organisations)
        sessions = []
        for summit_slug, specs in specs_by_summit.items():
            sessions += _load_sessions(
                summits[summit_slug],
                specs,
                cities=cities,
                themes=themes,
                organisations=organisations,
                speakers=speakers,
            )
    return sessions
