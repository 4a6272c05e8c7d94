"""Reading the agenda: which sessions a listing shows, and in what order."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from recommendations.models import Communique
from sessions.models import Participant, Registration, Session, SessionHost, SessionSpeaker
from u20.models import Summit
from u20.text import Folded, fold
from u20.times import day_bounds


def _has_communique(summit_ref: str) -> Exists:
    """Whether the summit has a published communiqué, for the site's navigation."""
    return Exists(Communique.objects.filter(summit=OuterRef(summit_ref), is_published=True))


def published_summit(slug: str) -> Summit:
    return get_object_or_404(
        Summit.objects.published()
        .select_related("host_city")
        .annotate(has_communique=_has_communique("pk")),
        slug=slug,
    )


def published_session(summit_slug: str, session_slug: str) -> Session:
    """A published session of a published summit, with what its page shows."""
    session = get_object_or_404(
        Session.objects.published()
        .for_listing()
        .annotate(summit_has_communique=_has_communique("summit")),
        summit__slug=summit_slug,
        slug=session_slug,
    )
    session.summit.has_communique = session.summit_has_communique
    return session


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


def agenda_sessions(
    summit: Summit,
    *,
    zone,
    day: date | None = None,
    theme: str | None = None,
    host: str | None = None,
    q: str | None = None,
) -> QuerySet:
    sessions = Session.objects.published().filter(summit=summit)
    if day:
        start, end = day_bounds(day, zone)
        sessions = sessions.filter(starts_at__gte=start, starts_at__lt=end)
    if theme:
        sessions = sessions.filter(themes__slug=theme)
    if host:
        sessions = sessions.filter(Q(hosts__organisation__slug=host) | Q(hosts__city__slug=host))
    if q:
        sessions = search_sessions(sessions, q)
    if theme or host:
        sessions = sessions.distinct()
    return sessions.for_listing()


def summit_hosts(summit: Summit) -> list:
    """The cities and organisations hosting any published session, once each."""
    seen, hosts = set(), []
    for link in SessionHost.objects.filter(
        session__summit=summit, session__is_published=True
    ).select_related("organisation", "city"):
        key = (link.organisation_id, link.city_id)
        if key not in seen:
            seen.add(key)
            hosts.append(link.host)
    return sorted(hosts, key=lambda h: (h.__class__.__name__ != "City", str(h)))


def participant_for(user) -> Participant:
    """The profile of a logged-in user, knowing whether their email address
    is verified; accounts made outside the sign-up form (an organiser's, say)
    get one on first use."""
    from allauth.account.models import EmailAddress

    verified = EmailAddress.objects.filter(user=OuterRef("user"), verified=True)
    participant = (
        Participant.objects.annotate(has_verified_email=Exists(verified)).filter(user=user).first()
    )
    if participant is None:
        Participant.objects.get_or_create(
            user=user, defaults={"full_name": user.get_full_name() or user.get_username()}
        )
        participant = Participant.objects.annotate(has_verified_email=Exists(verified)).get(
            user=user
        )
    participant.user = user
    return participant


def registrable_session(summit_slug: str, session_slug: str) -> Session:
    """The session a register or cancel form posts to, without what only its
    page shows."""
    return get_object_or_404(
        Session.objects.published().select_related("summit", "summit__host_city"),
        summit__slug=summit_slug,
        slug=session_slug,
    )


def participant_data(participant: Participant) -> dict:
    """Everything held about a person, for their own download."""
    from allauth.account.models import EmailAddress

    from u20.models import OutgoingEmail

    user = participant.user
    registrations = Registration.objects.filter(participant=participant).select_related(
        "session__summit"
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
            }
            for r in registrations
        ],
        "emails_sent_to_you": [
            {"subject": e.subject, "created_at": e.created_at.isoformat(), "sent": bool(e.sent_at)}
            for e in OutgoingEmail.objects.filter(
                to__in=[user.email, *[a.email for a in addresses]]
            )
        ],
    }
