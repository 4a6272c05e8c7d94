"""Load the core's demo data: the cities, themes and organisations (each with
a generated logo), and the summits with their themes and partners, among them
the practice edition, whose days follow from the moment of loading.

Loading is idempotent: rows are matched on their slug (or natural key for
summit partners) and updated in place; the themes and partners of a demo
summit are set to exactly what the data say. A logo is drawn only for an
organisation that has none yet, so re-running adds no files.

This is the first of the apps' loaders; demo.loader runs them all in order
(the agenda's sessions.demo comes next) and makes cached pages stale once.
"""

import io
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from u20.demo_data import CITIES, ORGANISATIONS, PRACTICE_SUMMIT, RIYADH, SUMMITS, THEMES
from u20.images import refresh_thumbnails
from u20.models import City, Organisation, Summit, SummitPartner, Theme

LOGO_SIZE = 256


def practice_days(now: datetime) -> tuple[date, date]:
    """The practice edition's first and last day in Riyadh, from now alone.

    It ends three days after today, and starts on the day it was 25 hours
    ago, which holds the earliest practice session the agenda places around
    the same moment: an hour long, ending at the quarter hour a day before
    now (rounding down to a quarter hour never crosses midnight). That is
    yesterday, or the day before in the first hour after midnight;
    sessions.demo checks that each session starts on one of these days.
    """
    today = now.astimezone(RIYADH).date()
    first = (now - timedelta(days=1, hours=1)).astimezone(RIYADH).date()
    return first, today + timedelta(days=3)


def practice_summit(now: datetime) -> dict:
    """The practice edition, its days placed around now."""
    start_date, end_date = practice_days(now)
    return {
        **PRACTICE_SUMMIT,
        "year": now.astimezone(RIYADH).year,
        "start_date": start_date,
        "end_date": end_date,
    }


# Loading


def _fields(spec: dict, *exclude: str) -> dict:
    return {key: value for key, value in spec.items() if key not in exclude}


def _file_exists(field: FieldFile) -> bool:
    return bool(field) and field.storage.exists(field.name)


def logo_png(mark: str, colour: str) -> ContentFile:
    """A square PNG: the mark in white, centred on a coloured background."""
    image = Image.new("RGB", (LOGO_SIZE, LOGO_SIZE), colour)
    draw = ImageDraw.Draw(image)
    size = 120
    while True:
        font = ImageFont.load_default(size=size)
        left, top, right, bottom = draw.textbbox((0, 0), mark, font=font)
        if right - left <= LOGO_SIZE * 0.8 or size <= 12:
            break
        size -= 4
    position = ((LOGO_SIZE - (right - left)) / 2 - left, (LOGO_SIZE - (bottom - top)) / 2 - top)
    draw.text(position, mark, font=font, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue())


def _load_cities() -> dict[str, City]:
    return {
        spec["slug"]: City.objects.update_or_create(slug=spec["slug"], defaults=_fields(spec))[0]
        for spec in CITIES
    }


def _load_themes() -> dict[str, Theme]:
    return {
        spec["slug"]: Theme.objects.update_or_create(slug=spec["slug"], defaults=_fields(spec))[0]
        for spec in THEMES
    }


def _load_organisations() -> dict[str, Organisation]:
    organisations = {}
    for spec in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            slug=spec["slug"], defaults=_fields(spec, "mark", "colour")
        )
        if not _file_exists(organisation.logo):
            organisation.logo.save(
                f"{organisation.slug}.png", logo_png(spec["mark"], spec["colour"]), save=False
            )
            organisation.save(update_fields=["logo"])
            refresh_thumbnails(organisation)
        elif not _file_exists(organisation.logo_thumbnail):
            refresh_thumbnails(organisation)
        organisations[spec["slug"]] = organisation
    return organisations


def _load_summits(
    specs: list[dict],
    *,
    cities: dict[str, City],
    themes: dict[str, Theme],
    organisations: dict[str, Organisation],
) -> dict[str, Summit]:
    # One summit only may be current: clear the flag everywhere else first.
    current = [spec["slug"] for spec in specs if spec["is_current"]]
    Summit.objects.filter(is_current=True).exclude(slug__in=current).update(is_current=False)
    summits = {}
    for spec in specs:
        defaults = _fields(spec, "host_city", "themes", "partners")
        defaults["host_city"] = cities[spec["host_city"]]
        summit, _ = Summit.objects.update_or_create(slug=spec["slug"], defaults=defaults)
        summit.themes.set([themes[slug] for slug in spec["themes"]])
        _set_partners(summit, spec["partners"], organisations)
        summits[spec["slug"]] = summit
    return summits


def _set_partners(
    summit: Summit, partners: list[tuple[str, str]], organisations: dict[str, Organisation]
) -> None:
    kept = []
    for order, (slug, role) in enumerate(partners):
        partner, _ = SummitPartner.objects.update_or_create(
            summit=summit,
            organisation=organisations[slug],
            defaults={"role": role, "order": order},
        )
        kept.append(partner.pk)
    summit.partnerships.exclude(pk__in=kept).delete()


def load(*, now: datetime | None = None) -> dict[str, Summit]:
    """Create or update the core's demo rows, all or nothing; the practice
    edition's days are placed around now (by default, this moment)."""
    now = now or timezone.now()
    with transaction.atomic():
        cities = _load_cities()
        themes = _load_themes()
        organisations = _load_organisations()
        return _load_summits(
            [*SUMMITS, practice_summit(now)],
            cities=cities,
            themes=themes,
            organisations=organisations,
        )
