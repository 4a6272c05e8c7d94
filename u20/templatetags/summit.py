from django import template
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from u20.times import utc_offset, zone_label

register = template.Library()


@register.inclusion_tag("u20/_time.html")
def session_time(session, summit, viewer_zone=None):
    """A session's start and end in the summit's zone, with the zone named,
    and in the reader's zone beside it when they chose one."""
    zone = summit.zone
    start, end = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    context = {
        "session": session,
        "start": formats.time_format(start, "H:i"),
        "end": formats.time_format(end, "H:i"),
        "ends_next_day": end.date() != start.date(),
        "label": zone_label(summit, session.starts_at),
        "viewer": None,
    }
    if viewer_zone is not None and viewer_zone.key != summit.time_zone:
        local_start = session.starts_at.astimezone(viewer_zone)
        local_end = session.ends_at.astimezone(viewer_zone)
        context["viewer"] = {
            "start": formats.time_format(local_start, "H:i"),
            "end": formats.time_format(local_end, "H:i"),
            "ends_next_day": local_end.date() != local_start.date(),
            "zone": viewer_zone.key,
            "offset": utc_offset(session.starts_at, viewer_zone),
        }
    return context


def _moment_in(value, zone, label, end=None):
    local = value.astimezone(zone)
    when = pgettext("a date and a time", "%(date)s, %(time)s") % {
        "date": formats.date_format(local, "l j F Y"),
        "time": formats.time_format(local, "H:i"),
    }
    parts = {"iso": value.isoformat(), "when": when, "label": label}
    if end is not None:
        local_end = end.astimezone(zone)
        parts["end_iso"] = end.isoformat()
        parts["end"] = formats.time_format(local_end, "H:i")
        parts["ends_next_day"] = local_end.date() != local.date()
    return parts


@register.simple_tag
def moment(value, summit, viewer_zone=None, *, end=None, reader_first=False):
    """A moment with its weekday and date in the summit's zone, the zone named,
    and in the reader's zone beside it when known and different.

    reader_first puts the reader's own date and time first, for pages that
    promise times in their zone; the summit's then stands beside it.
    """
    summit_part = _moment_in(value, summit.zone, zone_label(summit, value), end)
    reader_part = None
    if viewer_zone is not None and viewer_zone.key != summit.time_zone:
        label = _("%(zone)s time, %(offset)s") % {
            "zone": viewer_zone.key,
            "offset": utc_offset(value, viewer_zone),
        }
        reader_part = _moment_in(value, viewer_zone, label, end)
    first, second = summit_part, reader_part
    if reader_first and reader_part is not None:
        first, second = reader_part, summit_part
    return render_to_string("u20/_moment.html", {"first": first, "second": second})


@register.simple_tag
def summit_dates(summit):
    """ "30 September – 2 October 2020" in the active language."""
    start, end = summit.start_date, summit.end_date
    if start == end:
        return formats.date_format(start, "j F Y")
    if start.year == end.year:
        return f"{formats.date_format(start, 'j F')} – {formats.date_format(end, 'j F Y')}"
    return f"{formats.date_format(start, 'j F Y')} – {formats.date_format(end, 'j F Y')}"
