"""What the API reads: the published content the public pages show and
nothing more, every list in a fixed number of queries however many rows it
has, and in an order that ends on a unique key, so that pages never share or
skip a row.

A city, an organisation, a theme or a speaker is public once a public page
shows it: on a published summit, a published session of one, or a
published communiqué. Each carries the slug of the summit whose page shows
it (`*_summit`), from which its page address is made.
"""

from datetime import UTC, date, datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from media_contacts.models import PressRelease
from recommendations.models import Communique, Endorsement, FollowUpUpdate, Recommendation
from recommendations.selectors import recommendations_for
from sessions.models import (
    Session,
    SessionHost,
    SessionLanguage,
    SessionSpeaker,
    Speaker,
    in_every_language,
)
from u20.models import City, Organisation, Summit, SummitPartner, Theme
from u20.times import day_bounds

# Days whose bounds in any zone stay inside the dates Python can write.
FIRST_DAY, LAST_DAY = date(1, 1, 2), date(9999, 12, 30)


def _get(queryset: QuerySet, message: str, **lookups):
    """The one row the lookups name, or a 404 that says what was missing."""
    try:
        return queryset.get(**lookups)
    except queryset.model.DoesNotExist:
        raise Http404(message) from None


def _latest(summits: QuerySet) -> Subquery:
    """The slug of the latest of these summits, for each row."""
    return Subquery(summits.order_by("-start_date", "-pk").values("slug")[:1])


def _published_sessions() -> QuerySet:
    return Session.objects.published()


# Summits ------------------------------------------------------------------------


def summits() -> QuerySet:
    return (
        Summit.objects.published()
        .select_related("host_city", "communique")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("slug", *_names())))
        .order_by("-start_date", "slug")
    )


def summit(slug: str) -> Summit:
    return _get(
        summits().prefetch_related(
            Prefetch(
                "partnerships",
                queryset=SummitPartner.objects.select_related("organisation").order_by(
                    "order", "pk"
                ),
            )
        ),
        _("No published summit has the slug “%(slug)s”.") % {"slug": slug},
        slug=slug,
    )


def _names(prefix: str = "") -> list[str]:
    return in_every_language(f"{prefix}name")


# Sessions -----------------------------------------------------------------------

_SESSION_FIELDS = (
    "summit",
    "slug",
    *in_every_language("title", "description"),
    "kind",
    "status",
    "starts_at",
    "ends_at",
    "floor_language",
    "updated_at",
    "summit__slug",
    "summit__year",
    "summit__time_zone",
    *in_every_language("summit__name"),
)


def sessions() -> QuerySet:
    """Published sessions of published summits, in start order, with what
    an answer shows of each; the join link is never read."""
    return (
        _published_sessions()
        .select_related("summit")
        .only(*_SESSION_FIELDS)
        .with_offered_languages()
        .prefetch_related(
            "recordings",
            Prefetch("themes", queryset=Theme.objects.only("slug", *_names())),
            Prefetch(
                "hosts",
                queryset=SessionHost.objects.select_related("organisation", "city").only(
                    "session",
                    "order",
                    "city__slug",
                    "organisation__slug",
                    *_names("city__"),
                    *_names("organisation__"),
                ),
            ),
            Prefetch(
                "session_speakers",
                queryset=SessionSpeaker.objects.select_related("speaker").only(
                    "session", "order", "role", "speaker__slug", *_names("speaker__")
                ),
            ),
        )
        .order_by("starts_at", "pk")
    )


def filter_sessions(
    queryset: QuerySet,
    *,
    summit: str | None = None,
    day: date | None = None,
    theme: str | None = None,
    host: str | None = None,
    language: str | None = None,
    status: str | None = None,
    updated_since: datetime | None = None,
) -> QuerySet:
    if summit:
        queryset = queryset.filter(summit__slug=summit)
    if day:
        queryset = starting_on(queryset, day, summit=summit)
    if theme:
        queryset = queryset.filter(
            Exists(Session.themes.through.objects.filter(session=OuterRef("pk"), theme__slug=theme))
        )
    if host:
        queryset = queryset.filter(
            Exists(
                SessionHost.objects.filter(session=OuterRef("pk")).filter(
                    Q(city__slug=host) | Q(organisation__slug=host)
                )
            )
        )
    if language:
        queryset = queryset.filter(
            Q(floor_language=language)
            | Exists(SessionLanguage.objects.filter(session=OuterRef("pk"), language=language))
        )
    if status:
        queryset = queryset.filter(status=status)
    if updated_since:
        queryset = saved_since(queryset, updated_since)
    return queryset


def starting_on(queryset: QuerySet, day: date, *, summit: str | None = None) -> QuerySet:
    """Sessions that start on day in their own summit's zone: the bounds of
    the day differ from one summit to the next (one query for the zones)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        return queryset.none()
    zones = Summit.objects.published().only("time_zone")
    if summit:
        zones = zones.filter(slug=summit)
    condition = Q(pk__in=[])
    for row in zones:
        start, end = day_bounds(day, row.zone)
        condition |= Q(summit_id=row.pk, starts_at__gte=start, starts_at__lt=end)
    return queryset.filter(condition)


def saved_since(queryset: QuerySet, moment: datetime) -> QuerySet:
    """Sessions saved at or after moment; a moment without an offset is UTC.
    A moment too far from today to be written in UTC is before every save
    or after every save."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:
        return queryset if moment.year < 5000 else queryset.none()
    return queryset.filter(updated_at__gte=moment)


def session(pk: int) -> Session:
    return _get(sessions(), _("No published session has the id %(id)s.") % {"id": pk}, pk=pk)


# Speakers -----------------------------------------------------------------------


def _appearances() -> QuerySet:
    return SessionSpeaker.objects.filter(
        session__is_published=True, session__summit__is_published=True
    )


def speakers(*, summit: str | None = None) -> QuerySet:
    """Who speaks at a published session, each with their appearances there."""
    speaking = Summit.objects.published().filter(
        sessions__is_published=True, sessions__session_speakers__speaker=OuterRef("pk")
    )
    queryset = (
        Speaker.objects.annotate(page_summit=_latest(speaking))
        .filter(page_summit__isnull=False)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=_appearances()
                .select_related("session", "session__summit")
                .only(
                    "speaker",
                    "role",
                    "session__slug",
                    "session__starts_at",
                    "session__summit",
                    "session__summit__slug",
                    *in_every_language("session__title"),
                )
                .order_by("session__starts_at", "session__pk"),
                to_attr="public_appearances",
            )
        )
        .order_by("slug")
    )
    if summit:
        queryset = queryset.filter(
            Exists(_appearances().filter(speaker=OuterRef("pk"), session__summit__slug=summit))
        )
    return queryset


def speaker(slug: str) -> Speaker:
    return _one(speakers(), slug, _("No speaker has the slug “%(slug)s”."))


# Organisations, cities, themes --------------------------------------------------


def organisations() -> QuerySet:
    """Partners of a published summit, hosts of a published session and
    the organisations of the speakers listed."""
    published = Summit.objects.published()
    speaking = Speaker.objects.filter(organisation=OuterRef("pk")).filter(
        Exists(_appearances().filter(speaker=OuterRef("pk")))
    )
    return (
        Organisation.objects.annotate(
            partner_summit=_latest(published.filter(partnerships__organisation=OuterRef("pk"))),
            host_summit=_latest(
                published.filter(
                    sessions__is_published=True, sessions__hosts__organisation=OuterRef("pk")
                )
            ),
        )
        .filter(Q(partner_summit__isnull=False) | Q(host_summit__isnull=False) | Exists(speaking))
        .order_by("slug")
    )


def organisation(slug: str) -> Organisation:
    return _one(organisations(), slug, _("No organisation has the slug “%(slug)s”."))


def cities() -> QuerySet:
    """Cities that hosted a published summit, host a published session, or
    endorsed a published communiqué."""
    published = Summit.objects.published()
    return (
        City.objects.annotate(
            hosted_summit=_latest(published.filter(host_city=OuterRef("pk"))),
            host_summit=_latest(
                published.filter(sessions__is_published=True, sessions__hosts__city=OuterRef("pk"))
            ),
            endorsed_summit=_latest(
                published.filter(
                    communique__is_published=True, communique__endorsements__city=OuterRef("pk")
                )
            ),
        )
        .filter(
            Q(hosted_summit__isnull=False)
            | Q(host_summit__isnull=False)
            | Q(endorsed_summit__isnull=False)
        )
        .order_by("slug")
    )


def city(slug: str) -> City:
    return _one(cities(), slug, _("No city has the slug “%(slug)s”."))


def themes() -> QuerySet:
    """Themes of a published summit, of a published session, or of a
    recommendation in a published communiqué."""
    published = Summit.objects.published()
    return (
        Theme.objects.annotate(
            theme_summit=_latest(published.filter(themes=OuterRef("pk"))),
            communique_summit=_latest(
                published.filter(
                    communique__is_published=True,
                    communique__recommendations__themes=OuterRef("pk"),
                )
            ),
        )
        .filter(
            Q(theme_summit__isnull=False)
            | Q(communique_summit__isnull=False)
            | Exists(_published_sessions().filter(themes=OuterRef("pk")))
        )
        .order_by("slug")
    )


def theme(slug: str) -> Theme:
    return _one(themes(), slug, _("No theme has the slug “%(slug)s”."))


def _one(queryset: QuerySet, slug: str, message: str):
    return _get(queryset, message % {"slug": slug}, slug=slug)


# Communiqués --------------------------------------------------------------------


def _count(queryset: QuerySet):
    counted = queryset.order_by().values("communique").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def communiques() -> QuerySet:
    return (
        Communique.objects.published()
        .select_related("summit")
        .annotate(
            recommendation_count=_count(Recommendation.objects.filter(communique=OuterRef("pk"))),
            endorsement_count=_count(Endorsement.objects.filter(communique=OuterRef("pk"))),
        )
        .order_by("-summit__start_date", "pk")
    )


def communique(summit: str) -> Communique:
    return _get(
        communiques(),
        _("The summit “%(summit)s” has no published communiqué.") % {"summit": summit},
        summit__slug=summit,
    )


def recommendations(communique: Communique) -> QuerySet:
    """Its recommendations in order, each with its area, status, themes,
    published sessions and follow-ups."""
    return recommendations_for(communique).prefetch_related(
        Prefetch("updates", queryset=FollowUpUpdate.objects.order_by("date", "pk"))
    )


def recommendation(communique: Communique, number: int) -> Recommendation:
    found = _get(
        recommendations(communique),
        _("The communiqué has no recommendation %(number)s.") % {"number": number},
        number=number,
    )
    found.communique = communique
    return found


def endorsements(communique: Communique) -> QuerySet:
    return (
        Endorsement.objects.filter(communique=communique)
        .select_related("city")
        .order_by("city__slug", "pk")
    )


# Press releases -----------------------------------------------------------------


def press_releases(*, accredited: bool = False, now=None) -> QuerySet:
    """Press releases out for this reader, the latest first, without their
    text: for everyone, or for an accredited journalist (under embargo too)."""
    return (
        PressRelease.objects.visible(accredited=accredited, now=now)
        .select_related("summit")
        .defer(*in_every_language("body"), "body")
        .order_by("-published_at", "-pk")
    )


def press_release(slug: str, *, accredited: bool = False, now=None) -> PressRelease:
    return _get(
        PressRelease.objects.visible(accredited=accredited, now=now).select_related("summit"),
        _("No press release has the slug “%(slug)s”.") % {"slug": slug},
        slug=slug,
    )
