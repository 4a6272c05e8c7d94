"""The communiqué as open data: JSON with every text in both languages, and
CSV with one row per recommendation. Codes (statuses, memberships, slugs)
stay the same whatever the language of the address they are fetched from."""

from django.db.models import Prefetch
from django.utils import translation

from recommendations.models import Communique, FollowUpUpdate, Status
from recommendations.selectors import group_by_area, recommendations_for
from u20.models import City

LANGUAGE_CODES = ("en", "ar")


def both(obj, name: str) -> dict[str, str]:
    """A translated field in each language, as name_en and name_ar."""
    return {f"{name}_{code}": getattr(obj, f"{name}_{code}") or "" for code in LANGUAGE_CODES}


def labels(choices) -> dict[str, dict[str, str]]:
    """Each code of a TextChoices with its label in each language."""
    result = {}
    for value, label in choices:
        result[value] = {}
        for code in LANGUAGE_CODES:
            with translation.override(code):
                result[value][code] = str(label)
    return result


def _recommendations(communique: Communique):
    return recommendations_for(communique).prefetch_related(
        Prefetch("updates", queryset=FollowUpUpdate.objects.order_by("date", "pk"))
    )


def communique_data(communique: Communique, *, url_for) -> dict:
    """Everything the communiqué page shows, in both languages; url_for makes
    a path absolute."""
    summit = communique.summit
    page = url_for(communique.get_absolute_url())
    recommendations = list(_recommendations(communique))
    endorsements = communique.endorsements.select_related("city").order_by("city__name_en")
    return {
        "summit": {"slug": summit.slug, "year": summit.year, **both(summit, "name")},
        "communique": {
            "url": page,
            **both(communique, "title"),
            **both(communique, "preamble"),
            "handed_over_on": (
                communique.handed_over_on.isoformat() if communique.handed_over_on else None
            ),
            **both(communique, "handed_over_to"),
            "is_summary": communique.is_summary,
            "pdf": url_for(communique.get_pdf_url()) if communique.pdf else None,
        },
        "statuses": labels(Status.choices),
        "memberships": labels(City.Membership.choices),
        "areas": [
            {
                "number": group.area.number,
                **both(group.area, "title"),
                **both(group.area, "introduction"),
                "recommendations": [
                    {
                        "number": r.number,
                        "url": f"{page}#{r.anchor}",
                        **both(r, "text"),
                        "status": r.current_status,
                        "themes": [
                            {"slug": theme.slug, **both(theme, "name")} for theme in r.themes.all()
                        ],
                        "sessions": [
                            {
                                "slug": session.slug,
                                "url": url_for(session.get_absolute_url()),
                                **both(session, "title"),
                            }
                            for session in r.published_sessions
                        ],
                        "updates": [
                            {
                                "date": update.date.isoformat(),
                                "status": update.status,
                                **both(update, "note"),
                                "source_url": update.source_url,
                            }
                            for update in r.updates.all()
                        ],
                    }
                    for r in group.recommendations
                ],
            }
            for group in group_by_area(recommendations)
        ],
        "endorsements": [
            {
                "city": {
                    "slug": e.city.slug,
                    **both(e.city, "name"),
                    **both(e.city, "country"),
                    "membership": e.city.membership,
                },
                **both(e, "signatory_name"),
                **both(e, "signatory_title"),
                "date": e.endorsed_on.isoformat() if e.endorsed_on else None,
            }
            for e in endorsements
        ],
    }


CSV_HEADER = [
    "number",
    "area_number",
    "area_title_en",
    "area_title_ar",
    "text_en",
    "text_ar",
    "status",
    "status_en",
    "status_ar",
    "status_date",
    "themes_en",
    "themes_ar",
    "sessions",
    "url",
]


def communique_rows(communique: Communique, *, url_for):
    """One row per recommendation, both languages side by side."""
    status_labels = labels(Status.choices)
    page = url_for(communique.get_absolute_url())
    for r in _recommendations(communique):
        updates = list(r.updates.all())
        themes = list(r.themes.all())
        yield [
            r.number,
            r.area.number,
            r.area.title_en,
            r.area.title_ar,
            r.text_en,
            r.text_ar,
            r.current_status,
            status_labels[r.current_status]["en"],
            status_labels[r.current_status]["ar"],
            updates[-1].date.isoformat() if updates else "",
            "; ".join(theme.name_en or "" for theme in themes),
            "; ".join(theme.name_ar or "" for theme in themes),
            " ".join(url_for(session.get_absolute_url()) for session in r.published_sessions),
            f"{page}#{r.anchor}",
        ]
