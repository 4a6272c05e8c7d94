"""The agenda for a frame on other sites: the same filters and rows as the
agenda page, in a page of its own with nothing personal on it, that only
the origins a summit lists may frame.

The page is cached whole like the agenda; its framing headers are not
part of what the cache keeps, so they are set outside it, on every answer,
from the summit's list. A page being built reads the list with the summit;
a page from the cache reads it from the cache, kept under the site's content
version, which every change made in the admin moves on, so that page costs
no query either.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from sessions.forms import AgendaFilterForm
from sessions.lifecycle import days_change_at
from sessions.selectors import agenda_days, published_summit
from u20 import pagecache
from u20.embed import embed_origins
from u20.models import Summit
from u20.times import parse_zone

FILTERS = ("day", "theme", "host", "language")


def _key(slug: str) -> str:
    return f"embed-origins:{pagecache.content_version()}:{slug}"


def framing_origins(slug: str) -> list[str] | None:
    """The origins that may frame the embedded agenda of the published
    summit slug names (empty: none may); None when there is no such summit."""
    found = cache.get(_key(slug))
    if found is None:
        listed = (
            Summit.objects.published()
            .filter(slug=slug)
            .values_list("embed_origins", flat=True)
            .first()
        )
        found = {"origins": None if listed is None else embed_origins(listed)}
        cache.set(_key(slug), found, settings.PAGE_CACHE_SECONDS)
    return found["origins"]


def _framed(response, origins: list[str]):
    """response as Django's own decorators leave it for the middleware: CSP
    frame-ancestors naming exactly origins ('none' for an empty list), and
    no X-Frame-Options, which cannot name an origin, once some are listed."""

    def answer(request):
        return response

    policy = {**settings.SECURE_CSP, "frame-ancestors": origins or [CSP.NONE]}
    answer = csp_override(policy)(answer)
    if origins:
        answer = xframe_options_exempt(answer)
    return answer


def framed_by_listed_origins(view):
    """Let the origins its summit lists frame view's page, and no other.
    A view that builds the page reads the summit, and leaves its origins on
    the request as embed_origins; a page from the page cache does not, and
    they are read through framing_origins."""

    @wraps(view)
    def wrapper(request, summit, **kwargs):
        response = view(request, summit, **kwargs)
        origins = getattr(request, "embed_origins", None)
        if origins is None:
            origins = framing_origins(summit)
        else:
            cache.set(_key(summit), {"origins": origins}, settings.PAGE_CACHE_SECONDS)
        if origins is None:
            return response
        return _framed(response, origins)(request)

    return wrapper


@require_safe
@framed_by_listed_origins
@pagecache.cached_page(query=(*FILTERS, "tz"))
def embedded_agenda(request, summit):
    """The agenda, filtered by day, theme and host, in the summit's zone or
    the one ?tz= names. No form here posts, and nothing depends on who asks."""
    summit = published_summit(summit, with_languages=True)
    form = AgendaFilterForm.for_summit(request.GET, summit)
    valid = form.valid_values()
    filters = {name: valid[name] for name in FILTERS if name in valid}
    viewer_zone, days = agenda_days(summit, viewer_zone=parse_zone(valid.get("tz")), **filters)
    request.embed_origins = embed_origins(summit.embed_origins)
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
    return pagecache.fresh_until(response, days_change_at(days))
