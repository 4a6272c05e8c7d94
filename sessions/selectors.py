"""Reads that never write: which sessions a listing shows and in what order,
what a registrant may see, and what we hold about a person."""

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    StringAgg,
    Subquery,
    TextField,
    Value,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sessions.models import (
    Participant,
    Registration,
    Session,
    SessionHost,
    SessionLanguage,
    SessionSpeaker,
    Speaker,
)
from u20 import audit, outbox, personal_data
from u20.models import NAVIGATION, City, Organisation, Summit
from u20.text import Folded, fold
from u20.times import as_written, group_by_day


def published_summit(slug: str, *, with_languages: bool = False) -> Summit:
    """A published summit; with_languages, it carries the languages its
    sessions offer (for summit_languages) from the same query."""
    summits = Summit.objects.published().for_navigation()
    if with_languages:
        summits = summits.annotate(
            floor_codes=_joined(
                Session.objects.published().filter(summit=OuterRef("pk")),
                "summit",
                "floor_language",
            ),
            offered_codes=_joined(
                SessionLanguage.objects.filter(
                    session__summit=OuterRef("pk"), session__is_published=True
                ),
                "session__summit",
                "language",
            ),
        )
    return get_object_or_404(summits, slug=slug)


def _joined(rows: QuerySet, group: str, field: str) -> Subquery:
    """A subquery: field of rows, comma-joined, per group."""
    joined = (
        rows.order_by().values(group).annotate(codes=StringAgg(field, Value(","))).values("codes")
    )
    return Subquery(joined, output_field=TextField())


def published_session(summit_slug: str, session_slug: str) -> Session:
    """A published session of a published summit, with what its page shows."""
    return get_object_or_404(
        Session.objects.published()
        .for_listing()
        .prefetch_related("languages", "recordings")
        .select_related(*(f"summit__{name}" for name in NAVIGATION)),
        summit__slug=summit_slug,
        slug=session_slug,
    )


def places_left(session: Session) -> int | None:
    """Free confirmed places, or None when the session has no limit."""
    if session.capacity is None:
        return None
    taken = Registration.objects.confirmed().filter(session=session).count()
    return max(session.capacity - taken, 0)


def join_window(session: Session) -> tuple[datetime, datetime]:
    """When a confirmed registrant sees the join link: from a set time
    before the start until the end."""
    return session.starts_at - timedelta(minutes=settings.JOIN_WINDOW_MINUTES), session.ends_at


def can_join_now(session: Session, *, now: datetime | None = None) -> bool:
    opens, closes = join_window(session)
    now = now or timezone.now()
    return bool(session.join_url) and not session.is_cancelled and opens <= now < closes


def _matches(needle: str, **fields) -> Q:
    """Q that one of the folded fields contains needle."""
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__contains": needle})
    return condition


def search_sessions(sessions: QuerySet, text: str) -> QuerySet:
    """Sessions whose title, description, speakers or hosts contain text, in
    either language, ignoring case and Arabic diacritics and letter variants."""
    needle = fold(text)
    if not needle:
        return sessions
    speaker_fields = {
        "f_speaker_en": Folded("speaker__name_en"),
        "f_speaker_ar": Folded("speaker__name_ar"),
    }
    host_fields = {
        "f_org_en": Folded("organisation__name_en"),
        "f_org_ar": Folded("organisation__name_ar"),
        "f_acronym_en": Folded("organisation__acronym_en"),
        "f_acronym_ar": Folded("organisation__acronym_ar"),
        "f_city_en": Folded("city__name_en"),
        "f_city_ar": Folded("city__name_ar"),
    }
    session_fields = {
        "f_title_en": Folded("title_en"),
        "f_title_ar": Folded("title_ar"),
        "f_description_en": Folded("description_en"),
        "f_description_ar": Folded("description_ar"),
    }
    speakers = (
        SessionSpeaker.objects.filter(session=OuterRef("pk"))
        .alias(**speaker_fields)
        .filter(_matches(needle, **speaker_fields))
    )
    hosts = (
        SessionHost.objects.filter(session=OuterRef("pk"))
        .alias(**host_fields)
        .filter(_matches(needle, **host_fields))
    )
    return sessions.alias(**session_fields).filter(
        _matches(needle, **session_fields) | Exists(speakers) | Exists(hosts)
    )


def schedule_sessions(summit: Summit) -> list[Session]:
    """What every schedule export holds: the summit's published sessions in
    start order, with what the builders read fetched alongside."""
    return list(Session.objects.published().filter(summit=summit).for_listing())


def sessions_journalists_can_name() -> QuerySet:
    """Published sessions of the current edition, or of every published one
    when no edition is current: what an interview request may be about."""
    sessions = Session.objects.published().select_related("summit")
    current = Summit.objects.current()
    if current.exists():
        sessions = sessions.filter(summit__in=current)
    return sessions.order_by("starts_at", "pk")


def agenda_listing(
    summit: Summit,
    *,
    zone,
    day: date | None = None,
    theme: str | None = None,
    host: str | None = None,
    language: str | None = None,
    q: str | None = None,
) -> list[Session]:
    """The summit's published sessions that match the filters, in start
    order, each with what its agenda row shows."""
    sessions = Session.objects.published().filter(summit=summit)
    if day:
        sessions = sessions.starting_on(day, zone)
    if theme:
        sessions = sessions.filter(themes__slug=theme).distinct()
    if host:
        sessions = sessions.hosted_by(host)
    if language:
        sessions = sessions.offered_in(language)
    if q:
        sessions = search_sessions(sessions, q)
    sessions = list(sessions.for_agenda())
    for session in sessions:
        session.summit = summit
    return sessions


def agenda_days(summit: Summit, *, viewer_zone=None, **filters) -> tuple:
    """What an agenda shows for the filters: the reader's zone when it is
    not the summit's (else None), and the matching sessions grouped by the
    day they start on in the zone the days are read in."""
    if viewer_zone is not None and viewer_zone.key == summit.time_zone:
        viewer_zone = None
    zone = viewer_zone or summit.zone
    return viewer_zone, group_by_day(agenda_listing(summit, zone=zone, **filters), zone)


def summit_speakers(summit: Summit) -> QuerySet:
    """Who speaks at a summit's published sessions, each with their
    appearances there, in a fixed number of queries."""
    sessions = Session.objects.published().filter(summit=summit)
    return (
        Speaker.objects.filter(appearances__session__in=sessions)
        .distinct()
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=SessionSpeaker.objects.filter(session__in=sessions).select_related(
                    "session", "session__summit"
                ),
                to_attr="summit_appearances",
            )
        )
    )


def summit_languages(summit: Summit) -> list[str]:
    """The languages a summit's published sessions are held in, interpreted
    into or captioned in, the site's own first: the agenda's language filter."""
    if hasattr(summit, "floor_codes"):
        joined = f"{summit.floor_codes or ''},{summit.offered_codes or ''}"
        codes = {code for code in joined.split(",") if code}
    else:
        pairs = (
            Session.objects.published()
            .filter(summit=summit)
            .order_by()
            .values_list("floor_language", "languages__language")
            .distinct()
        )
        codes = {code for pair in pairs for code in pair if code}
    site = [code for code, _name in settings.LANGUAGES if code in codes]
    return site + sorted(codes - set(site))


def summit_hosts(summit: Summit) -> list:
    """The cities and organisations hosting any published session, once
    each: cities first, each kind by name."""
    links = SessionHost.objects.filter(session__summit=summit, session__is_published=True)
    hosts = [
        host
        for model, field in ((City, "city"), (Organisation, "organisation"))
        for host in model.objects.filter(Exists(links.filter(**{field: OuterRef("pk")}))).only(
            "name", "slug"
        )
    ]
    return sorted(hosts, key=lambda h: (h.__class__.__name__ != "City", str(h)))


def host_choices() -> list[tuple[str, str]]:
    """Every city and organisation hosting a session, as (slug, name) once
    each, by name: the admin's host filter."""
    names = {}
    for link in SessionHost.objects.select_related("city", "organisation"):
        names.setdefault(link.slug, str(link.host))
    return sorted(names.items(), key=lambda item: item[1])


def summit_for_admin(*, summit_id: str | None = None, session_id: str | None = None):
    """The summit an admin page is about: the one it names by id, else the
    session's, else the current one. Ids come from the URL: anything but
    digits is ignored."""
    if summit_id and str(summit_id).isdigit():
        summit = Summit.objects.filter(pk=summit_id).first()
        if summit:
            return summit
    if session_id and str(session_id).isdigit():
        summit = Summit.objects.filter(sessions__pk=session_id).first()
        if summit:
            return summit
    return Summit.objects.current().first()


def registrable_session(summit_slug: str, session_slug: str) -> Session:
    """The session a register or cancel form posts to, without what only its
    page shows."""
    return get_object_or_404(
        Session.objects.published().select_related("summit", "summit__host_city"),
        summit__slug=summit_slug,
        slug=session_slug,
    )


def registration_of(session: Session, user) -> Registration | None:
    """The registration a visitor holds for a session, if any."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(session=session, participant__user=user).first()


def places_of(participant: Participant) -> QuerySet:
    """A person's places and waitlist places, in start order, for /me/. Each
    carries its session's start as starts_at, so it can be grouped by day."""
    return (
        Registration.objects.active()
        .filter(participant=participant)
        .with_waitlist_place()
        .annotate(starts_at=F("session__starts_at"))
        .select_related("session__summit", "session__summit__host_city")
        .prefetch_related("session__recordings")
        .order_by("session__starts_at", "pk")
    )


def starts_in(session: Session, *, now: datetime) -> str:
    """How soon a session starts, in words: "Starts in 3 hours", "Live now"
    once it has begun; empty once it has ended. Minutes are rounded up, so
    nothing says "0 minutes"; hours and days are rounded down."""
    if now >= session.ends_at:
        return ""
    if now >= session.starts_at:
        # Translators: a session that has started and not yet ended.
        return _("Live now")
    minutes = math.ceil((session.starts_at - now).total_seconds() / 60)
    if minutes < 60:
        text = ngettext("Starts in %(count)s minute", "Starts in %(count)s minutes", minutes) % {
            "count": minutes
        }
    elif (hours := minutes // 60) < 24:
        text = ngettext("Starts in %(count)s hour", "Starts in %(count)s hours", hours) % {
            "count": hours
        }
    else:
        days = hours // 24
        text = ngettext("Starts in %(count)s day", "Starts in %(count)s days", days) % {
            "count": days
        }
    return as_written(text)


@dataclass(frozen=True)
class SchedulePlace:
    """One of a person's places as their schedule shows it."""

    registration: Registration
    starts_in: str
    can_join: bool
    join_opens: datetime

    @property
    def session(self) -> Session:
        return self.registration.session


@dataclass(frozen=True)
class Schedule:
    """A person's places: those still to come (or under way) by the day they
    start in the person's zone, in time order; then those that have ended,
    the most recent first."""

    days: list[tuple[date, list[SchedulePlace]]]
    past: list[SchedulePlace]

    def __bool__(self) -> bool:
        return bool(self.days or self.past)


def schedule_of(participant: Participant, *, now: datetime | None = None) -> Schedule:
    """What /me/ lists, in one query however many places there are."""
    now = now or timezone.now()
    places = list(places_of(participant))

    def place(registration: Registration) -> SchedulePlace:
        session = registration.session
        return SchedulePlace(
            registration=registration,
            starts_in="" if session.is_cancelled else starts_in(session, now=now),
            can_join=registration.is_confirmed and can_join_now(session, now=now),
            join_opens=join_window(session)[0],
        )

    upcoming = [r for r in places if r.session.ends_at > now]
    past = sorted(
        (r for r in places if r.session.ends_at <= now),
        key=lambda r: (r.session.starts_at, r.pk),
        reverse=True,
    )
    return Schedule(
        days=[
            (day, [place(r) for r in registrations])
            for day, registrations in group_by_day(upcoming, participant.zone)
        ],
        past=[place(r) for r in past],
    )


def active_place_of(session: Session, user) -> Registration | None:
    """The place or waitlist place user holds for session, unless cancelled."""
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.active()
        .filter(session=session, participant__user=user)
        .with_waitlist_place()
        .first()
    )


def calendar_places_of(participant: Participant) -> QuerySet:
    """A person's places with what their calendar feed shows of each session."""
    return (
        Registration.objects.active()
        .filter(participant=participant)
        .select_related("session__summit__host_city")
        .prefetch_related(
            "session__hosts__organisation",
            "session__hosts__city",
            "session__themes",
            "session__languages",
        )
    )


def verified_addresses(addresses) -> list[str]:
    """The addresses of an account its owner has proved are theirs. Anyone
    can add someone else's address to their account unverified: mail to it
    is never theirs to read or to erase."""
    return sorted({address.email for address in addresses if address.verified})


def participant_data(participant: Participant) -> dict:
    """Everything held about a person, for their own download."""
    user = participant.user
    registrations = (
        Registration.objects.filter(participant=participant)
        .select_related("session__summit")
        .prefetch_related("joins")
    )
    addresses = list(EmailAddress.objects.filter(user=user))
    return {
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary} for a in addresses
            ],
        },
        "profile": {
            "full_name": participant.full_name,
            "organisation": participant.organisation,
            "role": participant.role,
            "country": participant.country,
            "language": participant.language,
            "time_zone": participant.time_zone,
        },
        "registrations": [
            {
                "summit": r.session.summit.slug,
                "session": r.session.slug,
                "title": r.session.title,
                "starts_at": r.session.starts_at.isoformat(),
                "status": r.status,
                "registered_at": r.created_at.isoformat(),
                "confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None,
                "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
                "channel": r.channel or r.session.floor_language,
                "minutes_attended": r.minutes_attended,
                "joins": [
                    {"joined_at": join.joined_at.isoformat(), "channel": join.channel}
                    for join in r.joins.all()
                ],
            }
            for r in registrations
        ],
        "emails_sent_to_you": [
            {"subject": e.subject, "created_at": e.created_at.isoformat(), "sent": bool(e.sent_at)}
            for e in outbox.sent_to(verified_addresses(addresses))
        ],
        "activity": participant_activity(participant),
        **personal_data.sections(participant),
    }


def participant_activity(participant: Participant) -> list[dict]:
    """The audit trail's entries about a person's profile and registrations,
    and the changes they made themselves, in one query: what changed, not
    the values, and never who else made a change."""
    user = participant.user
    own = audit.about(Participant, [participant.pk]) | audit.about(
        Registration, Registration.objects.filter(participant=participant).values("pk")
    )
    return [
        {
            "at": entry.timestamp.isoformat(),
            "action": audit.ACTIONS.get(entry.action, ""),
            "model": entry.content_type.model,
            "object": entry.object_repr,
            "fields": sorted(entry.changes_dict),
            "by_you": entry.actor_id == user.pk,
        }
        for entry in audit.activity_of(user=user, own=own)
    ]
