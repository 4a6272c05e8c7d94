"""The API's operations: thin, as views are here. Each reads through
api.selectors, writes through api.representations, and says in its
declaration what it answers, which is what the OpenAPI document publishes."""

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import NinjaAPI, Path, Query
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from api import errors, representations, schemas, selectors
from api.docs import Docs
from api.languages import choose
from api.pagination import page_of
from api.representations import Presenter
from api.schemas import LanguageQuery, PageQuery, RecommendationNumber, RecordId, Slug
from media_contacts import accreditation, embargo
from media_contacts.models import EmbargoAccess, PressRelease
from recommendations.selectors import discussed_in, group_by_area
from u20.links import absolute_url

DESCRIPTION = """\
The public content of the U20 summit platform, read-only: summits, their
sessions and speakers, the cities, organisations and themes the pages name,
communiqués with their recommendations, endorsements and follow-ups, and
press releases. Only what the public pages show, and nothing personal.

**Language.** `?lang=en` or `?lang=ar`, else the `Accept-Language` header;
`?lang=all` gives every translated text as an object `{"en": ..., "ar": ...}`.
Answers say `Content-Language`.

**Pages.** Lists take `page` and `page_size` (at most 100) and give `count`,
`pages`, `next` and `previous`, in an order that ends on a unique key.

**Caching.** Answers carry an `ETag`; send it back in `If-None-Match` to get
`304 Not Modified` while nothing has changed.

**Limits.** Requests are counted per client address; past the limit the answer
is `429` with `Retry-After`, in seconds.

Any site may call it from the browser (CORS, `Access-Control-Allow-Origin: *`).
"""


class Renderer(JSONRenderer):
    # Arabic as UTF-8: a third of the bytes of \u escapes, and readable.
    json_dumps_params = {"ensure_ascii": False}


class SummitAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema["components"].setdefault("securitySchemes", {})[PRESS_TOKEN] = {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An accredited journalist's token: the secret part of their private feed's "
                "address, shown on their accreditation page."
            ),
        }
        return schema


PRESS_TOKEN = "pressToken"  # noqa: S105 -- the scheme's name, not a secret
# Press releases answer anyone, and an accredited journalist's token as well.
PRESS_SECURITY = {"security": [{}, {PRESS_TOKEN: []}]}

api = SummitAPI(
    title="U20 Summit API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=Docs(),
    renderer=Renderer(),
)
api.add_exception_handler(Http404, errors.not_found)
api.add_exception_handler(errors.Unauthorized, errors.unauthorized)
api.add_exception_handler(ValidationError, errors.validation_error)
api.add_exception_handler(Exception, errors.server_error)

ERRORS = {422: schemas.Error, 429: schemas.Error}
DETAIL_ERRORS = {404: schemas.Error, **ERRORS}


def _presenter(request: HttpRequest) -> Presenter:
    language = getattr(request, "api_language", None) or choose(request)
    presenter = Presenter(language)
    # The answer is kept no longer than what it says holds (api.http).
    request.api_changes = presenter.changes
    return presenter


@api.get(
    "/",
    response={200: schemas.Index, 429: schemas.Error},
    operation_id="index",
    summary="The API's lists and documents",
    tags=["API"],
    url_name="index",
)
def index(request):
    def url(name: str) -> str:
        return absolute_url(reverse(f"api:{name}"))

    return {
        "title": api.title,
        "version": api.version,
        "docs_url": url("openapi-view"),
        "openapi_url": url("openapi-json"),
        "resources": {
            name: url(name)
            for name in (
                "summits",
                "sessions",
                "speakers",
                "organisations",
                "cities",
                "themes",
                "communiques",
                "press_releases",
            )
        },
    }


# Summits ------------------------------------------------------------------------


@api.get(
    "/summits",
    response={200: schemas.SummitPage, **ERRORS},
    operation_id="listSummits",
    summary="Published summits, the latest first",
    tags=["Summits"],
)
def summits(request, pages: Query[PageQuery], lang: Query[LanguageQuery]):
    p = _presenter(request)
    return page_of(request, selectors.summits(), pages, lambda row: representations.summit(p, row))


@api.get(
    "/summits/{slug}",
    response={200: schemas.SummitDetail, **DETAIL_ERRORS},
    operation_id="getSummit",
    summary="A published summit, with its partners",
    tags=["Summits"],
)
def summit(request, slug: Path[Slug], lang: Query[LanguageQuery]):
    return representations.summit_detail(_presenter(request), selectors.summit(slug))


# Sessions and speakers ----------------------------------------------------------


@api.get(
    "/sessions",
    response={200: schemas.SessionPage, **ERRORS},
    operation_id="listSessions",
    summary="Published sessions, in start order",
    tags=["Agenda"],
)
def sessions(
    request,
    filters: Query[schemas.SessionFilters],
    pages: Query[PageQuery],
    lang: Query[LanguageQuery],
):
    p = _presenter(request)
    found = selectors.filter_sessions(selectors.sessions(), **filters.dict())
    return page_of(request, found, pages, lambda row: representations.session(p, row))


@api.get(
    "/sessions/{id}",
    response={200: schemas.SessionDetail, **DETAIL_ERRORS},
    operation_id="getSession",
    summary="A published session, with the recommendations that name it",
    tags=["Agenda"],
)
def session(request, id: Path[RecordId], lang: Query[LanguageQuery]):
    found = selectors.session(id)
    return representations.session_detail(_presenter(request), found, discussed_in(found))


@api.get(
    "/speakers",
    response={200: schemas.SpeakerPage, **ERRORS},
    operation_id="listSpeakers",
    summary="Who speaks at published sessions, by slug",
    tags=["Agenda"],
)
def speakers(
    request,
    filters: Query[schemas.SpeakerFilters],
    pages: Query[PageQuery],
    lang: Query[LanguageQuery],
):
    p = _presenter(request)
    found = selectors.speakers(summit=filters.summit)
    return page_of(request, found, pages, lambda row: representations.speaker(p, row))


@api.get(
    "/speakers/{slug}",
    response={200: schemas.Speaker, **DETAIL_ERRORS},
    operation_id="getSpeaker",
    summary="A speaker, with their sessions",
    tags=["Agenda"],
)
def speaker(request, slug: Path[Slug], lang: Query[LanguageQuery]):
    return representations.speaker(_presenter(request), selectors.speaker(slug))


# Organisations, cities and themes -----------------------------------------------


@api.get(
    "/organisations",
    response={200: schemas.OrganisationPage, **ERRORS},
    operation_id="listOrganisations",
    summary="Partners, hosts and speakers' organisations, by slug",
    tags=["Places and organisations"],
)
def organisations(request, pages: Query[PageQuery], lang: Query[LanguageQuery]):
    p = _presenter(request)
    return page_of(
        request, selectors.organisations(), pages, lambda row: representations.organisation(p, row)
    )


@api.get(
    "/organisations/{slug}",
    response={200: schemas.Organisation, **DETAIL_ERRORS},
    operation_id="getOrganisation",
    summary="An organisation",
    tags=["Places and organisations"],
)
def organisation(request, slug: Path[Slug], lang: Query[LanguageQuery]):
    return representations.organisation(_presenter(request), selectors.organisation(slug))


@api.get(
    "/cities",
    response={200: schemas.CityPage, **ERRORS},
    operation_id="listCities",
    summary="Host cities, session hosts and endorsing cities, by slug",
    tags=["Places and organisations"],
)
def cities(request, pages: Query[PageQuery], lang: Query[LanguageQuery]):
    p = _presenter(request)
    return page_of(request, selectors.cities(), pages, lambda row: representations.city(p, row))


@api.get(
    "/cities/{slug}",
    response={200: schemas.City, **DETAIL_ERRORS},
    operation_id="getCity",
    summary="A city",
    tags=["Places and organisations"],
)
def city(request, slug: Path[Slug], lang: Query[LanguageQuery]):
    return representations.city(_presenter(request), selectors.city(slug))


@api.get(
    "/themes",
    response={200: schemas.ThemePage, **ERRORS},
    operation_id="listThemes",
    summary="Themes of summits, sessions and recommendations, by slug",
    tags=["Places and organisations"],
)
def themes(request, pages: Query[PageQuery], lang: Query[LanguageQuery]):
    p = _presenter(request)
    return page_of(request, selectors.themes(), pages, lambda row: representations.theme(p, row))


@api.get(
    "/themes/{slug}",
    response={200: schemas.Theme, **DETAIL_ERRORS},
    operation_id="getTheme",
    summary="A theme",
    tags=["Places and organisations"],
)
def theme(request, slug: Path[Slug], lang: Query[LanguageQuery]):
    return representations.theme(_presenter(request), selectors.theme(slug))


# Communiqués --------------------------------------------------------------------


@api.get(
    "/communiques",
    response={200: schemas.CommuniquePage, **ERRORS},
    operation_id="listCommuniques",
    summary="Published communiqués, the latest summit first",
    tags=["Communiqués"],
)
def communiques(request, pages: Query[PageQuery], lang: Query[LanguageQuery]):
    p = _presenter(request)
    return page_of(
        request, selectors.communiques(), pages, lambda row: representations.communique(p, row)
    )


@api.get(
    "/communiques/{summit}",
    response={200: schemas.CommuniqueDetail, **DETAIL_ERRORS},
    operation_id="getCommunique",
    summary="A summit's communiqué: areas, recommendations, follow-ups and endorsements",
    tags=["Communiqués"],
)
def communique(request, summit: Path[Slug], lang: Query[LanguageQuery]):
    found = selectors.communique(summit)
    groups = group_by_area(selectors.recommendations(found))
    return representations.communique_detail(
        _presenter(request), found, groups, selectors.endorsements(found)
    )


@api.get(
    "/communiques/{summit}/recommendations/{number}",
    response={200: schemas.Recommendation, **DETAIL_ERRORS},
    operation_id="getRecommendation",
    summary="One recommendation of a communiqué, with what became of it",
    tags=["Communiqués"],
)
def recommendation(
    request,
    summit: Path[Slug],
    number: Path[RecommendationNumber],
    lang: Query[LanguageQuery],
):
    found = selectors.recommendation(selectors.communique(summit), number)
    return representations.recommendation(_presenter(request), found, summit)


# Press releases -----------------------------------------------------------------


def _press_reader(request: HttpRequest, p: Presenter):
    """The accredited journalist whose token the request carries, or None
    for everyone else; a token that is not a valid one is refused (401).
    A public answer lasts until the next release or embargo lift."""
    header = request.headers.get("Authorization")
    if header is None:
        next_change = PressRelease.objects.next_change(now=p.now)
        if next_change is not None:
            p.changes.append(next_change)
        return None
    scheme, _space, token = header.partition(" ")
    found = accreditation.by_feed_token(token.strip()) if scheme.lower() == "bearer" else None
    if found is None:
        raise errors.Unauthorized
    return found


@api.get(
    "/press-releases",
    response={200: schemas.PressReleasePage, 401: schemas.Error, **ERRORS},
    operation_id="listPressReleases",
    summary="Released press releases, the latest first",
    description=(
        "Releases out for everyone. With an accredited journalist's token "
        "(`Authorization: Bearer …`), releases under embargo too, from their "
        "publication time, with `embargo_until`; each such answer is logged."
    ),
    tags=["Press"],
    openapi_extra=PRESS_SECURITY,
)
def press_releases(request, pages: Query[PageQuery], lang: Query[LanguageQuery]):
    p = _presenter(request)
    reader = _press_reader(request, p)
    shown = []

    def present(row):
        shown.append(row)
        return representations.press_release(p, row)

    response = page_of(
        request,
        selectors.press_releases(accredited=reader is not None, now=p.now),
        pages,
        present,
    )
    embargo.log_access(shown, accreditation=reader, via=EmbargoAccess.Via.API, now=p.now)
    return response


@api.get(
    "/press-releases/{slug}",
    response={200: schemas.PressReleaseDetail, 401: schemas.Error, **DETAIL_ERRORS},
    operation_id="getPressRelease",
    summary="A released press release, with its text",
    description=(
        "A release under embargo is found only with an accredited journalist's token, "
        "and answers 404 otherwise, as a release that does not exist."
    ),
    tags=["Press"],
    openapi_extra=PRESS_SECURITY,
)
def press_release(request, slug: Path[Slug], lang: Query[LanguageQuery]):
    p = _presenter(request)
    reader = _press_reader(request, p)
    release = selectors.press_release(slug, accredited=reader is not None, now=p.now)
    embargo.log_access([release], accreditation=reader, via=EmbargoAccess.Via.API, now=p.now)
    return representations.press_release_detail(p, release)
