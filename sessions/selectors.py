"""Reading the agenda: which sessions a listing shows, and in what order."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from sessions.models import Session, SessionHost, SessionSpeaker
from u20.models import Summit
from u20.text import Folded, fold
from u20.times import day_bounds


def published_summit(slug: str) -> Summit:
    return get_object_or_404(Summit.objects.published().select_related("host_city"), slug=slug)


def published_session(summit_slug: str, session_slug: str) -> Session:
    """A published session of a published summit, with what its page shows."""
    return get_object_or_404(
        Session.objects.published().for_listing(), summit__slug=summit_slug, slug=session_slug
    )


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
