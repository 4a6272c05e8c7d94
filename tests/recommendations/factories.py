"""Factories for the communiqué: plain functions, both languages filled in,
keyword overrides."""

import itertools
from datetime import date

from recommendations.models import Area, Communique, Endorsement, FollowUpUpdate, Recommendation
from tests.factories import make_city, make_session, make_summit, make_theme

_numbers = itertools.count(1)


def make_communique(*, summit=None, **fields) -> Communique:
    n = next(_numbers)
    defaults = {
        "summit": summit or make_summit(),
        "title_en": f"Communiqué {n}",
        "title_ar": f"البيان الختامي {n}",
        "preamble_en": "Mayors agreed on these recommendations.",
        "preamble_ar": "اتفق العمداء على هذه التوصيات.",
        "handed_over_on": date(2020, 10, 2),
        "handed_over_to_en": "the G20 Presidency",
        "handed_over_to_ar": "رئاسة مجموعة العشرين",
        "is_published": True,
    }
    return Communique.objects.create(**{**defaults, **fields})


def make_area(*, communique, number=None, **fields) -> Area:
    if number is None:
        number = communique.areas.count() + 1
    defaults = {
        "title_en": f"Area {number}",
        "title_ar": f"المحور {number}",
        "introduction_en": f"Why area {number} matters.",
        "introduction_ar": f"أهمية المحور {number}.",
    }
    return Area.objects.create(communique=communique, number=number, **{**defaults, **fields})


def make_recommendation(*, area, number=None, **fields) -> Recommendation:
    if number is None:
        number = Recommendation.objects.filter(communique=area.communique_id).count() + 1
    defaults = {"text_en": f"Recommendation text {number}.", "text_ar": f"نص التوصية {number}."}
    return Recommendation.objects.create(
        communique_id=area.communique_id, area=area, number=number, **{**defaults, **fields}
    )


def make_endorsement(*, communique, city=None, **fields) -> Endorsement:
    return Endorsement.objects.create(communique=communique, city=city or make_city(), **fields)


def add_update(recommendation, *, status, day=date(2021, 1, 1), **fields) -> FollowUpUpdate:
    defaults = {"note_en": f"Update: {status}.", "note_ar": f"تحديث: {status}."}
    return FollowUpUpdate.objects.create(
        recommendation=recommendation, date=day, status=status, **{**defaults, **fields}
    )


def make_full_communique(*, recommendations=27, areas=4, cities=12, summit=None) -> Communique:
    """A communiqué as the page shows it: areas, recommendations with themes,
    sessions and updates, and cities of both memberships."""
    communique = make_communique(summit=summit)
    theme = make_theme()
    session = make_session(summit=communique.summit)
    area_rows = [make_area(communique=communique) for _ in range(areas)]
    per_area = -(-recommendations // areas)
    for index in range(recommendations):
        recommendation = make_recommendation(area=area_rows[index // per_area], number=index + 1)
        recommendation.themes.add(theme)
        recommendation.sessions.add(session)
        add_update(recommendation, status="acknowledged", day=date(2020, 11, 22))
        if index % 3 == 0:
            add_update(recommendation, status="in_progress", day=date(2021, 6, 1))
    for index in range(cities):
        membership = "observer" if index % 4 == 0 else "g20"
        make_endorsement(
            communique=communique,
            city=make_city(membership=membership, country_en=f"Country {index % 5}"),
        )
    return communique
