"""Reading a communiqué: what its pages and exports show, each in a fixed
number of queries however many recommendations or cities it has."""

from collections import Counter
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from recommendations.models import (
    MAX_NUMBER,
    Area,
    Communique,
    Endorsement,
    FollowUpUpdate,
    Recommendation,
    Status,
)
from sessions.models import Session
from u20.models import City, Theme


def _count(queryset: QuerySet):
    """A count of related rows as a subquery, so that two counts on one row
    never multiply each other as two joins would."""
    counted = queryset.order_by().values("communique").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def published_communique(summit_slug: str) -> Communique:
    """The published communiqué of a published summit, with its summit and
    how many recommendations and endorsements it has; 404 otherwise."""
    communique = get_object_or_404(
        Communique.objects.published()
        .select_related("summit", "summit__host_city")
        .annotate(
            recommendation_count=_count(Recommendation.objects.filter(communique=OuterRef("pk"))),
            endorsement_count=_count(Endorsement.objects.filter(communique=OuterRef("pk"))),
        ),
        summit__slug=summit_slug,
    )
    return communique


def recommendations_for(
    communique: Communique, *, theme: str | None = None, status: str | None = None
) -> QuerySet:
    """The recommendations a listing shows, in order, with their area, current
    status, themes and the published sessions where they were discussed."""
    recommendations = (
        Recommendation.objects.filter(communique=communique)
        .with_status()
        .select_related("area")
        .prefetch_related(
            "themes",
            Prefetch(
                "sessions",
                queryset=Session.objects.published()
                .select_related("summit")
                .order_by("starts_at", "pk"),
                to_attr="published_sessions",
            ),
        )
        .order_by("number")
    )
    if theme:
        recommendations = recommendations.filter(themes__slug=theme)
    if status:
        recommendations = recommendations.filter(current_status=status)
    return recommendations


@dataclass
class AreaGroup:
    area: Area
    recommendations: list[Recommendation]


def group_by_area(recommendations) -> list[AreaGroup]:
    """Recommendations grouped under their areas, areas in their order."""
    ordered = sorted(recommendations, key=lambda r: (r.area.number, r.number))
    return [
        AreaGroup(area=area, recommendations=list(rows))
        for area, rows in groupby(ordered, key=lambda r: r.area)
    ]


@dataclass
class StatusCount:
    status: str
    label: str
    count: int
    share: str  # of the largest count, "0".."100", the length of a bar in SVG units


def status_counts(communique: Communique) -> list[StatusCount]:
    """How many recommendations are at each status, every status listed."""
    counts = Counter(
        dict(
            Recommendation.objects.filter(communique=communique)
            .with_status()
            .order_by()
            .values("current_status")
            .annotate(n=Count("pk"))
            .values_list("current_status", "n")
        )
    )
    largest = max(counts.values(), default=0)
    return [
        StatusCount(
            status=value,
            label=label,
            count=counts[value],
            # Formatted here, not by the template: SVG wants "37.5" in every language.
            share=f"{100 * counts[value] / largest:.1f}" if largest else "0",
        )
        for value, label in Status.choices
    ]


def communique_themes(communique: Communique) -> QuerySet:
    """The themes its recommendations carry, for the filter."""
    return Theme.objects.filter(recommendations__communique=communique).distinct()


@dataclass
class CountryGroup:
    country: str
    cities: list[Endorsement]


@dataclass
class MembershipGroup:
    membership: str
    label: str
    count: int
    countries: list[CountryGroup]


def endorsement_groups(communique: Communique) -> list[MembershipGroup]:
    """Endorsing cities: G20 members, then observers, each by country, in the
    alphabetical order of the active language."""
    endorsements = Endorsement.objects.filter(communique=communique).select_related("city")
    groups = []
    for membership, label in City.Membership.choices:
        rows = [e for e in endorsements if e.city.membership == membership]
        if not rows:
            continue
        rows.sort(key=lambda e: (e.city.country.casefold(), e.city.name.casefold()))
        countries = [
            CountryGroup(country=country, cities=list(cities))
            for country, cities in groupby(rows, key=lambda e: e.city.country)
        ]
        groups.append(
            MembershipGroup(
                membership=membership, label=label, count=len(rows), countries=countries
            )
        )
    return groups


def published_recommendation(communique: Communique, number: int) -> Recommendation:
    """One recommendation with its area, themes, sessions and timeline."""
    if not 0 < number <= MAX_NUMBER:
        raise Http404
    recommendation = get_object_or_404(
        recommendations_for(communique).prefetch_related(
            Prefetch("updates", queryset=FollowUpUpdate.objects.order_by("date", "pk"))
        ),
        number=number,
    )
    recommendation.communique = communique
    return recommendation


def discussed_in(session: Session) -> list[Recommendation]:
    """The published recommendations that name this session, in one query."""
    return list(
        Recommendation.objects.published()
        .filter(sessions=session)
        .select_related("communique__summit")
        .order_by("communique__summit__start_date", "number")
    )
