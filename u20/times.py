"""How times are shown: in the summit's zone with its label, and grouped by
the day they start on in whichever zone the reader chose.

Every date and time a reader sees is written here, in the active language:
Arabic with Arabic-Indic digits and its own comma, and the Umm al-Qura date
beside the Gregorian one where the summit asks for it. The template tags,
emails, calendar files and the admin all call these functions.
"""

import zoneinfo
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.utils import formats, timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from hijridate import Gregorian

from u20.zones import utc_offset, zone_name

_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DAY_FORMAT = "l j F Y"


def zone_of(summit) -> zoneinfo.ZoneInfo:
    """The summit's zone, or the site's (TIME_ZONE) for what belongs to none."""
    return summit.zone if summit is not None else timezone.get_default_timezone()


def _in_arabic() -> bool:
    return (get_language() or "").split("-")[0] == "ar"


def as_written(text: str) -> str:
    """text with its digits as the active language writes them: Arabic-Indic
    in Arabic (the CLDR default for ar), unchanged otherwise."""
    return text.translate(_ARABIC_DIGITS) if _in_arabic() else text


def hijri_date(day: date) -> str | None:
    """ "13 Safar 1442 AH", or "13 صفر 1442 هـ" in Arabic; None outside the
    Umm al-Qura tables (1924 to 2077)."""
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    language = "ar" if _in_arabic() else "en"
    return f"{hijri.day} {hijri.month_name(language)} {hijri.year} {hijri.notation(language)}"


def shows_hijri(summit) -> bool:
    """Whether dates on this page carry the Hijri date: on Arabic pages unless
    the summit turned it off, and on English ones when it opted in."""
    setting = getattr(summit, "hijri_dates", "arabic")
    if setting == "off":
        return False
    return setting == "both" or _in_arabic()


def day_text(day: date | datetime, summit=None, *, zone=None, fmt: str = DAY_FORMAT) -> str:
    """A date as the reader's language writes it, with the Hijri date beside it
    where the summit shows one. A datetime is first taken into zone (the
    summit's, or the site's, when none is given)."""
    if isinstance(day, datetime):
        day = day.astimezone(zone or zone_of(summit)).date()
    text = formats.date_format(day, fmt)
    hijri = hijri_date(day) if shows_hijri(summit) else None
    if hijri:
        # Translators: a Gregorian date followed by its Hijri date.
        text = pgettext("gregorian and hijri dates", "%(date)s (%(hijri)s)") % {
            "date": text,
            "hijri": hijri,
        }
    return as_written(text)


def clock(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "01:00" in zone, in the reader's digits."""
    return as_written(moment.astimezone(zone).strftime("%H:%M"))


def moment_text(moment: datetime, zone: zoneinfo.ZoneInfo, summit=None) -> str:
    """ "Wednesday 2 December 2020, 01:00" in zone."""
    # Translators: a date and a time of day; Arabic uses its own comma.
    return pgettext("a date and a time", "%(date)s, %(time)s") % {
        "date": day_text(moment, summit, zone=zone),
        "time": clock(moment, zone),
    }


def zone_label(summit, moment: datetime) -> str:
    """ "Riyadh time, UTC+3": the summit's host city and its offset then."""
    offset = as_written(utc_offset(moment, summit.zone))
    if summit.host_city_id:
        return _("%(city)s time, %(offset)s") % {"city": summit.host_city.name, "offset": offset}
    return reader_zone_label(summit.zone, moment)


def reader_zone_label(zone: zoneinfo.ZoneInfo, moment: datetime) -> str:
    """ "Tokyo time, UTC+9": a zone the reader chose, by its CLDR name in the
    page's language, and its offset then."""
    offset = as_written(utc_offset(moment, zone))
    # Translators: a time zone's name and its offset, "Tokyo time, UTC+9".
    return pgettext("a zone and its offset", "%(zone)s, %(offset)s") % {
        "zone": zone_name(zone.key, get_language() or "en"),
        "offset": offset,
    }


def parse_zone(name: str | None) -> zoneinfo.ZoneInfo | None:
    if not name or name not in zoneinfo.available_timezones():
        return None
    return zoneinfo.ZoneInfo(name)


def day_bounds(day: date, zone: zoneinfo.ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants at which day begins and ends in zone."""
    start = datetime.combine(day, time.min, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def group_by_day(sessions: Iterable, zone: zoneinfo.ZoneInfo) -> list[tuple[date, list]]:
    """Sessions grouped by the day they start on in zone, in time order.

    A session from 23:00 to 01:00 in the reader's zone belongs to the day it
    starts, whatever day that is in the summit's own zone.
    """
    ordered = sorted(sessions, key=lambda s: (s.starts_at, s.pk))
    return [
        (day, list(items))
        for day, items in groupby(ordered, key=lambda s: s.starts_at.astimezone(zone).date())
    ]


STYLES = ("full", "time")


def reading(value: datetime, zone, label: str, summit, *, end=None, style="full", beside=None):
    """One reading of a moment in zone: its words, its zone's label, and its
    end time. In the "time" style the date is left to the day heading above,
    unless this reading falls on another day than the one beside it."""
    local_day = value.astimezone(zone).date()
    if style == "time" and (beside is None or beside == local_day):
        when = clock(value, zone)
    else:
        when = moment_text(value, zone, summit)
    part = {"iso": value.isoformat(), "when": when, "label": label, "day": local_day}
    if end is not None:
        part["end_iso"] = end.isoformat()
        part["end"] = clock(end, zone)
        part["ends_next_day"] = end.astimezone(zone).date() != local_day
    return part


def moment_parts(value, summit, viewer_zone=None, *, end=None, reader_first=False, style="full"):
    """The readings of a moment a reader is shown, first then second (or
    None): the summit's, and the reader's own when known and different.
    reader_first puts the reader's first; style "time" leaves out the date."""
    if style not in STYLES:
        raise ValueError(f"moment style must be one of {STYLES}")
    summit_reading = (summit.zone, zone_label(summit, value))
    readings = [summit_reading]
    if viewer_zone is not None and viewer_zone.key != summit.time_zone:
        reader_reading = (viewer_zone, reader_zone_label(viewer_zone, value))
        readings = [reader_reading, summit_reading] if reader_first else [*readings, reader_reading]
    first = reading(value, *readings[0], summit, end=end, style=style)
    if len(readings) == 1:
        return first, None
    second = reading(value, *readings[1], summit, end=end, style=style, beside=first["day"])
    return first, second


def reading_text(part: dict) -> str:
    """One reading as plain text, for emails and calendar files:
    "Wednesday 2 December 2020, 01:00–02:00, Riyadh time, UTC+3"."""
    text = part["when"]
    if "end" in part:
        text += f"–{part['end']}"
        if part["ends_next_day"]:
            text += " " + _("(next day)")
    # Translators: between a time and its zone, as in "01:00, Riyadh time".
    return text + pgettext("between a time and its zone", ", ") + part["label"]
