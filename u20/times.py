"""How times are shown: in the summit's zone with its label, and grouped by
the day they start on in whichever zone the reader chose."""

import zoneinfo
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.utils.translation import gettext as _


def utc_offset(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "UTC+3", "UTC-4", "UTC+5:30" or "UTC" for moment in zone."""
    offset = moment.astimezone(zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(summit, moment: datetime) -> str:
    """ "Riyadh time, UTC+3": the summit's host city and its offset then."""
    offset = utc_offset(moment, summit.zone)
    if summit.host_city_id:
        return _("%(city)s time, %(offset)s") % {"city": summit.host_city.name, "offset": offset}
    return _("%(zone)s time, %(offset)s") % {"zone": summit.time_zone, "offset": offset}


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
