"""Load the demo communiqués (recommendations/demo_data.py): Riyadh 2020 and
Tokyo 2019, with their areas, recommendations, endorsements and follow-up
updates.

`load()` runs after u20.demo and sessions.demo have created the summits,
cities, themes and sessions, which it finds by slug. It is idempotent: rows are
matched on their natural keys (communiqué by summit, area and recommendation
by number, endorsement by city, update by date and status) and a demo
communiqué is set to exactly what the data say.
"""

from django.db import transaction

from recommendations.demo_data import COMMUNIQUES
from recommendations.models import Area, Communique, Endorsement, FollowUpUpdate, Recommendation
from sessions.models import Session
from u20.models import City, Summit, Theme

_COMMUNIQUE_FIELDS = [
    "title_en",
    "title_ar",
    "preamble_en",
    "preamble_ar",
    "handed_over_on",
    "handed_over_to_en",
    "handed_over_to_ar",
]


def _load_communique(spec: dict, updates: list, *, themes: dict[str, Theme]) -> Communique | None:
    summit = Summit.objects.filter(slug=spec["summit"]).first()
    if summit is None:
        return None
    communique, _ = Communique.objects.update_or_create(
        summit=summit,
        defaults={
            **{name: spec[name] for name in _COMMUNIQUE_FIELDS},
            "is_summary": True,
            "is_published": True,
        },
    )
    sessions = {session.slug: session for session in Session.objects.filter(summit=summit)}
    numbers = []
    for area_number, area_spec in enumerate(spec["areas"], start=1):
        area, _ = Area.objects.update_or_create(
            communique=communique,
            number=area_number,
            defaults={
                name: area_spec[name]
                for name in ("title_en", "title_ar", "introduction_en", "introduction_ar")
            },
        )
        for text_en, text_ar, theme_slugs, session_slugs in area_spec["recommendations"]:
            number = len(numbers) + 1
            numbers.append(number)
            recommendation, _ = Recommendation.objects.update_or_create(
                communique=communique,
                number=number,
                defaults={"area": area, "text_en": text_en, "text_ar": text_ar},
            )
            recommendation.themes.set([themes[slug] for slug in theme_slugs if slug in themes])
            recommendation.sessions.set(
                [sessions[slug] for slug in session_slugs if slug in sessions]
            )
    Recommendation.objects.filter(communique=communique).exclude(number__in=numbers).delete()
    Area.objects.filter(communique=communique).exclude(
        number__in=range(1, len(spec["areas"]) + 1)
    ).delete()

    cities = City.objects.in_bulk(
        [slug for slug, _signatory in spec["endorsements"]], field_name="slug"
    )
    for slug, signatory in spec["endorsements"]:
        name_en, name_ar, title_en, title_ar = signatory or ("", "", "", "")
        Endorsement.objects.update_or_create(
            communique=communique,
            city=cities[slug],
            defaults={
                "signatory_name_en": name_en,
                "signatory_name_ar": name_ar,
                "signatory_title_en": title_en,
                "signatory_title_ar": title_ar,
            },
        )
    Endorsement.objects.filter(communique=communique).exclude(city__in=cities.values()).delete()

    recommendations = {r.number: r for r in Recommendation.objects.filter(communique=communique)}
    kept = []
    for number, day, status, note_en, note_ar in updates:
        update, _ = FollowUpUpdate.objects.update_or_create(
            recommendation=recommendations[number],
            date=day,
            status=status,
            defaults={"note_en": note_en, "note_ar": note_ar, "source_url": ""},
        )
        kept.append(update.pk)
    FollowUpUpdate.objects.filter(recommendation__communique=communique).exclude(
        pk__in=kept
    ).delete()
    return communique


def load() -> list[Communique]:
    """Create or update the demo communiqués, all or nothing."""
    with transaction.atomic():
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        loaded = [_load_communique(spec, updates, themes=themes) for spec, updates in COMMUNIQUES]
    return [communique for communique in loaded if communique is not None]
