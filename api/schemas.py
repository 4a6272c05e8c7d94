"""What the API answers, as the OpenAPI document publishes it.

Translated texts are a string in the language asked for, or, with
`?lang=all`, a `Translations` object holding each language (an empty string
where a text is not written in that language yet). The same holds for the
labels of codes and for the addresses of public pages, which differ by
language. Codes (slugs, statuses, kinds) never change with the language.

Every object says where it lives: `api_url`, its address in this API, and
`page_url`, the public page that shows it (absolute, in the language asked
for), or null where no page does.
"""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import StringConstraints

from recommendations.models import MAX_NUMBER, Status
from sessions.models import SessionKind, SessionStatus, SpeakerRole
from u20.models import CityMembership, OrganisationKind, PartnerRole

# Largest page number and page size a list accepts.
MAX_PAGE = 10_000
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# The largest id the database can hold; a larger one names nothing.
MAX_ID = 2**63 - 1

SLUG_PATTERN = r"^[-\w]+$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=220)]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
RecommendationNumber = Annotated[int, Field(ge=1, le=MAX_NUMBER)]


class Translations(Schema):
    """A text in each of the site's languages, as ?lang=all gives every
    translated text: an empty string where it is not written in one yet."""

    en: str
    ar: str


Text = str | Translations
Url = str | Translations


def _codes(choices) -> tuple[str, ...]:
    return tuple(choices.values)


# Codes, from the models' own choices so that the two cannot drift.
SessionKindCode = Literal[_codes(SessionKind)]  # type: ignore[valid-type]
SessionStatusCode = Literal[_codes(SessionStatus)]  # type: ignore[valid-type]
SpeakerRoleCode = Literal[_codes(SpeakerRole)]  # type: ignore[valid-type]
MembershipCode = Literal[_codes(CityMembership)]  # type: ignore[valid-type]
OrganisationKindCode = Literal[_codes(OrganisationKind)]  # type: ignore[valid-type]
PartnerRoleCode = Literal[_codes(PartnerRole)]  # type: ignore[valid-type]
RecommendationStatusCode = Literal[_codes(Status)]  # type: ignore[valid-type]
LanguageCode = Literal["en", "ar", "all"]
SessionPhaseCode = Literal["upcoming", "live", "ended", "recording", "cancelled"]


# Query parameters ---------------------------------------------------------------


def _without_default(schema: dict) -> None:
    schema.pop("default", None)


def optional(description: str):
    """A query parameter one may leave out. The document says only what a
    given value must be: a query string has no null to send."""
    return Field(None, description=description, json_schema_extra=_without_default)


class LanguageQuery(Schema):
    lang: LanguageCode = optional(
        "The language of the texts: en, ar, or all for both at once (each translated text "
        "then an object with en and ar). Without it, Accept-Language decides."
    )


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="The page, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page."
    )


class SessionFilters(Schema):
    summit: Slug = optional("Only this summit's sessions (its slug).")
    day: date = optional(
        "Only sessions that start on this day (YYYY-MM-DD) in their summit's zone."
    )
    theme: Slug = optional("Only sessions on this theme (its slug).")
    host: Slug = optional("Only sessions this city or organisation hosts (its slug).")
    language: LanguageTag = optional(
        "Only sessions held, interpreted or captioned in this language (ISO 639-1, such as ar)."
    )
    status: SessionStatusCode = optional("Only sessions with this status.")
    updated_since: datetime = optional(
        "Only sessions saved at or after this moment (ISO 8601, such as "
        "2020-09-30T10:00:00+03:00; UTC when no offset is given)."
    )


class SpeakerFilters(Schema):
    summit: Slug = optional("Only those who speak at this summit (its slug).")


# Errors -------------------------------------------------------------------------


class FieldError(Schema):
    location: str = Field(description="Where the value is: query or path.")
    parameter: str
    message: str


class Error(Schema):
    detail: str = Field(description="What went wrong, in the language asked for.")
    errors: list[FieldError] = Field(
        default_factory=list, description="Each value refused, when values were."
    )


# Pages --------------------------------------------------------------------------


class Page(Schema):
    count: int = Field(description="How many results there are on all pages.")
    page: int
    page_size: int
    pages: int = Field(description="How many pages there are (at least one).")
    next: str | None = Field(description="The next page's address, null on the last.")
    previous: str | None = Field(description="The previous page's address, null on the first.")


# References: what an object shows of another ------------------------------------


class CityRef(Schema):
    slug: str
    name: Text
    country: Text
    membership: MembershipCode
    api_url: str


class ThemeRef(Schema):
    slug: str
    name: Text
    api_url: str


class OrganisationRef(Schema):
    slug: str
    name: Text
    acronym: Text
    api_url: str


class SpeakerRef(Schema):
    slug: str
    name: Text
    api_url: str


class SummitRef(Schema):
    slug: str
    name: Text
    year: int
    api_url: str
    page_url: Url


class SessionRef(Schema):
    id: int
    slug: str
    summit: str = Field(description="The summit's slug.")
    title: Text
    starts_at: datetime
    api_url: str
    page_url: Url


class RecommendationRef(Schema):
    summit: str = Field(description="The slug of the summit whose communiqué holds it.")
    number: int
    api_url: str
    page_url: Url


# Objects ------------------------------------------------------------------------


class City(Schema):
    slug: str
    name: Text
    country: Text
    membership: MembershipCode
    membership_label: Text
    api_url: str
    page_url: Url | None = Field(
        description=(
            "The summit it hosted, else the agenda of sessions it hosts, else the communiqué "
            "it endorsed (the latest of each)."
        )
    )


class Theme(Schema):
    slug: str
    name: Text
    description: Text
    api_url: str
    page_url: Url | None = Field(
        description=(
            "The agenda of the latest summit on this theme, filtered to it, else the "
            "communiqué with recommendations on it."
        )
    )


class Organisation(Schema):
    slug: str
    name: Text
    acronym: Text
    kind: OrganisationKindCode
    kind_label: Text
    website: str
    logo_url: str | None
    api_url: str
    page_url: Url | None = Field(
        description=(
            "The partners of the latest summit it supports, else the agenda of the "
            "sessions it hosts."
        )
    )


class Appearance(Schema):
    session: SessionRef
    role: SpeakerRoleCode
    role_label: Text


class Speaker(Schema):
    slug: str
    name: Text
    title: Text
    bio: Text
    organisation: OrganisationRef | None
    photo_url: str | None
    appearances: list[Appearance] = Field(description="Published sessions, in start order.")
    api_url: str
    page_url: Url = Field(description="The speakers of the latest summit they speak at.")


class Chair(Schema):
    name: Text
    title: Text


class Partner(Schema):
    organisation: OrganisationRef
    role: PartnerRoleCode
    role_label: Text


class Summit(Schema):
    slug: str
    name: Text
    year: int
    start_date: date
    end_date: date
    time_zone: str = Field(description="The IANA zone its sessions are held in.")
    is_virtual: bool
    is_current: bool = Field(description="The edition the home page shows.")
    is_sample: bool = Field(description="A practice edition, not a real one.")
    summary: Text
    chair: Chair | None
    host_city: CityRef | None
    themes: list[ThemeRef]
    sessions_url: str = Field(description="Its sessions in this API.")
    communique_url: str | None = Field(description="Its communiqué in this API, once published.")
    api_url: str
    page_url: Url


class SummitDetail(Summit):
    partners: list[Partner]
    agenda_page_url: Url
    speakers_page_url: Url


class Host(Schema):
    type: Literal["city", "organisation"]
    slug: str
    name: Text
    api_url: str


class SessionSpeaker(Schema):
    speaker: SpeakerRef
    role: SpeakerRoleCode
    role_label: Text


class LanguageOffered(Schema):
    code: str = Field(description="ISO 639-1.")
    name: Text = Field(description="The language's name, from CLDR.")


class SessionLanguages(Schema):
    floor: LanguageOffered = Field(description="The language the session is held in.")
    interpretation: list[LanguageOffered] = Field(description="Interpretation channels.")
    captions: list[LanguageOffered] = Field(description="Languages of live captions.")


class Recording(Schema):
    language: LanguageOffered
    url: str
    transcript_url: str | None = Field(description="A WebVTT transcript or captions, if any.")


class Session(Schema):
    id: int
    slug: str
    summit: SummitRef
    title: Text
    description: Text
    kind: SessionKindCode
    kind_label: Text
    status: SessionStatusCode
    status_label: Text
    starts_at: datetime = Field(description="In UTC.")
    ends_at: datetime = Field(description="In UTC.")
    starts_at_local: datetime = Field(description="In the summit's zone, with its offset.")
    ends_at_local: datetime = Field(description="In the summit's zone, with its offset.")
    time_zone: str = Field(description="The summit's IANA zone.")
    themes: list[ThemeRef]
    hosts: list[Host]
    speakers: list[SessionSpeaker]
    languages: SessionLanguages
    phase: SessionPhaseCode = Field(
        description="Where the session stands now: upcoming, live, ended, recording "
        "(ended, with a recording out) or cancelled."
    )
    phase_label: Text
    recordings: list[Recording] = Field(description="Once the session has ended.")
    recording_url: str | None = Field(
        description="The first recording's link, once the session has ended: kept for "
        "clients of the first version; read recordings instead."
    )
    ics_url: Url = Field(description="The session as an iCalendar file.")
    updated_at: datetime
    api_url: str
    page_url: Url


class SessionDetail(Session):
    recommendations: list[RecommendationRef] = Field(
        description="Published recommendations that name this session."
    )


class FollowUp(Schema):
    date: date
    status: RecommendationStatusCode
    status_label: Text
    note: Text
    source_url: str


class Recommendation(Schema):
    number: int = Field(ge=1, le=MAX_NUMBER)
    area: int = Field(description="The number of its area.")
    text: Text
    status: RecommendationStatusCode = Field(description="From the latest follow-up.")
    status_label: Text
    themes: list[ThemeRef]
    sessions: list[SessionRef] = Field(description="Published sessions where it was discussed.")
    follow_ups: list[FollowUp] = Field(description="What became of it, oldest first.")
    api_url: str
    page_url: Url


class Area(Schema):
    number: int
    title: Text
    introduction: Text
    recommendations: list[Recommendation]


class Endorsement(Schema):
    city: CityRef
    signatory_name: Text
    signatory_title: Text
    endorsed_on: date | None


class Communique(Schema):
    summit: SummitRef
    title: Text
    preamble: Text
    handed_over_on: date | None
    handed_over_to: Text
    is_summary: bool = Field(description="Recommendations summarised, not the official text.")
    pdf_url: Url | None = Field(description="The official text, when there is one.")
    recommendation_count: int
    endorsement_count: int
    updated_at: datetime
    api_url: str
    page_url: Url


class CommuniqueDetail(Communique):
    areas: list[Area] = Field(description="Areas with their recommendations, in order.")
    endorsements: list[Endorsement]


class Image(Schema):
    url: str
    alt: Text
    caption: Text
    width: int | None
    height: int | None


class PressRelease(Schema):
    slug: str
    title: Text
    summary: Text
    published_at: datetime
    embargo_until: datetime | None = Field(
        description="Until when the release is under embargo; null when it never was."
    )
    summit: SummitRef | None
    image: Image | None
    api_url: str
    page_url: Url


class PressReleaseDetail(PressRelease):
    body: Text = Field(description="Markdown, as written.")
    body_html: Text = Field(description="The Markdown as the page shows it, sanitised.")


class Index(Schema):
    title: str
    version: str
    docs_url: str
    openapi_url: str
    resources: dict[str, str] = Field(description="Each list, by name.")


class SummitPage(Page):
    results: list[Summit]


class SessionPage(Page):
    results: list[Session]


class SpeakerPage(Page):
    results: list[Speaker]


class OrganisationPage(Page):
    results: list[Organisation]


class CityPage(Page):
    results: list[City]


class ThemePage(Page):
    results: list[Theme]


class CommuniquePage(Page):
    results: list[Communique]


class PressReleasePage(Page):
    results: list[PressRelease]
