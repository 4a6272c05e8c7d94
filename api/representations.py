"""Objects as the API writes them: plain data in the shapes api.schemas
publishes, in the language the request asked for.

Nothing here queries the database: each function reads what the selectors
fetched. The join link of a session and anyone's contact details are never
read, so they cannot be written.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone, translation

from api.languages import ALL, Language
from media_contacts.markdown import render_markdown
from recommendations.models import Status
from sessions.languages import language_name
from sessions.lifecycle import Phase, lifecycle
from sessions.models import LanguageKind, SessionKind, SessionStatus, SpeakerRole
from u20.links import absolute_url
from u20.models import CityMembership, OrganisationKind, PartnerRole


def absolute(url: str) -> str:
    """A media or page address as a link other sites can follow."""
    return absolute_url(url) if url.startswith("/") else url


@dataclass(frozen=True)
class Presenter:
    """How this request wants things written: its language, and the
    moment it is answered (a recording shows once its session has ended).
    changes collects when what was written stops being right (a session's
    phase), for the answer cache (api.http)."""

    language: Language
    # Looked up at each call, so that every part of an answer reads one clock.
    now: datetime = field(default_factory=lambda: timezone.now())
    changes: list[datetime] = field(default_factory=list)

    @property
    def everything(self) -> bool:
        return self.language.content == ALL

    def text(self, obj, name: str):
        """A translated field: the active language's text (with the site's
        fallback), or every language's own text under lang=all."""
        if self.everything:
            return {code: getattr(obj, f"{name}_{code}") or "" for code in self.language.codes}
        return getattr(obj, name) or ""

    def label(self, choices, value: str):
        """The label of a code among choices (a TextChoices class)."""
        label = choices(value).label
        if self.everything:
            return {code: _in(code, str, label) for code in self.language.codes}
        return str(label)

    def page(self, name: str, query: dict | None = None, anchor: str = "", **kwargs):
        """The absolute address of a public page, in the language asked for."""

        def address(code: str) -> str:
            url = absolute_url(_path(name, code, tuple(sorted(kwargs.items()))))
            if query:
                url += "?" + urlencode(query)
            return url + (f"#{anchor}" if anchor else "")

        if self.everything:
            return {code: address(code) for code in self.language.codes}
        return address(self.language.content)

    @staticmethod
    def api(name: str, **kwargs) -> str:
        return absolute_url(_path(f"api:{name}", None, tuple(sorted(kwargs.items()))))


def _in(code: str, function, *args):
    with translation.override(code):
        return function(*args)


@lru_cache(maxsize=8192)
def _path(name: str, code: str | None, kwargs: tuple) -> str:
    """reverse(), kept: a list of a hundred sessions names the same summit,
    themes and speakers again and again. code is the language of a page
    (its /en/ or /ar/ prefix); None for the API's own addresses."""
    if code is None:
        return reverse(name, kwargs=dict(kwargs))
    with translation.override(code):
        return reverse(name, kwargs=dict(kwargs))


def _media(file) -> str | None:
    return absolute(file.url) if file else None


# References ---------------------------------------------------------------------


def city_ref(p: Presenter, city) -> dict:
    return {
        "slug": city.slug,
        "name": p.text(city, "name"),
        "country": p.text(city, "country"),
        "membership": city.membership,
        "api_url": p.api("city", slug=city.slug),
    }


def theme_ref(p: Presenter, theme) -> dict:
    return {
        "slug": theme.slug,
        "name": p.text(theme, "name"),
        "api_url": p.api("theme", slug=theme.slug),
    }


def organisation_ref(p: Presenter, organisation) -> dict:
    return {
        "slug": organisation.slug,
        "name": p.text(organisation, "name"),
        "acronym": p.text(organisation, "acronym"),
        "api_url": p.api("organisation", slug=organisation.slug),
    }


def speaker_ref(p: Presenter, speaker) -> dict:
    return {
        "slug": speaker.slug,
        "name": p.text(speaker, "name"),
        "api_url": p.api("speaker", slug=speaker.slug),
    }


def summit_ref(p: Presenter, summit) -> dict:
    return {
        "slug": summit.slug,
        "name": p.text(summit, "name"),
        "year": summit.year,
        "api_url": p.api("summit", slug=summit.slug),
        "page_url": p.page("u20:summit", summit=summit.slug),
    }


def session_ref(p: Presenter, session) -> dict:
    summit = session.summit.slug
    return {
        "id": session.pk,
        "slug": session.slug,
        "summit": summit,
        "title": p.text(session, "title"),
        "starts_at": session.starts_at,
        "api_url": p.api("session", id=session.pk),
        "page_url": p.page("agenda:session", summit=summit, session=session.slug),
    }


def recommendation_ref(p: Presenter, recommendation, summit: str) -> dict:
    number = recommendation.number
    return {
        "summit": summit,
        "number": number,
        "api_url": p.api("recommendation", summit=summit, number=number),
        "page_url": p.page("recommendations:recommendation", summit=summit, number=number),
    }


# Cities, themes, organisations, speakers ----------------------------------------


def city(p: Presenter, city) -> dict:
    if city.hosted_summit:
        page = p.page("u20:summit", summit=city.hosted_summit)
    elif city.host_summit:
        page = p.page("agenda:agenda", {"host": city.slug}, summit=city.host_summit)
    else:
        page = p.page("recommendations:communique", summit=city.endorsed_summit)
    return {
        **city_ref(p, city),
        "membership_label": p.label(CityMembership, city.membership),
        "page_url": page,
    }


def theme(p: Presenter, theme) -> dict:
    page = None
    if theme.theme_summit:
        page = p.page("agenda:agenda", {"theme": theme.slug}, summit=theme.theme_summit)
    elif theme.communique_summit:
        page = p.page(
            "recommendations:communique", {"theme": theme.slug}, summit=theme.communique_summit
        )
    return {
        **theme_ref(p, theme),
        "description": p.text(theme, "description"),
        "page_url": page,
    }


def organisation(p: Presenter, organisation) -> dict:
    page = None
    if organisation.partner_summit:
        page = p.page("u20:partners", summit=organisation.partner_summit)
    elif organisation.host_summit:
        page = p.page("agenda:agenda", {"host": organisation.slug}, summit=organisation.host_summit)
    return {
        **organisation_ref(p, organisation),
        "kind": organisation.kind,
        "kind_label": p.label(OrganisationKind, organisation.kind),
        "website": organisation.website,
        "logo_url": _media(organisation.logo_thumbnail),
        "page_url": page,
    }


def speaker(p: Presenter, speaker) -> dict:
    return {
        **speaker_ref(p, speaker),
        "title": p.text(speaker, "title"),
        "bio": p.text(speaker, "bio"),
        "organisation": (
            organisation_ref(p, speaker.organisation) if speaker.organisation_id else None
        ),
        "photo_url": _media(speaker.photo_thumbnail),
        "appearances": [
            {
                "session": session_ref(p, appearance.session),
                "role": appearance.role,
                "role_label": p.label(SpeakerRole, appearance.role),
            }
            for appearance in speaker.public_appearances
        ],
        "page_url": p.page(
            "agenda:speakers", anchor=f"speaker-{speaker.slug}", summit=speaker.page_summit
        ),
    }


# Summits ------------------------------------------------------------------------


def summit(p: Presenter, summit) -> dict:
    communique = getattr(summit, "communique", None)
    published = communique is not None and communique.is_published
    return {
        **summit_ref(p, summit),
        "start_date": summit.start_date,
        "end_date": summit.end_date,
        "time_zone": summit.time_zone,
        "is_virtual": summit.is_virtual,
        "is_current": summit.is_current,
        "is_sample": summit.is_sample,
        "summary": p.text(summit, "summary"),
        "chair": (
            {"name": p.text(summit, "chair_name"), "title": p.text(summit, "chair_title")}
            if summit.chair_name
            else None
        ),
        "host_city": city_ref(p, summit.host_city) if summit.host_city_id else None,
        "themes": [theme_ref(p, theme) for theme in summit.themes.all()],
        "sessions_url": p.api("sessions") + "?" + urlencode({"summit": summit.slug}),
        "communique_url": p.api("communique", summit=summit.slug) if published else None,
    }


def summit_detail(p: Presenter, found) -> dict:
    return {
        **summit(p, found),
        "partners": [
            {
                "organisation": organisation_ref(p, partnership.organisation),
                "role": partnership.role,
                "role_label": p.label(PartnerRole, partnership.role),
            }
            for partnership in found.partnerships.all()
        ],
        "agenda_page_url": p.page("agenda:agenda", summit=found.slug),
        "speakers_page_url": p.page("agenda:speakers", summit=found.slug),
    }


# Sessions -----------------------------------------------------------------------


def _host(p: Presenter, link) -> dict:
    if link.city_id:
        host, kind, name = link.city, "city", "city"
    else:
        host, kind, name = link.organisation, "organisation", "organisation"
    return {
        "type": kind,
        "slug": host.slug,
        "name": p.text(host, "name"),
        "api_url": p.api(name, slug=host.slug),
    }


def _language(p: Presenter, code: str) -> dict:
    if p.everything:
        return {
            "code": code,
            "name": {other: language_name(code, other) for other in p.language.codes},
        }
    return {"code": code, "name": language_name(code, p.language.content)}


def session(p: Presenter, session) -> dict:
    summit = session.summit
    zone = summit.zone
    state = lifecycle(session, now=p.now)
    phase = state.phase
    if state.next_change is not None:
        p.changes.append(state.next_change)
    recordings = (
        [
            {
                "language": _language(p, recording.language),
                "url": recording.url,
                "transcript_url": absolute(recording.transcript.url)
                if recording.transcript
                else None,
            }
            for recording in session.recordings.all()
        ]
        if session.ends_at <= p.now
        else []
    )
    return {
        "id": session.pk,
        "slug": session.slug,
        "summit": summit_ref(p, summit),
        "title": p.text(session, "title"),
        "description": p.text(session, "description"),
        "kind": session.kind,
        "kind_label": p.label(SessionKind, session.kind),
        "status": session.status,
        "status_label": p.label(SessionStatus, session.status),
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "starts_at_local": session.starts_at.astimezone(zone),
        "ends_at_local": session.ends_at.astimezone(zone),
        "time_zone": summit.time_zone,
        "themes": [theme_ref(p, theme) for theme in session.themes.all()],
        "hosts": [_host(p, link) for link in session.hosts.all()],
        "speakers": [
            {
                "speaker": speaker_ref(p, link.speaker),
                "role": link.role,
                "role_label": p.label(SpeakerRole, link.role),
            }
            for link in session.session_speakers.all()
        ],
        "languages": {
            "floor": _language(p, session.floor_language),
            "interpretation": [
                _language(p, code) for code in session.offered_in(LanguageKind.INTERPRETATION)
            ],
            "captions": [_language(p, code) for code in session.offered_in(LanguageKind.CAPTIONS)],
        },
        "phase": phase,
        "phase_label": p.label(Phase, phase),
        "recordings": recordings,
        "recording_url": recordings[0]["url"] if recordings else None,
        "ics_url": p.page("agenda:session_ics", summit=summit.slug, session=session.slug),
        "updated_at": session.updated_at,
        "api_url": p.api("session", id=session.pk),
        "page_url": p.page("agenda:session", summit=summit.slug, session=session.slug),
    }


def session_detail(p: Presenter, found, recommendations) -> dict:
    return {
        **session(p, found),
        "recommendations": [
            recommendation_ref(p, recommendation, recommendation.communique.summit.slug)
            for recommendation in recommendations
        ],
    }


# Communiqués --------------------------------------------------------------------


def communique(p: Presenter, communique) -> dict:
    summit = communique.summit.slug
    return {
        "summit": summit_ref(p, communique.summit),
        "title": p.text(communique, "title"),
        "preamble": p.text(communique, "preamble"),
        "handed_over_on": communique.handed_over_on,
        "handed_over_to": p.text(communique, "handed_over_to"),
        "is_summary": communique.is_summary,
        "pdf_url": p.page("recommendations:pdf", summit=summit) if communique.pdf else None,
        "recommendation_count": communique.recommendation_count,
        "endorsement_count": communique.endorsement_count,
        "updated_at": communique.updated_at,
        "api_url": p.api("communique", summit=summit),
        "page_url": p.page("recommendations:communique", summit=summit),
    }


def recommendation(p: Presenter, recommendation, summit: str) -> dict:
    return {
        **recommendation_ref(p, recommendation, summit),
        "area": recommendation.area.number,
        "text": p.text(recommendation, "text"),
        "status": recommendation.status,
        "status_label": p.label(Status, recommendation.status),
        "themes": [theme_ref(p, theme) for theme in recommendation.themes.all()],
        "sessions": [session_ref(p, session) for session in recommendation.published_sessions],
        "follow_ups": [
            {
                "date": update.date,
                "status": update.status,
                "status_label": p.label(Status, update.status),
                "note": p.text(update, "note"),
                "source_url": update.source_url,
            }
            for update in recommendation.updates.all()
        ],
    }


def communique_detail(p: Presenter, found, groups, endorsements) -> dict:
    summit = found.summit.slug
    return {
        **communique(p, found),
        "areas": [
            {
                "number": group.area.number,
                "title": p.text(group.area, "title"),
                "introduction": p.text(group.area, "introduction"),
                "recommendations": [
                    recommendation(p, item, summit) for item in group.recommendations
                ],
            }
            for group in groups
        ],
        "endorsements": [
            {
                "city": city_ref(p, endorsement.city),
                "signatory_name": p.text(endorsement, "signatory_name"),
                "signatory_title": p.text(endorsement, "signatory_title"),
                "endorsed_on": endorsement.endorsed_on,
            }
            for endorsement in endorsements
        ],
    }


# Press releases -----------------------------------------------------------------


def press_release(p: Presenter, release) -> dict:
    summit = release.summit
    image = None
    if release.image:
        image = {
            "url": absolute(release.image.url),
            "alt": p.text(release, "image_alt"),
            "caption": p.text(release, "image_caption"),
            "width": release.image_width,
            "height": release.image_height,
        }
    return {
        "slug": release.slug,
        "title": p.text(release, "title"),
        "summary": p.text(release, "summary"),
        "published_at": release.published_at,
        "embargo_until": release.embargo_until,
        # A release may name a summit that is not published yet: not a link to follow.
        "summit": summit_ref(p, summit) if summit is not None and summit.is_published else None,
        "image": image,
        "api_url": p.api("press_release", slug=release.slug),
        "page_url": p.page("media_contacts:release", slug=release.slug),
    }


def press_release_detail(p: Presenter, release) -> dict:
    body = p.text(release, "body")
    html = (
        {code: str(render_markdown(text)) for code, text in body.items()}
        if isinstance(body, dict)
        else str(render_markdown(body))
    )
    return {**press_release(p, release), "body": body, "body_html": html}
