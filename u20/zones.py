"""Time zones by names people recognise: "Dubai time (UTC+4)" rather than
"Asia/Dubai", in the reader's language, from the Unicode CLDR data that
Babel ships.

The list holds the canonical IANA zones (one per place, such as
"Asia/Kolkata") and "UTC"; the legacy aliases the tz database keeps for old
software ("US/Eastern", "Asia/Calcutta", "Etc/GMT+3", "EST5EDT") are left
out, and an alias someone already chose is read as the zone it stands for.
"""

import zoneinfo
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_timezone_location
from django.utils import timezone, translation
from django.utils.translation import gettext as _

UTC = "UTC"
# The zones with no offset ever, and the names they go by, are all UTC.
UNIVERSAL = frozenset({"Etc/UTC", "Etc/GMT"})


def utc_offset(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "UTC+3", "UTC-4", "UTC+5:30" or "UTC" for moment in zone."""
    offset = moment.astimezone(zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


@cache
def canonical_zones() -> frozenset[str]:
    """The keys the list offers: every place's zone CLDR knows (it names a
    territory for each) that this machine's tz database has, and UTC."""
    known = zoneinfo.available_timezones()
    places = {
        key
        for key in get_global("zone_territories")
        if key in known and "/" in key and not key.startswith("Etc/")
    }
    return frozenset(places | {UTC})


def canonical_zone(key: str) -> str:
    """The list's key for key: itself, or the zone a legacy alias stands for
    ("Asia/Calcutta" is "Asia/Kolkata"); a key the list cannot place is
    returned as it came."""
    if key in canonical_zones():
        return key
    target = get_global("zone_aliases").get(key, key)
    if target in UNIVERSAL:
        return UTC
    return target if target in canonical_zones() else key


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(translation.to_locale(language or "en"))
    except (ValueError, UnknownLocaleError):
        return Locale("en")


@lru_cache(maxsize=4096)
def zone_name(key: str, language: str) -> str:
    """ "Dubai time", "بتوقيت دبي": the zone named after its city in language.
    A key that is not a place (a legacy "Etc/GMT+3") is shown as it is.
    Kept per process: an agenda in the reader's zone names it on every row,
    and neither CLDR nor the catalogue changes while the process runs."""
    key = canonical_zone(key)
    with translation.override(language):
        if key == UTC:
            return _("Coordinated Universal Time")
        if key not in canonical_zones():
            return key
        city = get_timezone_location(key, locale=_locale(language), return_city=True)
        # Translators: a time zone named after its main city, "Dubai time".
        return _("%(city)s time") % {"city": city}


def zone_label(key: str, language: str, on: date) -> str:
    """ "Dubai time (UTC+4)": the zone's name and its offset on that day."""
    return f"{zone_name(key, language)} ({_offset(key, on)})"


def _offset_moment(on: date) -> datetime:
    # Noon UTC: past the night-time hour at which most zones change their
    # clocks on a changeover day, so the offset is the one the day mostly has.
    return datetime.combine(on, time(12), tzinfo=zoneinfo.ZoneInfo(UTC))


def _offset(key: str, on: date) -> str:
    try:
        zone = zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC
    return utc_offset(_offset_moment(on), zone)


@lru_cache(maxsize=16)
def _choices(language: str, on: date) -> tuple[tuple[str, str], ...]:
    moment = _offset_moment(on)
    rows = []
    for key in canonical_zones():
        label = zone_label(key, language, on)
        minutes = moment.astimezone(zoneinfo.ZoneInfo(key)).utcoffset().total_seconds() // 60
        rows.append((minutes, label.casefold(), key, label))
    rows.sort()
    return tuple((key, label) for _minutes, _folded, key, label in rows)


def zone_choices(language: str, on: date | None = None) -> list[tuple[str, str]]:
    """(IANA key, label) for every zone in the list, labelled in language with
    the offset each has on the given day (today, UTC, by default), sorted by
    offset and then by label. Built once per language and day."""
    return list(_choices(language or "en", on or timezone.now().date()))
