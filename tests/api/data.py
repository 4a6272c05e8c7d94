"""The demo data with everything the API must never show beside it: a join
link on every session, attendees and their registrations, journalists and
their requests, and drafts that are not published; and values for every
templated path of the API, from every row there is."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from demo.loader import load_demo
from media_contacts.models import MediaContact, PressRelease
from recommendations.models import Communique, Recommendation
from sessions.models import Registration, Session, Speaker
from tests.factories import add_speaker, make_participant, make_session, make_speaker, make_summit
from tests.media_contacts.factories import make_release, make_request
from tests.recommendations.factories import make_communique
from u20.models import City, Organisation, Summit, Theme


@dataclass
class Secrets:
    join_urls: list[str] = field(default_factory=list)
    personal: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)

    def found_in(self, text: str) -> list[str]:
        return [secret for secret in self.join_urls + self.personal + self.drafts if secret in text]


def load_demo_with_secrets() -> Secrets:
    load_demo()
    secrets = Secrets()
    for session in Session.objects.all():
        session.join_url = f"https://meet.example.net/j/{session.pk}?pwd=never-public"
        session.save(update_fields=["join_url"])
        secrets.join_urls.append(session.join_url)
    for contact in MediaContact.objects.all():
        secrets.personal += [contact.email, *([contact.phone] if contact.phone else [])]
    sessions = list(Session.objects.published().order_by("pk")[:3])
    for n, session in enumerate(sessions):
        attendee = make_participant(
            email=f"attendee.{n}@private.example.net", full_name=f"Attendee Private {n}"
        )
        Registration.objects.create(
            session=session,
            participant=attendee,
            status=Registration.Status.CONFIRMED,
            confirmed_at=timezone.now(),
        )
        journalist = make_request(
            name=f"Journalist Private {n}",
            email=f"journalist.{n}@private.example.net",
            phone=f"+44 20 7946 09{n:02d}",
            session=session,
        )
        secrets.personal += [
            attendee.user.email,
            attendee.full_name,
            attendee.calendar_token,
            journalist.name,
            journalist.email,
            journalist.phone,
            journalist.reference,
        ]
    secrets.drafts += _drafts()
    return secrets


def _drafts() -> list[str]:
    """Rows that exist and are not public: none of their text may show."""
    riyadh = Summit.objects.get(slug="riyadh-2020")
    hidden_summit = make_summit(
        name_en="Draft Summit Unannounced",
        slug="draft-summit",
        is_published=False,
        start_date=date(2030, 5, 1),
        end_date=date(2030, 5, 2),
    )
    hidden_in_draft = make_session(
        summit=hidden_summit, title_en="Draft Summit Session Unannounced"
    )
    add_speaker(hidden_in_draft, make_speaker(name_en="Speaker Of Drafts Only", slug="drafts-only"))
    make_session(summit=riyadh, is_published=False, title_en="Unpublished Session Unannounced")
    make_communique(summit=hidden_summit, title_en="Communique Of A Draft Summit")
    make_release(
        title_en="Embargoed Release Unannounced",
        slug="embargoed",
        published_at=timezone.now() + timedelta(days=3),
    )
    return [
        "Draft Summit Unannounced",
        "Draft Summit Session Unannounced",
        "Speaker Of Drafts Only",
        "Unpublished Session Unannounced",
        "Communique Of A Draft Summit",
        "Embargoed Release Unannounced",
    ]


def _slugs(model, name: str = "slug") -> list[dict]:
    return [{name: slug} for slug in model.objects.order_by("pk").values_list("slug", flat=True)]


def path_parameters() -> dict[str, list[dict]]:
    """Values for each templated path of the API, from every row there is."""
    return {
        "/api/v1/summits/{slug}": _slugs(Summit),
        "/api/v1/sessions/{id}": [
            {"id": pk} for pk in Session.objects.order_by("pk").values_list("pk", flat=True)
        ],
        "/api/v1/speakers/{slug}": _slugs(Speaker),
        "/api/v1/organisations/{slug}": _slugs(Organisation),
        "/api/v1/cities/{slug}": _slugs(City),
        "/api/v1/themes/{slug}": _slugs(Theme),
        "/api/v1/communiques/{summit}": [
            {"summit": slug}
            for slug in Communique.objects.order_by("pk").values_list("summit__slug", flat=True)
        ],
        "/api/v1/communiques/{summit}/recommendations/{number}": [
            {"summit": summit, "number": number}
            for summit, number in Recommendation.objects.order_by("pk").values_list(
                "communique__summit__slug", "number"
            )
        ],
        "/api/v1/press-releases/{slug}": _slugs(PressRelease),
    }
