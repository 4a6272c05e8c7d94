"""Whole public pages, cached for anonymous visitors.

A page is kept under its language, path, normalised query string and the
site's content version. Every path that changes public content calls
Summit.objects.content_changed(), which moves the version on once its
transaction commits, so the next request on any server builds the page
anew; an entry also expires after PAGE_CACHE_SECONDS, which bounds what
changes with the clock alone. A page that knows when it will change (a
session going live, a recording's hour) says so with fresh_until(), and is
kept, here and by caches on the way, no longer than that.

Only what cannot be personal is kept or served from here: a GET or HEAD
from a visitor with no session or messages cookie, for a page with no query
parameter other than the view's known filters, answered 200 without
setting a cookie (a page with a form sets the CSRF cookie) or saying it is
private. Such answers say `Cache-Control: public, max-age=...` so a CDN may
keep them too, carry an ETag and Last-Modified, and answer a conditional
GET with 304.
"""

import hashlib
import math
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

VERSION_KEY = "page-content-version"
# Headers a view sets that belong to the page itself; the middleware adds the rest.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
# Longer values are never filters a page offers: such requests are served uncached.
MAX_VALUE_LENGTH = 80
# How long caches on the way may keep an export or a feed (max_age): calendar
# and schedule apps fetch these again and again, and revalidate by ETag after.
EXPORT_MAX_AGE = 300


def fresh_until(response: HttpResponse, moment: datetime | None) -> HttpResponse:
    """Say that response stops being right at moment (None: not by the clock)."""
    if moment is not None:
        earlier = getattr(response, "fresh_until", None)
        response.fresh_until = moment if earlier is None else min(earlier, moment)
    return response


def lifetime(response: HttpResponse, longest: int) -> int:
    """Seconds response may be kept: longest, or less if it changes sooner."""
    moment = getattr(response, "fresh_until", None)
    if moment is None:
        return longest
    return max(0, min(longest, math.ceil((moment - timezone.now()).total_seconds())))


def content_version() -> int:
    """The site's content version, shared by every server through the cache.
    A version lost from the cache starts again from the clock, never below
    one already used."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns())
        version = cache.get(VERSION_KEY, 0)
    return version


def content_changed() -> None:
    """Make every cached page stale: now, and again once the change being
    made is committed, since a page built from the old content meanwhile
    could be kept under the version of now."""
    _next_version()
    transaction.on_commit(_next_version)


def _next_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache: the next read starts a new one
        cache.add(VERSION_KEY, time.time_ns())


def _anonymous(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _query_key(request: HttpRequest, known: frozenset[str]) -> str | None:
    """The query string in one order, or None when it names anything but
    the page's own filters (a search, a mistyped or a made-up parameter)."""
    pairs = []
    for name, values in sorted(request.GET.lists()):
        if name not in known or any(len(value) > MAX_VALUE_LENGTH for value in values):
            return None
        pairs += [f"{name}={value}" for value in sorted(values)]
    return "&".join(pairs)


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The page holds a CSRF token: it is this visitor's, with their cookie.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def _entry(response: HttpResponse, lifetime: int | None) -> dict:
    content = response.content
    return {
        "content": content,
        "headers": {name: response[name] for name in KEPT_HEADERS if name in response},
        "etag": f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"',
        "last_modified": int(time.time()),
        # A policy of the page's own (csp_override) and its leave to be
        # framed (xframe_options_exempt), which the middleware writes out.
        "csp": getattr(response, "_csp_config", None),
        "xframe_exempt": getattr(response, "xframe_options_exempt", False),
        # Set when the page changes with the clock before the entry would expire.
        "expires": None if lifetime is None else time.time() + lifetime,
    }


def _from_entry(request: HttpRequest, entry: dict, max_age: int | None = None) -> HttpResponse:
    response = HttpResponse(entry["content"], headers=entry["headers"])
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["last_modified"])
    if entry.get("csp") is not None:
        response._csp_config = entry["csp"]
    if entry.get("xframe_exempt"):
        response.xframe_options_exempt = True
    if max_age is None:
        max_age = settings.PAGE_CACHE_SECONDS
    if entry.get("expires") is not None:
        # Caches on the way keep it no longer than it stays right.
        max_age = max(0, min(max_age, math.ceil(entry["expires"] - time.time())))
    public(response, max_age=max_age)
    return get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
    )


def public(response: HttpResponse, *, max_age: int | None = None) -> HttpResponse:
    """What an anonymous page says to caches on the way: anyone may keep it
    max_age seconds (PAGE_CACHE_SECONDS unless told); whoever sends cookies
    may be someone else."""
    if max_age is None:
        max_age = settings.PAGE_CACHE_SECONDS
    patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, ["Cookie"])
    return response


def private(response: HttpResponse) -> HttpResponse:
    """What a page for one person says: no cache, here or on the way, may
    keep it (a join link, an embargoed release, a badge)."""
    response["Cache-Control"] = "private, no-store"
    return response


def cached_page(
    view: Callable | None = None, *, query: Iterable[str] = (), max_age: int | None = None
):
    """Serve view's page to anonymous visitors from the cache. query names
    the parameters the page understands (its filters): with any other, the
    page is built for that request alone. max_age is how long caches on the
    way may keep it, for files programs fetch again and again (exports,
    feeds); pages say PAGE_CACHE_SECONDS. The entry here expires after
    PAGE_CACHE_SECONDS either way."""
    known = frozenset(query)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or not _anonymous(request):
                return view(request, *args, **kwargs)
            query_key = _query_key(request, known)
            if query_key is None or not settings.PAGE_CACHE_SECONDS:
                response = view(request, *args, **kwargs)
                if _storable(request, response):
                    longest = settings.PAGE_CACHE_SECONDS if max_age is None else max_age
                    public(response, max_age=lifetime(response, longest))
                return response
            parts = (str(content_version()), request.LANGUAGE_CODE, request.path, query_key)
            key = "page:" + hashlib.blake2b("\n".join(parts).encode(), digest_size=20).hexdigest()
            entry = cache.get(key)
            if entry is None:
                response = view(request, *args, **kwargs)
                if not _storable(request, response):
                    return response
                kept = lifetime(response, settings.PAGE_CACHE_SECONDS)
                changes = getattr(response, "fresh_until", None) is not None
                entry = _entry(response, kept if changes else None)
                if kept:
                    cache.set(key, entry, kept)
            return _from_entry(request, entry, max_age)

        return wrapper

    return decorator(view) if view is not None else decorator
