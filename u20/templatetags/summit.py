from django import template
from django.utils import formats

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


@register.simple_tag
def summit_dates(summit):
    """ "30 September – 2 October 2020" in the active language."""
    start, end = summit.start_date, summit.end_date
    if start == end:
        return formats.date_format(start, "j F Y")
    if start.year == end.year:
        return f"{formats.date_format(start, 'j F')} – {formats.date_format(end, 'j F Y')}"
    return f"{formats.date_format(start, 'j F Y')} – {formats.date_format(end, 'j F Y')}"
