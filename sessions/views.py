from django.shortcuts import render
from django.utils import formats
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from sessions.forms import AgendaFilterForm
from sessions.selectors import agenda_sessions, published_session, published_summit, summit_hosts
from u20.times import group_by_day, parse_zone


@require_safe
def agenda(request, summit):
    summit = published_summit(summit)
    form = AgendaFilterForm(
        request.GET,
        days=summit.days(),
        themes=summit.themes.all(),
        hosts=summit_hosts(summit),
        day_format=lambda day: formats.date_format(day, "l j F"),
    )
    filters = form.valid_values()
    viewer_zone = parse_zone(filters.pop("tz", None))
    zone = viewer_zone or summit.zone
    sessions = agenda_sessions(summit, zone=zone, **filters)
    # The day list is the costly part; it is cached per summit version and
    # filter set, and computed only when the cache misses. Free-text searches
    # are not cached: their keys would be unbounded.
    days = SimpleLazyObject(lambda: group_by_day(sessions, zone))
    cache_key = None
    if "q" not in filters:
        cache_key = "|".join(
            [zone.key] + [f"{name}={value}" for name, value in sorted(filters.items())]
        )
    return render(
        request,
        "sessions/agenda.html",
        {
            "summit": summit,
            "form": form,
            "days": days,
            "cache_key": cache_key,
            "viewer_zone": viewer_zone,
            "filtered": bool(filters),
        },
    )


@require_safe
def session_detail(request, summit, session):
    session = published_session(summit, session)
    return render(
        request, "sessions/session_detail.html", {"summit": session.summit, "session": session}
    )
