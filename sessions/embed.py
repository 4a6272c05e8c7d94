"""The agenda for a frame on other sites: the same filters and rows as the
agenda page, in a page of its own with nothing personal on it, that only
the origins a summit lists may frame.

The page is cached whole like the agenda, and the cache keeps its framing
policy with it, read from the summit when the page is built: a change to
the list in the admin moves the site's content version on, and with it the
page.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.csp import CSP
from django.views.decorators.http import require_safe

from sessions.forms import AgendaFilterForm
from sessions.lifecycle import days_change_at
from sessions.selectors import agenda_days, published_summit
from u20 import pagecache
from u20.embed import embed_origins
from u20.times import parse_zone

FILTERS = ("day", "theme", "host", "language")


def framed(response, origins: list[str]):
    """response as Django's own decorators leave it for the middleware: CSP
    frame-ancestors naming exactly origins ('none' for an empty list), and
    no X-Frame-Options, which cannot name an origin, once some are listed.
    The page cache keeps both with the page."""
    response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": origins or [CSP.NONE]}
    if origins:
        response.xframe_options_exempt = True
    return response


@require_safe
@pagecache.cached_page(query=(*FILTERS, "tz"))
def embedded_agenda(request, summit):
    """The agenda, filtered by day, theme and host, in the summit's zone or
    the one ?tz= names. No form here posts, and nothing depends on who asks."""
    summit = published_summit(summit, with_languages=True)
    form = AgendaFilterForm.for_summit(request.GET, summit)
    valid = form.valid_values()
    filters = {name: valid[name] for name in FILTERS if name in valid}
    viewer_zone, days = agenda_days(summit, viewer_zone=parse_zone(valid.get("tz")), **filters)
    response = render(
        request,
        "sessions/embed.html",
        {
            "summit": summit,
            "form": form,
            "fields": [form[name] for name in FILTERS],
            "days": days,
            "viewer_zone": viewer_zone,
            "filtered": bool(filters),
        },
    )
    framed(response, embed_origins(summit.embed_origins))
    return pagecache.fresh_until(response, days_change_at(days))
